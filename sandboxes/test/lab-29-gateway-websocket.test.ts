// Lab 29's gateway as the only door of the live channel (issue 19): the gateway of the solution, served
// by @hono/node-server with its injectWebSocket, in front of a stand-in notifications-service (real
// @hono/node-ws) that records the handshake headers, echoes frames and can take its time to accept.
// Real sockets on both sides, Node's own WebSocket as the client.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materialize, settingsOf, until } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';

const SECRET = 'secreto-de-la-prueba-con-mas-de-32-caracteres';
type Gateway = { buildGateway(settings: unknown): { app: Hono; injectWebSocket(server: ServerType): void } };
type Seen = { user?: string; correlationId?: string; token?: string };
type Outcome = { opened: boolean; frames: Array<string | number[]>; close: { code: number; reason: string } };

let tree: MaterializedTree;
const servers: ServerType[] = [];
const seen: Seen[] = [];
const serviceCloses: number[] = [];
let gatewayPort = 0;
let downGatewayPort = 0;

function listen(app: Hono, inject: (server: ServerType) => void): Promise<number> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
    inject(server);
    servers.push(server);
  });
}

/** notifications-service's stand-in: ?delay=ms before accepting, 'bye' closes with 4001, anything else echoes. */
function notificationsStandIn() {
  const app = new Hono();
  const { upgradeWebSocket, injectWebSocket } = createNodeWebSocket({ app });
  app.get(
    '/notifications/live',
    upgradeWebSocket(async (c) => {
      seen.push({ user: c.req.header('x-user-id'), correlationId: c.req.header('x-correlation-id'), token: c.req.query('token') });
      await new Promise((resolve) => setTimeout(resolve, Number(c.req.query('delay') ?? 0)));
      return {
        onMessage(event, ws) {
          if (event.data === 'bye') return ws.close(4001, 'adiós');
          ws.send(typeof event.data === 'string' ? `eco: ${event.data}` : (event.data as ArrayBuffer));
        },
        onClose: (event) => void serviceCloses.push(event.code),
      };
    }),
  );
  return { app, injectWebSocket };
}

async function gatewayTo(notificationsUrl: string): Promise<number> {
  const { buildGateway } = await tree.import<Gateway>('gateway/src/app.ts');
  const { app, injectWebSocket } = buildGateway(await settingsOf(tree, 'gateway', { JWT_SECRET: SECRET, NOTIFICATIONS_URL: notificationsUrl }));
  return listen(app, injectWebSocket);
}

/** Opens a WebSocket to the gateway, runs `talk` once open and collects frames until it closes. */
function connect(path: string, headers: Record<string, string> = {}, talk: (socket: WebSocket) => void = () => {}): Promise<Outcome> {
  const socket = new (WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket)(`ws://127.0.0.1:${gatewayPort}${path}`, { headers });
  socket.binaryType = 'arraybuffer';
  const outcome: Outcome = { opened: false, frames: [], close: { code: 0, reason: '' } };
  socket.onopen = () => {
    outcome.opened = true;
    talk(socket);
  };
  socket.onmessage = (event) => {
    outcome.frames.push(typeof event.data === 'string' ? event.data : [...new Uint8Array(event.data as ArrayBuffer)]);
    if (outcome.frames.length === 4 && path.includes('echo4')) socket.send('bye');
  };
  return new Promise((resolve) => {
    socket.onclose = (event) => {
      outcome.close = { code: event.code, reason: event.reason };
      resolve(outcome);
    };
  });
}

const token = (sub: string) => sign({ sub, exp: Math.floor(Date.now() / 1000) + 300 }, SECRET, 'HS256');

beforeAll(async () => {
  tree = await materialize('lab-29-proyecto-final', 'solution');
  const standIn = notificationsStandIn();
  const notificationsPort = await listen(standIn.app, standIn.injectWebSocket);
  gatewayPort = await gatewayTo(`http://127.0.0.1:${notificationsPort}`);
  // A port where nothing listens: the service is down.
  const probe = serve({ fetch: () => new Response(), port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => probe.once('listening', resolve));
  const downPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  downGatewayPort = await gatewayTo(`http://127.0.0.1:${downPort}`);
}, 60_000);

afterAll(async () => {
  for (const server of servers) server.close();
  await tree?.remove();
});

describe('lab 29: the live channel through the gateway', () => {
  it('refuses the handshake with 401 without a valid token, and the service never sees it', async () => {
    const before = seen.length;
    for (const path of ['/notifications/live', `/notifications/live?token=${await sign({ sub: 'ana', exp: Math.floor(Date.now() / 1000) + 60 }, 'otro-secreto-de-mas-de-32-caracteres-xx', 'HS256')}`]) {
      const outcome = await connect(path);
      expect(outcome).toMatchObject({ opened: false, close: { code: 1006 } });
    }
    expect(seen.length).toBe(before);
  });

  it('forwards the verified user and the correlation id (never the client X-User-Id), buffers early frames in order and pipes both ways', async () => {
    const outcome = await connect(`/notifications/live?token=${await token('u-ana')}&delay=300&echo4`, { 'x-user-id': 'intruso', 'x-correlation-id': 'recorrido-ws-1' }, (socket) => {
      // Sent before the service accepted (it waits 300 ms): the gateway keeps them, in order.
      socket.send('uno');
      socket.send('dos');
      socket.send(new Uint8Array([7, 8, 9]));
      socket.send('tres');
    });
    expect(seen.at(-1)).toMatchObject({ user: 'u-ana', correlationId: 'recorrido-ws-1' });
    expect(outcome.frames).toEqual(['eco: uno', 'eco: dos', [7, 8, 9], 'eco: tres']);
    // The service closed with 4001 'adiós' ('bye' after four frames): the client gets the same code and reason.
    expect(outcome.close).toEqual({ code: 4001, reason: 'adiós' });
  });

  it('takes the token from Authorization too, and closes the service side with the client code', async () => {
    const closesBefore = serviceCloses.length;
    const outcome = await connect('/notifications/live', { authorization: `Bearer ${await token('u-bea')}` }, (socket) => {
      socket.send('hola');
      socket.onmessage = () => socket.close(4002, 'me voy');
    });
    expect(outcome.opened).toBe(true);
    expect(seen.at(-1)).toMatchObject({ user: 'u-bea' });
    await until('the service seeing the close', async () => (serviceCloses.length > closesBefore ? true : undefined), 5000, 20);
    expect(serviceCloses.at(-1)).toBe(4002);
  });

  it('closes with 1013 when the client sends more than the buffer holds before the service accepts', async () => {
    const outcome = await connect(`/notifications/live?token=${await token('u-eva')}&delay=500`, {}, (socket) => {
      for (let i = 0; i < 40; i += 1) socket.send(`frame ${i}`);
    });
    expect(outcome.close.code).toBe(1013);
  });

  it('closes with 1014 (Bad Gateway) when notifications-service does not answer', async () => {
    const port = gatewayPort;
    gatewayPort = downGatewayPort;
    try {
      const outcome = await connect(`/notifications/live?token=${await token('u-ana')}`);
      expect(outcome.opened).toBe(true);
      expect(outcome.close).toMatchObject({ code: 1014, reason: 'notifications-service no responde' });
    } finally {
      gatewayPort = port;
    }
  });
});
