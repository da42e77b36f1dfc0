// The session's durability without a browser: every edit is journaled synchronously (a reload
// right after typing loses nothing), and tabs of one lab share their saves file by file.
import { describe, expect, it, vi } from 'vitest';
import type { SandboxEngine } from '../../contract/index.ts';
import type { SyncStorage } from '../core/edit-journal.ts';
import { MemoryStore } from '../core/storage.ts';
import type { LabData } from './lab-data.ts';
import { LabSession } from './session.ts';

class MapStorage implements SyncStorage {
  readonly map = new Map<string, string>();
  getItem = (key: string) => this.map.get(key) ?? null;
  setItem = (key: string, value: string) => void this.map.set(key, value);
  removeItem = (key: string) => void this.map.delete(key);
  key = (index: number) => [...this.map.keys()][index] ?? null;
  get length() {
    return this.map.size;
  }
}

const lab = (id: string): LabData => ({
  id,
  meta: { title: 't', services: [], open: [], requests: [] },
  start: { 'svc/a.ts': 'start a', 'svc/b.ts': 'start b' },
  solution: {},
  checks: '',
});

const engine = (): SandboxEngine => ({ mount: async () => {}, writeFile: async () => {}, status: () => ({ state: 'stopped' }) }) as unknown as SandboxEngine;

describe('LabSession durability', () => {
  it('an edit is in the journal at once, so a "reload" before the debounced save recovers it', async () => {
    const store = new MemoryStore();
    const journal = new MapStorage();
    const first = await LabSession.create(lab('j1'), engine(), store, { journal, shareAcrossTabs: false });
    first.edit('svc/a.ts', 'typed just now');
    // The page goes away now: no flush, the IndexedDB save never ran.
    expect(store.data.size).toBe(0);
    const second = await LabSession.create(lab('j1'), engine(), store, { journal, shareAcrossTabs: false });
    expect(second.tree['svc/a.ts']).toBe('typed just now');
    expect(second.notices.join(' ')).toMatch(/Recuperamos cambios .*svc\/a\.ts/);
    // Replayed edits are saved to IndexedDB at once and leave the journal.
    expect(await second.store.edits()).toMatchObject({ 'svc/a.ts': { content: 'typed just now' } });
    expect(journal.map.size).toBe(0);
  });

  it('a journal entry older than what IndexedDB holds is not replayed', async () => {
    const store = new MemoryStore();
    const journal = new MapStorage();
    journal.setItem('foodly-sandbox:journal:j2:svc/a.ts', JSON.stringify({ content: 'old', at: 1 }));
    store.data.set('lab:j2:edits', { version: 2, files: { 'svc/a.ts': { content: 'newer', at: 2 } }, savedAt: 2 });
    const session = await LabSession.create(lab('j2'), engine(), store, { journal, shareAcrossTabs: false });
    expect(session.tree['svc/a.ts']).toBe('newer');
    expect(journal.map.size).toBe(0);
  });

  it('two tabs: each keeps its own file, sees the other tab\'s, and is warned on a clash', async () => {
    const store = new MemoryStore();
    const tabA = await LabSession.create(lab('tabs'), engine(), store, { journal: null });
    const tabB = await LabSession.create(lab('tabs'), engine(), store, { journal: null });
    const noticesA: string[] = [];
    const noticesB: string[] = [];
    tabA.onNotice((text) => noticesA.push(text));
    tabB.onNotice((text) => noticesB.push(text));
    try {
      tabA.edit('svc/a.ts', 'A edits a');
      tabB.edit('svc/b.ts', 'B edits b');
      await tabA.flush();
      await tabB.flush();
      const reopened = await LabSession.create(lab('tabs'), engine(), store, { journal: null, shareAcrossTabs: false });
      expect(reopened.tree).toEqual({ 'svc/a.ts': 'A edits a', 'svc/b.ts': 'B edits b' });
      // Each tab shows the other's change.
      await vi.waitFor(() => expect(tabB.tree['svc/a.ts']).toBe('A edits a'));
      await vi.waitFor(() => expect(tabA.tree['svc/b.ts']).toBe('B edits b'));
      expect(noticesB.join(' ')).toMatch(/Otra pestaña .*cambió svc\/a\.ts/);
      // Both edit the same file: the tab with unsaved work there is warned before it overwrites.
      tabB.edit('svc/a.ts', 'B also edits a');
      tabA.edit('svc/a.ts', 'A again');
      await tabA.flush();
      await vi.waitFor(() => expect(noticesB.join(' ')).toMatch(/Atención: otra pestaña también cambió svc\/a\.ts/));
      expect(tabB.tree['svc/a.ts']).toBe('B also edits a');
    } finally {
      tabA.close();
      tabB.close();
    }
  });

  it('a failing save keeps the edit unsaved and tells the reader', async () => {
    const store = new MemoryStore();
    store.update = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    const journal = new MapStorage();
    const session = await LabSession.create(lab('fail'), engine(), store, { journal, shareAcrossTabs: false });
    const notices: string[] = [];
    session.onNotice((text) => notices.push(text));
    session.edit('svc/a.ts', 'mine');
    await session.flush();
    expect(notices[0]).toMatch(/No se pudo guardar/);
    expect(journal.map.size).toBe(1);
  });
});

describe('LabSession.untilNoneStarting', () => {
  it('waits for a startAll() under way, and resolves when it ends even if no status changes', async () => {
    let release: () => void = () => undefined;
    const writes = new Promise<void>((resolve) => (release = resolve));
    // Every service already running: startAll() starts nothing, so the engine reports no status change.
    const running = {
      mount: async () => {},
      writeFile: () => writes,
      status: () => ({ state: 'running', port: 3100 }),
      onStatus: () => () => undefined,
      start: async () => {},
    } as unknown as SandboxEngine;
    const data = { ...lab('idle'), meta: { ...lab('idle').meta, services: [{ name: 'svc', dir: 'svc', port: 3100 }] } } as LabData;
    const session = await LabSession.create(data, running, new MemoryStore(), { journal: null, shareAcrossTabs: false });
    session.edit('svc/a.ts', 'changed');
    const run = session.startAll();
    let idle = false;
    const waited = session.untilNoneStarting().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(idle).toBe(false);
    release();
    await run;
    await waited;
    expect(idle).toBe(true);
    await expect(session.untilNoneStarting()).resolves.toBeUndefined();
  });
});
