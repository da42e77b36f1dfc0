// WebSockets in the browser engine, in headless Chromium against dist/ (part of npm run bench): the
// echo round trip page → service worker → page through the real @hono/node-ws API (its shim), the
// same between two service workers (a service's `new WebSocket` to another), and the bytes the
// capability downloads (worker shim, page-side client, the panel). Figures are printed, not asserted.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from './bench-chromium.ts';
import { serveDist } from './serve-dist.ts';

export interface WebSocketBench {
  pageToWorker: { messages: number; p50Ms: number; p95Ms: number };
  workerToWorker: { messages: number; p50Ms: number; p95Ms: number };
  /** gzip bytes: the service worker's shim closure, and the page's chunks (client, panel). */
  bytes: { shim: number; page: number; panel: number };
}

const ECHO = `import { serve } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';

const app = new Hono();
const { upgradeWebSocket, injectWebSocket } = createNodeWebSocket({ app });
app.get('/echo', upgradeWebSocket(() => ({ onMessage: (event, ws) => ws.send(event.data as string) })));
injectWebSocket(serve({ fetch: app.fetch, port: Number(process.env.PORT) }));
`;

// Measures round trips from its own worker to echo's, over one connection.
const CLIENT = `import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/bench', async (c) => {
  const count = Number(c.req.query('count'));
  const ws = new WebSocket('ws://localhost:3171/echo');
  await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await new Promise((resolve) => {
      ws.addEventListener('message', resolve, { once: true });
      ws.send(String(i));
    });
    times.push(performance.now() - t0);
  }
  ws.close();
  times.sort((a, b) => a - b);
  return c.json({ p50: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] });
});
serve({ fetch: app.fetch, port: Number(process.env.PORT) });
`;

export async function benchWebSockets(options: { root?: string; port?: number } = {}): Promise<WebSocketBench> {
  const root = options.root ?? fileURLToPath(new URL('..', import.meta.url));
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'dev/sandbox-websocket/index.html'))) throw new Error('dist/ lacks /dev/sandbox-websocket/; run npm run build.');
  const port = options.port ?? 4516;
  const server = await serveDist(dist, port);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/dev/sandbox-websocket/`);
    await page.waitForSelector('body[data-ready="true"]');
    const result = await page.evaluate(
      async ({ echo, client }) => {
        const { engine } = (window as unknown as { sandboxWebSocketTest: { engine: any } }).sandboxWebSocketTest;
        await engine.mount({ 'echo/src/server.ts': echo, 'client/src/server.ts': client }, [
          { name: 'echo', dir: 'echo', port: 3171, env: {} },
          { name: 'client', dir: 'client', port: 3172, env: {} },
        ]);
        await engine.start('echo');
        await engine.start('client');
        const socket = await engine.openWebSocket('echo', '/echo');
        let resolveNext: (() => void) | undefined;
        socket.onMessage(() => resolveNext?.());
        const roundTrip = async () => {
          const t0 = performance.now();
          await new Promise<void>((resolve) => {
            resolveNext = resolve;
            socket.send('ping');
          });
          return performance.now() - t0;
        };
        for (let i = 0; i < 50; i++) await roundTrip();
        const times: number[] = [];
        for (let i = 0; i < 500; i++) times.push(await roundTrip());
        socket.close();
        times.sort((a, b) => a - b);
        await engine.request({ service: 'client', method: 'GET', path: '/bench?count=50' });
        const between = JSON.parse((await engine.request({ service: 'client', method: 'GET', path: '/bench?count=500' })).text);
        return {
          pageToWorker: { messages: 500, p50Ms: times[250]!, p95Ms: times[475]! },
          workerToWorker: { messages: 500, p50Ms: between.p50 as number, p95Ms: between.p95 as number },
        };
      },
      { echo: ECHO, client: CLIENT },
    );
    return { ...result, bytes: capabilityBytes(dist) };
  } finally {
    await browser.close();
    server.close();
  }
}

/** What only WebSocket labs download: the shim's closure beyond @hono/node-server's, and the page chunks. */
function capabilityBytes(dist: string): WebSocketBench['bytes'] {
  const vendor = join(dist, 'sandbox-vendor');
  const map = JSON.parse(readFileSync(join(vendor, 'importmap.json'), 'utf8')) as { preload: Record<string, string[]> };
  const shared = new Set([...(map.preload['@hono/node-server'] ?? []), ...(map.preload['hono'] ?? [])]);
  const gzipOf = (path: string) => gzipSync(readFileSync(path)).length;
  // The @hono/node-ws shim and the workers' WebSocket layer (runtime-sockets.js).
  const files = new Set([...(map.preload['@hono/node-ws'] ?? []), ...(map.preload['#sandbox/websocket'] ?? [])].filter((file) => !shared.has(file)));
  const shim = [...files].reduce((sum, file) => sum + gzipOf(join(vendor, file)), 0);
  const astro = join(dist, '_astro');
  const chunk = (name: string) => readdirSync(astro).filter((file) => file.startsWith(`${name}.`) && file.endsWith('.js')).reduce((sum, file) => sum + gzipOf(join(astro, file)), 0);
  return { shim, page: chunk('page-socket'), panel: chunk('websocket-panel') };
}

export function printWebSocketBench(result: WebSocketBench): void {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log('\nWebSockets en el motor del navegador (Chromium, @hono/node-ws)');
  console.log(`  eco ida y vuelta página → worker: p50 ${result.pageToWorker.p50Ms.toFixed(2)} ms (presupuesto ≤ 5 ms), p95 ${result.pageToWorker.p95Ms.toFixed(2)} ms (${result.pageToWorker.messages} mensajes)`);
  console.log(`  eco ida y vuelta worker → worker: p50 ${result.workerToWorker.p50Ms.toFixed(2)} ms, p95 ${result.workerToWorker.p95Ms.toFixed(2)} ms`);
  console.log(`  descarga (solo en laboratorios que lo usan; gzip): worker (shim + capa WebSocket) ${kib(result.bytes.shim)}, cliente de la página ${kib(result.bytes.page)}, panel ${kib(result.bytes.panel)}`);
}

if (import.meta.main) printWebSocketBench(await benchWebSockets());
