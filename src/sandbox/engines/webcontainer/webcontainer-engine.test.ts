import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogEntry, ServiceSpec, ServiceStatus } from '../../contract/index.ts';
import { unknownServiceMessage } from '../../contract/index.ts';
import { bootWebContainer, isAppleMobile, resetBootForTests, WebContainerUnavailable } from './boot.ts';
import { nodeArgsFor, REGISTER_HOOKS, SMOKE_PROBE, STRIP_TYPES_HOOKS } from './node-command.ts';
import { answerRequest, asciiJson, createAnswerParser, helperLine, helperScript } from './request-protocol.ts';
import { FakeWebContainer, fakeWebContainerApi } from './testing/fake-webcontainer.ts';
import { crashFromLogs, EngineFailure, WebContainerEngine } from './webcontainer-engine.ts';

const tree = {
  'package.json': '{"type":"module"}',
  'products-service/src/server.ts': "console.log('products')",
  'orders-service/src/server.ts': "console.log('orders')",
};
const services: ServiceSpec[] = [
  { name: 'products', dir: 'products-service', port: 3002, env: { SERVICE_VERSION: '1.0.0' } },
  { name: 'orders', dir: 'orders-service', port: 3003, env: { PRODUCTS_URL: 'http://localhost:3002' } },
];

/** A scripted Hono-like products service: answers /products and logs like the real one. */
function productsServer(container: FakeWebContainer) {
  container.program(
    (command, args) => command === 'node' && args.at(-1) === 'products-service/src/server.ts',
    ({ listen, print, env }) => {
      print(`products-service v${env.SERVICE_VERSION} escuchando en :${env.PORT}\n`);
      listen(Number(env.PORT), (request) => {
        const url = new URL(request.url);
        if (url.pathname === '/products') return Response.json([{ id: 'p-1', price: 850 }], { headers: { 'x-served-by': 'products' } });
        return new Response('not found', { status: 404 });
      });
    },
  );
}

/** orders calls products over the container's loopback, like the real service with fetch. */
function ordersServer(container: FakeWebContainer) {
  container.program(
    (command, args) => command === 'node' && args.at(-1) === 'orders-service/src/server.ts',
    ({ listen, env, fetch }) => {
      listen(Number(env.PORT), async () => {
        try {
          const products = await (await fetch(`${env.PRODUCTS_URL}/products`)).json();
          return Response.json({ products });
        } catch {
          return Response.json({ title: 'Servicio de productos no disponible' }, { status: 503, headers: { 'content-type': 'application/problem+json' } });
        }
      });
    },
  );
}

const hono = { hono: { directory: { 'package.json': { file: { contents: '{"name":"hono"}' } } } } };

async function engineWith(container = new FakeWebContainer(), options = {}) {
  productsServer(container);
  ordersServer(container);
  const engine = new WebContainerEngine({ container, dependencies: hono, root: 'labs/lab-04', ...options });
  await engine.mount(tree, services);
  return { engine, container };
}

afterEach(() => resetBootForTests());

