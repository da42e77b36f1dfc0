import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { UpgradeWebSocket } from 'hono/ws';
import { problemResponse } from '../../../Shared/http/problem.ts';
import type { AuthClient } from './AuthClient.ts';
import type { WebSocketLiveNotifications } from './WebSocketLiveNotifications.ts';

// #region live-channel
/**
 * GET /notifications/live?token=<JWT>: el canal en vivo de un cliente. Un navegador no puede poner
 * cabeceras en el handshake de un WebSocket, así que el token va en la query (y por eso dura poco:
 * el de /auth/login caduca en una hora). auth-service dice de quién es; esa es la sala.
 */
export function liveRoutes(live: WebSocketLiveNotifications, auth: AuthClient, upgradeWebSocket: UpgradeWebSocket) {
  const app = new OpenAPIHono();
  app.get(
    '/notifications/live',
    upgradeWebSocket(async (c) => {
      const token = c.req.query('token') ?? '';
      const email = token ? await auth.emailOf(token).catch(() => undefined) : undefined;
      if (!email) {
        // 1008: el navegador no ve el estado HTTP de un handshake rechazado, pero sí el código y el motivo del cierre.
        return { onOpen: (_event, ws) => ws.close(1008, 'Token no válido o caducado: inicia sesión otra vez') };
      }
      let joined: Parameters<typeof live.join>[1] | undefined;
      // Por el gateway llegan el id de correlación y el usuario que verificó (X-User-Id, el sub del token).
      const correlationId = c.req.header('x-correlation-id') ?? 'sin-correlación';
      return {
        onOpen(_event, ws) {
          joined = ws;
          live.join(email, ws);
          console.log(`[${correlationId}] canal en vivo abierto para ${email} (usuario ${c.req.header('x-user-id') ?? 'desconocido'})`);
          ws.send(JSON.stringify({ type: 'welcome', message: `Conectado: los avisos de ${email} llegarán aquí.` }));
        },
        onMessage(event, ws) {
          if (event.data === 'ping') ws.send('pong');
        },
        onClose(event) {
          if (joined) live.leave(email, joined);
          console.log(`[${correlationId}] canal en vivo cerrado para ${email} (${event.code})`);
        },
      };
    }),
  );
  // El handshake sí es HTTP: se documenta sin handler (el de arriba es de @hono/node-ws).
  app.openAPIRegistry.registerPath(liveChannelRoute);
  return app;
}
// #endregion live-channel

const liveChannelRoute = createRoute({
  method: 'get',
  path: '/notifications/live',
  operationId: 'openLiveNotifications',
  tags: ['en-vivo'],
  summary: 'Abre el canal WebSocket de avisos del cliente del token',
  description: 'Handshake de WebSocket (101 Switching Protocols). Los clientes entran por el gateway (que verifica el token y responde 401 si no vale); aquí, un token que no vale se acepta y se cierra enseguida con 1008 y el motivo. Los mensajes son JSON: {"type":"payment.captured","orderId","message","amount","correlationId","at"}.',
  request: { query: z.object({ token: z.string().openapi({ description: 'El access_token de POST /login', example: 'PEGA-AQUI-EL-TOKEN' }) }) },
  responses: {
    101: { description: 'Conexión WebSocket abierta' },
    426: problemResponse('La petición no pide Upgrade: websocket'),
  },
});
