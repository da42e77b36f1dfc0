// WebSockets over the virtual network, with the real Hono app code a lab writes against
// @hono/node-ws (here its browser shim), each "worker" a service runtime on a real MessageChannel.
// The semantics checked are @hono/node-ws's and the WHATWG WebSocket's, as they behave on Node.
import { Hono } from 'hono';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from '../protocol.ts';
import { createServiceRuntime } from '../runtime/service-runtime.ts';
import { createSocketLayer } from '../runtime/sockets.ts';
import { createNodeWebSocket } from '../shims/hono-node-ws.ts';
import { ServiceConnection } from './connection.ts';
import { VirtualNetwork } from './network.ts';
import { openPageSocket } from './page-socket.ts';
import { OPEN, PortSocket, utf8Length, type SocketPort } from './socket.ts';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
  delete (globalThis as { __sandboxRuntime?: unknown }).__sandboxRuntime;
});

function startService(network: VirtualNetwork, name: string) {
  const channel = new MessageChannel();
  channels.push(channel);
  const errors: unknown[] = [];
  const runtime = createServiceRuntime({
    post: (message, transfer) => channel.port1.postMessage(message, transfer as never),
    realFetch: async () => new Response('real network'),
    onHandlerError: (error) => errors.push(error),
  });
  // What runtime-sockets.js does in a worker whose service uses WebSockets.
  const sockets = runtime.installSockets(createSocketLayer);
  channel.port1.on('message', (message: ToWorker) => runtime.handleMessage(message));
  const connection = new ServiceConnection(
    name,
    { postMessage: (message, transfer) => channel.port2.postMessage(message, transfer as never) },
    network,
    { log: () => {}, listening: (port) => network.listen(port, connection), loaded: () => {}, crashed: () => {}, exit: () => {} },
  );
  channel.port2.on('message', (message: FromWorker) => connection.receive(message));
  // What worker-entry.ts installs: the shim finds the runtime here.
  const install = () => ((globalThis as { __sandboxRuntime?: unknown }).__sandboxRuntime = { websocket: sockets });
  /** The worker ends (stop, crash): what ServiceHost.terminate does on the page side. */
  const kill = () => {
    network.close(connection);
    connection.close(`${name} se detuvo`);
    channel.port1.close();
  };
  return { runtime, sockets, connection, errors, install, kill };
}

const until = async (condition: () => boolean, what = 'condition') => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
};

/** The chat service a lab would write: echo, auth at connect, a server-initiated close. */
function chatApp(log: string[]) {
  const app = new Hono();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  app.get(
    '/ws',
    async (c, next) => {
      if (c.req.header('authorization') !== 'Bearer secreto') return c.json({ error: 'sin token' }, 401);
      await next();
    },
    upgradeWebSocket((c) => ({
      onOpen(_event, ws) {
        ws.send(JSON.stringify({ hello: c.req.query('user') ?? null, protocol: ws.protocol, auth: c.req.header('authorization') }));
      },
      onMessage(event, ws) {
        if (event.data === 'bye') return ws.close(4001, 'adiós');
        if (event.data === 'boom') throw new Error('handler roto');
        if (typeof event.data === 'string') ws.send(`eco: ${event.data}`);
        else ws.send(new Uint8Array(event.data as ArrayBuffer).reverse());
      },
      onClose(event) {
        log.push(`close ${event.code} ${event.reason}`);
      },
    })),
  );
  app.get('/plain', (c) => c.text('no soy un websocket'));
  return { app, injectWebSocket, wss };
}

async function chatService(network: VirtualNetwork, log: string[], port = 4100, inject = true) {
  const service = startService(network, 'chat');
  service.install();
  const { app, injectWebSocket, wss } = chatApp(log);
  const server = service.runtime.serve({ fetch: app.fetch, port }) as never;
  if (inject) injectWebSocket(server);
  await until(() => network.serviceAt(port) !== undefined, 'listening');
  return { ...service, wss };
}

const auth = { authorization: 'Bearer secreto' };

