import { describe, expect, it, vi } from 'vitest';
import { HISTORY_BODY_LIMIT, HISTORY_LIMIT, LabStore, debounce, type SavedRequest } from './lab-store.ts';
import { MemoryStore, type KeyValueStore } from './storage.ts';

const start = { 'a.ts': 'start a', 'b.ts': 'start b' };

describe('LabStore edits', () => {
  it('keeps only the files that differ from start and restores them on top of start', async () => {
    const memory = new MemoryStore();
    const store = new LabStore(memory, 'lab-01');
    await store.saveEdits({ ...start, 'a.ts': 'mine' }, start);
    expect(memory.data.get('lab:lab-01:edits')).toMatchObject({ version: 2, files: { 'a.ts': { content: 'mine' } } });
    const restored = await new LabStore(memory, 'lab-01').restore({ ...start, 'b.ts': 'updated b' });
    expect(restored).toMatchObject({ tree: { 'a.ts': 'mine', 'b.ts': 'updated b' }, edited: ['a.ts'] });
  });

  it('forgets edits when the tree is back to start, and labs do not mix', async () => {
    const memory = new MemoryStore();
    await new LabStore(memory, 'lab-01').saveEdits({ ...start, 'a.ts': 'x' }, start);
    await new LabStore(memory, 'lab-02').saveEdits(start, start);
    expect(memory.data.has('lab:lab-02:edits')).toBe(false);
    await new LabStore(memory, 'lab-01').saveEdits(start, start);
    expect(memory.data.size).toBe(0);
  });

  it('survives failing storage', async () => {
    const broken: KeyValueStore = {
      get: () => Promise.reject(new Error('boom')),
      set: async () => {},
      delete: async () => {},
      update: async () => {},
    };
    expect(await new LabStore(broken, 'x').restore(start)).toMatchObject({ tree: start, edited: [] });
    expect(await new LabStore(broken, 'x').history()).toEqual([]);
  });

  it('reads version 1 records (whole-record time) as per-file edits', async () => {
    const memory = new MemoryStore();
    memory.data.set('lab:x:edits', { version: 1, files: { 'a.ts': 'old mine' }, savedAt: 5 });
    const store = new LabStore(memory, 'x');
    expect(await store.restore(start)).toEqual({ tree: { ...start, 'a.ts': 'old mine' }, edited: ['a.ts'], times: { 'a.ts': 5 } });
    expect(store.notices).toEqual([]);
  });

  it('merges saves file by file, so two tabs editing different files both keep their edit', async () => {
    const memory = new MemoryStore();
    const tabA = new LabStore(memory, 'x');
    const tabB = new LabStore(memory, 'x');
    await tabA.saveFiles(['a.ts'], { ...start, 'a.ts': 'from A' }, start);
    await tabB.saveFiles(['b.ts'], { ...start, 'b.ts': 'from B' }, start);
    expect((await new LabStore(memory, 'x').restore(start)).tree).toEqual({ 'a.ts': 'from A', 'b.ts': 'from B' });
    // Back to its start content, a file is forgotten (lab updates reach it again).
    await tabA.saveFiles(['a.ts'], start, start);
    expect(Object.keys(await tabB.edits())).toEqual(['b.ts']);
  });
});

