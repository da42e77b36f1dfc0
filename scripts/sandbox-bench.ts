// Benchmark of the browser sandbox engine in headless Chromium, on the built site (dist/, which
// must include public/sandbox-vendor: run `npm run sandbox:vendor && npm run build` first).
// Measures, on /dev/sandbox-engine/: time from start() to the first 200 (cold: fresh browser cache,
// including loading the engine; warm: a restart in the same page), and the bytes (gzip) the page
// fetches when a sandbox starts. `benchSandboxEngine()` is exported for `npm run bench`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from './bench-chromium.ts';
import { serveDist } from './serve-dist.ts';
import { FIREFOX, FirefoxPage } from '../e2e-browsers/firefox.ts';
import type { RemotePage } from '../e2e-browsers/page.ts';
import { WEBKIT_DRIVER, WebKitPage } from '../e2e-browsers/webkit.ts';

interface BenchWindow {
  sandboxEngineTest: {
    load(): Promise<any>;
    timeRun(options: { waitAfterMountMs: number }): Promise<number>;
  };
}

export interface SandboxBenchResult {
  /** Run pressed as the sandbox wakes: engine import, mount and start → first 200 (fresh browser). */
  coldFirst200Ms: number;
  /** Run pressed 1.5 s after the sandbox woke (fresh browser; spare workers ready). */
  coldAfterWakeMs: number;
  warmFirst200Ms: number;
  requestMs: number;
  loadedOnStart: { files: number; gzipBytes: number; engineGzip: number; vendorGzip: number };
}

