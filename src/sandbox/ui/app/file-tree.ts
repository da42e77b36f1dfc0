// The lab's files as folders (collapsible) and buttons; the open file is marked aria-current.
import { h } from './dom.ts';

interface Folder {
  folders: Map<string, Folder>;
  files: string[];
}

export function createFileTree(paths: string[], open: (path: string) => void): { element: HTMLElement; setCurrent(path: string): void } {
  const root: Folder = { folders: new Map(), files: [] };
  for (const path of [...paths].sort()) {
    const parts = path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      if (!folder.folders.has(part)) folder.folders.set(part, { folders: new Map(), files: [] });
      folder = folder.folders.get(part)!;
    }
    folder.files.push(path);
  }
  const buttons = new Map<string, HTMLButtonElement>();
  const renderFolder = (folder: Folder): HTMLElement => {
    const list = h('ul', {});
    for (const [name, child] of folder.folders) {
      list.append(h('li', {}, h('details', { open: true }, h('summary', {}, `${name}/`), renderFolder(child))));
    }
    for (const path of folder.files) {
      const button = h('button', { type: 'button', className: 'sbx-file', title: path, onclick: () => open(path) }, path.split('/').pop()!);
      buttons.set(path, button);
      list.append(h('li', {}, button));
    }
    return list;
  };
  const element = h('nav', { className: 'sbx-tree', 'aria-label': 'Archivos del laboratorio' }, renderFolder(root));
  return {
    element,
    setCurrent(path) {
      for (const [key, button] of buttons) {
        if (key === path) button.setAttribute('aria-current', 'true');
        else button.removeAttribute('aria-current');
      }
    },
  };
}
