import { describe, expect, it } from 'vitest';
import type { SandboxEngine } from './types.ts';
import { readerEnginePreference, rememberEnginePreference, selectEngine } from './select-engine.ts';

const fakeEngine = (kind: SandboxEngine['kind']) => ({ kind }) as SandboxEngine;

describe('selectEngine', () => {
  it('uses the browser engine without trying WebContainer when asked to', async () => {
    let tried = false;
    const selection = await selectEngine({
      preference: 'browser',
      base: '/', labId: 'lab-01-monolito',
      createBrowser: async () => fakeEngine('browser'),
      createWebContainer: async () => ((tried = true), fakeEngine('webcontainer')),
    });
    expect(selection).toEqual({ engine: { kind: 'browser' } });
    expect(tried).toBe(false);
  });

  it('uses WebContainer when it boots', async () => {
    const selection = await selectEngine({ preference: 'webcontainer', base: '/', labId: 'lab-01-monolito', createBrowser: async () => fakeEngine('browser'), createWebContainer: async () => fakeEngine('webcontainer') });
    expect(selection.engine.kind).toBe('webcontainer');
    expect(selection.notice).toBeUndefined();
  });

  it('falls back to the browser engine with a notice that says why', async () => {
    const selection = await selectEngine({
      preference: 'auto',
      base: '/', labId: 'lab-01-monolito',
      createBrowser: async () => fakeEngine('browser'),
      createWebContainer: async () => {
        throw new Error('WebContainer no arrancó en 12 s (sin conexión con StackBlitz).');
      },
    });
    expect(selection.engine.kind).toBe('browser');
    expect(selection.notice).toContain('sin conexión con StackBlitz');
    expect(selection.notice).toContain('motor del navegador');
  });
});

describe('the reader preference', () => {
  it('is remembered and read back, ignoring junk', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(readerEnginePreference(storage)).toBeUndefined();
    rememberEnginePreference('webcontainer', storage);
    expect(readerEnginePreference(storage)).toBe('webcontainer');
    store.set('sandbox-engine', 'otra-cosa');
    expect(readerEnginePreference(storage)).toBeUndefined();
  });
});
