// The longest silence of each lab service's worker while it loads its modules (the watchdog's
// "loading" phase, where only heartbeats prove it is alive), cold, through the UI, for every lab.
// It sets the browser engine's loadSilenceLimitMs (issue 15: 1.03 s at most at load 29 on 2 cores,
// limit 4 s). Needs a build; `BENCH_PORT` (default 4408), `RUNS` per lab (default 1):
//   node scripts/load-silence-bench.ts
import { readdirSync } from 'node:fs';
import { launchChromium } from './bench-chromium.ts';
import { serveDist } from './serve-dist.ts';
const port = Number(process.env.BENCH_PORT ?? 4408);
const server = await serveDist('dist', port);
const browser = await launchChromium();
const labs = readdirSync('sandboxes/labs').filter((d) => d.startsWith('lab-'));
const results: [string, number][] = [];
for (const lab of labs) {
  for (let run = 0; run < Number(process.env.RUNS ?? 1); run++) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const W = window.Worker;
    (window as any).__gaps = [];
    window.Worker = class extends W {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        const record = { name: options?.name ?? '', times: [] as [number, string][] };
        (window as any).__gaps.push(record);
        this.addEventListener('message', (e) => record.times.push([performance.now(), (e.data && e.data.type) || '?']));
      }
    } as typeof Worker;
  });
  await page.goto(`http://127.0.0.1:${port}/dev/sandbox-ui/${lab}/`);
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Ejecutar el laboratorio' }).click();
  await page.waitForFunction(() => { const s = [...document.querySelectorAll('.sbx-status')]; return s.length > 0 && s.every((x) => x.getAttribute('data-state') === 'running' || x.getAttribute('data-state') === 'crashed'); }, undefined, { timeout: 60000 }).catch(() => undefined);
  const gaps = await page.evaluate(() => (window as any).__gaps.map((r: any) => {
    const end = r.times.findIndex((t: any) => t[1] === 'loaded' || t[1] === 'listening');
    const slice = r.times.slice(0, end < 0 ? r.times.length : end + 1);
    let max = 0;
    for (let i = 1; i < slice.length; i++) max = Math.max(max, slice[i][0] - slice[i - 1][0]);
    return [r.name, Math.round(max), slice.map((t: any) => t[1]).join(',').slice(0, 80)];
  }));
  console.log(lab, `${Date.now() - t0} ms`, JSON.stringify(gaps));
  for (const g of gaps) results.push([`${lab}/${g[0]}`, g[1]]);
  await page.close();
  }
}
results.sort((a, b) => b[1] - a[1]);
console.log('slowest load silences:', results.slice(0, 5));
await browser.close();
server.close();
