// For engines tested in Node: loads a checks.ts source the way the page does (types stripped,
// then imported as a module), so runChecks(source) takes the same input everywhere.
import { transform } from 'sucrase';
import type { Check } from '../../../../sandboxes/lib/checks-types.ts';

export async function importChecksSource(source: string): Promise<Check[]> {
  const { code } = transform(source, { transforms: ['typescript'], disableESTransforms: true });
  const module = (await import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default?: Check[] };
  if (!Array.isArray(module.default)) throw new Error('checks.ts debe exportar por defecto una lista de comprobaciones.');
  return module.default;
}
