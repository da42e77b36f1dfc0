// The CheckContext a lab's checks.ts gets from a page engine (browser or WebContainer): requests,
// logs, stop and start through the engine contract. Platform-neutral: the Node tests use it too.
import type { CheckContext } from '../../../sandboxes/lib/checks-types.ts';
import { assertCheck, CheckFailure, inspectLabFile, mutantFiles, parseBody } from '../../../sandboxes/lib/checks-core.ts';
import { openCheckWebSocket } from '../../../sandboxes/lib/check-websocket.ts';
import type { SandboxEngine, WebSocketCapability } from '../contract/index.ts';
import { hasChaos, hasTests, InvalidRequest } from '../contract/index.ts';

/** What running checks needs from an engine (the core contract: every engine has it; WebSockets where it can). */
export type CheckableEngine = Pick<SandboxEngine, 'request' | 'start' | 'stop' | 'status' | 'logs'> & Partial<WebSocketCapability> & Partial<Pick<SandboxEngine, 'readFile'>>;

export function createCheckContext(engine: CheckableEngine): CheckContext {
  const chaos =
    'capabilities' in engine && hasChaos(engine as SandboxEngine)
      ? (() => {
          const able = engine as SandboxEngine & import('../contract/index.ts').ChaosCapability;
          return {
            pauseConsumer: (target: import('../contract/index.ts').ConsumerTarget) => able.pauseConsumer(target),
            resumeConsumer: (target: import('../contract/index.ts').ConsumerTarget) => able.resumeConsumer(target),
            dropConnections: (service: string, kind: 'rabbitmq' | 'kafka') => able.dropConnections(service, kind),
            crashService: (service: string) => able.crashService(service),
          };
        })()
      : undefined;
  return {
    ...(chaos ? { chaos } : {}),
    async request(service, path, init = {}) {
      try {
        const response = await engine.request({ service, path, method: init.method ?? 'GET', headers: init.headers, body: init.body });
        return { status: response.status, headers: response.headers, text: response.text, body: parseBody(response.headers['content-type'] ?? '', response.text) };
      } catch (error) {
        if (error instanceof InvalidRequest) throw new CheckFailure(error.message);
        throw error;
      }
    },
    assert: assertCheck,
    logs: (service) => engine.logs(service),
    stop: (service) => engine.stop(service),
    async start(service) {
      await engine.start(service);
      const status = engine.status(service);
      if (status.state !== 'running') {
        throw new Error(`${service} no arrancó: ${status.state === 'crashed' ? status.reason : status.state}`);
      }
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    async readFile(path) {
      if (!engine.readFile) throw new CheckFailure('Este motor no puede leer los archivos del laboratorio: prueba con otro motor del sandbox.');
      return engine.readFile(path);
    },
    async inspectFile(path, kind) {
      if (!engine.readFile) throw new CheckFailure('Este motor no puede leer los archivos del laboratorio: prueba con otro motor del sandbox.');
      return inspectLabFile((file) => engine.readFile!(file), path, kind);
    },
    async runTests(options = {}) {
      if (!('capabilities' in engine) || !hasTests(engine as SandboxEngine) || !engine.readFile) {
        throw new CheckFailure('Este motor no puede ejecutar los tests del laboratorio: prueba con otro motor del sandbox.');
      }
      const overrides = await mutantFiles(options.mutate, (path) => engine.readFile!(path));
      return (engine as SandboxEngine & import('../contract/index.ts').TestsCapability).runTests(options.files, overrides);
    },
    async websocket(service, path, init = {}) {
      if (!engine.openWebSocket) throw new CheckFailure('Este motor no puede abrir WebSockets: prueba con otro motor del sandbox.');
      return openCheckWebSocket(service, path, () => engine.openWebSocket!(service, path, init));
    },
  };
}