describe('WebContainerEngine against the fake @webcontainer/api', () => {
  it('mounts the lab into a folder that does not exist yet (mkdir -p first), with helper, hooks and node_modules', async () => {
    const { engine, container } = await engineWith();
    expect(await engine.readFile('orders-service/src/server.ts')).toBe("console.log('orders')");
    expect(container.files.get('node_modules/hono/package.json')).toBe('{"name":"hono"}');
    for (const file of ['.sandbox/request-helper.mjs', REGISTER_HOOKS, STRIP_TYPES_HOOKS]) expect(container.files.has(`labs/lab-04/${file}`)).toBe(true);
    expect(container.spawned.some((p) => p.command === 'npm')).toBe(false);
  });

  it('mounts again over the same lab folder (reset) without leaving old files', async () => {
    const { engine, container } = await engineWith();
    await engine.writeFile('orders-service/src/extra.ts', 'x');
    await engine.mount(tree, services);
    expect(container.files.has('labs/lab-04/orders-service/src/extra.ts')).toBe(false);
  });

  it('runs a smoke step after mounting: the .ts probe with the node arguments services get, and a helper round trip', async () => {
    const { container } = await engineWith();
    const probe = container.spawned.find((p) => p.args.at(-1) === SMOKE_PROBE)!;
    expect(probe.args).toEqual(['--experimental-websocket', '--import', `./${REGISTER_HOOKS}`, SMOKE_PROBE]);
    expect(probe.options?.cwd).toBe('labs/lab-04');
  });

  it('fails the mount with an EngineFailure when the TypeScript runner does not work (so the page falls back)', async () => {
    const container = new FakeWebContainer();
    container.program((command, args) => command === 'node' && args.at(-1) === SMOKE_PROBE, ({ print, exit }) => {
      print("node:internal/modules/esm/resolve:1 Error [ERR_UNSUPPORTED_RESOLVE_REQUEST]: Failed to resolve module specifier 'sucrase'\n");
      exit(1);
    });
    const engine = new WebContainerEngine({ container, root: 'labs/x' });
    const error = await engine.mount(tree, services).catch((e) => e);
    expect(error).toBeInstanceOf(EngineFailure);
    expect(error.message).toContain('ERR_UNSUPPORTED_RESOLVE_REQUEST');
  });

  it('fails the mount with an EngineFailure when the helper never answers', async () => {
    const container = new FakeWebContainer();
    container.program((command, args) => command === 'node' && args[0] === '.sandbox/request-helper.mjs', () => {});
    const engine = new WebContainerEngine({ container, root: 'labs/x' });
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const mounted = engine.mount(tree, services).catch((e) => e);
      await vi.advanceTimersByTimeAsync(20_000);
      expect(await mounted).toBeInstanceOf(EngineFailure);
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts a service with the Node 20 hooks, detects its port and streams its logs', async () => {
    const { engine, container } = await engineWith();
    const statuses: ServiceStatus[] = [];
    const logs: LogEntry[] = [];
    engine.onStatus((_, status) => statuses.push(status));
    engine.onLog((entry) => logs.push(entry));
    await engine.start('products');
    expect(engine.status('products')).toEqual({ state: 'running', port: 3002 });
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'running']);
    const run = container.spawned.find((p) => p.args.at(-1) === 'products-service/src/server.ts')!;
    expect(run.args).toEqual(['--experimental-websocket', '--import', `./${REGISTER_HOOKS}`, 'products-service/src/server.ts']);
    expect(run.options?.env).toMatchObject({ SERVICE_VERSION: '1.0.0', PORT: 3002 });
    await expect.poll(() => logs.map((l) => `${l.service}: ${l.text}`)).toContain('products: products-service v1.0.0 escuchando en :3002');
    expect(engine.logs('products')).toContain('products-service v1.0.0 escuchando en :3002');
  });

  it('runs TypeScript natively on a Node that strips types', async () => {
    const container = new FakeWebContainer();
    container.nodeVersion = 'v22.22.0';
    const { engine } = await engineWith(container);
    await engine.start('products');
    expect(container.spawned.find((p) => p.args.at(-1) === 'products-service/src/server.ts')!.args).toEqual(['products-service/src/server.ts']);
  });

  it('sends requests through the helper and returns status, headers and body', async () => {
    const { engine } = await engineWith();
    await engine.start('products');
    const response = await engine.request({ service: 'products', method: 'GET', path: '/products' });
    expect(response.status).toBe(200);
    expect(response.headers['x-served-by']).toBe('products');
    expect(JSON.parse(response.text)).toEqual([{ id: 'p-1', price: 850 }]);
    expect(response.time).toBeGreaterThanOrEqual(0);
  });

  it('keeps non-ASCII text intact both ways through a terminal that echoes and splits UTF-8 sequences', async () => {
    const container = new FakeWebContainer();
    container.program(
      (command, args) => command === 'node' && args.at(-1) === 'products-service/src/server.ts',
      ({ listen, env }) => listen(Number(env.PORT), async (request) => new Response(`eco: ${await request.text()} — ñandú €`, { headers: { 'content-type': 'text/plain; charset=utf-8' } })),
    );
    const engine = new WebContainerEngine({ container, root: 'labs/x' });
    await engine.mount(tree, services);
    const helper = container.spawned.find((p) => p.args[0] === '.sandbox/request-helper.mjs');
    expect(helper).toBeDefined();
    await engine.start('products');
    const response = await engine.request({ service: 'products', method: 'POST', path: '/echo', body: 'café 😀' });
    expect(response.text).toBe('eco: café 😀 — ñandú €');
    expect(helperLine({ id: 1, port: 1, method: 'POST', path: '/', headers: {}, body: 'café 😀', timeoutMs: 1 })).toMatch(/^[\x00-\x7f]*\n$/);
  });

  it('lets one service call another, and answers 503 when the other is stopped', async () => {
    const { engine } = await engineWith();
    await engine.start('products');
    await engine.start('orders');
    const ok = await engine.request({ service: 'orders', method: 'POST', path: '/orders', body: { items: [] } });
    expect(JSON.parse(ok.text)).toEqual({ products: [{ id: 'p-1', price: 850 }] });
    await engine.stop('products');
    expect(engine.status('products')).toEqual({ state: 'stopped' });
    const down = await engine.request({ service: 'orders', method: 'GET', path: '/orders' });
    expect(down.status).toBe(503);
  });

  it('refuses requests to a service that is not running, and names an unknown service like every engine', async () => {
    const { engine } = await engineWith();
    await expect(engine.request({ service: 'orders', method: 'GET', path: '/' })).rejects.toThrow('pulsa Ejecutar');
    await expect(engine.request({ service: 'nope', method: 'GET', path: '/' })).rejects.toThrow(unknownServiceMessage('nope'));
    await expect(engine.start('nope')).rejects.toThrow(unknownServiceMessage('nope'));
  });

  it('reports a crash at start-up with the lab file (lab folder stripped), line and message, after draining the output', async () => {
    const container = new FakeWebContainer();
    container.program(
      (command, args) => command === 'node' && args.at(-1) === 'products-service/src/server.ts',
      ({ print, exit }) => {
        print("file:///home/foodly/labs/lab-04/products-service/src/app.ts:12\n  app.get(\n\nSyntaxError: Unexpected token ')'\n");
        exit(1);
      },
    );
    const engine = new WebContainerEngine({ container, root: 'labs/lab-04' });
    await engine.mount(tree, services);
    await engine.start('products');
    expect(engine.status('products')).toMatchObject({
      state: 'crashed',
      file: 'products-service/src/app.ts',
      line: 12,
      reason: expect.stringContaining("SyntaxError: Unexpected token ')'"),
    });
  });

  it('reads the location the strip-types hooks give a syntax error on Node 20', () => {
    const logs = ['node:internal/modules/run_main:123', '    triggerUncaughtException(', '[/home/foodly/labs/lab-02/auth-service/src/app.ts:7:14', 'SyntaxError: Unexpected token]', 'Node.js v20.20.2'];
    expect(crashFromLogs(logs, 1, '/home/foodly/labs/lab-02/')).toEqual({
      state: 'crashed',
      reason: 'SyntaxError: Unexpected token (auth-service/src/app.ts:7:14)',
      file: 'auth-service/src/app.ts',
      line: 7,
      column: 14,
    });
  });

  it('gives up on a service that never opens its port', async () => {
    const container = new FakeWebContainer();
    container.program((command, args) => command === 'node' && args.at(-1) === 'orders-service/src/server.ts', () => {});
    const engine = new WebContainerEngine({ container, root: 'labs/x', timeouts: { serviceStartMs: 50 } });
    await engine.mount(tree, services);
    await engine.start('orders');
    expect(engine.status('orders')).toMatchObject({ state: 'crashed', reason: expect.stringContaining('no abrió el puerto 3003') });
  });

  it('runs a real npm install after package.json changes, and only then; a hung install is stopped', async () => {
    const { engine, container } = await engineWith(new FakeWebContainer(), { timeouts: { npmInstallMs: 50 } });
    const logs: string[] = [];
    engine.onLog((entry) => logs.push(`${entry.service}: ${entry.text}`));
    await engine.writeFile('orders-service/src/app.ts', '// cambio');
    expect(container.spawned.filter((p) => p.command === 'npm')).toHaveLength(0);
    await engine.writeFile('package.json', '{"type":"module","dependencies":{"nanoid":"^5"}}');
    expect(container.spawned.filter((p) => p.command === 'npm').map((p) => p.args[0])).toEqual(['install']);
    expect(logs).toContain('npm: npm install terminó.');
    expect(await engine.readFile('package.json')).toContain('nanoid');
    container.program((command) => command === 'npm', () => {});
    await engine.writeFile('package.json', '{"type":"module","dependencies":{"no-existe":"^1"}}');
    expect(logs.at(-1)).toContain('npm install no terminó en');
  });

  it('uses the preview URL the container announced for the port (local-corp, as with require-corp)', async () => {
    const { engine } = await engineWith();
    await expect(engine.openPreview('products', '/docs')).rejects.toThrow('pulsa Ejecutar');
    await engine.start('products');
    expect(await engine.openPreview('products', '/docs')).toBe('https://foodly--3002--fake.local-corp.webcontainer-api.io/docs');
  });

  it('opens jsh with --osc and hands it over only once it is ready for keys', async () => {
    const { engine, container } = await engineWith();
    const shell = await engine.spawnShell({ cols: 100, rows: 30 });
    expect(container.spawned.at(-1)).toEqual({ command: 'jsh', args: ['--osc'], options: { terminal: { cols: 100, rows: 30 }, cwd: 'labs/lab-04' } });
    const reader = shell.output.getReader();
    let seen = '';
    while (!seen.includes('$ ')) seen += (await reader.read()).value;
    expect(seen).toContain('\u001b]654;interactive\u0007');
  });

  it('shows a container error in the logs of every service of the lab', async () => {
    const { engine, container } = await engineWith();
    const logs: LogEntry[] = [];
    engine.onLog((entry) => logs.push(entry));
    container.emitError('Out of memory');
    expect(logs.map((l) => `${l.service} ${l.level}: ${l.text}`)).toEqual(['products error: WebContainer: Out of memory', 'orders error: WebContainer: Out of memory']);
  });

  it('stops its processes on dispose and leaves the shared container to the other labs', async () => {
    const { engine, container } = await engineWith();
    await engine.start('products');
    await engine.dispose();
    expect(container.servers.size).toBe(0);
    expect(container.tornDown).toBe(false);
  });

  it('keeps two labs of one page apart in the one container, mounting node_modules once for both', async () => {
    const container = new FakeWebContainer();
    const first = new WebContainerEngine({ container, dependencies: hono, root: 'labs/lab-02' });
    const second = new WebContainerEngine({ container, dependencies: hono, root: 'labs/lab-03' });
    await Promise.all([first.mount({ 'a.ts': 'uno' }, []), second.mount({ 'a.ts': 'dos' }, [])]);
    await second.writeFile('b.ts', 'tres');
    expect(await first.readFile('a.ts')).toBe('uno');
    expect(await second.readFile('a.ts')).toBe('dos');
    expect(container.files.get('labs/lab-03/b.ts')).toBe('tres');
    expect(container.spawned.filter((p) => p.command === 'node' && p.args[0] === '--version')).toHaveLength(1);
    expect(container.spawned.filter((p) => p.args[0] === '.sandbox/request-helper.mjs').map((p) => p.options?.cwd).sort()).toEqual(['labs/lab-02', 'labs/lab-03']);
  });

  it('runs one lab at a time per container: starting a lab stops the other lab on the same ports', async () => {
    const container = new FakeWebContainer();
    productsServer(container);
    ordersServer(container);
    const first = new WebContainerEngine({ container, dependencies: hono, root: 'labs/lab-05' });
    const second = new WebContainerEngine({ container, dependencies: hono, root: 'labs/lab-06' });
    await first.mount(tree, services);
    await second.mount(tree, services);
    await first.start('products');
    await second.start('products');
    expect(first.status('products')).toEqual({ state: 'stopped' });
    expect(second.status('products')).toEqual({ state: 'running', port: 3002 });
    await first.start('products');
    expect(second.status('products')).toEqual({ state: 'stopped' });
    expect(first.status('products')).toEqual({ state: 'running', port: 3002 });
  });
});

