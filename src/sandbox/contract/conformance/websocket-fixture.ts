// The lab the WebSocket conformance cases run in every engine that has the 'websocket' capability:
// a chat service written against the real @hono/node-ws API, and a relay service that opens a
// WebSocket to it with the global (WHATWG) WebSocket, as a Foodly service on Node 22+ would.
import type { FileTree, ServiceSpec } from '../engine.ts';

export const websocketServices: ServiceSpec[] = [
  { name: 'chat', dir: 'chat-service', port: 3160, env: {} },
  { name: 'relay', dir: 'relay-service', port: 3161, env: { CHAT_URL: 'ws://localhost:3160' } },
];

export const websocketTree: FileTree = {
  'package.json': '{ "name": "conformance-ws", "type": "module", "private": true }',
  'chat-service/src/server.ts': `import { serve } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';

const app = new Hono();
const { upgradeWebSocket, injectWebSocket } = createNodeWebSocket({ app });

app.get('/health', (c) => c.json({ ok: true }));
// Authentication at connect: the handshake is an HTTP request, a middleware can refuse it.
app.use('/private', async (c, next) => {
  if (c.req.header('authorization') !== 'Bearer secreto') return c.json({ error: 'falta el token' }, 401);
  await next();
});
const chat = upgradeWebSocket((c) => ({
  onOpen(_event, ws) {
    ws.send(JSON.stringify({ hello: c.req.query('user') ?? null, auth: c.req.header('authorization') ?? null, protocol: ws.protocol ?? '' }));
  },
  onMessage(event, ws) {
    if (event.data === 'bye') return ws.close(4001, 'adiós');
    if (typeof event.data === 'string') return ws.send(\`eco: \${event.data}\`);
    ws.send(new Uint8Array(event.data as ArrayBuffer).reverse());
  },
  onClose(event) {
    console.log(\`chat: cierre \${event.code} \${event.reason}\`);
  },
}));
app.get('/ws', chat);
app.get('/private', chat);

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT) });
injectWebSocket(server);
`,
  'relay-service/src/server.ts': `import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const chatUrl: string = process.env.CHAT_URL ?? 'ws://localhost:3160';
const app = new Hono();
app.get('/health', (c) => c.json({ ok: true }));
// Opens a WebSocket to chat, sends one message and answers with what came back.
app.get('/relay', async (c) => {
  const text = c.req.query('text') ?? '';
  try {
    const frames = await new Promise<string[]>((resolve, reject) => {
      const ws = new WebSocket(\`\${chatUrl}/ws?user=relay\`);
      const received: string[] = [];
      const timer = setTimeout(() => reject(new Error('sin respuesta de chat')), 5000);
      ws.addEventListener('open', () => ws.send(text));
      ws.addEventListener('message', (event) => {
        received.push(String(event.data));
        if (received.length === 2) ws.close(1000, 'gracias');
      });
      ws.addEventListener('close', (event) => {
        clearTimeout(timer);
        if (received.length === 2) resolve(received);
        else reject(new Error(\`chat cerró con \${event.code}\`));
      });
    });
    return c.json({ greeting: JSON.parse(frames[0]!), echo: frames[1] });
  } catch (error) {
    return c.json({ error: (error as Error).message }, 502);
  }
});
serve({ fetch: app.fetch, port: Number(process.env.PORT) });
`,
};

/** checks.ts that use ctx.websocket: two pass, one fails on purpose (a check that expected the refused connection to open). */
export const websocketChecks = `import type { Check } from '../lib/checks-types.ts';

export default [
  {
    name: 'El chat saluda y devuelve el eco',
    onStart: 'fail',
    async run(ctx) {
      const ws = await ctx.websocket('chat', '/private?user=eva', { headers: { Authorization: 'Bearer secreto' } });
      ctx.assert(ws.opened, 'la conexión no se abrió');
      const greeting = JSON.parse((await ws.nextMessage()) ?? 'null');
      ctx.assert(greeting?.hello === 'eva' && greeting?.auth === 'Bearer secreto', \`saludo: \${JSON.stringify(greeting)}\`);
      ws.send('hola');
      ctx.assert((await ws.nextMessage()) === 'eco: hola', 'sin eco');
      ws.send('bye');
      const closed = await ws.closed();
      ctx.assert(closed?.code === 4001 && closed?.reason === 'adiós', \`cierre: \${JSON.stringify(closed)}\`);
    },
  },
  {
    name: 'Sin token la conexión se rechaza',
    onStart: 'pass',
    async run(ctx) {
      const ws = await ctx.websocket('chat', '/private');
      const closed = await ws.closed();
      ctx.assert(!ws.opened && closed?.code === 1006 && closed.reason.includes('respondió 401'), \`se esperaba un 401: \${JSON.stringify(closed)}\`);
    },
  },
  {
    name: 'Una conexión sin token (falla a propósito)',
    onStart: 'fail',
    async run(ctx) {
      const ws = await ctx.websocket('chat', '/private');
      const closed = await ws.closed();
      ctx.assert(ws.opened, \`no se abrió: \${closed?.reason}\`);
    },
  },
] satisfies Check[];
`;
