// An ARIA tablist: roving tabindex, arrows/Home/End move and select, each tab controls its panel.
import { h, uid } from './dom.ts';

export interface TabSpec {
  id: string;
  label: string;
  panel: HTMLElement;
}

export class Tabs {
  readonly list: HTMLElement;
  private readonly tabs = new Map<string, HTMLButtonElement>();
  private readonly panels = new Map<string, HTMLElement>();
  private current: string | undefined;
  onChange: (id: string) => void = () => {};

  constructor(label: string, specs: TabSpec[] = []) {
    this.list = h('div', { role: 'tablist', 'aria-label': label, className: 'sbx-tablist' });
    this.list.addEventListener('keydown', (event) => this.onKey(event));
    for (const spec of specs) this.add(spec);
    if (specs[0]) this.select(specs[0].id);
  }

  add(spec: TabSpec): HTMLButtonElement {
    const tabId = uid('tab');
    const panelId = spec.panel.id || uid('panel');
    const tab = h('button', { type: 'button', role: 'tab', id: tabId, 'aria-controls': panelId, 'aria-selected': 'false', tabindex: '-1', className: 'sbx-tab' }, spec.label);
    tab.addEventListener('click', () => this.select(spec.id));
    spec.panel.id = panelId;
    spec.panel.setAttribute('role', 'tabpanel');
    spec.panel.setAttribute('aria-labelledby', tabId);
    spec.panel.hidden = true;
    this.tabs.set(spec.id, tab);
    this.panels.set(spec.id, spec.panel);
    this.list.append(tab);
    return tab;
  }

  remove(id: string): void {
    this.tabs.get(id)?.remove();
    this.tabs.delete(id);
    this.panels.delete(id);
    if (this.current === id) {
      this.current = undefined;
      const next = [...this.tabs.keys()].at(-1);
      if (next) this.select(next);
    }
  }

  has(id: string): boolean {
    return this.tabs.has(id);
  }

  get selected(): string | undefined {
    return this.current;
  }

  select(id: string, focus = false): void {
    if (!this.tabs.has(id)) return;
    for (const [key, tab] of this.tabs) {
      const active = key === id;
      tab.setAttribute('aria-selected', String(active));
      tab.tabIndex = active ? 0 : -1;
      const panel = this.panels.get(key)!;
      // Panels may be shared (one editor for every file tab): show the selected one last.
      if (!active && panel !== this.panels.get(id)) panel.hidden = true;
    }
    this.panels.get(id)!.hidden = false;
    if (focus) this.tabs.get(id)!.focus();
    const changed = this.current !== id;
    this.current = id;
    if (changed) this.onChange(id);
  }

  private onKey(event: KeyboardEvent): void {
    const ids = [...this.tabs.keys()];
    const index = ids.indexOf(this.current ?? '');
    const target = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: ids.length - 1 }[event.key];
    if (target === undefined || ids.length === 0) return;
    event.preventDefault();
    this.select(ids[(target + ids.length) % ids.length]!, true);
  }
}
