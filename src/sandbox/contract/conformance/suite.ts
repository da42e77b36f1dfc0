// One conformance suite for every engine (browser engine in Chromium, WebContainer engine on real
// Node 20 processes, Node engine): the same cases, the same expectations, so the engines cannot
// drift apart. Platform-neutral on purpose: it runs inside a page (Playwright) and in Vitest, so it
// carries its own tiny assertions instead of a test framework's.
import type { SandboxEngine, ServiceStatus } from '../engine.ts';
import { hasCapability, hasTests, hasWebSocket, type CapabilityName, type WebSocketConnection, type WebSocketFrame } from '../capabilities.ts';
import { unknownServiceMessage } from '../http.ts';
import { artifactChecks, artifactEdit, artifactFiles, conformanceChecks, conformanceServices, conformanceTestFiles, conformanceTree, crashingApp } from './fixture.ts';
import { websocketChecks, websocketServices, websocketTree } from './websocket-fixture.ts';

export interface ConformanceCase {
  name: string;
  /** Only engines that declare this capability run the case. */
  requires?: CapabilityName;
  run(engine: SandboxEngine): Promise<void>;
}

class ConformanceFailure extends Error {}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceFailure(message);
}
const same = (actual: unknown, expected: unknown, what: string) =>
  check(JSON.stringify(actual) === JSON.stringify(expected), `${what}: se esperaba ${JSON.stringify(expected)} y llegó ${JSON.stringify(actual)}`);

async function fresh(engine: SandboxEngine, ...services: string[]): Promise<void> {
  await engine.mount(conformanceTree, conformanceServices);
  for (const service of services) {
    await engine.start(service);
    const status: ServiceStatus = engine.status(service);
    check(status.state === 'running', `${service} debería estar en marcha y está ${JSON.stringify(status)}`);
  }
}

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

async function freshWebSocketLab(engine: SandboxEngine, ...services: string[]) {
  if (!hasWebSocket(engine)) throw new ConformanceFailure('el motor no tiene la capacidad websocket');
  await engine.mount(websocketTree, websocketServices);
  for (const service of services) {
    await engine.start(service);
    const status = engine.status(service);
    check(status.state === 'running', `${service} debería estar en marcha y está ${JSON.stringify(status)}`);
  }
  return engine;
}

/** Frames as they arrive, and a wait for the n-th. */
function collect(socket: WebSocketConnection) {
  const frames: WebSocketFrame[] = [];
  socket.onMessage((frame) => frames.push(frame));
  const wait = async (count: number) => {
    for (let i = 0; i < 200 && frames.length < count; i++) await new Promise((r) => setTimeout(r, 25));
    check(frames.length >= count, `se esperaban ${count} mensajes y llegaron ${frames.length}: ${JSON.stringify(frames)}`);
    return frames;
  };
  return { frames, wait };
}

const withinSeconds = <T>(promise: Promise<T>, seconds: number, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new ConformanceFailure(`${what}: nada en ${seconds} s`)), seconds * 1000))]);

