// Which engine runs the lab. Today the browser engine (no install, no SharedArrayBuffer); the
// WebContainer engine will plug in here behind the same SandboxEngine interface.
import type { SandboxEngine } from '../../types.ts';

export type EngineChoice = 'browser' | 'webcontainer' | 'auto';

export async function createEngine(base: string, _choice: EngineChoice = 'browser'): Promise<SandboxEngine> {
  const { createBrowserEngine } = await import('../../engine/index.ts');
  return createBrowserEngine({ base });
}
