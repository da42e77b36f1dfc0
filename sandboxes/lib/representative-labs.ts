// The smallest set of labs that together exercise everything the sandbox offers a lab: each service,
// each kind of emulated infrastructure, replicas, WebSockets and each method of the checks' context.
// Every lab runs in Chromium on the browser engine (e2e/sandbox-labs.spec.ts), on the Node engine and
// on the WebContainer engine (unit tests); Firefox and WebKit (e2e-browsers/) run this set, which is
// what can differ between browsers: the APIs each capability uses, not each lab's own code.
import { listLabIds, loadLab } from './labs.ts';

export type LabFeature = string;

/** Features a lab uses, named so a report says why the lab is in the set. */
export async function featuresOf(id: string): Promise<Set<LabFeature>> {
  const lab = await loadLab(id);
  const features = new Set<LabFeature>();
  for (const service of lab.meta.services) {
    features.add(`service:${service.dir}`);
    if ((service.replicas ?? 1) > 1) features.add('replicas');
  }
  for (const [kind, declared] of Object.entries(lab.meta.infrastructure ?? {})) if (declared) features.add(`infrastructure:${kind}`);
  for (const method of new Set(lab.checks.match(/\bctx\.[a-zA-Z]+/g) ?? [])) features.add(`checks:${method}`);
  if (Object.values(lab.solution).some((source) => source.includes('upgradeWebSocket'))) features.add('websocket');
  return features;
}

/**
 * Lab ids, in id order: for every feature, the first lab that uses it, plus the complete system (the
 * last lab), which uses most of them at once.
 */
export async function representativeLabIds(): Promise<Array<{ id: string; covers: LabFeature[] }>> {
  const ids = await listLabIds();
  const chosen = new Map<string, LabFeature[]>();
  const covered = new Set<LabFeature>();
  for (const id of ids) {
    const fresh = [...(await featuresOf(id))].filter((feature) => !covered.has(feature));
    if (fresh.length === 0) continue;
    for (const feature of fresh) covered.add(feature);
    chosen.set(id, fresh.sort());
  }
  const last = ids.at(-1);
  if (last && !chosen.has(last)) chosen.set(last, ['the complete system']);
  return [...chosen].map(([id, covers]) => ({ id, covers }));
}
