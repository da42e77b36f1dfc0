// The Tests tab's cost in the browser engine (npm run bench): lab 8's tests (solution: 9 tests in
// 2 files) run with engine.runTests() on the built site's /dev/sandbox-labs/ page, first run (the
// runner loads) and a second one, and the bytes the first run fetched (gzip). Printed, not asserted.
import { gzipSync } from 'node:zlib';
import { launchChromium } from './bench-chromium.ts';
import { distDir, serveDist } from './serve-dist.ts';

export interface TestsBench {
  firstRunMs: number;
  secondRunMs: number;
  tests: number;
  loaded: { files: number; gzipBytes: number; names: string[] };
}

export async function benchTestsTab({ port }: { port: number }): Promise<TestsBench> {
  const server = await serveDist(distDir, port);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/dev/sandbox-labs/`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.evaluate(async () => {
      const api = (window as any).sandboxLabs;
      const lab = await api.fetchLab('lab-08-agregado');
      const engine = await api.createEngine();
      // As the sandbox UI mounts a lab: with its code compiled at build time (no compiler download).
      const compiled = Object.entries(lab.compiled?.solution ?? {}).map(([path, code]) => ({ source: lab.solution[path], code }));
      await engine.mount(lab.solution, lab.meta.services, { compiled });
      (window as any).benchEngine = engine;
    });
    await page.waitForLoadState('networkidle');
    const sizes: Array<Promise<number>> = [];
    const names: string[] = [];
    const listener = (response: import('@playwright/test').Response) => {
      const path = new URL(response.url()).pathname;
      if (!/\.js$/.test(path)) return;
      names.push(path);
      sizes.push(response.body().then((body) => gzipSync(body).length, () => 0));
    };
    page.on('response', listener);
    const first = await page.evaluate(async () => {
      const t0 = performance.now();
      const result = await (window as any).benchEngine.runTests();
      return { ms: performance.now() - t0, tests: result.passed + result.failed };
    });
    page.off('response', listener);
    const second = await page.evaluate(async () => {
      const t0 = performance.now();
      await (window as any).benchEngine.runTests();
      return performance.now() - t0;
    });
    const bytes = await Promise.all(sizes);
    return {
      firstRunMs: Math.round(first.ms),
      secondRunMs: Math.round(second),
      tests: first.tests,
      loaded: { files: bytes.length, gzipBytes: bytes.reduce((a, b) => a + b, 0), names },
    };
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchTestsTab({ port: Number(process.env.BENCH_PORT ?? 4390) + 6 }));
}
