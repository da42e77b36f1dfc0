// A small WebDriver BiDi client for Debian's Firefox ESR. Playwright drives Firefox only through
// its own patched build (not downloadable here) or BiDi channels that need commands ESR lacks
// (emulation.setMediaFeaturesOverride), so these tests speak the W3C protocol directly:
// session.new, browsingContext.navigate and script.callFunction are all they need.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageFunction, type RemotePage } from './page.ts';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

interface Pending {
  resolve(value: BidiMessage): void;
  reject(error: Error): void;
}
interface BidiMessage {
  id?: number;
  type?: string;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: string;
  message?: string;
}

export class FirefoxPage implements RemotePage {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  readonly console: string[] = [];
  private context = '';

  private readonly process: ChildProcess;
  private readonly socket: WebSocket;
  private readonly profile: string;

  private constructor(process: ChildProcess, socket: WebSocket, profile: string) {
    this.process = process;
    this.socket = socket;
    this.profile = profile;
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as BidiMessage;
      if (message.id !== undefined) {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.type === 'error') pending?.reject(new Error(`${message.error}: ${message.message}`));
        else pending?.resolve(message);
      } else if (message.method === 'log.entryAdded') {
        this.console.push(String(message.params?.text ?? ''));
      }
    });
  }

  static async launch(): Promise<FirefoxPage> {
    if (!existsSync(FIREFOX)) {
      throw new Error(`No se encuentra Firefox en ${FIREFOX}: instálalo con apt-get install firefox-esr (o define FIREFOX_PATH).`);
    }
    const profile = mkdtempSync(join(tmpdir(), 'foodly-firefox-'));
    const child = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Firefox no abrió WebDriver BiDi en 30 s')), 30_000);
      const read = (chunk: Buffer) => {
        const found = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(chunk.toString());
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => reject(new Error(`Firefox terminó con el código ${code}`)));
    });
    const socket = new WebSocket(`${endpoint}/session`);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve, { once: true });
      socket.addEventListener('error', () => reject(new Error(`no se pudo conectar con ${endpoint}`)), { once: true });
    });
    const page = new FirefoxPage(child, socket, profile);
    await page.send('session.new', { capabilities: {} });
    await page.send('session.subscribe', { events: ['log.entryAdded'] });
    const tree = await page.send('browsingContext.getTree', {});
    page.context = (tree.result!.contexts as { context: string }[])[0]!.context;
    return page;
  }

  send(method: string, params: Record<string, unknown>): Promise<BidiMessage> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  async goto(url: string): Promise<void> {
    await this.send('browsingContext.navigate', { context: this.context, url, wait: 'complete' });
  }

  /** Runs `fn(arg)` in the page and returns its (awaited) result, which must survive JSON. */
  async evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const response = await this.send('script.callFunction', {
      functionDeclaration: pageFunction(fn as (arg: never) => unknown),
      arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
      target: { context: this.context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    const result = response.result as { type: string; result?: { value?: string }; exceptionDetails?: { text?: string } };
    if (result.type === 'exception') throw new Error(`En Firefox: ${result.exceptionDetails?.text ?? 'excepción'}`);
    const value = result.result?.value;
    return (value === undefined ? undefined : JSON.parse(value)) as R;
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.send('browser.close', {}), new Promise((resolve) => setTimeout(resolve, 3000))]);
    } catch {
      // Already gone.
    }
    this.socket.close();
    this.process.kill();
    rmSync(this.profile, { recursive: true, force: true });
  }
}