const websocketCases: ConformanceCase[] = [
  {
    name: 'WebSocket: text and binary frames echo, and the service picks the first subprotocol',
    requires: 'websocket',
    async run(base) {
      const engine = await freshWebSocketLab(base, 'chat');
      const socket = await engine.openWebSocket('chat', '/ws?user=ana', { protocols: ['chat.v2', 'chat.v1'] });
      same(socket.protocol, 'chat.v2', 'subprotocolo');
      const { wait } = collect(socket);
      socket.send('hola, ñandú');
      socket.send(new Uint8Array([1, 2, 3]));
      const frames = await wait(3);
      same(json(frames[0]!.data as string), { hello: 'ana', auth: null, protocol: 'chat.v2' }, 'saludo');
      same(frames[1], { data: 'eco: hola, ñandú', binary: false }, 'eco de texto');
      same([frames[2]!.binary, [...new Uint8Array(frames[2]!.data as ArrayBuffer)]], [true, [3, 2, 1]], 'eco binario');
      socket.close(1000, 'listo');
      same(await withinSeconds(socket.closed, 5, 'cierre'), { code: 1000, reason: 'listo', wasClean: true }, 'cierre desde el cliente');
      for (let i = 0; i < 100 && !engine.logs('chat').some((line) => line.includes('chat: cierre 1000 listo')); i++) await new Promise((r) => setTimeout(r, 25));
      check(engine.logs('chat').some((line) => line.includes('chat: cierre 1000 listo')), `onClose del servicio: ${JSON.stringify(engine.logs('chat'))}`);
    },
  },
  {
    name: 'WebSocket: headers reach the upgrade handler; without the token the handshake gets 401',
    requires: 'websocket',
    async run(base) {
      const engine = await freshWebSocketLab(base, 'chat');
      const socket = await engine.openWebSocket('chat', '/private', { headers: { Authorization: 'Bearer secreto' } });
      const [greeting] = await collect(socket).wait(1);
      same(json(greeting!.data as string).auth, 'Bearer secreto', 'cabecera Authorization en onOpen');
      socket.close();
      const refused = await engine.openWebSocket('chat', '/private').then(() => undefined, (error: Error) => error);
      check(refused?.message.includes('chat respondió 401'), `sin token: ${refused?.message}`);
    },
  },
  {
    name: 'WebSocket: a close from the service arrives with its code and reason',
    requires: 'websocket',
    async run(base) {
      const engine = await freshWebSocketLab(base, 'chat');
      const socket = await engine.openWebSocket('chat', '/ws');
      await collect(socket).wait(1);
      socket.send('bye');
      same(await withinSeconds(socket.closed, 5, 'cierre'), { code: 4001, reason: 'adiós', wasClean: true }, 'cierre desde el servicio');
    },
  },
  {
    name: 'WebSocket: stopping the service drops its connections (close 1006)',
    requires: 'websocket',
    async run(base) {
      const engine = await freshWebSocketLab(base, 'chat');
      const socket = await engine.openWebSocket('chat', '/ws');
      await collect(socket).wait(1);
      await engine.stop('chat');
      same(await withinSeconds(socket.closed, 10, 'cierre'), { code: 1006, reason: '', wasClean: false }, 'cierre al parar el servicio');
      const error = await engine.openWebSocket('chat', '/ws').then(() => undefined, (e: Error) => e);
      check(error?.message.includes('chat no está escuchando'), `con chat parado: ${error?.message}`);
    },
  },
  {
    name: 'WebSocket: one service opens a WebSocket to another by its declared URL',
    requires: 'websocket',
    async run(base) {
      const engine = await freshWebSocketLab(base, 'chat', 'relay');
      const response = await engine.request({ service: 'relay', method: 'GET', path: '/relay?text=pedido%2042' });
      same(response.status, 200, `GET /relay (${response.text})`);
      same(json(response.text), { greeting: { hello: 'relay', auth: null, protocol: '' }, echo: 'eco: pedido 42' }, 'respuesta de relay');
    },
  },
  {
    name: 'WebSocket: checks open WebSockets with ctx.websocket',
    requires: 'websocket',
    async run(base) {
      const engine = await freshWebSocketLab(base, 'chat');
      const results = await engine.runChecks(websocketChecks);
      same(results.map((r) => r.ok), [true, true, false], `resultados (${results.map((r) => r.message ?? '').join(' | ')})`);
      check(results[2]!.message?.includes('chat respondió 401'), `mensaje: ${results[2]!.message}`);
    },
  },
];

