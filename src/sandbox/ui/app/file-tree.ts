// The lab's files as folders (collapsible) and buttons; the open file is marked aria-current.
// The folders of the services the lab runs come first and open; the others (code of services
// another lab runs, shared files) follow folded, so the tree starts with what the reader works on.
// `update` redraws it when files come or go (a new file, the solution, an import, undo), keeping
// which folders the reader opened or folded.
import { h } from './dom.ts';

interface Folder {
  folders: Map<string, Folder>;
  files: string[];
}

export interface FileTreeView {
  element: HTMLElement;
  setCurrent(path: string): void;
  update(paths: string[]): void;
}

export function createFileTree(paths: string[], open: (path: string) => void, running: string[] = [], actions: HTMLElement[] = []): FileTreeView {
  const buttons = new Map<string, HTMLButtonElement>();
  /** Folder path → open, for the folders the reader opened or folded by hand. */
  const folded = new Map<string, boolean>();
  let current: string | undefined;
  const runs = (name: string) => running.length === 0 || running.includes(name);

  const build = (list: string[]): Folder => {
    const root: Folder = { folders: new Map(), files: [] };
    for (const path of [...list].sort()) {
      const parts = path.split('/');
      let folder = root;
      for (const part of parts.slice(0, -1)) {
        if (!folder.folders.has(part)) folder.folders.set(part, { folders: new Map(), files: [] });
        folder = folder.folders.get(part)!;
      }
      folder.files.push(path);
    }
    return root;
  };

  const renderFolder = (folder: Folder, prefix: string): HTMLElement => {
    const top = prefix === '';
    const list = h('ul', {});
    const folders = [...folder.folders];
    if (top) folders.sort(([a], [b]) => Number(runs(b)) - Number(runs(a)) || (running.indexOf(a) - running.indexOf(b)));
    for (const [name, child] of folders) {
      const path = `${prefix}${name}`;
      const byDefault = !top || runs(name);
      const details = h('details', { open: folded.get(path) ?? byDefault, ...(top && !byDefault ? { 'data-idle': 'true' } : {}) }, h('summary', {}, `${name}/`, top && !byDefault ? h('span', { className: 'sbx-muted' }, ' (no se ejecuta)') : null), renderFolder(child, `${path}/`));
      details.addEventListener('toggle', () => folded.set(path, details.open));
      list.append(h('li', {}, details));
    }
    for (const path of folder.files) {
      const button = h('button', { type: 'button', className: 'sbx-file', title: path, onclick: () => open(path) }, path.split('/').pop()!);
      buttons.set(path, button);
      list.append(h('li', {}, button));
    }
    return list;
  };

  const element = h('nav', { className: 'sbx-tree', 'aria-label': 'Archivos del laboratorio' });
  const view: FileTreeView = {
    element,
    setCurrent(path) {
      current = path;
      for (const [key, button] of buttons) {
        if (key === path) {
          button.setAttribute('aria-current', 'true');
          // A file opened from elsewhere (an error, a tab) shows in its folder.
          for (let details = button.closest('details'); details; details = details.parentElement?.closest('details') ?? null) details.open = true;
        } else button.removeAttribute('aria-current');
      }
    },
    update(list) {
      const focused = document.activeElement instanceof HTMLButtonElement ? [...buttons].find(([, button]) => button === document.activeElement)?.[0] : undefined;
      buttons.clear();
      element.replaceChildren(...(actions.length > 0 ? [h('div', { className: 'sbx-tree-actions' }, ...actions)] : []), renderFolder(build(list), ''));
      if (current) view.setCurrent(current);
      if (focused) buttons.get(focused)?.focus();
    },
  };
  view.update(paths);
  return view;
}
