// Which engine runs a lab: the site's configuration (PUBLIC_SANDBOX_ENGINE = browser | webcontainer
// | auto; default browser, since production use of WebContainer in a commercial setting needs a
// StackBlitz licence: PUBLIC_WEBCONTAINER_API_KEY) and the reader's own choice, remembered.
// When WebContainer cannot run (no isolation, unsupported browser, StackBlitz unreachable), the
// browser engine takes over and the reader is told why, politely; also when mounting or the first
// start fails later (FallbackEngine).
import type { SandboxEngine } from './contract/index.ts';
import { FallbackEngine, fallbackNotice } from './engines/fallback-engine.ts';

export type EnginePreference = 'browser' | 'webcontainer' | 'auto';

const STORAGE_KEY = 'sandbox-engine';
const isPreference = (value: unknown): value is EnginePreference => value === 'browser' || value === 'webcontainer' || value === 'auto';

export function siteEnginePreference(): EnginePreference {
  const configured = import.meta.env.PUBLIC_SANDBOX_ENGINE as unknown;
  return isPreference(configured) ? configured : 'browser';
}

export function readerEnginePreference(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): EnginePreference | undefined {
  try {
    const stored = storage?.getItem(STORAGE_KEY);
    return isPreference(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function rememberEnginePreference(preference: EnginePreference, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(STORAGE_KEY, preference);
  } catch {
    /* private mode: the choice lasts for this page */
  }
}

export interface EngineSelection {
  engine: SandboxEngine;
  /** Set when the preferred engine could not run and another one took over. */
  notice?: string;
}

export interface SelectEngineOptions {
  preference: EnginePreference;
  base: string;
  /** The lab: its folder in the page's one WebContainer. */
  labId: string;
  bootTimeoutMs?: number;
  /** Told while WebContainer boots (it can take 30-45 s). */
  onProgress?: (message: string) => void;
  /** Told when a lab that started on WebContainer moves to the browser engine later (mount, first start). */
  onLateFallback?: (engine: SandboxEngine, notice: string) => void;
  /** For tests and alternative builds. */
  createBrowser?: () => Promise<SandboxEngine>;
  createWebContainer?: () => Promise<SandboxEngine>;
}

export async function selectEngine(options: SelectEngineOptions): Promise<EngineSelection> {
  const createBrowser =
    options.createBrowser ?? (async () => (await import('./engines/browser/index.ts')).createBrowserEngine({ base: options.base }));
  if (options.preference === 'browser') return { engine: await createBrowser() };
  const createWebContainer =
    options.createWebContainer ?? (() => createWebContainerEngine(options.base, options.labId, options.bootTimeoutMs, options.onProgress));
  try {
    const webContainer = await createWebContainer();
    // Mount and first start can still fail (dependencies, TypeScript runner, helper): the lab then
    // moves to the browser engine with the same notice.
    const engine: FallbackEngine = new FallbackEngine(webContainer, {
      createFallback: createBrowser,
      onFallback: (notice) => options.onLateFallback?.(engine, notice),
    });
    return { engine };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { engine: await createBrowser(), notice: fallbackNotice(reason) };
  }
}

let dependencies: Promise<unknown> | undefined;

async function createWebContainerEngine(base: string, labId: string, bootTimeoutMs: number | undefined, onProgress?: (message: string) => void): Promise<SandboxEngine> {
  const [{ bootWebContainer }, { WebContainerEngine }] = await Promise.all([
    import('./engines/webcontainer/boot.ts'),
    import('./engines/webcontainer/webcontainer-engine.ts'),
  ]);
  const apiKey = (import.meta.env.PUBLIC_WEBCONTAINER_API_KEY as string | undefined) || undefined;
  dependencies ??= fetch(`${base}webcontainer/node_modules.json`).then((response) => {
    if (!response.ok) throw new Error(`faltan las dependencias precompiladas (${response.status}).`);
    return response.json();
  });
  dependencies.catch(() => (dependencies = undefined));
  const [container, modules] = await Promise.all([bootWebContainer({ timeoutMs: bootTimeoutMs, apiKey, onProgress }), dependencies]);
  return new WebContainerEngine({
    container,
    dependencies: modules as never,
    root: `labs/${labId}`,
    // The Tests tab runs the lab's tests in the page's test Worker (see WebContainerEngineOptions).
    testsRunner: async (tree, files) => (await import('./engines/browser/tests/run-tests.ts')).runTestsWithSiteVendor(base, tree, files),
    // PGlite's binaries, only for a lab that declares PostgreSQL: the copies the browser engine serves.
    pglite: async () => {
      const { PGLITE_BINARIES, PGLITE_TEMPLATE_FILE } = await import('./engines/webcontainer/infrastructure.ts');
      const names = [...PGLITE_BINARIES, PGLITE_TEMPLATE_FILE];
      const files = await Promise.all(
        names.map(async (name) => {
          const response = await fetch(`${base}sandbox-vendor/pglite/${name}`);
          if (!response.ok) throw new Error(`sandbox-vendor/pglite/${name}: ${response.status}`);
          return [name, new Uint8Array(await response.arrayBuffer())] as const;
        }),
      );
      return Object.fromEntries(files);
    },
  });
}
