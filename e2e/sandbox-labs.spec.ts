// Every lab of the course in the browser engine, in headless Chromium: the checks all pass on the
// solution and at least one fails on the start — the same promise CI proves with real Node
// processes (sandboxes/test/chain.test.ts), here with module Workers and the virtual network.
// Uses the internal page /dev/sandbox-labs/ and the build-time lab data at /labs/<id>.json.
import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const labIds = readdirSync(new URL('../sandboxes/labs/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.startsWith('lab-'))
  .map((entry) => entry.name)
  .sort();

interface CheckOutcome {
  name: string;
  ok: boolean;
  message?: string;
}

interface VariantOutcome {
  bootMs: number;
  checksMs: number;
  statuses: Record<string, { state: string; reason?: string }>;
  results: CheckOutcome[];
  logs: Record<string, string[]>;
}

/** Runs in the page: mounts one variant, starts every service, runs the lab's checks. */
async function runVariant({ id, variant }: { id: string; variant: 'solution' | 'start' }): Promise<VariantOutcome> {
  const hook = (window as unknown as { sandboxLabs: { createEngine(): Promise<any>; fetchLab(id: string): Promise<any> } }).sandboxLabs;
  const lab = await hook.fetchLab(id);
  const engine = await hook.createEngine();
  const logs: Record<string, string[]> = {};
  engine.onLog((entry: { service: string; text: string }) => (logs[entry.service] ??= []).push(entry.text));
  try {
    const services: { name: string }[] = lab.meta.services;
    const bootStarted = performance.now();
    await engine.mount(lab[variant], services);
    await Promise.all(services.map((service) => engine.start(service.name)));
    const bootMs = performance.now() - bootStarted;
    const statuses = Object.fromEntries(services.map((service) => [service.name, engine.status(service.name)]));
    const checksStarted = performance.now();
    const results: CheckOutcome[] = await engine.runChecks(lab.checks);
    return { bootMs, checksMs: performance.now() - checksStarted, statuses, results, logs };
  } finally {
    await engine.dispose();
  }
}

const report = (results: CheckOutcome[]) =>
  results.map((result) => `${result.ok ? '✔' : '✘'} ${result.name}${result.ok ? '' : ` → ${result.message}`}`).join('\n');

test.describe('every lab in the browser engine', () => {
  // Each lab boots its services twice and some checks wait for background work (e-mails, breakers).
  test.describe.configure({ timeout: 120_000 });

  for (const id of labIds) {
    test(`${id}: the checks pass on the solution and one fails on the start`, async ({ page }) => {
      page.on('pageerror', (error) => console.log(`[${id}] pageerror: ${error.message}`));
      await page.goto('/dev/sandbox-labs/');
      await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');

      const solution = await page.evaluate(runVariant, { id, variant: 'solution' as const }).catch((error: Error) => {
        throw new Error(`${id} (solution): ${error.message}`);
      });
      const start = await page.evaluate(runVariant, { id, variant: 'start' as const });
      console.log(
        `${id}: solution boot ${Math.round(solution.bootMs)} ms + checks ${Math.round(solution.checksMs)} ms; ` +
          `start boot ${Math.round(start.bootMs)} ms + checks ${Math.round(start.checksMs)} ms`,
      );

      for (const [name, status] of Object.entries(solution.statuses)) {
        expect(status.state, `${name} (solution) did not start: ${status.reason ?? ''}\n${(solution.logs[name] ?? []).join('\n')}`).toBe('running');
      }
      expect(solution.results.length).toBeGreaterThan(0);
      const logs = Object.entries(solution.logs).map(([name, lines]) => `--- ${name}\n${lines.slice(-30).join('\n')}`).join('\n');
      expect(solution.results.every((result) => result.ok), `solution:\n${report(solution.results)}\n${logs}`).toBe(true);
      expect(start.results.some((result) => !result.ok), `start:\n${report(start.results)}`).toBe(true);
    });
  }
});
