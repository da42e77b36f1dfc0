import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Un tipo de problema (RFC 9457). `type` es una URI que identifica la clase de error: es un nombre
 * estable, no hace falta que resuelva (si resuelve, que lleve a su documentación). `title` resume
 * el tipo y no cambia entre ocurrencias. `code` es una extensión de Foodly: el mismo tipo en corto.
 */
export type ProblemType = { type: string; title: string; code: string };

export const problemType = (code: string, slug: string, title: string): ProblemType => ({
  type: `https://foodly.example/problemas/${slug}`,
  title,
  code,
});

// Frases de estado de RFC 9110 (429, RFC 6585): con type "about:blank", title debería ser la del estado.
const statusPhrases: Partial<Record<number, string>> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 411: 'Length Required',
  412: 'Precondition Failed', 413: 'Content Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable', 417: 'Expectation Failed', 421: 'Misdirected Request', 422: 'Unprocessable Content',
  426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** Un problema sin más semántica que su estado: about:blank, la frase del estado y 401 → UNAUTHORIZED. */
export function statusProblem(status: number, code?: string): ProblemType {
  const title = statusPhrases[status] ?? `HTTP ${status}`;
  return { type: 'about:blank', title, code: code ?? title.toUpperCase().replace(/[^A-Z0-9]+/g, '_') };
}

/**
 * Responde application/problem+json: type y title del tipo, status, detail (esta ocurrencia, para
 * personas), instance (la petición que falló) y la extensión code; headers se conservan (p. ej. WWW-Authenticate).
 */
export function problem<S extends ContentfulStatusCode>(c: Context, status: S, kind: ProblemType, detail?: string, headers?: Headers) {
  headers?.forEach((value, name) => {
    if (name !== 'content-type' && name !== 'content-length') c.header(name, value, { append: true });
  });
  const body = { type: kind.type, title: kind.title, status, detail, instance: c.req.path, code: kind.code };
  // c.json con otro Content-Type: el cuerpo sale tipado, así una ruta de createRoute puede devolverlo.
  return c.json(body, status, { 'Content-Type': 'application/problem+json' });
}

/** El problema (RFC 9457) como esquema: un solo componente `Problem` en /openapi.json para todos los errores. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'about:blank' }),
    title: z.string().openapi({ example: 'Not Found' }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().optional(),
    instance: z.string().openapi({ example: '/ruta' }),
    code: z.string().openapi({ example: 'NOT_FOUND' }),
  })
  .openapi('Problem');

/** Una respuesta de error para createRoute: application/problem+json con el componente Problem. */
export const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