export const conformanceCases: ConformanceCase[] = [
  {
    name: 'start, stop and restart a service; its status follows',
    async run(engine) {
      await engine.mount(conformanceTree, conformanceServices);
      same(engine.status('echo'), { state: 'stopped' }, 'estado tras montar');
      await engine.start('echo');
      same(engine.status('echo'), { state: 'running', port: 3150 }, 'estado tras arrancar');
      await engine.stop('echo');
      same(engine.status('echo').state, 'stopped', 'estado tras parar');
      await engine.start('echo');
      await engine.start('echo');
      same(engine.status('echo'), { state: 'running', port: 3150 }, 'estado tras reiniciar');
      same((await engine.request({ service: 'echo', method: 'GET', path: '/env' })).status, 200, 'GET /env tras reiniciar');
    },
  },
  {
    name: 'logs hold what the service printed since its last start',
    async run(engine) {
      await fresh(engine, 'echo');
      const waitForLine = async () => {
        // The service's own line (engines may add their own "escuchando" line as well).
        for (let i = 0; i < 100 && !engine.logs('echo').some((line) => line.includes('echo: instancia ')); i++) await new Promise((r) => setTimeout(r, 50));
        return engine.logs('echo').filter((line) => line.includes('echo: instancia '));
      };
      const first = await waitForLine();
      same(first.length, 1, 'líneas de arranque tras el primer arranque');
      await engine.start('echo');
      const second = await waitForLine();
      same(second.length, 1, 'líneas de arranque tras reiniciar (los logs empiezan de nuevo)');
      check(first[0] !== second[0], `el reinicio debería ser otra instancia: ${first[0]} / ${second[0]}`);
    },
  },
  {
    name: 'a JSON body arrives as JSON with its content type',
    async run(engine) {
      await fresh(engine, 'echo');
      const response = await engine.request({ service: 'echo', method: 'POST', path: '/echo', body: { plato: 'paella', cantidad: 2 } });
      same(response.status, 200, 'estado');
      same(response.headers['content-type']?.startsWith('application/json'), true, 'content-type de la respuesta');
      const echoed = json(response.text);
      same(echoed.contentType, 'application/json', 'content-type recibido');
      same(JSON.parse(echoed.body as string), { plato: 'paella', cantidad: 2 }, 'cuerpo recibido');
    },
  },
  {
    name: 'a text body arrives as it was written, and a caller content type is kept',
    async run(engine) {
      await fresh(engine, 'echo');
      const response = await engine.request({ service: 'echo', method: 'PUT', path: '/echo', headers: { 'Content-Type': 'text/csv' }, body: 'id,precio\np-1,9.5' });
      const echoed = json(response.text);
      same(echoed.body, 'id,precio\np-1,9.5', 'cuerpo recibido');
      same(echoed.contentType, 'text/csv', 'content-type recibido');
      same(echoed.method, 'PUT', 'método');
    },
  },
  {
    name: 'empty bodies: a POST without body, a GET, and a 204 answer',
    async run(engine) {
      await fresh(engine, 'echo');
      const post = json((await engine.request({ service: 'echo', method: 'POST', path: '/echo' })).text);
      same([post.body, post.length], ['', 0], 'POST sin cuerpo');
      const get = json((await engine.request({ service: 'echo', method: 'get', path: 'echo' })).text);
      same([get.method, get.body], ['GET', ''], 'GET (método en minúsculas, ruta sin barra)');
      const empty = await engine.request({ service: 'echo', method: 'GET', path: '/empty' });
      same([empty.status, empty.statusText, empty.text], [204, 'No Content', ''], 'respuesta 204');
    },
  },
  {
    name: 'non-ASCII text survives both ways',
    async run(engine) {
      await fresh(engine, 'echo');
      const text = 'Año nuevo: café, ñandú, 12 € y 😀';
      const echoed = json((await engine.request({ service: 'echo', method: 'POST', path: '/echo', body: text })).text);
      same(echoed.body, text, 'cuerpo recibido');
      same((await engine.request({ service: 'echo', method: 'GET', path: '/text' })).text, 'café ñandú € 😀', 'texto respondido');
    },
  },
  {
    name: 'a GET with a body is refused with the same message everywhere',
    async run(engine) {
      await fresh(engine, 'echo');
      const error = await engine.request({ service: 'echo', method: 'GET', path: '/echo', body: { a: 1 } }).then(() => undefined, (e: Error) => e);
      check(error?.message.includes('GET no puede llevar cuerpo'), `error: ${error?.message}`);
    },
  },
  {
    name: 'env reaches the service, and one service calls another by its declared URL',
    async run(engine) {
      await fresh(engine, 'echo', 'caller');
      const relayed = json((await engine.request({ service: 'caller', method: 'GET', path: '/relay' })).text);
      same(relayed.via, 'caller', 'respuesta de caller');
      same((relayed.echo as { greeting: string }).greeting, 'hola, ñandú', 'variable de entorno de echo');
      await engine.stop('echo');
      same((await engine.request({ service: 'caller', method: 'GET', path: '/relay' })).status, 503, 'caller con echo parado');
    },
  },
  {
    name: 'a crash at start-up names the lab file, line and column',
    async run(engine) {
      await engine.mount(conformanceTree, conformanceServices);
      await engine.writeFile('echo-service/src/app.ts', crashingApp);
      await engine.start('echo');
      const status = engine.status('echo');
      check(status.state === 'crashed', `echo debería haberse caído y está ${JSON.stringify(status)}`);
      same([status.file, status.line, status.column], ['echo-service/src/app.ts', 3, 7], 'ubicación del error');
      check(status.reason.includes('arranque roto a propósito'), `motivo: ${status.reason}`);
    },
  },
  {
    name: 'checks run against the running services and report each result',
    async run(engine) {
      await fresh(engine, 'echo');
      const results = await engine.runChecks(conformanceChecks);
      same(results.map((r) => r.ok), [true, true, false], 'resultados');
      check(results[2]!.message?.includes('GET /no-existe respondió 404'), `mensaje: ${results[2]!.message}`);
    },
  },
  {
    name: 'checks read the lab files as edited, and inspect deployment artefacts (ctx.readFile, ctx.inspectFile)',
    async run(engine) {
      await engine.mount({ ...conformanceTree, ...artifactFiles }, conformanceServices);
      await engine.writeFile(artifactEdit.path, artifactEdit.content);
      const results = await engine.runChecks(artifactChecks);
      same(results.map((r) => (r.ok ? 'ok' : r.message)), ['ok', 'ok', 'ok'], 'resultados');
    },
  },
  {
    name: 'an unknown service gets the same error everywhere',
    async run(engine) {
      await engine.mount(conformanceTree, conformanceServices);
      const expected = unknownServiceMessage('pagos');
      for (const [what, attempt] of [
        ['start', () => engine.start('pagos')],
        ['request', () => engine.request({ service: 'pagos', method: 'GET', path: '/' })],
        ['status', async () => engine.status('pagos')],
        ['logs', async () => engine.logs('pagos')],
      ] as const) {
        const error = await attempt().then(() => undefined, (e: Error) => e);
        same(error?.message, expected, `${what}('pagos')`);
      }
    },
  },
  ...websocketCases,
  {
    name: 'tests: the lab Vitest files run, with pass/fail, diff and file:line',
    requires: 'tests',
    async run(engine) {
      if (!hasTests(engine)) throw new ConformanceFailure('el motor no declara la capacidad tests');
      await engine.mount({ ...conformanceTree, ...conformanceTestFiles }, conformanceServices);
      const run = await engine.runTests();
      same(run.files.map((file) => [file.file, file.state]), [
        ['echo-service/test/app.test.ts', 'fail'],
        ['echo-service/test/broken.test.ts', 'fail'],
      ], 'archivos y su estado');
      const app = run.files[0]!;
      same(app.tests.map((test) => [test.suite, test.name, test.state]), [
        [['echo'], 'responde el texto con acentos', 'pass'],
        [['echo'], 'un espía y un reloj falso', 'pass'],
        [['echo'], 'compara objetos', 'fail'],
      ], 'tests de app.test.ts');
      const failure = app.tests[2]!.failure;
      check(failure, 'el test que falla trae su fallo');
      same([failure.location?.file, failure.location?.line], ['echo-service/test/app.test.ts', 19], 'archivo y línea del fallo');
      check(/- Expected/.test(failure.diff ?? '') && /\+ Received/.test(failure.diff ?? ''), `el fallo trae el diff de Vitest y trae ${JSON.stringify(failure.diff)}`);
      check(/"count": 2/.test(failure.diff ?? '') && /"count": 1/.test(failure.diff ?? ''), `el diff muestra los dos valores: ${JSON.stringify(failure.diff)}`);
      check(app.tests.every((test) => test.durationMs >= 0), 'cada test trae su duración');
      check(run.files[1]!.error?.message, 'el archivo que no compila trae un mensaje');
      same([run.passed, run.failed], [2, 2], 'superados y fallidos');
      const one = await engine.runTests(['echo-service/test/broken.test.ts']);
      same(one.files.map((file) => file.file), ['echo-service/test/broken.test.ts'], 'ejecutar un solo archivo');
    },
  },
];

export interface ConformanceResult {
  name: string;
  ok: boolean;
  /** The engine does not declare the capability the case needs. */
  skipped?: boolean;
  message?: string;
}

/** Runs every case (or those named) on one engine, never stopping at the first failure. */
export async function runConformance(engine: SandboxEngine, only?: string[]): Promise<ConformanceResult[]> {
  const results: ConformanceResult[] = [];
  for (const testCase of conformanceCases) {
    if (only && !only.includes(testCase.name)) continue;
    if (testCase.requires && !hasCapability(engine, testCase.requires)) {
      results.push({ name: testCase.name, ok: true, skipped: true });
      continue;
    }
    try {
      await testCase.run(engine);
      results.push({ name: testCase.name, ok: true });
    } catch (error) {
      results.push({ name: testCase.name, ok: false, message: error instanceof Error ? error.message : String(error) });
    } finally {
      for (const service of [...conformanceServices, ...websocketServices]) await engine.stop(service.name).catch(() => undefined);
    }
  }
  return results;
}
