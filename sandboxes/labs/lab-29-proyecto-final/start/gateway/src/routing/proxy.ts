import type { Context } from 'hono';
import type { StatusCode } from 'hono/utils/http-status';
import type { GatewayRoute } from './routes.ts';
import { upstreamPath } from './routes.ts';

// Cabeceras de esta conexión, no de la petición: no se reenvían (RFC 9110, 7.6.1). Las de identidad
// (X-User-Id) las escribe solo el gateway: si un cliente manda una, se tira y se pone la verificada.
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length'];
const IDENTITY = ['x-user-id'];

export type Upstream = (url: string, init: RequestInit) => Promise<Response>;

// #region forward
/** Reenvía la petición al servicio de la ruta, con el id de correlación y el usuario verificado. */
export async function forward(c: Context, route: GatewayRoute, upstream: Upstream, timeoutMs: number): Promise<Response> {
  const headers = new Headers(c.req.raw.headers);
  for (const name of HOP_BY_HOP) headers.delete(name);
  // TODO 2: tira también las cabeceras de IDENTITY que mande el cliente, pon x-correlation-id con
  // c.get('requestId') y, si hay un token verificado (c.get('jwtPayload')), x-user-id con su sub.
  void IDENTITY;
  const url = new URL(c.req.url);
  const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await c.req.arrayBuffer();
  const target = `${route.upstream}${upstreamPath(route, url.pathname)}${url.search}`;
  const response = await upstream(target, { method: c.req.method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
  // c.newResponse y no la de fetch tal cual: así conserva las cabeceras que ya puso el gateway
  // (X-Correlation-Id de requestId, RateLimit-* del límite), además de las del servicio.
  const answer = new Headers(response.headers);
  answer.delete('content-length');
  return c.newResponse(response.body, { status: response.status as StatusCode, headers: answer });
}
// #endregion forward
