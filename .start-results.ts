import { listLabIds } from './sandboxes/lib/labs.ts';
import { runChecks } from './sandboxes/lib/node-runner.ts';
const out: Record<string, Array<{ name: string; ok: boolean }>> = {};
for (const id of await listLabIds()) {
  const results = await runChecks(id, 'start', { env: { PASSWORD_HASH_ITERATIONS: '1000' } });
  out[id] = results.map((r) => ({ name: r.name, ok: r.ok }));
  console.error(id, results.map((r) => (r.ok ? '✔' : '✘')).join(''));
}
console.log(JSON.stringify(out, null, 1));