describe('WebSockets over the virtual network', () => {
  it('echoes text and binary frames page ↔ worker, with headers, query and subprotocol at connect', async () => {
    const network = new VirtualNetwork();
    const log: string[] = [];
    const chat = await chatService(network, log);
    const socket = await openPageSocket(network, 'chat', '/ws?user=ana', { headers: auth, protocols: ['chat.v2', 'chat.v1'] });
    expect(socket.protocol).toBe('chat.v2');
    const frames: { data: string | ArrayBuffer; binary: boolean }[] = [];
    socket.onMessage((frame) => frames.push(frame));
    await until(() => frames.length === 1, 'greeting');
    expect(JSON.parse(frames[0]!.data as string)).toEqual({ hello: 'ana', protocol: 'chat.v2', auth: 'Bearer secreto' });
    socket.send('hola ñandú');
    socket.send(new Uint8Array([1, 2, 3]));
    await until(() => frames.length === 3, 'echoes');
    expect(frames[1]).toEqual({ data: 'eco: hola ñandú', binary: false });
    expect(frames[2]!.binary).toBe(true);
    expect([...new Uint8Array(frames[2]!.data as ArrayBuffer)]).toEqual([3, 2, 1]);
    expect(chat.wss.clients.size).toBe(1);

    socket.close(1000, 'listo');
    expect(await socket.closed).toEqual({ code: 1000, reason: 'listo', wasClean: true });
    await until(() => log.length === 1, 'server close');
    expect(log).toEqual(['close 1000 listo']);
    expect(chat.wss.clients.size).toBe(0);
    await until(() => network.openSockets === 0, 'route forgotten');
  });

  it('a server-initiated close reaches the client with its code and reason', async () => {
    const network = new VirtualNetwork();
    const log: string[] = [];
    await chatService(network, log);
    const socket = await openPageSocket(network, 'chat', '/ws', { headers: auth });
    socket.send('bye');
    expect(await socket.closed).toEqual({ code: 4001, reason: 'adiós', wasClean: true });
    await until(() => log.length === 1);
    expect(log).toEqual(['close 4001 adiós']);
    expect(() => socket.send('tarde')).toThrow(/cerrado/);
  });

  it('refuses the handshake with the HTTP status when no upgradeWebSocket answered (auth at connect)', async () => {
    const network = new VirtualNetwork();
    await chatService(network, []);
    await expect(openPageSocket(network, 'chat', '/ws')).rejects.toThrow(/chat respondió 401/);
    await expect(openPageSocket(network, 'chat', '/plain')).rejects.toThrow(/chat respondió 200/);
    await expect(openPageSocket(network, 'nadie', '/ws')).rejects.toThrow(/nadie no está escuchando/);
    expect(network.openSockets).toBe(0);
  });

  it('without injectWebSocket(server) the handshake is dropped, as on Node', async () => {
    const network = new VirtualNetwork();
    await chatService(network, [], 4100, false);
    await expect(openPageSocket(network, 'chat', '/ws', { headers: auth })).rejects.toThrow(/injectWebSocket/);
  });

  it('a handler that throws goes to console.error and the connection stays open', async () => {
    const network = new VirtualNetwork();
    await chatService(network, []);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (error: unknown) => errors.push(error);
    try {
      const socket = await openPageSocket(network, 'chat', '/ws', { headers: auth });
      const frames: unknown[] = [];
      socket.onMessage((frame) => frames.push(frame.data));
      socket.send('boom');
      socket.send('sigo');
      await until(() => frames.length === 2);
      expect(frames[1]).toBe('eco: sigo');
      expect((errors[0] as Error).message).toBe('handler roto');
    } finally {
      console.error = original;
    }
  });

  it('when the service stops, the client sees close 1006; when the client worker ends, the service does', async () => {
    const network = new VirtualNetwork();
    const log: string[] = [];
    const chat = await chatService(network, log);
    const socket = await openPageSocket(network, 'chat', '/ws', { headers: auth });
    chat.kill();
    expect(await socket.closed).toEqual({ code: 1006, reason: '', wasClean: false });

    const again = await chatService(network, log, 4101);
    const client = startService(network, 'client');
    const ws = new client.sockets.WebSocket('ws://localhost:4101/ws');
    // Headers cannot be set by a WHATWG client: this route needs one, so a second route is not needed;
    // the 401 shows as error then close 1006, as in Node's global WebSocket.
    const events: string[] = [];
    ws.onerror = () => events.push('error');
    ws.onclose = (event) => events.push(`close ${event.code}`);
    await until(() => events.length === 2);
    expect(events).toEqual(['error', 'close 1006']);
    void again;
  });

  it('a service opens new WebSocket(ws://localhost:<port>) to another one: WHATWG semantics', async () => {
    const network = new VirtualNetwork();
    const log: string[] = [];
    const app = new Hono();
    const service = startService(network, 'echo');
    service.install();
    const { upgradeWebSocket, injectWebSocket } = createNodeWebSocket({ app });
    app.get('/echo', upgradeWebSocket(() => ({
      onMessage: (event, ws) => ws.send(event.data as string),
      onClose: (event) => log.push(`server ${event.code} ${event.reason}`),
    })));
    injectWebSocket(service.runtime.serve({ fetch: app.fetch, port: 4102 }) as never);
    await until(() => network.serviceAt(4102) !== undefined);

    const client = startService(network, 'gateway');
    const ws = new client.sockets.WebSocket('ws://127.0.0.1:4102/echo', 'v1');
    expect(ws.readyState).toBe(0);
    expect(() => ws.send('pronto')).toThrow(/CONNECTING/);
    expect(() => ws.close(1001)).toThrow(/1000, or between 3000 and 4999/);
    ws.binaryType = 'arraybuffer';
    const received: unknown[] = [];
    let closed: { code: number; reason: string; wasClean: boolean } | undefined;
    ws.addEventListener('open', () => {
      ws.send('uno');
      ws.send(new Uint8Array([9, 8]));
    });
    ws.onmessage = (event) => {
      received.push(event.data);
      if (received.length === 2) ws.close(3000, 'fin');
    };
    ws.onclose = (event) => (closed = { code: event.code, reason: event.reason, wasClean: event.wasClean });
    await until(() => closed !== undefined, 'close');
    expect(ws.protocol).toBe('v1');
    expect(received[0]).toBe('uno');
    expect(received[1]).toBeInstanceOf(ArrayBuffer);
    expect(closed).toEqual({ code: 3000, reason: 'fin', wasClean: true });
    expect(ws.readyState).toBe(3);
    ws.send('después'); // ignored, as in a browser
    await until(() => log.length === 1);
    expect(log).toEqual(['server 3000 fin']);

    // Refused: nothing listens on the port.
    const refused = new client.sockets.WebSocket('ws://localhost:4999/x');
    const events: string[] = [];
    refused.onerror = () => events.push('error');
    refused.onclose = (event) => events.push(`close ${event.code}`);
    await until(() => events.length === 2);
    expect(events).toEqual(['error', 'close 1006']);

    // The client's worker ends: the service sees 1006.
    const other = new client.sockets.WebSocket('ws://localhost:4102/echo');
    await until(() => other.readyState === 1);
    client.kill();
    await until(() => log.length === 2);
    expect(log[1]).toBe('server 1006 ');
  });

  it("takes Node's { protocols, headers } init: a gateway sends the verified user to the service at connect", async () => {
    const network = new VirtualNetwork();
    await chatService(network, [], 4103);
    const gateway = startService(network, 'gateway');
    const ws = new gateway.sockets.WebSocket('ws://localhost:4103/ws?user=ana', { protocols: ['chat.v1'], headers: auth } as never);
    const frames: string[] = [];
    ws.onmessage = (event) => frames.push(String(event.data));
    await until(() => frames.length === 1, 'hello frame');
    expect(JSON.parse(frames[0]!)).toEqual({ hello: 'ana', protocol: 'chat.v1', auth: 'Bearer secreto' });
    ws.close();

    // Without the header the service's middleware refuses at connect: error, then 1006.
    const anonymous = new gateway.sockets.WebSocket('ws://localhost:4103/ws', { headers: {} } as never);
    const events: string[] = [];
    anonymous.onerror = () => events.push('error');
    anonymous.onclose = (event) => events.push(`close ${event.code}`);
    await until(() => events.length === 2);
    expect(events).toEqual(['error', 'close 1006']);
  });

  it('validates close arguments on the service side as the ws package does', async () => {
    const network = new VirtualNetwork();
    const app = new Hono();
    const service = startService(network, 'strict');
    service.install();
    const outcomes: string[] = [];
    const { upgradeWebSocket, injectWebSocket } = createNodeWebSocket({ app });
    app.get('/ws', upgradeWebSocket(() => ({
      onOpen(_event, ws) {
        for (const attempt of [() => ws.close(1006), () => ws.close(1000, 'x'.repeat(124))]) {
          try {
            attempt();
          } catch (error) {
            outcomes.push((error as Error).message);
          }
        }
        ws.close();
      },
    })));
    injectWebSocket(service.runtime.serve({ fetch: app.fetch, port: 4103 }) as never);
    await until(() => network.serviceAt(4103) !== undefined);
    const socket = await openPageSocket(network, 'strict', '/ws');
    expect(await socket.closed).toEqual({ code: 1005, reason: '', wasClean: true });
    expect(outcomes).toEqual(['First argument must be a valid error code number', 'The message must not be greater than 123 bytes']);
  });
});

