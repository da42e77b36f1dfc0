// Where the time of the sandbox UI's cold start goes (issue 15): one fresh Chromium context opens a
// lesson page, presses «Ejecutar» and sends the first suggested request (as scripts/sandbox-ui-bench.ts
// does), with a Chromium trace of the whole renderer. Prints, between the click and the first 2xx:
// CPU per thread (main thread, each service worker, infrastructure, Monaco's workers) and what it
// was spent on (compiling, evaluating modules, layout…), the network requests by kind, and the
// engine's own marks. Needs a built dist/ (npm run build).
//   node scripts/sandbox-ui-profile.ts [page path] (BENCH_PORT, PROFILE_RUNS, PROFILE_TRACE=file to keep the
//   trace, PROFILE_ROOT=folder whose dist/ to serve, to compare two builds, PROFILE_REQUESTS=1 to list requests)
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { launchChromium } from './bench-chromium.ts';
import { serveDist } from './serve-dist.ts';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: Record<string, any>;
}

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'blink.user_timing',
  'loading',
  'netlog',
].join(',');

async function clickRun(page: Page): Promise<void> {
  const section = page.locator('[data-sandbox]').first();
  const launch = section.getByRole('button', { name: 'Ejecutar el laboratorio' });
  const live = section.getByRole('button', { name: 'Ejecutar todos los servicios' });
  for (let attempt = 0; ; attempt++) {
    const target = (await live.isVisible()) ? live : launch;
    try {
      await target.click({ timeout: 3000 });
      return;
    } catch (error) {
      if (attempt > 5) throw error;
    }
  }
}

export interface Profile {
  totalMs: number;
  marks: Record<string, number>;
  threads: Array<{ name: string; cpuMs: number; top: Array<[string, number]> }>;
  requests: Array<{ url: string; startMs: number; endMs: number; thread: string }>;
}

export async function profileColdRun(origin: string, path: string, keepTrace?: string): Promise<Profile> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await browser.startTracing(page, { categories: CATEGORIES.split(',') });
    await page.goto(origin + path);
    const wall0 = Date.now();
    await page.evaluate(() => performance.mark('profile:click'));
    await clickRun(page);
    await page.waitForFunction(() => {
      const statuses = [...document.querySelectorAll('[data-sandbox] .sbx-status')];
      return statuses.length > 0 && statuses.every((status) => status.getAttribute('data-state') === 'running');
    }, undefined, { timeout: 60_000 });
    await page.evaluate(() => performance.mark('profile:running'));
    const section = page.locator('[data-sandbox]').first();
    await section.locator('.sbx-result').evaluate((el) => el.replaceChildren());
    const suggestion = section.locator('.sbx-suggested button').first();
    await suggestion.click({ timeout: 10_000 });
    await section.locator('.sbx-result .sbx-http').first().waitFor({ timeout: 30_000 });
    const totalMs = Date.now() - wall0;
    await page.evaluate(() => performance.mark('profile:200'));
    const buffer = await browser.stopTracing();
    if (keepTrace) writeFileSync(keepTrace, buffer);
    await context.close();
    return analyse(JSON.parse(buffer.toString()).traceEvents as TraceEvent[], totalMs);
  } finally {
    await browser.close();
  }
}