export async function benchSandboxEngine(options: { root?: string; port?: number; runs?: number } = {}): Promise<SandboxBenchResult> {
  const root = options.root ?? fileURLToPath(new URL('..', import.meta.url));
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'sandbox-vendor/runtime.js')) || !existsSync(join(dist, 'dev/sandbox-engine/index.html'))) {
    throw new Error('sandbox-bench: dist/ lacks the sandbox page or vendor files; run npm run sandbox:vendor && npm run build.');
  }
  const port = options.port ?? 4511;
  const runs = options.runs ?? 5;
  const server = await serveDist(dist, port);
  const browser = await launchChromium();
  try {
    const cold: number[] = [];
    const afterWake: number[] = [];
    const warm: number[] = [];
    const perRequest: number[] = [];
    const open = async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/dev/sandbox-engine/`);
      await page.waitForSelector('body[data-ready="true"]');
      return { context, page };
    };
    for (let run = 0; run < runs; run++) {
      // Cold, worst case: Run pressed the moment the sandbox wakes (engine not even loaded).
      const { context, page } = await open();
      cold.push(await page.evaluate(() => (window as unknown as BenchWindow).sandboxEngineTest.timeRun({ waitAfterMountMs: 0 })));
      const times = await page.evaluate(async () => {
        const engine = await (window as unknown as BenchWindow).sandboxEngineTest.load();
        await engine.start('products-service');
        await new Promise((resolve) => setTimeout(resolve, 2600));
        const warmRuns: number[] = [];
        for (let i = 0; i < 2; i++) {
          const t1 = performance.now();
          await engine.start('products-service');
          const again = await engine.request({ service: 'products-service', method: 'GET', path: '/health' });
          if (again.status !== 200) throw new Error(`status ${again.status}`);
          warmRuns.push(performance.now() - t1);
          await new Promise((resolve) => setTimeout(resolve, 2600));
        }
        const t2 = performance.now();
        for (let i = 0; i < 50; i++) await engine.request({ service: 'products-service', method: 'GET', path: '/products/p-1' });
        const requestMs = (performance.now() - t2) / 50;
        await engine.dispose();
        return { warmMs: Math.min(...warmRuns), requestMs };
      });
      warm.push(times.warmMs);
      perRequest.push(times.requestMs);
      await context.close();
      // Cold, usual case: the reader presses Run a moment after the sandbox appeared.
      const second = await open();
      afterWake.push(await second.page.evaluate(() => (window as unknown as BenchWindow).sandboxEngineTest.timeRun({ waitAfterMountMs: 1500 })));
      await second.context.close();
    }
    // What a start loads, in a separate run (reading bodies slows the page down).
    const { context, page } = await open();
    const bodies: Promise<{ url: string; gzip: number }>[] = [];
    page.on('response', (response) => {
      bodies.push(response.body().then((body) => ({ url: response.url(), gzip: gzipSync(body).length }), () => ({ url: response.url(), gzip: 0 })));
    });
    await page.evaluate(() => (window as unknown as BenchWindow).sandboxEngineTest.timeRun({ waitAfterMountMs: 0 }));
    await page.waitForTimeout(1000);
    const unique = new Map((await Promise.all(bodies)).map((file) => [file.url, file]));
    const files = [...unique.values()];
    await context.close();
    if (process.env.BENCH_VERBOSE) for (const f of files.sort((a, b) => b.gzip - a.gzip).slice(0, 8)) console.log(`    ${(f.gzip / 1024).toFixed(1)} KiB ${f.url}`);
    const isVendor = (url: string) => url.includes('/sandbox-vendor/');
    const sum = (list: typeof files) => list.reduce((total, file) => total + file.gzip, 0);
    const loaded = {
      files: files.length,
      gzipBytes: sum(files),
      engineGzip: sum(files.filter((f) => !isVendor(f.url))),
      vendorGzip: sum(files.filter((f) => isVendor(f.url))),
    };
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    return {
      coldFirst200Ms: Math.round(median(cold)),
      coldAfterWakeMs: Math.round(median(afterWake)),
      warmFirst200Ms: Math.round(median(warm)),
      requestMs: Math.round(median(perRequest) * 100) / 100,
      loadedOnStart: loaded,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

const otherBrowsers = {
  firefox: { executable: FIREFOX, launch: (): Promise<RemotePage> => FirefoxPage.launch() },
  webkit: { executable: WEBKIT_DRIVER, launch: (): Promise<RemotePage> => WebKitPage.launch() },
};

/**
 * The same worst case (Run as the sandbox wakes) in Debian's Firefox ESR or WebKitGTK (Safari's
 * engine), each run in a fresh browser; undefined when that browser is not installed.
 */
export async function benchSandboxEngineIn(
  browser: keyof typeof otherBrowsers,
  options: { root?: string; port?: number; runs?: number } = {},
): Promise<number | undefined> {
  const { executable, launch } = otherBrowsers[browser];
  if (!existsSync(executable)) return undefined;
  const root = options.root ?? fileURLToPath(new URL('..', import.meta.url));
  const port = options.port ?? 4512;
  const server = await serveDist(join(root, 'dist'), port);
  const times: number[] = [];
  try {
    for (let run = 0; run < (options.runs ?? 3); run++) {
      const page = await launch();
      try {
        await page.goto(`http://127.0.0.1:${port}/dev/sandbox-engine/`);
        await page.evaluate(() => new Promise<void>((resolve) => (document.body.dataset.ready === 'true' ? resolve() : addEventListener('load', () => resolve()))));
        times.push(await page.evaluate(() => (window as unknown as BenchWindow).sandboxEngineTest.timeRun({ waitAfterMountMs: 0 })));
      } finally {
        await page.close();
      }
    }
  } finally {
    server.close();
  }
  return Math.round([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchSandboxEngine();
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log('Browser sandbox engine (headless Chromium, dist/, median of 5 fresh contexts)');
  console.log(`  Run → first 200, cold, pressed as the sandbox wakes:     ${result.coldFirst200Ms} ms (target < 500)`);
  console.log(`  Run → first 200, cold, pressed 1.5 s after it woke:     ${result.coldAfterWakeMs} ms`);
  console.log(`  restart → first 200, warm (seconds after the last start): ${result.warmFirst200Ms} ms`);
  console.log(`  one request through the virtual network:                 ${result.requestMs} ms`);
  console.log(
    `  loaded when a sandbox starts: ${result.loadedOnStart.files} files, ${kib(result.loadedOnStart.gzipBytes)} gzip ` +
      `(engine ${kib(result.loadedOnStart.engineGzip)}, dependencies ${kib(result.loadedOnStart.vendorGzip)})`,
  );
  for (const [browser, label] of [['firefox', 'Firefox ESR'], ['webkit', 'WebKitGTK']] as const) {
    const ms = await benchSandboxEngineIn(browser);
    console.log(`  Run → first 200, cold, as it wakes, in ${label.padEnd(12)}: ${ms === undefined ? 'not measured (browser not installed)' : `${ms} ms`}`);
  }
}
