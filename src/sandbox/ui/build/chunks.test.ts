// chunks.ts names modules by path: a file renamed or moved would silently fall out of its group
// (back into automatic chunking, a second round of requests on a cold «Ejecutar»). Every name an
// alternation lists must exist, and every group must take the modules it was made for.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RUN_MODULES, sandboxChunkGroups } from './chunks.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${relative(root, join(entry.parentPath, entry.name))}`);
}

const sources = filesUnder('src/sandbox');
const groupOf = (id: string) => sandboxChunkGroups.filter((group) => group.test(id)).sort((a, b) => b.priority - a.priority)[0]?.name;

/** Each `(a|b|c)` alternation of `pattern` replaced by one of its names: one regex per name. */
function alternatives(pattern: RegExp): Array<{ name: string; regex: RegExp }> {
  const group = /\((?!\?)([^()]*)\)/.exec(pattern.source);
  if (!group) return [];
  return group[1]!.split('|').map((name) => ({
    name,
    regex: new RegExp(pattern.source.slice(0, group.index) + name + pattern.source.slice(group.index + group[0].length)),
  }));
}

/** The modules `entry` imports statically (values, not `import type`), transitively, from the repo root. */
function staticImports(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(root, file), 'utf8');
    for (const [, specifier] of text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?'(\.[^']+)'/gm)) {
      visit(`/${relative(root, resolve(dirname(join(root, file)), specifier!))}`);
    }
  };
  visit(entry);
  return [...seen];
}

describe('sandbox chunk groups', () => {
  it('what a cold Run imports statically is all in the run chunk (or boot.ts\'s own)', () => {
    // The session, and the browser engine it imports dynamically (boot.ts fetches both on the click).
    const modules = [...new Set([...staticImports('/src/sandbox/ui/app/open-session.ts'), ...staticImports('/src/sandbox/engines/browser/index.ts')])];
    expect(modules.length).toBeGreaterThan(30);
    const elsewhere = modules.filter((file) => !['sandbox-run', 'sandbox-boot'].includes(groupOf(file) ?? ''));
    expect(elsewhere).toEqual([]);
  });

  it('every module a RUN alternation names exists', () => {
    const missing = RUN_MODULES.filter((pattern) => !pattern.source.includes('node_modules')).flatMap((pattern) =>
      alternatives(pattern)
        .filter(({ regex }) => !sources.some((file) => regex.test(file)))
        .map(({ name }) => `${name} in ${pattern.source}`),
    );
    expect(missing).toEqual([]);
  });

  it('every RUN pattern takes at least one module', () => {
    const empty = RUN_MODULES.filter((pattern) => !pattern.source.includes('node_modules') && !sources.some((file) => pattern.test(file)));
    expect(empty).toEqual([]);
  });

  it('puts the run path, the view and boot.ts imports where a cold Run expects them', () => {
    expect(groupOf('/work/src/sandbox/engines/browser/browser-engine.ts')).toBe('sandbox-run');
    expect(groupOf('/work/src/sandbox/ui/app/open-session.ts')).toBe('sandbox-run');
    expect(groupOf('/work/src/sandbox/contract/replicas.ts')).toBe('sandbox-run');
    expect(groupOf('/work/src/sandbox/ui/app/sandbox-view.ts')).toBe('sandbox-view');
    expect(groupOf('/work/src/sandbox/ui/app/lab-data.ts')).toBe('sandbox-boot');
    // Loaded only when used: in no group (a chunk of their own).
    expect(groupOf('/work/src/sandbox/ui/app/scenario-panel.ts')).toBeUndefined();
    expect(groupOf('/work/src/sandbox/engines/browser/net/page-socket.ts')).toBeUndefined();
  });
});
