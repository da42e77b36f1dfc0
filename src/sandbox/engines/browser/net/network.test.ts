import { Hono } from 'hono';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from '../protocol.ts';
import { createServiceRuntime } from '../runtime/service-runtime.ts';
import { FLOOD_LINES_PER_SECOND, ServiceConnection } from './connection.ts';
import { NetworkFailure, VirtualNetwork } from './network.ts';

// Each "worker" is a service runtime on one end of a real MessageChannel; the page side is a
// ServiceConnection on the other end, as in the browser (where the channel is the Worker itself).
const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

function startService(network: VirtualNetwork, name: string, app?: Hono, port?: number) {
  const channel = new MessageChannel();
  channels.push(channel);
  const handlerErrors: unknown[] = [];
  const runtime = createServiceRuntime({
    post: (message, transfer) => channel.port1.postMessage(message, transfer as never),
    realFetch: async () => new Response('real network'),
    onHandlerError: (error) => handlerErrors.push(error),
  });
  channel.port1.on('message', (message: ToWorker) => runtime.handleMessage(message));
  const connection = new ServiceConnection(
    name,
    { postMessage: (message, transfer) => channel.port2.postMessage(message, transfer as never) },
    network,
    {
      log: () => {},
      listening: (listeningPort) => network.listen(listeningPort, connection),
      loaded: () => {},
      crashed: () => {},
      exit: () => {},
    },
  );
  channel.port2.on('message', (message: FromWorker) => connection.receive(message));
  if (app && port) runtime.serve({ fetch: app.fetch, port });
  return { runtime, connection, handlerErrors };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('virtual network', () => {
  it('routes fetch to localhost:<port> from one service to the service on that port', async () => {
    const network = new VirtualNetwork();
    const products = new Hono().get('/products/:id', (c) =>
      c.json({ id: c.req.param('id'), via: c.req.header('x-caller') }, 200, { 'x-served-by': 'products' }),
    );
    startService(network, 'products-service', products, 3001);
    const orders = startService(network, 'orders-service');
    await until(() => network.serviceAt(3001) !== undefined);

    for (const host of ['localhost', '127.0.0.1']) {
      const response = await orders.runtime.fetch(`http://${host}:3001/products/p-1`, { headers: { 'x-caller': 'orders' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-served-by')).toBe('products');
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await response.json()).toEqual({ id: 'p-1', via: 'orders' });
    }
  });

  it('sends other URLs to the real fetch', async () => {
    const orders = startService(new VirtualNetwork(), 'orders-service');
    expect(await (await orders.runtime.fetch('https://example.test/x')).text()).toBe('real network');
  });

  it('round-trips method, status, headers and text and binary bodies', async () => {
    const network = new VirtualNetwork();
    const echo = new Hono().all('/echo', async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.body(bytes.reverse(), 201, { 'x-method': c.req.method, 'content-type': 'application/octet-stream' });
    });
    echo.post('/text', async (c) => c.text(`got ${await c.req.text()}`, 418));
    startService(network, 'echo', echo, 4000);
    const caller = startService(network, 'caller');
    await until(() => network.serviceAt(4000) !== undefined);

    const binary = await caller.runtime.fetch('http://localhost:4000/echo', { method: 'PUT', body: new Uint8Array([1, 2, 3, 255]) });
    expect(binary.status).toBe(201);
    expect(binary.headers.get('x-method')).toBe('PUT');
    expect([...new Uint8Array(await binary.arrayBuffer())]).toEqual([255, 3, 2, 1]);

    const text = await caller.runtime.fetch('http://localhost:4000/text', { method: 'POST', body: 'hola ñ' });
    expect(text.status).toBe(418);
    expect(await text.text()).toBe('got hola ñ');
  });

  it('fails like a refused connection when nothing listens on the port', async () => {
    const orders = startService(new VirtualNetwork(), 'orders-service');
    const error = await orders.runtime.fetch('http://localhost:3999/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as { code: string }).code).toBe('ECONNREFUSED');
  });

  it('propagates an abort (timeout) across the hop to the called service', async () => {
    const network = new VirtualNetwork();
    let sawAbort = false;
    const slow = new Hono().get('/slow', (c) =>
      new Promise<Response>((resolve) => {
        c.req.raw.signal.addEventListener('abort', () => {
          sawAbort = true;
          resolve(c.text('too late'));
        });
      }),
    );
    startService(network, 'slow', slow, 4001);
    const caller = startService(network, 'caller');
    await until(() => network.serviceAt(4001) !== undefined);

    const startedAt = Date.now();
    const error = await caller.runtime.fetch('http://localhost:4001/slow', { signal: AbortSignal.timeout(50) }).catch((e: unknown) => e);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect(Date.now() - startedAt).toBeLessThan(1000);
    await until(() => sawAbort);
    expect(sawAbort).toBe(true);
  });

  it('answers 500 when the handler throws, like @hono/node-server', async () => {
    const network = new VirtualNetwork();
    const broken = startService(network, 'broken');
    broken.runtime.serve({ fetch: () => { throw new Error('boom'); }, port: 4002 });
    const caller = startService(network, 'caller');
    await until(() => network.serviceAt(4002) !== undefined);
    const response = await caller.runtime.fetch('http://localhost:4002/');
    expect(response.status).toBe(500);
    await until(() => broken.handlerErrors.length > 0);
    expect((broken.handlerErrors[0] as Error).message).toBe('boom');
  });

  it('dispatches page requests, refuses unknown ports and rejects a second listener on a port', async () => {
    const network = new VirtualNetwork();
    const app = new Hono().get('/', (c) => c.text('ok'));
    const first = startService(network, 'first', app, 4003);
    await until(() => network.serviceAt(4003) !== undefined);
    const response = await network.dispatch(4003, { url: 'http://localhost:4003/', method: 'GET', headers: [], body: null }, new AbortController().signal);
    expect(new TextDecoder().decode(response.body!)).toBe('ok');
    expect(network.portOf('first')).toBe(4003);

    const refused = await network.dispatch(4004, { url: 'http://localhost:4004/', method: 'GET', headers: [], body: null }, new AbortController().signal).then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e as NetworkFailure);
    expect(refused.kind).toBe('refused');

    const second = startService(network, 'second');
    expect(() => network.listen(4003, second.connection)).toThrow(/EADDRINUSE/);
    network.close(first.connection);
    expect(network.serviceAt(4003)).toBeUndefined();
  });
});

describe('ServiceConnection output', () => {
  function connectionWith(events: { lines: string[]; floods: number[] }) {
    return new ServiceConnection('s', { postMessage: () => {} }, new VirtualNetwork(), {
      log: (_level, text) => events.lines.push(text),
      listening: () => {},
      loaded: () => {},
      crashed: () => {},
      exit: () => {},
      flood: (rate) => events.floods.push(rate),
    });
  }

  it('unpacks batches, reports omitted lines, and counts only heartbeats as liveness', () => {
    const events = { lines: [] as string[], floods: [] as number[] };
    const connection = connectionWith(events);
    const before = connection.lastMessageAt;
    connection.receive({ type: 'logs', lines: [{ level: 'log', text: 'a' }], omitted: 41 });
    expect(events.lines).toEqual(['a', '41 líneas omitidas (demasiada salida seguida)']);
    expect(connection.lastMessageAt).toBe(before);
    connection.receive({ type: 'beat' });
    expect(connection.lastMessageAt).toBeGreaterThanOrEqual(before);
  });

  it('reports a flood after two seconds above the rate, not after one burst', () => {
    let clock = 1000;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const events = { lines: [] as string[], floods: [] as number[] };
      const connection = connectionWith(events);
      const batch = (omitted: number) => connection.receive({ type: 'logs', lines: [], omitted });
      // One burst of a million lines (a second of batches), then quiet: not a flood.
      for (let i = 0; i < 10; i++) {
        clock += 100;
        batch(100_000);
      }
      for (let i = 0; i < 10; i++) {
        clock += 100;
        batch(10);
      }
      // Minutes of silence, then a sustained flood: 20 000 lines/s is caught after about 2 s.
      clock += 300_000;
      batch(10);
      let floodAt = 0;
      for (let i = 0; i < 40 && events.floods.length === 0; i++) {
        clock += 100;
        batch(2000);
        floodAt = (i + 1) * 100;
      }
      expect(events.floods).toHaveLength(1);
      expect(floodAt).toBeLessThanOrEqual(2600);
      expect(events.floods[0]).toBeGreaterThan(FLOOD_LINES_PER_SECOND);
    } finally {
      now.mockRestore();
    }
  });
});