describe('request protocol', () => {
  it('answers refused connections and timeouts in words', async () => {
    const refused = await answerRequest({ id: 1, port: 9, method: 'GET', path: '/', headers: {}, timeoutMs: 50 }, async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    }, () => 0);
    expect(refused).toEqual({ id: 1, error: 'nada escucha en el puerto 9' });
    const slow = await answerRequest({ id: 2, port: 9, method: 'GET', path: '/', headers: {}, timeoutMs: 20 }, (_, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))), () => 0);
    expect(slow).toEqual({ id: 2, error: 'sin respuesta en 20 ms' });
  });

  it('finds answers in terminal output split across chunks, ignoring echo and other lines', () => {
    const answers: unknown[] = [];
    const feed = createAnswerParser((answer) => answers.push(answer));
    feed('{"id":1,"port":3}\r\n\r\nruido\r\n\u0001sandbox-answer\u0001{"id":1,"er');
    feed('ror":"x"}\r\nmás ruido\n');
    expect(answers).toEqual([{ id: 1, error: 'x' }]);
  });

  it('escapes every non-ASCII character so the JSON crosses a terminal byte-safe', () => {
    const text = asciiJson({ t: 'ñandú € 😀' });
    expect(text).toMatch(/^[\x00-\x7f]*$/);
    expect(JSON.parse(text)).toEqual({ t: 'ñandú € 😀' });
  });

  it('ships a helper script that is valid JavaScript', () => {
    expect(() => new Function(helperScript())).not.toThrow();
  });
});