describe('LabStore with damaged records', () => {
  const damagedEdits: [string, unknown][] = [
    ['a string', 'garbage'],
    ['null', null],
    ['a wrong version', { version: 'x', files: { 'a.ts': 'mine' } }],
    ['files as a string (it used to write files named 0…6)', { version: 1, files: 'garbage' }],
    ['an array of files', { version: 2, files: ['x'] }],
    ['a newer version', { version: 99, files: {} }],
  ];
  for (const [what, value] of damagedEdits) {
    it(`edits as ${what}: start tree, a notice, a backup, and no file with a bogus name`, async () => {
      const memory = new MemoryStore();
      memory.data.set('lab:x:edits', value);
      const store = new LabStore(memory, 'x');
      const restored = await store.restore(start);
      expect(restored.tree).toEqual(start);
      expect(store.notices).toHaveLength(1);
      await vi.waitFor(async () => expect(await store.backups()).toHaveLength(1));
      const [key] = await store.backups();
      expect(memory.data.get(key!)).toMatchObject({ kind: 'edits', value });
      await store.saveFiles(['a.ts'], { ...start, 'a.ts': 'new' }, start);
      expect(Object.keys(await store.edits())).toEqual(['a.ts']);
    });
  }

  it('drops only the damaged files of a record and keeps the rest', async () => {
    const memory = new MemoryStore();
    memory.data.set('lab:x:edits', { version: 2, files: { 'a.ts': { content: 'ok', at: 1 }, 'b.ts': { content: 7, at: 1 }, '0': { content: 'g', at: 1 } }, savedAt: 1 });
    const store = new LabStore(memory, 'x');
    expect((await store.restore(start)).tree).toEqual({ ...start, 'a.ts': 'ok' });
    expect(store.notices[0]).toMatch(/dañado/);
  });

  it('a second damage keeps the first backup', async () => {
    const memory = new MemoryStore();
    memory.data.set('lab:x:edits', 'first damage');
    const first = new LabStore(memory, 'x');
    await first.restore(start);
    await vi.waitFor(async () => expect(await first.backups()).toHaveLength(1));
    memory.data.set('lab:x:edits', 'second damage');
    const second = new LabStore(memory, 'x');
    await second.restore(start);
    await vi.waitFor(async () => expect(await second.backups()).toHaveLength(2));
    const values = await Promise.all((await second.backups()).map(async (key) => ((await memory.get(key)) as { value: unknown }).value));
    expect(values.sort()).toEqual(['first damage', 'second damage']);
  });

  it('a garbage undo record is set aside, not offered, and does not throw', async () => {
    const memory = new MemoryStore();
    memory.data.set('lab:x:undo', { version: 1, tree: 'garbage', reason: 'reset', savedAt: 1 });
    const store = new LabStore(memory, 'x');
    expect(await store.readUndo()).toBeUndefined();
    expect(memory.data.has('lab:x:undo')).toBe(false);
    expect(store.notices[0]).toMatch(/Deshacer/);
    expect(await store.backups()).toHaveLength(1);
  });

  it('a history of [null] or a string gives the valid requests only', async () => {
    for (const value of [[null], 'x', [{ service: 's', method: 'GET', path: '/', headers: {}, body: '', at: 1 }, 3]]) {
      const memory = new MemoryStore();
      memory.data.set('lab:x:history', value);
      const store = new LabStore(memory, 'x');
      const list = await store.history();
      expect(list.every((r) => typeof r.path === 'string')).toBe(true);
      expect(store.notices).toHaveLength(1);
    }
  });
});

describe('LabStore undo and history', () => {
  it('keeps an undo copy until cleared', async () => {
    const store = new LabStore(new MemoryStore(), 'lab');
    await store.saveUndo({ 'a.ts': 'mine' }, 'reset');
    expect(await store.readUndo()).toMatchObject({ tree: { 'a.ts': 'mine' }, reason: 'reset' });
    await store.clearUndo();
    expect(await store.readUndo()).toBeUndefined();
  });

  it('puts the newest request first, deduplicates and caps the list', async () => {
    const store = new LabStore(new MemoryStore(), 'lab');
    const request = (path: string): SavedRequest => ({ service: 's', method: 'GET', path, headers: {}, body: '', at: 0 });
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) await store.remember(request(`/r${i}`));
    const list = await store.remember(request('/r10'));
    expect(list).toHaveLength(HISTORY_LIMIT);
    expect(list[0]!.path).toBe('/r10');
    expect(list.filter((r) => r.path === '/r10')).toHaveLength(1);
    expect((await store.history())[1]!.path).toBe(`/r${HISTORY_LIMIT + 4}`);
  });

  it('keeps only a capped preview of big request bodies', async () => {
    const store = new LabStore(new MemoryStore(), 'lab');
    const [saved] = await store.remember({ service: 's', method: 'POST', path: '/', headers: {}, body: 'x'.repeat(10_000_000), at: 0 });
    expect(saved!.body.length).toBe(HISTORY_BODY_LIMIT);
  });
});

describe('debounce', () => {
  it('saves once after typing pauses, and flush saves immediately', async () => {
    vi.useFakeTimers();
    const save = vi.fn();
    const saver = debounce(save, 300);
    saver.schedule();
    saver.schedule();
    vi.advanceTimersByTime(299);
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(1);
    saver.schedule();
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(2);
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });
});
