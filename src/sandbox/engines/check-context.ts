// The CheckContext a lab's checks.ts gets from a page engine (browser or WebContainer): requests,
// logs, stop and start through the engine contract. Platform-neutral: the Node tests use it too.
import type { CheckContext } from '../../../sandboxes/lib/checks-types.ts';
import { assertCheck, CheckFailure, parseBody } from '../../../sandboxes/lib/checks-core.ts';
import type { SandboxEngine } from '../contract/index.ts';
import { InvalidRequest } from '../contract/index.ts';

/**
 * False until ctx.websocket() is wired to the page engines (issue 14, see docs/ARCHITECTURE.md, "WebSocket
 * checks"): the cross-engine lab tests (e2e/sandbox-labs.spec.ts, webcontainer/process-labs.test.ts) mark
 * the labs whose checks open WebSockets (labs 16-17) as fixme while it is false. Set it to true when wiring.
 */
export const PAGE_ENGINES_OPEN_CHECK_WEBSOCKETS = false;

/** Whether a lab's checks.ts opens WebSockets (`ctx.websocket(`). */
export const checksUseWebSockets = (checksSource: string): boolean => /\.websocket\(/.test(checksSource);

/** What running checks needs from an engine (the core contract: every engine has it). */
export type CheckableEngine = Pick<SandboxEngine, 'request' | 'start' | 'stop' | 'status' | 'logs'>;

export function createCheckContext(engine: CheckableEngine): CheckContext {
  return {
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
    // TODO(issue 14, ws helper): open the connection through the engine's WebSocket capability and feed a
    // CheckSocketRecorder (checks-core.ts) its open/frame/close events, as openNodeCheckSocket does in Node.
    async websocket(service, path) {
      throw new CheckFailure(`Este motor aún no abre WebSockets desde las comprobaciones (${service} ${path}): usa el motor Node (npm run foodly).`);
    },
  };
}
