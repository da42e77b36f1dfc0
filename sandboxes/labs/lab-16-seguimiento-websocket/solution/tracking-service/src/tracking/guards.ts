import type { MiddlewareHandler } from 'hono';
import { problem } from '../shared/problem.ts';
import { trackingProblems } from '../shared/problemTypes.ts';

/** Sin cabecera Upgrade no hay WebSocket que abrir: 426, y el ticket de la URL no se gasta. */
export const requireWebSocketUpgrade: MiddlewareHandler = async (c, next) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    c.header('Upgrade', 'websocket');
    return problem(c, 426, trackingProblems.upgradeRequired, 'Abre esta ruta con un cliente WebSocket (new WebSocket(url)).');
  }
  await next();
};

// #region origin-check
/**
 * Un navegador siempre manda Origin en el handshake y una página no puede falsearlo: si viene de un origen
 * que no es el nuestro, es otra web intentando usar la sesión del cliente (Cross-Site WebSocket Hijacking).
 * Sin Origin no es un navegador (una app, un script): para esos clientes manda el ticket.
 */
export function originCheck(allowedOrigins: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && !allowedOrigins.includes(origin)) {
      console.warn(`[canal] handshake rechazado: origen ${origin} no permitido`);
      return problem(c, 403, trackingProblems.forbiddenOrigin, `Las páginas de ${origin} no pueden abrir este canal.`);
    }
    await next();
  };
}
// #endregion origin-check
