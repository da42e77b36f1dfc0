// Test helpers: materialize a lab tree into a unique folder under sandboxes/.labs/ (so bare imports
// such as `hono` resolve to the repository's node_modules) and import its modules.
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadLab, MATERIALIZED_DIR, writeTree } from '../lib/labs.ts';
import type { LabVariant } from '../lib/labs.ts';

export type MaterializedTree = { dir: string; import<T>(path: string): Promise<T>; remove(): Promise<void> };

export async function materialize(id: string, variant: LabVariant): Promise<MaterializedTree> {
  const lab = await loadLab(id);
  const dir = join(MATERIALIZED_DIR, `test-${id}-${variant}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  await writeTree(lab[variant], dir);
  return {
    dir,
    import: <T>(path: string) => import(/* @vite-ignore */ pathToFileURL(join(dir, path)).href) as Promise<T>,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Settings as each service's config module would build them from this env. */
export async function settingsOf<T>(tree: MaterializedTree, service: string, env: Record<string, string> = {}): Promise<T> {
  const config = await tree.import<{ loadSettings(env: Record<string, string | undefined>): T }>(`${service}/src/config.ts`);
  return config.loadSettings(env);
}

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** Polls `probe` until it gives a value (a throw counts as "not yet"); fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** True when nothing listens on this port of 127.0.0.1 (a second `npm run foodly` would take the same ports). */
export const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
