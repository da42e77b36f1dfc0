// Which engine runs the lab: the site's default (PUBLIC_SANDBOX_ENGINE) or the reader's own choice,
// with the browser engine taking over, and saying why, when WebContainer cannot run here.
import type { SandboxEngine } from '../../contract/index.ts';
import { readerEnginePreference, selectEngine, siteEnginePreference, type EnginePreference } from '../../select-engine.ts';

export type EngineChoice = EnginePreference;

/** Why the engine running a lab is not the one the reader or the site preferred. */
export const engineNotices = new WeakMap<SandboxEngine, string>();

export function currentEnginePreference(): EnginePreference {
  return readerEnginePreference() ?? siteEnginePreference();
}

export async function createEngine(base: string, labId: string, onProgress?: (message: string) => void): Promise<SandboxEngine> {
  const { engine, notice } = await selectEngine({
    preference: currentEnginePreference(),
    base,
    labId,
    onProgress,
    onLateFallback: (wrapper, late) => {
      engineNotices.set(wrapper, late);
      // The engine bar is already on screen: it updates itself.
      document.dispatchEvent(new CustomEvent('sandbox:engine-notice', { detail: { engine: wrapper, notice: late } }));
    },
  });
  if (notice) engineNotices.set(engine, notice);
  return engine;
}
