// Runs a lab's checks from the command line with real processes:
//   node sandboxes/lib/check-lab.ts <lab-id|all> [start|solution]
import { listLabIds } from './labs.ts';
import { runChecks } from './node-runner.ts';

const [target = 'all', variant = 'solution'] = process.argv.slice(2);
if (variant !== 'start' && variant !== 'solution') {
  console.error('usage: node sandboxes/lib/check-lab.ts <lab-id|all> [start|solution]');
  process.exit(2);
}
const ids = target === 'all' ? await listLabIds() : [target];
let failed = 0;
for (const id of ids) {
  const results = await runChecks(id, variant, { env: { PASSWORD_HASH_ITERATIONS: '1000' } });
  console.log(`\n${id} (${variant})`);
  for (const result of results) {
    console.log(`  ${result.ok ? '✔' : '✘'} ${result.name} (${result.durationMs} ms)${result.ok ? '' : `\n      ${result.message}`}`);
    if (!result.ok) failed++;
  }
}
process.exitCode = failed > 0 ? 1 : 0;