describe('node command', () => {
  it('runs TypeScript natively, with the flag, or with the strip-types hooks depending on the version', () => {
    expect(nodeArgsFor('v24.1.0', 'a/src/server.ts')).toEqual(['a/src/server.ts']);
    expect(nodeArgsFor('v22.18.0', 'a/src/server.ts')).toEqual(['a/src/server.ts']);
    expect(nodeArgsFor('v22.12.0', 'a/src/server.ts')).toEqual(['--experimental-strip-types', '--no-warnings', 'a/src/server.ts']);
    expect(nodeArgsFor('v20.19.1', 'a/src/server.ts')).toEqual(['--experimental-websocket', '--import', `./${REGISTER_HOOKS}`, 'a/src/server.ts']);
  });

  it('explains a crash without a location by its first error line', () => {
    expect(crashFromLogs(['Error: listen EADDRINUSE'], 1)).toEqual({ state: 'crashed', reason: 'El proceso terminó antes de abrir su puerto: Error: listen EADDRINUSE' });
  });
});

describe('bootWebContainer', () => {
  const ok = { isolated: true, supported: true, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140', maxTouchPoints: 0 };

  it('refuses to boot on a page that is not cross-origin isolated', async () => {
    await expect(bootWebContainer({ ...ok, isolated: false })).rejects.toMatchObject({ reason: 'not-isolated' });
  });

  it('never boots on iPhone or iPad (the tab crashes), iPadOS included', async () => {
    expect(isAppleMobile('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)', 5)).toBe(true);
    expect(isAppleMobile('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15', 5)).toBe(true);
    expect(isAppleMobile('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15', 0)).toBe(false);
    const { api, calls } = fakeWebContainerApi(new FakeWebContainer());
    await expect(bootWebContainer({ ...ok, userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)', loadApi: async () => api })).rejects.toMatchObject({ reason: 'unsupported' });
    expect(calls.boot).toBe(0);
  });

  it('gives up waiting when boot() hangs, and a retry waits on the same boot: no second boot(), no late configureAPIKey', async () => {
    const { api, calls } = fakeWebContainerApi(new FakeWebContainer(), { hang: true });
    const first = await bootWebContainer({ ...ok, timeoutMs: 20, apiKey: 'clave', loadApi: async () => api }).catch((e) => e);
    expect(first).toBeInstanceOf(WebContainerUnavailable);
    expect(first.reason).toBe('timeout');
    const retry = await bootWebContainer({ ...ok, timeoutMs: 20, apiKey: 'clave', loadApi: async () => api }).catch((e) => e);
    expect(retry.reason).toBe('timeout');
    expect(calls).toEqual({ boot: 1, configureAPIKey: ['clave'] });
  });

  it('boots once per page', async () => {
    const container = new FakeWebContainer();
    const { api, calls } = fakeWebContainerApi(container);
    const [a, b] = await Promise.all([bootWebContainer({ ...ok, loadApi: async () => api }), bootWebContainer({ ...ok, loadApi: async () => api })]);
    expect(a).toBe(container);
    expect(b).toBe(container);
    expect(calls.boot).toBe(1);
  });

  it('the fake refuses a second live boot and a late licence key, like the real API', async () => {
    const { api } = fakeWebContainerApi(new FakeWebContainer());
    await api.WebContainer.boot({ coep: 'require-corp' });
    await expect(api.WebContainer.boot({ coep: 'require-corp' })).rejects.toThrow('single WebContainer');
    expect(() => api.configureAPIKey('k')).toThrow('before');
  });
});

describe('WebContainerEngine: replicas (lab.yaml replicas: N)', () => {
  it('runs each replica as its own Node process with its port and REPLICA_ID; the declared name means replica 1', async () => {
    const container = new FakeWebContainer();
    container.program(
      (command, args) => command === 'node' && args.at(-1) === 'tracking/src/server.ts',
      ({ listen, env }) => listen(Number(env.PORT), () => Response.json({ replica: env.REPLICA_ID })),
    );
    const engine = new WebContainerEngine({ container, dependencies: hono, root: 'labs/lab-15' });
    await engine.mount({ 'package.json': '{"type":"module"}', 'tracking/src/server.ts': '' }, [{ name: 'tracking', dir: 'tracking', port: 3110, env: {}, replicas: 3 }]);
    await engine.start('tracking');
    const processes = container.spawned.filter((p) => p.args.at(-1) === 'tracking/src/server.ts');
    expect(processes.map((p) => [p.options?.env?.PORT, p.options?.env?.REPLICA_ID])).toEqual([
      [3110, 'tracking-1'],
      [3120, 'tracking-2'],
      [3130, 'tracking-3'],
    ]);
    expect(engine.status('tracking-3')).toEqual({ state: 'running', port: 3130 });
    expect(JSON.parse((await engine.request({ service: 'tracking', method: 'GET', path: '/' })).text)).toEqual({ replica: 'tracking-1' });
    expect(JSON.parse((await engine.request({ service: 'tracking', replica: 2, method: 'GET', path: '/' })).text)).toEqual({ replica: 'tracking-2' });
    await engine.stop('tracking-2');
    expect(engine.status('tracking-2')).toEqual({ state: 'stopped' });
    expect(engine.status('tracking-1').state).toBe('running');
    await engine.stop('tracking');
    expect(['tracking-1', 'tracking-3'].map((name) => engine.status(name).state)).toEqual(['stopped', 'stopped']);
  });
});
