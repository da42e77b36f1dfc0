import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Respuesta de error RFC 9457 (application/problem+json) con un código estable para las máquinas. */
export function problem(c: Context, status: ContentfulStatusCode, code: string, title: string, detail?: string): Response {
  return c.body(JSON.stringify({ type: 'about:blank', title, status, detail, code }), status, {
    'content-type': 'application/problem+json',
  });
}
