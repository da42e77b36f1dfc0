/**
 * The sandbox's ioredis in two browser module Workers (two services) against one RedisHost
 * (ioredis-mock's browser build) in the page: one keyspace, pub/sub between the workers, the
 * server's errors. The shape the browser engine will use.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (candidate): candidate is string => !!candidate && existsSync(candidate),
);
const testing = path.resolve('src/sandbox/infra/testing');
const origin = 'http://infra.test';

declare function runServices(): Promise<Record<string, unknown>>;

describe.skipIf(!executablePath)('the sandbox ioredis in browser Workers over MessagePorts', () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  it('shares one keyspace, delivers pub/sub between workers, answers WRONGTYPE', async () => {
    // ioredis-mock's browser build calls require('fs' | 'path' | 'vm') (bundled ioredis helpers,
    // unused by the mock) through esbuild's require shim, which throws in a browser unless a global
    // `require` exists: the host's bundle defines one that answers empty modules.
    const requireShim = `globalThis.require ??= (id) => { if (['fs', 'path', 'vm'].includes(id)) return {}; throw new Error('Cannot require ' + id); };`;
    const bundle = (entry: string) =>
      build({
        entryPoints: [path.join(testing, entry)],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        banner: { js: requireShim },
      });
    const [worker, page] = await Promise.all([bundle('redis-worker.ts'), bundle('redis-page.ts')]);
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
    const context = await browser.newContext();
    await context.route(`${origin}/**`, (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><script type="module" src="/page.js"></script>' });
      if (pathname === '/page.js') return route.fulfill({ contentType: 'text/javascript', body: page.outputFiles[0]!.text });
      if (pathname === '/worker.js') return route.fulfill({ contentType: 'text/javascript', body: worker.outputFiles[0]!.text });
      return route.fulfill({ status: 404 });
    });
    const tab = await context.newPage();
    tab.on('pageerror', (error) => console.error('[page error]', error.message));
    await tab.goto(`${origin}/`);
    await tab.waitForFunction(() => 'runServices' in globalThis);
    const report = await tab.evaluate(() => runServices());

    expect(report.subscribed).toEqual({ subscribed: 1 });
    expect(report.published).toEqual({
      lock: ['OK', null],
      wrongType: 'ReplyError: WRONGTYPE Operation against a key holding the wrong kind of value',
      receivers: 1,
    });
    expect(report.delivered).toEqual({ channel: 'pedidos', message: 'creado' });
    const snapshot = report.snapshot as { key: string; type: string; ttlMs: number | null }[];
    expect(snapshot.map((row) => [row.key, row.type])).toEqual([
      ['lock', 'string'],
      ['ultimo', 'string'],
    ]);
    expect(snapshot.every((row) => row.ttlMs !== null && row.ttlMs > 0)).toBe(true);
  }, 120_000);
});
