import type { Context, MiddlewareHandler } from 'hono';
import type { UpgradeWebSocket, WSContext, WSMessageReceive } from 'hono/ws';
import type { GatewayRoute } from './routes.ts';
import { upstreamPath } from './routes.ts';

/** Frames del cliente que se guardan mientras el servicio aún no ha aceptado; más, y se cierra (1013). */
export const MAX_PENDING_FRAMES = 32;

// El WebSocket global de Node (undici) acepta cabeceras en el handshake ({ headers }); el del navegador no,
// pero este cliente es el gateway, un proceso de Node. Los tipos de DOM solo conocen (url, protocols).
type WebSocketWithHeaders = new (url: string, init: { headers: Record<string, string> }) => WebSocket;

/** Un código que un cliente WebSocket puede mandar: 1000 o 3000-4999 (los demás los reserva el protocolo). */
const clientCloseCode = (code: number) => (code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000);

// #region live-proxy
/**
 * El canal en vivo a través del gateway: acepta el WebSocket del cliente (ya verificado su token) y abre
 * otro hacia el servicio, con el id de correlación y el usuario verificado. Los frames pasan tal cual en
 * los dos sentidos; cuando un lado cierra, se cierra el otro con el mismo código (si el protocolo lo
 * permite). El cliente no llega nunca al servicio: el gateway es la única puerta, también para esto.
 */
export function proxyWebSocket(route: GatewayRoute, upgradeWebSocket: UpgradeWebSocket) {
  return upgradeWebSocket((c: Context) => {
    const url = new URL(c.req.url);
    const target = `${route.upstream.replace(/^http/, 'ws')}${upstreamPath(route, url.pathname)}${url.search}`;
    const headers: Record<string, string> = { 'x-correlation-id': c.get('requestId') as string };
    // Solo el usuario verificado: un X-User-Id del cliente no llega al servicio (el handshake no se reenvía).
    const sub = (c.get('jwtPayload') as { sub?: string } | undefined)?.sub;
    if (sub) headers['x-user-id'] = sub;
    let upstream: WebSocket | undefined;
    let clientGone = false;
    // Lo que manda el cliente antes de que el servicio acepte: en orden, y con tope (un cliente no llena la memoria).
    const pending: WSMessageReceive[] = [];
    const forwardToService = (data: WSMessageReceive) => upstream!.send(data as string | ArrayBuffer);

    return {
      onOpen(_event, client: WSContext) {
        upstream = new (WebSocket as unknown as WebSocketWithHeaders)(target, { headers });
        upstream.binaryType = 'arraybuffer';
        upstream.onopen = () => {
          for (const data of pending.splice(0)) forwardToService(data);
        };
        upstream.onmessage = (event) => {
          if (client.readyState === 1) client.send(event.data as string | ArrayBuffer);
        };
        upstream.onclose = (event) => {
          if (client.readyState > 1) return;
          // 1006: el servicio se cayó o no aceptó (no hubo frame de cierre) → 1014, «Bad Gateway» de WebSocket.
          if (event.code === 1006) client.close(1014, `${route.service} no responde`);
          // 1005: cerró sin código; el cliente tampoco lo recibe.
          else if (event.code === 1005) client.close();
          else client.close(event.code, event.reason);
        };
        upstream.onerror = () => {
          // Abandonar una conexión que aún se abría también da error: solo interesa si el cliente sigue ahí.
          if (!clientGone) console.error(`[${headers['x-correlation-id']}] WebSocket con ${route.service}: error en ${target.replace(/\?.*/, '')}`);
        };
      },
      onMessage(event, client) {
        if (upstream?.readyState === WebSocket.OPEN) forwardToService(event.data);
        else if (pending.length < MAX_PENDING_FRAMES) pending.push(event.data);
        else client.close(1013, `${route.service} aún no ha aceptado la conexión; reintenta`);
      },
      onClose(event) {
        // El cliente se fue: el gateway cierra su conexión con el servicio (o la abandona si aún se abría).
        clientGone = true;
        if (upstream && upstream.readyState <= WebSocket.OPEN) upstream.close(clientCloseCode(event.code), event.reason);
      },
    };
  });
}
// #endregion live-proxy

/**
 * Un navegador no puede poner Authorization en el handshake de un WebSocket: el token llega en ?token=.
 * Se pasa a Authorization para que lo verifique el mismo middleware que el de las peticiones HTTP.
 */
export const tokenFromQuery: MiddlewareHandler = async (c, next) => {
  const token = c.req.query('token');
  if (token && !c.req.header('authorization')) c.req.raw.headers.set('authorization', `Bearer ${token}`);
  await next();
};
