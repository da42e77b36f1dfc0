import { describe, expect, it } from 'vitest';
import type { SandboxEngine, ServiceStatus, TerminalCapability } from './contract/index.ts';
import { hasModuleGraph, hasTerminal } from './contract/index.ts';
import { FallbackEngine } from './engines/fallback-engine.ts';
import { readerEnginePreference, rememberEnginePreference, selectEngine } from './select-engine.ts';

const fakeEngine = (kind: SandboxEngine['kind']) => ({ kind, capabilities: new Set(), onLog: () => () => undefined, onStatus: () => () => undefined }) as unknown as SandboxEngine;

describe('selectEngine', () => {
  it('uses the browser engine without trying WebContainer when asked to', async () => {
    let tried = false;
    const selection = await selectEngine({
      preference: 'browser',
      base: '/', labId: 'lab-01-monolito',
      createBrowser: async () => fakeEngine('browser'),
      createWebContainer: async () => ((tried = true), fakeEngine('webcontainer')),
    });
    expect(selection.engine.kind).toBe('browser');
    expect(selection.notice).toBeUndefined();
    expect(tried).toBe(false);
  });

  it('uses WebContainer when it boots', async () => {
    const selection = await selectEngine({ preference: 'webcontainer', base: '/', labId: 'lab-01-monolito', createBrowser: async () => fakeEngine('browser'), createWebContainer: async () => fakeEngine('webcontainer') });
    expect(selection.engine.kind).toBe('webcontainer');
    expect(selection.notice).toBeUndefined();
    expect(selection.engine).toBeInstanceOf(FallbackEngine);
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

describe('falling back after WebContainer booted', () => {
  const spec = [{ name: 'auth', dir: 'auth-service', port: 3101, env: {} }];

  /** A minimal engine whose mount or start can be made to fail, recording what it was asked. */
  function scriptedEngine(kind: SandboxEngine['kind'], behaviour: { mount?: () => Promise<void>; start?: () => ServiceStatus } = {}) {
    const calls: string[] = [];
    let status: ServiceStatus = { state: 'stopped' };
    const statusListeners = new Set<(service: string, status: ServiceStatus) => void>();
    const engine: SandboxEngine = {
      kind,
      capabilities: new Set(kind === 'webcontainer' ? ['terminal' as const] : []),
      mount: async (tree) => (calls.push(`mount ${Object.keys(tree).join(',')}`), behaviour.mount?.()),
      writeFile: async (path) => void calls.push(`write ${path}`),
      readFile: async () => undefined,
      start: async (service) => {
        calls.push(`start ${service}`);
        status = behaviour.start?.() ?? { state: 'running', port: 3101 };
        for (const listener of statusListeners) listener(service, status);
      },
      stop: async () => undefined,
      status: () => status,
      logs: () => [],
      request: async () => ({ status: 200, statusText: 'OK', headers: {}, text: kind, time: 1 }),
      onLog: () => () => undefined,
      onStatus: (listener) => (statusListeners.add(listener), () => statusListeners.delete(listener)),
      openPreview: async () => '',
      runChecks: async () => [],
      dispose: async () => void calls.push('dispose'),
    };
    return { engine, calls };
  }

  async function select(primary: SandboxEngine, browser: SandboxEngine) {
    const notices: string[] = [];
    const { engine } = await selectEngine({
      preference: 'webcontainer',
      base: '/',
      labId: 'lab-03-auth-service',
      createBrowser: async () => browser,
      createWebContainer: async () => primary,
      onLateFallback: (_, notice) => notices.push(notice),
    });
    return { engine, notices };
  }

  it('moves the lab to the browser engine when mounting fails (the smoke step), keeping the files', async () => {
    const wc = scriptedEngine('webcontainer', { mount: async () => Promise.reject(new Error('Node v20.19.1 no pudo ejecutar TypeScript en el contenedor.')) });
    const browser = scriptedEngine('browser');
    const { engine, notices } = await select(wc.engine, browser.engine);
    await engine.mount({ 'auth-service/src/server.ts': 'x' }, spec);
    expect(engine.kind).toBe('browser');
    expect(engine.capabilities.has('terminal')).toBe(false);
    expect(browser.calls).toEqual(['mount auth-service/src/server.ts']);
    expect(wc.calls).toContain('dispose');
    expect(notices).toEqual([expect.stringContaining('no pudo ejecutar TypeScript')]);
    expect(notices[0]).toContain('motor del navegador');
  });

  it('moves the lab when the first start fails for a reason that is not the lab code, and starts it there', async () => {
    const wc = scriptedEngine('webcontainer', { start: () => ({ state: 'crashed', reason: 'auth no abrió el puerto 3101 en 30 s.' }) });
    const browser = scriptedEngine('browser');
    const { engine, notices } = await select(wc.engine, browser.engine);
    await engine.mount({ 'a.ts': '1' }, spec);
    await engine.writeFile('b.ts', '2');
    await engine.start('auth');
    expect(engine.kind).toBe('browser');
    expect(browser.calls).toEqual(['mount a.ts,b.ts', 'start auth']);
    expect(engine.status('auth')).toEqual({ state: 'running', port: 3101 });
    expect(notices).toHaveLength(1);
  });

  it('stays on WebContainer when the lab code itself crashes (a located error), as the browser engine would too', async () => {
    const wc = scriptedEngine('webcontainer', { start: () => ({ state: 'crashed', reason: 'SyntaxError', file: 'auth-service/src/app.ts', line: 3 }) });
    const browser = scriptedEngine('browser');
    const { engine, notices } = await select(wc.engine, browser.engine);
    await engine.mount({}, spec);
    await engine.start('auth');
    expect(engine.kind).toBe('webcontainer');
    expect(notices).toEqual([]);
  });
});

describe('capabilities through the fallback wrapper', () => {
  it('forwards terminal and module graph to the engine running the lab, and refuses the terminal after a fallback', async () => {
    const shell = { input: new WritableStream<string>(), output: new ReadableStream<string>(), exit: Promise.resolve(0), resize: () => {}, kill: () => {} };
    const wc = { ...fakeEngine('webcontainer'), capabilities: new Set(['terminal']), spawnShell: async () => shell, mount: async () => {}, dispose: async () => {} } as unknown as SandboxEngine;
    const browser = { ...fakeEngine('browser'), capabilities: new Set(['moduleGraph']), servicesUsing: () => ['auth'], mount: async () => {} } as unknown as SandboxEngine;
    const wrapper = new FallbackEngine(wc, { createFallback: async () => browser });
    expect(hasTerminal(wrapper)).toBe(true);
    expect(await (wrapper as unknown as TerminalCapability).spawnShell({ cols: 80, rows: 24 })).toBe(shell);
    wc.mount = async () => Promise.reject(new Error('roto.'));
    await wrapper.mount({}, []);
    expect(hasTerminal(wrapper)).toBe(false);
    expect(hasModuleGraph(wrapper)).toBe(true);
    expect(wrapper.servicesUsing('auth-service/src/app.ts')).toEqual(['auth']);
    await expect(wrapper.spawnShell({ cols: 80, rows: 24 })).rejects.toThrow('solo existe con WebContainer');
  });
});
