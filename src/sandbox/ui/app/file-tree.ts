// The lab's files as folders (collapsible) and buttons; the open file is marked aria-current.
// The folders of the services the lab runs come first and open; the others (code of services
// another lab runs, shared files) follow folded, so the tree starts with what the reader works on.
import { h } from './dom.ts';

interface Folder {
  folders: Map<string, Folder>;
  files: string[];
}

export function createFileTree(paths: string[], open: (path: string) => void, running: string[] = []): { element: HTMLElement; setCurrent(path: string): void } {
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
  const runs = (name: string) => running.length === 0 || running.includes(name);
  const renderFolder = (folder: Folder, top = false): HTMLElement => {
    const list = h('ul', {});
    const folders = [...folder.folders];
    if (top) folders.sort(([a], [b]) => Number(runs(b)) - Number(runs(a)) || (running.indexOf(a) - running.indexOf(b)));
    for (const [name, child] of folders) {
      const open = !top || runs(name);
      list.append(h('li', {}, h('details', { open, ...(top && !open ? { 'data-idle': 'true' } : {}) }, h('summary', {}, `${name}/`, top && !open ? h('span', { className: 'sbx-muted' }, ' (no se ejecuta)') : null), renderFolder(child))));
    }
    for (const path of folder.files) {
      const button = h('button', { type: 'button', className: 'sbx-file', title: path, onclick: () => open(path) }, path.split('/').pop()!);
      buttons.set(path, button);
      list.append(h('li', {}, button));
    }
    return list;
  };
  const element = h('nav', { className: 'sbx-tree', 'aria-label': 'Archivos del laboratorio' }, renderFolder(root, true));
  return {
    element,
    setCurrent(path) {
      for (const [key, button] of buttons) {
        if (key === path) {
          button.setAttribute('aria-current', 'true');
          // A file opened from elsewhere (an error, a tab) shows in its folder.
          for (let details = button.closest('details'); details; details = details.parentElement?.closest('details') ?? null) details.open = true;
        }
        else button.removeAttribute('aria-current');
      }
    },
  };
}