describe('a service that does not use WebSockets', () => {
  it('has no WebSocket layer: a handshake to it is dropped, as on a server without an upgrade listener', async () => {
    const network = new VirtualNetwork();
    const channel = new MessageChannel();
    channels.push(channel);
    const runtime = createServiceRuntime({ post: (message, transfer) => channel.port1.postMessage(message, transfer as never), realFetch: fetch });
    channel.port1.on('message', (message: ToWorker) => runtime.handleMessage(message));
    const connection = new ServiceConnection('plain', { postMessage: (message, transfer) => channel.port2.postMessage(message, transfer as never) }, network, {
      log: () => {},
      listening: (port) => network.listen(port, connection),
      loaded: () => {},
      crashed: () => {},
      exit: () => {},
    });
    channel.port2.on('message', (message: FromWorker) => connection.receive(message));
    runtime.serve({ fetch: new Hono().get('/', (c) => c.text('ok')).fetch, port: 4104 });
    await until(() => network.serviceAt(4104) !== undefined);
    expect(runtime.sockets).toBeUndefined();
    await expect(openPageSocket(network, 'plain', '/')).rejects.toThrow(/injectWebSocket/);
    await until(() => network.openSockets === 0, 'route forgotten');
  });
});

describe('bufferedAmount (flow control over a MessagePort)', () => {
  it('counts the bytes sent (UTF-8 for text) until the other end has read them, as ws.raw.bufferedAmount and the WHATWG client show', async () => {
    const { port1, port2 } = new MessageChannel();
    channels.push({ port1, port2 } as MessageChannel);
    const read: string[] = [];
    /** What the sender still counted while the reader was handling each frame. */
    const pendingWhileReading: number[] = [];
    const sender = new PortSocket(port1 as unknown as SocketPort, OPEN);
    const receiver = new PortSocket(port2 as unknown as SocketPort, OPEN, {
      message: (data) => {
        pendingWhileReading.push(sender.bufferedAmount);
        read.push(typeof data === 'string' ? data : `<${(data as ArrayBuffer).byteLength} bytes>`);
      },
    });
    expect(receiver.bufferedAmount).toBe(0);
    sender.sendText('ñandú'); // 7 bytes in UTF-8
    sender.sendText('🍕'); // a surrogate pair: 4 bytes
    sender.sendBinary(new Uint8Array(1000));
    expect(sender.bufferedAmount).toBe(1011);
    await until(() => read.length === 3 && sender.bufferedAmount === 0, 'all frames read');
    // Each frame counted until its handler had run (acks travel after it).
    expect(pendingWhileReading[0]).toBe(1011);
    expect(read).toEqual(['ñandú', '🍕', '<1000 bytes>']);
    expect(utf8Length('a€😀')).toBe(1 + 3 + 4);
  });

  it('a service sees a page client\'s unread bytes in ctx.raw.bufferedAmount, back to 0 once read', async () => {
    const network = new VirtualNetwork();
    const service = startService(network, 'feed');
    service.install();
    const app = new Hono();
    const { upgradeWebSocket, injectWebSocket } = createNodeWebSocket({ app });
    const seen: number[] = [];
    app.get(
      '/feed',
      upgradeWebSocket(() => ({
        onOpen: (_event, ws) => {
          for (let i = 0; i < 5; i++) ws.send('x'.repeat(100));
          seen.push((ws.raw as { bufferedAmount: number }).bufferedAmount);
        },
        onMessage: (_event, ws) => ws.send(String((ws.raw as { bufferedAmount: number }).bufferedAmount)),
      })),
    );
    injectWebSocket(service.runtime.serve({ fetch: app.fetch, port: 4105 }) as never);
    await until(() => network.serviceAt(4105) !== undefined, 'listening');
    const client = await openPageSocket(network, 'feed', '/feed');
    const frames: string[] = [];
    client.onMessage((frame) => frames.push(String(frame.data)));
    await until(() => frames.length === 5, 'the burst');
    expect(seen).toEqual([500]);
    client.send('how much?');
    await until(() => frames.length === 6, 'the answer');
    expect(frames[5]).toBe('0');
    client.close(1000, '');
  });
});
