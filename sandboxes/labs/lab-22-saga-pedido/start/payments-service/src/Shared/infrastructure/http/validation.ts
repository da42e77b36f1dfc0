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

export const validationErrorResponse = {
  description: 'Datos no válidos: el detalle de cada campo',
  content: { 'application/json': { schema: ValidationErrorSchema } },
};
