import { describe, expect, it } from 'vitest';
import { BACKUP_KEY, createProgressStore, STORAGE_KEY, type KeyValueStorage } from './progress-store.ts';
import { markRead, recordQuizAttempt } from './progress.ts';

class MemoryStorage implements KeyValueStorage {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const at = '2026-12-01T10:00:00.000Z';

describe('progress store', () => {
  it('saves every change and reads it back in a new store (a reload)', () => {
    const storage = new MemoryStorage();
    const store = createProgressStore(storage, () => at);
    store.update((p) => recordQuizAttempt(markRead(p, 't1', at), 't1', { correct: 3, total: 4, wrong: ['q2'] }, at));
    const reloaded = createProgressStore(storage, () => at).get();
    expect(reloaded.read).toEqual({ t1: at });
    expect(reloaded.quizzes.t1).toMatchObject({ best: 3, total: 4, wrong: ['q2'] });
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).version).toBe(2);
  });

  it('migrates version 1 data in place on first read', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, read: ['t1'], quizBest: {}, labsPassed: ['lab-01'] }));
    const store = createProgressStore(storage, () => at);
    expect(store.get().labs['lab-01']!.passed).toBe(true);
    expect(store.takeNotice()).toBeUndefined();
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!)).toEqual({
      version: 2,
      read: { t1: at },
      quizzes: {},
      labs: { 'lab-01': { passed: true, failed: [], at } },
    });
  });

  it('resets damaged storage safely: a notice once, the old text backed up, nothing thrown', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{not json');
    const store = createProgressStore(storage, () => at);
    expect(() => store.get()).not.toThrow();
    expect(store.get().read).toEqual({});
    expect(store.takeNotice()).toMatch(/dañado/);
    expect(store.takeNotice()).toBeUndefined();
    expect(storage.getItem(BACKUP_KEY)).toBe('{not json');
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!)).toEqual({ version: 2, read: {}, quizzes: {}, labs: {} });
    // The store keeps working after the reset.
    store.update((p) => markRead(p, 't1', at));
    expect(createProgressStore(storage).get().read).toEqual({ t1: at });
  });

  it('a second damage keeps the first backup', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{first');
    createProgressStore(storage, () => at).get();
    storage.setItem(STORAGE_KEY, '{second');
    createProgressStore(storage, () => at).get();
    expect(storage.getItem(BACKUP_KEY)).toBe('{first');
    expect(storage.getItem(`${BACKUP_KEY}:${at}`)).toBe('{second');
  });

  it('commit() says when a change did not reach storage (quota)', () => {
    const storage = new MemoryStorage();
    const store = createProgressStore(storage, () => at);
    expect(store.commit((p) => markRead(p, 't1', at)).saved).toBe(true);
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(store.commit((p) => markRead(p, 't2', at)).saved).toBe(false);
  });

  it('works in memory, with a notice, when storage throws on every call', () => {
    const broken: KeyValueStorage = {
      getItem() {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem() {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem() {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    const store = createProgressStore(broken, () => at);
    expect(() => store.update((p) => markRead(p, 't1', at))).not.toThrow();
    expect(store.get().read).toEqual({ t1: at });
    expect(store.takeNotice()).toMatch(/No se pudo guardar|no deja guardar/);
    expect(() => store.clear()).not.toThrow();
  });

  it('works without any storage, saying the progress will not last', () => {
    const store = createProgressStore(null);
    store.update((p) => markRead(p, 't1', at));
    expect(store.get().read).toEqual({ t1: at });
    expect(store.takeNotice()).toMatch(/solo mientras no cierres/);
  });

  it('notifies subscribers and clears everything', () => {
    const storage = new MemoryStorage();
    const store = createProgressStore(storage, () => at);
    const seen: number[] = [];
    const stop = store.subscribe((p) => seen.push(Object.keys(p.read).length));
    store.update((p) => markRead(p, 't1', at));
    store.clear();
    stop();
    store.update((p) => markRead(p, 't2', at));
    expect(seen).toEqual([1, 0]);
    expect(storage.getItem(STORAGE_KEY)).toContain('t2');
  });
});
