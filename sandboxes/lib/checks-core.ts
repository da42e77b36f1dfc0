// Platform-neutral pieces every engine shares: the failure type and the loop that runs a lab's
// checks in order. No Node APIs here: the browser engine imports this file too.
import type { Check, CheckContext, CheckResult } from './checks-types.ts';

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
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new CheckFailure(`La comprobación no terminó en ${timeoutMs / 1000} s: ¿alguna petición se queda colgada?`)),
        timeoutMs,
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
