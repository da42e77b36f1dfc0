import { describe, expect, it, vi } from 'vitest';
import { HISTORY_LIMIT, LabStore, debounce, type SavedRequest } from './lab-store.ts';
import { MemoryStore, type KeyValueStore } from './storage.ts';

const start = { 'a.ts': 'start a', 'b.ts': 'start b' };

describe('LabStore edits', () => {
  it('keeps only the files that differ from start and restores them on top of start', async () => {
    const memory = new MemoryStore();
    const store = new LabStore(memory, 'lab-01');
    await store.saveEdits({ ...start, 'a.ts': 'mine' }, start);
    expect(memory.data.get('lab:lab-01:edits')).toMatchObject({ files: { 'a.ts': 'mine' } });
    const restored = await new LabStore(memory, 'lab-01').restore({ ...start, 'b.ts': 'updated b' });
    expect(restored).toEqual({ tree: { 'a.ts': 'mine', 'b.ts': 'updated b' }, edited: ['a.ts'] });
  });

  it('forgets edits when the tree is back to start, and labs do not mix', async () => {
    const memory = new MemoryStore();
    await new LabStore(memory, 'lab-01').saveEdits({ ...start, 'a.ts': 'x' }, start);
    await new LabStore(memory, 'lab-02').saveEdits(start, start);
    expect(memory.data.has('lab:lab-02:edits')).toBe(false);
    await new LabStore(memory, 'lab-01').saveEdits(start, start);
    expect(memory.data.size).toBe(0);
  });

  it('survives damaged or failing storage', async () => {
    const memory = new MemoryStore();
    memory.data.set('lab:x:edits', { version: 1, files: 'garbage' });
    expect(await new LabStore(memory, 'x').restore(start)).toEqual({ tree: start, edited: [] });
    const broken: KeyValueStore = { get: () => Promise.reject(new Error('boom')), set: async () => {}, delete: async () => {} };
    expect(await new LabStore(broken, 'x').restore(start)).toEqual({ tree: start, edited: [] });
    expect(await new LabStore(broken, 'x').history()).toEqual([]);
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
