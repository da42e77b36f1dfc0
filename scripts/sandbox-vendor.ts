// Builds the self-hosted dependencies of the browser sandbox engine into public/sandbox-vendor/
// (and the preview frame into public/__preview__/). Run before `astro build`/`astro dev`.
import { fileURLToPath } from 'node:url';
import { buildSandboxVendor } from '../src/sandbox/vendor/build.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const startedAt = performance.now();
const result = await buildSandboxVendor({ root, base: process.env.SITE_BASE ?? '/' });
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const js = result.files.filter((f) => f.path.endsWith('.js') && !f.path.startsWith('swagger-ui-dist/'));
const total = js.reduce((sum, f) => sum + f.gzip, 0);
console.log(`sandbox-vendor: ${Object.keys(result.importMap.imports).length} specifiers, ${js.length} JS files, ${kib(total)} gzip in ${result.outDir} (${Math.round(performance.now() - startedAt)} ms)`);
