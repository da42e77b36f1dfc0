// The run path: what «Ejecutar» needs before any service starts (the lab's data, the engine and
// the reader's saved files), kept apart from the view (mount.ts: panels, editor, CSS) so that a
// cold Run waits for none of those. ../boot.ts imports this and mount.ts side by side.
import { hasPrepare } from '../../contract/index.ts';
import { defaultStore } from '../core/storage.ts';
import { createEngine } from './engine-factory.ts';
import { compiledSources, fetchLab } from './lab-data.ts';
import { LabSession } from './session.ts';

const store = defaultStore();
// Opening IndexedDB the first time on a profile takes 100-200 ms (measured in a fresh Chromium
// context): it starts as this module arrives, beside the lab's data and the engine, not after them.
store.warm?.();

export async function createSession(labId: string, base: string, onProgress?: (message: string) => void): Promise<LabSession> {
  performance.mark('sandbox:ui:session-loaded');
  const [lab, engine] = await Promise.all([fetchLab(labId, base), createEngine(base, labId, onProgress)]);
  performance.mark('sandbox:ui:lab-and-engine');
  // The services' workers start loading now, while the reader's files are restored and the view is built.
  if (hasPrepare(engine)) engine.prepare(lab.start, lab.meta.services, { compiled: compiledSources(lab), ...(lab.meta.infrastructure ? { infrastructure: lab.meta.infrastructure } : {}) });
  return LabSession.create(lab, engine, store);
}
