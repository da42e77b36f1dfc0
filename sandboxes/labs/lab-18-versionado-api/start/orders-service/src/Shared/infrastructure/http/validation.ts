import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';

type Issue = { path: PropertyKey[]; message: string; code: string };
type ValidationResult = { target: string; success: boolean; error?: { issues: Issue[] } };

const locations: Record<string, string> = { json: 'body', form: 'body', query: 'query', param: 'path', header: 'header', cookie: 'cookie' };

/**
 * Hook de validación: responde 422 con el detalle de cada campo, en el mismo formato que FastAPI:
 * {"detail":[{"loc":["body","email"],"msg":"…","type":"…"}]}
 */
export function validationHook(result: ValidationResult, c: Context) {
  if (result.success) return;
  const where = locations[result.target] ?? result.target;
  const detail = (result.error?.issues ?? []).map((issue) => ({
    loc: [where, ...issue.path.map(String)],
    msg: issue.message,
    type: issue.code,
  }));
  return c.json({ detail }, 422);
}

/** El 422 de validationHook, documentado: application/json con el detalle de cada campo. */
export const ValidationErrorSchema = z
  .object({ detail: z.array(z.object({ loc: z.array(z.string()), msg: z.string(), type: z.string() })) })
  .openapi('ValidationError');

/** Un campo no válido dentro de un problema 422: dónde (JSON Pointer en el cuerpo, o el parámetro) y qué le pasa. */
export type InvalidField = { detail: string; pointer?: string; parameter?: string };

const escapePointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

// #region problem-validation
/**
 * Hook de validación en RFC 9457: 422 application/problem+json con la extensión `errors`, una
 * entrada por campo (como el ejemplo de la sección 3 del RFC: `pointer` "#/age"). El mismo formato
 * que cualquier otro error del servicio, así el cliente trata todos los errores con un solo código.
 */
export function problemValidationHook(result: ValidationResult, c: Context) {
  if (result.success) return;
  const errors: InvalidField[] = (result.error?.issues ?? []).map((issue) =>
    result.target === 'json'
      ? { detail: issue.message, pointer: `#/${issue.path.map((segment) => escapePointer(String(segment))).join('/')}` }
      : { detail: issue.message, parameter: issue.path.map(String).join('.') || result.target },
  );
  const body = {
    type: 'https://foodly.example/problemas/datos-no-validos',
    title: 'Datos no válidos',
    status: 422,
    detail: `La petición tiene ${errors.length} ${errors.length === 1 ? 'campo no válido' : 'campos no válidos'}.`,
    instance: c.req.path,
    code: 'VALIDATION_ERROR',
    errors,
  };
  return c.body(JSON.stringify(body), 422, { 'content-type': 'application/problem+json' });
}
// #endregion problem-validation
