// WebKit (the engine of Safari) through Debian's WebKitGTK: WebKitWebDriver speaks W3C WebDriver
// (HTTP) and drives its MiniBrowser. WebKitGTK needs a display, so without one it gets its own
// Xvfb. Playwright's WebKit is a build of its own that cannot be downloaded here.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { pageFunction, type RemotePage } from './page.ts';

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.WEBKIT_MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts Xvfb on a display it picks itself (-displayfd) and returns ":N". */
function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Xvfb no arrancó en 10 s (apt-get install xvfb)')), 10_000);
    xvfb.once('error', (error) => reject(new Error(`no se pudo lanzar Xvfb: ${error.message} (apt-get install xvfb)`)));
    xvfb.stdout!.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve({ display: `:${chunk.toString().trim()}`, process: xvfb });
    });
  });
}

export class WebKitPage implements RemotePage {
  private readonly children: ChildProcess[];
  private readonly endpoint: string;
  private session = '';

  private constructor(children: ChildProcess[], endpoint: string) {
    this.children = children;
    this.endpoint = endpoint;
  }

  static async launch(): Promise<WebKitPage> {
    for (const [path, pkg] of [[WEBKIT_DRIVER, 'webkit2gtk-driver'], [MINIBROWSER, 'libwebkit2gtk-4.1-0']] as const) {
      if (!existsSync(path)) throw new Error(`No se encuentra ${path}: instálalo con apt-get install ${pkg}.`);
    }
    const children: ChildProcess[] = [];
    let display = process.env.DISPLAY;
    if (!display) {
      const xvfb = await startXvfb();
      children.push(xvfb.process);
      display = xvfb.display;
    }
    const port = await freePort();
    children.push(spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } }));
    const page = new WebKitPage(children, `http://127.0.0.1:${port}/session`);
    await page.connect();
    return page;
  }

  private async connect(): Promise<void> {
    const capabilities = {
      alwaysMatch: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } },
    };
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        const session = await this.call<{ sessionId: string }>('POST', '', { capabilities });
        this.session = session.sessionId;
        await this.call('POST', '/timeouts', { script: 120_000, pageLoad: 60_000 });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`WebKitWebDriver no abrió una sesión: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = this.session ? `${this.endpoint}/${this.session}${path}` : `${this.endpoint}${path}`;
    const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await response.json()) as { value: T & { error?: string; message?: string } };
    if (!response.ok) throw new Error(`${json.value?.error ?? response.status}: ${json.value?.message ?? ''}`);
    return json.value;
  }

  async goto(url: string): Promise<void> {
    await this.call('POST', '/url', { url });
  }

  async evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const script = [
      'const [json, done] = arguments;',
      `(${pageFunction(fn as (arg: never) => unknown)})(json).then(`,
      '  (value) => done({ value }),',
      '  (error) => done({ error: String((error && error.message) || error) }),',
      ');',
    ].join('\n');
    const outcome = await this.call<{ value?: string; error?: string }>('POST', '/execute/async', { script, args: [JSON.stringify(arg ?? null)] });
    if (outcome.error !== undefined) throw new Error(`En WebKit: ${outcome.error}`);
    return (outcome.value === undefined ? undefined : JSON.parse(outcome.value)) as R;
  }

  async close(): Promise<void> {
    try {
      if (this.session) await this.call('DELETE', '');
    } catch {
      // Already gone.
    }
    for (const child of this.children.reverse()) child.kill();
  }
}