function analyse(events: TraceEvent[], totalMs: number): Profile {
  const click = events.find((e) => e.name === 'profile:click');
  const done = events.find((e) => e.name === 'profile:200');
  if (!click || !done) throw new Error('no profile marks in the trace');
  const pid = click.pid;
  const t0 = click.ts;
  const t1 = done.ts;
  const ms = (ts: number) => Math.round((ts - t0) / 1000);
  // Thread names; workers by their script URL.
  const names = new Map<number, string>();
  for (const e of events) if (e.pid === pid && e.ph === 'M' && e.name === 'thread_name') names.set(e.tid, e.args?.name);
  for (const e of events) {
    if (e.name === 'TracingSessionIdForWorker' && e.args?.data?.workerThreadId) {
      const url = String(e.args.data.url ?? '');
      names.set(e.args.data.workerThreadId, `worker ${url.replace(/^.*\/(sandbox-vendor|_astro)\//, '$1/')}`);
    }
  }
  const marks: Record<string, number> = {};
  for (const e of events) {
    if (e.pid === pid && e.cat.includes('blink.user_timing') && /^(sandbox|profile):/.test(e.name) && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b' || e.ph === 'X')) {
      if (!(e.name in marks)) marks[e.name] = ms(e.ts);
    }
  }
  // CPU per thread: top-level tasks (clipped to the window); self time per event name, from nesting.
  const byThread = new Map<number, TraceEvent[]>();
  for (const e of events) {
    if (e.pid !== pid || e.ph !== 'X' || e.dur === undefined) continue;
    if (e.ts + e.dur < t0 || e.ts > t1) continue;
    let list = byThread.get(e.tid);
    if (!list) byThread.set(e.tid, (list = []));
    list.push(e);
  }
  const threads: Profile['threads'] = [];
  for (const [tid, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    let cpu = 0;
    const self = new Map<string, number>();
    const stack: Array<{ e: TraceEvent; child: number }> = [];
    const close = (until: number) => {
      while (stack.length && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= until) {
        const top = stack.pop()!;
        const own = Math.max(0, clipDur(top.e, t0, t1) - top.child);
        self.set(top.e.name, (self.get(top.e.name) ?? 0) + own);
        if (stack.length) stack.at(-1)!.child += clipDur(top.e, t0, t1);
      }
    };
    for (const e of list) {
      close(e.ts);
      // Thread time (tdur) when the trace has it: wall time overstates CPU on a busy machine.
      if (stack.length === 0 && /RunTask|ThreadControllerImpl::RunTask|ThreadPool_RunTask/.test(e.name)) cpu += e.tdur !== undefined ? (e.tdur * clipDur(e, t0, t1)) / Math.max(1, e.dur!) : clipDur(e, t0, t1);
      stack.push({ e, child: 0 });
    }
    close(Infinity);
    const top = [...self].filter(([name]) => !/RunTask/.test(name)).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, us]) => [name, Math.round(us / 1000)] as [string, number]);
    if (cpu / 1000 >= 5) threads.push({ name: names.get(tid) ?? `tid ${tid}`, cpuMs: Math.round(cpu / 1000), top });
  }
  threads.sort((a, b) => b.cpuMs - a.cpuMs);
  // Requests (any thread of the renderer), start → finish.
  const sent = new Map<string, { url: string; ts: number; tid: number }>();
  const requests: Profile['requests'] = [];
  for (const e of events) {
    const data = e.args?.data;
    if (e.name === 'ResourceSendRequest' && data?.requestId) sent.set(data.requestId, { url: data.url, ts: e.ts, tid: e.tid });
    if (e.name === 'ResourceFinish' && data?.requestId && sent.has(data.requestId)) {
      const s = sent.get(data.requestId)!;
      const end = data.finishTime ? data.finishTime * 1e6 : e.ts;
      if (s.ts >= t0 - 5e6 && s.ts <= t1) requests.push({ url: s.url.replace(/^https?:\/\/[^/]+/, ''), startMs: ms(s.ts), endMs: ms(end), thread: names.get(s.tid) ?? String(s.tid) });
    }
  }
  requests.sort((a, b) => a.startMs - b.startMs);
  return { totalMs, marks, threads, requests };
}

function clipDur(e: TraceEvent, t0: number, t1: number): number {
  return Math.max(0, Math.min(e.ts + e.dur!, t1) - Math.max(e.ts, t0));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.env.PROFILE_ROOT ?? fileURLToPath(new URL('..', import.meta.url));
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'sandbox-vendor/runtime.js'))) throw new Error('build first (npm run build)');
  const port = Number(process.env.BENCH_PORT ?? 4403);
  const server = await serveDist(dist, port);
  const path = process.argv[2] ?? '/temas/arquitectura-hexagonal/';
  try {
    // The server compresses each file on its first request: a first, untraced run fills its cache,
    // as the benchmark's first phase does.
    await profileColdRun(`http://127.0.0.1:${port}`, path);
    for (let run = 0; run < Number(process.env.PROFILE_RUNS ?? 1); run++) {
      const profile = await profileColdRun(`http://127.0.0.1:${port}`, path, process.env.PROFILE_TRACE);
      console.log(`\n${path}: click → first 2xx ${profile.totalMs} ms (wall, Playwright)`);
      console.log('  marks (ms from click):', Object.entries(profile.marks).sort((a, b) => a[1] - b[1]).map(([n, t]) => `${n}=${t}`).join('  '));
      const total = (test: RegExp) => profile.threads.filter((t) => test.test(t.name)).reduce((sum, t) => sum + t.cpuMs, 0);
      console.log(`  CPU: main ${total(/CrRendererMain/)} ms, service workers ${total(/runtime/)} ms, other workers ${total(/^worker (?!.*runtime)/)} ms, thread pool ${total(/ThreadPool/)} ms, all ${total(/./)} ms`);
      for (const thread of profile.threads) console.log(`  ${String(thread.cpuMs).padStart(5)} ms CPU  ${thread.name}: ${thread.top.map(([n, t]) => `${n} ${t}`).join(', ')}`);
      if (process.env.PROFILE_REQUESTS) for (const r of profile.requests) console.log(`    ${String(r.startMs).padStart(5)} → ${String(r.endMs).padStart(5)}  ${r.url.slice(0, 100)}  [${r.thread}]`);
      else console.log(`  ${profile.requests.length} requests from ${Math.min(...profile.requests.map((r) => r.startMs))} ms to ${Math.max(...profile.requests.map((r) => r.endMs))} ms`);
    }
  } finally {
    server.close();
  }
}
