import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Respuesta de error con el formato estándar RFC 9457 (application/problem+json) y un código estable. */
export function problem(c: Context, status: ContentfulStatusCode, code: string, title: string, detail?: string): Response {
  return c.body(JSON.stringify({ type: 'about:blank', title, status, detail, code }), status, {
    'content-type': 'application/problem+json',
  });
}

/** Error que una ruta lanza para que app.onError lo responda como problem+json. */
export class ProblemError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly title: string;

  constructor(status: ContentfulStatusCode, code: string, title: string, detail: string) {
    super(detail);
    this.status = status;
    this.code = code;
    this.title = title;
  }
}
