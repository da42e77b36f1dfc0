// @hono/node-server/conninfo inside the browser engine: a sandboxed service has no socket; every
// request comes from the page on the same machine, so the client is the loopback address (as it is
// for `npm run foodly` in Node). Keeps per-IP code (e.g. the login rate limit) running unchanged.
import type { Context } from 'hono';

export function getConnInfo(_c: Context) {
  return { remote: { address: '127.0.0.1', port: undefined, addressType: 'IPv4' as const } };
}
