// Authoring helper: stores an edited, full lab tree as the overlay (only the differences).
//   node sandboxes/lib/make-overlay.ts <lab-id> start|solution <dir>
// start:    compares <dir> with the base lab's solution; files missing from <dir> go to `remove`
//           in lab.yaml. solution: compares <dir> with the resolved start (a solution cannot delete).
import { readdir, readFile, rm } from 'node:fs/promises';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { loadLab, LABS_DIR, writeTree } from './labs.ts';
import type { FileTree } from './labs.ts';

async function readDir(dir: string): Promise<FileTree> {
  const tree: FileTree = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath, entry.name);
    const path = relative(dir, absolute).split(sep).join('/');
    if (path.startsWith('node_modules/')) continue;
    tree[path] = await readFile(absolute, 'utf8');
  }
  return tree;
}

export function diffTrees(base: FileTree, edited: FileTree): { overlay: FileTree; removed: string[] } {
  const overlay: FileTree = {};
  for (const [path, content] of Object.entries(edited)) if (base[path] !== content) overlay[path] = content;
  const removed = Object.keys(base).filter((path) => !(path in edited)).sort();
  return { overlay, removed };
}

async function baseTreeOf(id: string, variant: 'start' | 'solution'): Promise<FileTree> {
  const yamlPath = join(LABS_DIR, id, 'lab.yaml');
  if (variant === 'solution') return (await loadLab(id)).start;
  const doc = parseDocument(await readFile(yamlPath, 'utf8'));
  const base = doc.get('base');
  return typeof base === 'string' ? (await loadLab(base)).solution : {};
}

async function main() {
  const [id, variant, dir] = process.argv.slice(2);
  if (!id || (variant !== 'start' && variant !== 'solution') || !dir) {
    console.error('usage: node sandboxes/lib/make-overlay.ts <lab-id> start|solution <dir>');
    process.exit(2);
  }
  const base = await baseTreeOf(id, variant);
  const { overlay, removed } = diffTrees(base, await readDir(resolve(dir)));
  if (variant === 'solution' && removed.length > 0) {
    throw new Error(`a solution cannot delete files; missing: ${removed.join(', ')}`);
  }
  const target = join(LABS_DIR, id, variant);
  await rm(target, { recursive: true, force: true });
  await writeTree(overlay, target);
  if (variant === 'start') {
    const yamlPath = join(LABS_DIR, id, 'lab.yaml');
    const doc = parseDocument(await readFile(yamlPath, 'utf8'));
    if (removed.length > 0) doc.set('remove', removed);
    else doc.delete('remove');
    await writeFile(yamlPath, doc.toString());
  }
  console.log(`${id}/${variant}: ${Object.keys(overlay).length} files stored, ${removed.length} removed`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
