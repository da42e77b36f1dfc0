// Platform-neutral pieces every engine shares: the failure type and the loop that runs a lab's
// checks in order. No Node APIs here: the browser engine imports this file too.
import type { ArtifactKind, ArtifactReport, Check, CheckContext, CheckResult, CheckSocket, CheckSocketClose } from './checks-types.ts';

/** A check that found something wrong; its message is shown to the learner as is. */
export class CheckFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailure';
  }
}

export function assertCheck(condition: unknown, message: string): void {
  if (!condition) throw new CheckFailure(message);
}

const describeError = (error: unknown): string => {
  if (error instanceof CheckFailure) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return `La comprobación falló con un error inesperado: ${text}`;
};

/** Runs every check, one after another, never stopping at the first failure. */
export async function runCheckList(
  checks: readonly Check[],
  ctx: CheckContext,
  options: { timeoutMs?: number } = {},
): Promise<CheckResult[]> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const results: CheckResult[] = [];
  for (const check of checks) {
    const startedAt = Date.now();
    const limitMs = Math.max(timeoutMs, check.timeoutMs ?? 0);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new CheckFailure(`La comprobación no terminó en ${limitMs / 1000} s: ¿alguna petición se queda colgada?`)),
        limitMs,
      );
    });
    try {
      await Promise.race([check.run(ctx), timeout]);
      results.push({ name: check.name, ok: true, message: '', durationMs: Date.now() - startedAt });
    } catch (error) {
      results.push({ name: check.name, ok: false, message: describeError(error), durationMs: Date.now() - startedAt });
    } finally {
      clearTimeout(timer);
    }
  }
  return results;
}

/** Parses a response body the way CheckResponse promises: JSON when declared, text otherwise. */
export function parseBody(contentType: string, text: string): unknown {
  if (!/json/i.test(contentType) || text === '') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The engine-neutral half of `ctx.websocket()`: an engine opens its kind of client socket and feeds
 * this recorder its events (`opened`, `received`, `ended`); the recorder queues frames and answers the
 * waits of CheckSocket. The Node runner feeds it from the `ws` package; a page engine feeds it from
 * whatever carries its WebSocket frames.
 */
export class CheckSocketRecorder implements CheckSocket {
  opened = false;
  protocol = '';
  readonly messages: string[] = [];
  private unread = 0;
  private closeInfo: CheckSocketClose | undefined;
  private waiters: Array<() => void> = [];
  private readonly transport: { send(data: string): void; close(code?: number, reason?: string): void };
  private readonly description: string;
  /** Resolves when the handshake ends: opened, refused or failed. */
  readonly settled: Promise<void>;
  private settle!: () => void;

  constructor(description: string, transport: { send(data: string): void; close(code?: number, reason?: string): void }) {
    this.description = description;
    this.transport = transport;
    this.settled = new Promise((resolve) => (this.settle = resolve));
  }

  /** The server accepted the handshake. */
  open(): void {
    this.opened = true;
    this.settle();
  }

  received(frame: string): void {
    this.messages.push(frame);
    this.wake();
  }

  /** The connection ended (closed by either side, refused or failed: 1006 when there was no close frame). */
  ended(code: number, reason: string): void {
    this.closeInfo ??= { code, reason };
    this.settle();
    this.wake();
  }

  send(data: string): void {
    if (!this.opened || this.closeInfo) throw new CheckFailure(`${this.description}: no se puede enviar, la conexión no está abierta.`);
    this.transport.send(data);
  }

  close(code?: number, reason?: string): void {
    if (this.closeInfo) return;
    this.transport.close(code, reason);
  }

  async nextMessage(timeoutMs = 5000): Promise<string | undefined> {
    await this.waitFor(() => this.unread < this.messages.length || this.closeInfo !== undefined, timeoutMs);
    if (this.unread < this.messages.length) return this.messages[this.unread++];
    return undefined;
  }

  async closed(timeoutMs = 5000): Promise<CheckSocketClose | undefined> {
    await this.waitFor(() => this.closeInfo !== undefined, timeoutMs);
    return this.closeInfo;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  private async waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/**
 * The engine-neutral half of `ctx.inspectFile()`: read the file through the engine, then parse and
 * validate it with the format's own tools. Those (schema, parsers) load on first use, so a page
 * whose lab never inspects a file never downloads them.
 */
export async function inspectLabFile(read: (path: string) => Promise<string | undefined>, path: string, kind: ArtifactKind): Promise<ArtifactReport | undefined> {
  const text = await read(path);
  if (text === undefined) return undefined;
  const { inspectArtifact } = await import('../../src/sandbox/artifacts/inspect.ts');
  return inspectArtifact(kind, text, path.split('/').at(-1));
}

/**
 * The files of a check's mutant (`ctx.runTests({ mutate })`): each function applied to the file's
 * current text. A missing file, or a mutation that changes nothing (the learner rewrote the code it
 * looks for), fails the check with a message instead of running tests that would prove nothing.
 */
export async function mutantFiles(
  mutate: Record<string, (source: string) => string> | undefined,
  read: (path: string) => Promise<string | undefined>,
): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const [path, change] of Object.entries(mutate ?? {})) {
    const source = await read(path);
    if (source === undefined) throw new CheckFailure(`No encuentro ${path}: la comprobación necesita ese archivo para preparar el mutante.`);
    const mutated = change(source);
    if (mutated === source) {
      throw new CheckFailure(`No pude preparar el mutante de ${path}: el código que la comprobación rompe a propósito ya no está como en el enunciado. Deshaz los cambios en ese archivo.`);
    }
    files[path] = mutated;
  }
  return files;
}
