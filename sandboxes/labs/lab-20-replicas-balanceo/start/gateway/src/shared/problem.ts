import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Un error RFC 9457 (problem+json) con un código estable de Foodly. */
export function problem(c: Context, status: ContentfulStatusCode, title: string, detail: string, code: string) {
  return c.body(JSON.stringify({ type: 'about:blank', title, status, detail, instance: c.req.path, code }), status, {
    'Content-Type': 'application/problem+json',
  });
}
