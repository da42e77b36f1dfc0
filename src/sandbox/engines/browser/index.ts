// Public entry of the browser engine. Load it on demand (`await import(...)`) from the sandbox UI:
// nothing here should reach pages without a sandbox.
import { BrowserEngine } from './browser-engine.ts';
import type { BrowserEngineOptions } from './browser-engine.ts';

export type { BrowserEngine, BrowserEngineOptions };

export function createBrowserEngine(options: BrowserEngineOptions = {}): BrowserEngine {
  return new BrowserEngine(options);
}
