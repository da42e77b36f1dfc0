import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry, ServiceSpec, ServiceStatus } from '../../types.ts';
import { bootWebContainer, resetBootForTests, WebContainerUnavailable } from './boot.ts';
import { nodeArgsFor } from './node-command.ts';
import { answerRequest, createAnswerParser, helperScript } from './request-protocol.ts';
import { FakeWebContainer } from './testing/fake-webcontainer.ts';
import { crashFromLogs, WebContainerEngine } from './webcontainer-engine.ts';

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
      print(`products-service v${env.SERVICE_VERSION} escuchando en :${env.PORT}\r\n`);
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

async function engineWith(container = new FakeWebContainer(), options = {}) {
  productsServer(container);
  ordersServer(container);
  const engine = new WebContainerEngine({ container, dependencies: { hono: { directory: { 'package.json': { file: { contents: '{"name":"hono"}' } } } } }, ...options });
  await engine.mount(tree, services);
  return { engine, container };
}

afterEach(() => resetBootForTests());

describe('WebContainerEngine against the fake @webcontainer/api', () => {
  it('mounts the lab, the request helper and the pre-built node_modules', async () => {
    const { engine, container } = await engineWith();
    expect(await engine.readFile('orders-service/src/server.ts')).toBe("console.log('orders')");
    expect(container.files.get('node_modules/hono/package.json')).toBe('{"name":"hono"}');
    expect(container.files.get('.sandbox/request-helper.mjs')).toContain('answerRequest');
    expect(container.spawned.some((p) => p.command === 'npm')).toBe(false);
  });

  it('starts a service as a Node process, detects its port and streams its logs', async () => {
    const { engine, container } = await engineWith();
    const statuses: ServiceStatus[] = [];
    const logs: LogEntry[] = [];
    engine.onStatus((_, status) => statuses.push(status));
    engine.onLog((entry) => logs.push(entry));
    await engine.start('products');
    expect(engine.status('products')).toEqual({ state: 'running', port: 3002 });
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'running']);
    const run = container.spawned.find((p) => p.args.at(-1) === 'products-service/src/server.ts')!;
    expect(run.args).toEqual(['products-service/src/server.ts']);
    expect(run.options?.env).toMatchObject({ SERVICE_VERSION: '1.0.0', PORT: 3002 });
    await expect.poll(() => logs.map((l) => `${l.service}: ${l.text}`)).toContain('products: products-service v1.0.0 escuchando en :3002');
    expect(engine.logs('products')).toContain('products-service v1.0.0 escuchando en :3002');
  });

  it('sends requests through the helper inside the container and returns status, headers and body', async () => {
    const { engine } = await engineWith();
    await engine.start('products');
    const response = await engine.request({ service: 'products', method: 'GET', path: '/products' });
    expect(response.status).toBe(200);
    expect(response.headers['x-served-by']).toBe('products');
    expect(JSON.parse(response.text)).toEqual([{ id: 'p-1', price: 850 }]);
    expect(response.time).toBeGreaterThanOrEqual(0);
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

  it('refuses requests to a service that is not running, with an actionable message', async () => {
    const { engine } = await engineWith();
    await expect(engine.request({ service: 'orders', method: 'GET', path: '/' })).rejects.toThrow('pulsa Ejecutar');
  });

  it('reports a crash at start-up with the file, line and message Node printed', async () => {
    const container = new FakeWebContainer();
    container.program(
      (command, args) => command === 'node' && args.at(-1) === 'products-service/src/server.ts',
      ({ print, exit }) => {
        print('file:///home/foodly/products-service/src/app.ts:12\r\n  app.get(\r\n\r\nSyntaxError: Unexpected token \')\'\r\n');
        exit(1);
      },
    );
    const engine = new WebContainerEngine({ container });
    await engine.mount(tree, services);
    await engine.start('products');
    expect(engine.status('products')).toMatchObject({
      state: 'crashed',
      file: 'products-service/src/app.ts',
      line: 12,
      reason: expect.stringContaining("SyntaxError: Unexpected token ')'"),
    });
  });

  it('gives up on a service that never opens its port', async () => {
    const container = new FakeWebContainer();
    container.program((command, args) => command === 'node' && args.at(-1) === 'orders-service/src/server.ts', () => {});
    const engine = new WebContainerEngine({ container, startTimeoutMs: 50 });
    await engine.mount(tree, services);
    await engine.start('orders');
    expect(engine.status('orders')).toMatchObject({ state: 'crashed', reason: expect.stringContaining('no abrió el puerto 3003') });
  });

  it('runs a real npm install after package.json changes, and only then', async () => {
    const { engine, container } = await engineWith();
    const logs: string[] = [];
    engine.onLog((entry) => logs.push(`${entry.service}: ${entry.text}`));
    await engine.writeFile('orders-service/src/app.ts', '// cambio');
    expect(container.spawned.filter((p) => p.command === 'npm')).toHaveLength(0);
    await engine.writeFile('package.json', '{"type":"module","dependencies":{"nanoid":"^5"}}');
    expect(container.spawned.filter((p) => p.command === 'npm').map((p) => p.args[0])).toEqual(['install']);
    expect(logs).toContain('npm: npm install terminó.');
    expect(await engine.readFile('package.json')).toContain('nanoid');
  });

  it('uses the preview URL the container announced for the port', async () => {
    const { engine } = await engineWith();
    await expect(engine.openPreview('products', '/docs')).rejects.toThrow('pulsa Ejecutar');
    await engine.start('products');
    expect(await engine.openPreview('products', '/docs')).toBe('https://foodly--3002--fake.local-credentialless.webcontainer.io/docs');
  });

  it('opens a jsh shell with the terminal size for the terminal panel', async () => {
    const { engine, container } = await engineWith();
    await engine.spawnShell({ cols: 100, rows: 30 });
    expect(container.spawned.at(-1)).toEqual({ command: 'jsh', args: [], options: { terminal: { cols: 100, rows: 30 }, cwd: undefined } });
  });

  it('stops its processes on dispose and leaves the shared container to the other labs', async () => {
    const { engine, container } = await engineWith();
    await engine.start('products');
    await engine.dispose();
    expect(container.servers.size).toBe(0);
    expect(container.tornDown).toBe(false);
  });

  it('keeps two labs of one page apart in the one container, sharing node_modules', async () => {
    const container = new FakeWebContainer();
    const deps = { hono: { directory: { 'package.json': { file: { contents: '{}' } } } } };
    const first = new WebContainerEngine({ container, dependencies: deps, root: 'labs/lab-02' });
    const second = new WebContainerEngine({ container, dependencies: deps, root: 'labs/lab-03' });
    await first.mount({ 'a.ts': 'uno' }, []);
    await second.mount({ 'a.ts': 'dos' }, []);
    await second.writeFile('b.ts', 'tres');
    expect(await first.readFile('a.ts')).toBe('uno');
    expect(await second.readFile('a.ts')).toBe('dos');
    expect(container.files.get('labs/lab-03/b.ts')).toBe('tres');
    expect([...container.files.keys()].filter((path) => path.endsWith('hono/package.json'))).toEqual(['node_modules/hono/package.json']);
    expect(container.spawned.filter((p) => p.args[0] === '.sandbox/request-helper.mjs').map((p) => p.options?.cwd)).toEqual(['labs/lab-02', 'labs/lab-03']);
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

  it('finds answers in terminal output split across chunks, ignoring other lines', () => {
    const answers: unknown[] = [];
    const feed = createAnswerParser((answer) => answers.push(answer));
    feed('ruido\r\n\u0001sandbox-answer\u0001{"id":1,"er');
    feed('ror":"x"}\r\nmás ruido\n');
    expect(answers).toEqual([{ id: 1, error: 'x' }]);
  });

  it('ships a helper script that is valid JavaScript', () => {
    expect(() => new Function(helperScript().replace(/import\(/g, 'Promise.resolve(').replace(/^/, ''))).not.toThrow();
  });
});

describe('node command', () => {
  it('runs TypeScript natively, with the flag, or with the strip-types hook depending on the version', () => {
    expect(nodeArgsFor('v24.1.0', 'a/src/server.ts')).toEqual(['a/src/server.ts']);
    expect(nodeArgsFor('v22.18.0', 'a/src/server.ts')).toEqual(['a/src/server.ts']);
    expect(nodeArgsFor('v22.12.0', 'a/src/server.ts')).toEqual(['--experimental-strip-types', '--no-warnings', 'a/src/server.ts']);
    expect(nodeArgsFor('v20.19.1', 'a/src/server.ts')).toEqual(['--import', './.sandbox/strip-types-hook.mjs', 'a/src/server.ts']);
  });

  it('explains a crash without a location by its first error line', () => {
    expect(crashFromLogs(['Error: listen EADDRINUSE'], 1)).toEqual({ state: 'crashed', reason: 'El proceso terminó antes de abrir su puerto: Error: listen EADDRINUSE' });
  });
});

describe('bootWebContainer', () => {
  it('refuses to boot on a page that is not cross-origin isolated', async () => {
    await expect(bootWebContainer({ isolated: false })).rejects.toMatchObject({ reason: 'not-isolated' });
  });

  it('gives up when boot() hangs (StackBlitz unreachable) and configures the licence key', async () => {
    const keys: string[] = [];
    const api = {
      configureAPIKey: (key: string) => keys.push(key),
      WebContainer: { boot: () => new Promise<never>(() => {}) },
    };
    const error = await bootWebContainer({ isolated: true, supported: true, timeoutMs: 30, apiKey: 'clave', loadApi: async () => api }).catch((e) => e);
    expect(error).toBeInstanceOf(WebContainerUnavailable);
    expect(error.reason).toBe('timeout');
    expect(keys).toEqual(['clave']);
  });

  it('boots once per page', async () => {
    let boots = 0;
    const container = new FakeWebContainer();
    const api = { configureAPIKey: () => {}, WebContainer: { boot: async () => (boots++, container) } };
    const [a, b] = await Promise.all([
      bootWebContainer({ isolated: true, supported: true, loadApi: async () => api }),
      bootWebContainer({ isolated: true, supported: true, loadApi: async () => api }),
    ]);
    expect(a).toBe(b);
    expect(boots).toBe(1);
  });
});
