// Runs a lab's checks.ts in this page against the engine's running services. checks.ts imports
// only types (erased here), so it loads as one Blob module; the checks are course code, not learner
// code, so running them on the main thread is safe.
import { assertCheck, parseBody, runCheckList } from '../../../../sandboxes/lib/checks-core.ts';
import type { Check, CheckContext, CheckResult } from '../../../../sandboxes/lib/checks-types.ts';
import type { SandboxEngine } from '../../types.ts';
import { buildModuleGraph } from './loader/module-graph.ts';
import { stripTypes } from './loader/transform.ts';

/** What running checks needs from an engine; both engines provide it. */
export type CheckableEngine = Pick<SandboxEngine, 'request' | 'start' | 'stop' | 'status'> & { logs(service: string): string[] };

export async function runChecksSource(
  engine: CheckableEngine,
  source: string,
  imports: Record<string, string>,
  timeoutMs: number,
): Promise<CheckResult[]> {
  const urls: string[] = [];
  try {
    const graph = await buildModuleGraph({
      tree: { 'checks.ts': source },
      entry: 'checks.ts',
      strip: stripTypes,
      resolveBare: (specifier) => imports[specifier],
      createUrl: (code) => {
        const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
        urls.push(url);
        return url;
      },
    });
    const module = (await import(/* @vite-ignore */ graph.entryUrl)) as { default?: Check[]; checks?: Check[] };
    const checks = module.default ?? module.checks;
    if (!Array.isArray(checks)) throw new Error('checks.ts debe exportar por defecto una lista de comprobaciones.');
    return await runCheckList(checks, createContext(engine), { timeoutMs });
  } finally {
    for (const url of urls) URL.revokeObjectURL(url);
  }
}

function createContext(engine: CheckableEngine): CheckContext {
  return {
    async request(service, path, init = {}) {
      const response = await engine.request({
        service,
        path,
        method: init.method ?? 'GET',
        headers: init.headers,
        body: init.body,
      });
      const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      return { status: response.status, headers, text: response.text, body: parseBody(headers['content-type'] ?? '', response.text) };
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
  };
}
