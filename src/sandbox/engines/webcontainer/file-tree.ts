// Flat lab trees (path → content) to WebContainer's nested FileSystemTree, and back.
import type { FileTree } from '../../contract/index.ts';
import type { FileSystemTree } from './types.ts';

export function toFileSystemTree(files: FileTree): FileSystemTree {
  const root: FileSystemTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/').filter(Boolean);
    let dir = root;
    parts.forEach((part, index) => {
      if (index === parts.length - 1) {
        dir[part] = { file: { contents } };
        return;
      }
      const node = (dir[part] ??= { directory: {} });
      if (!('directory' in node)) throw new Error(`${parts.slice(0, index + 1).join('/')} es un archivo y una carpeta a la vez`);
      dir = node.directory;
    });
  }
  return root;
}

export function parentDir(path: string): string | undefined {
  const index = path.lastIndexOf('/');
  return index > 0 ? path.slice(0, index) : undefined;
}
