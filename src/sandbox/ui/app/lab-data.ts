// The lab as the sandbox receives it from /labs/<id>.json (built from sandboxes/labs at build time).
import type { ScenarioExpect } from '../core/scenario.ts';
import type { CompiledSource, FileTree, InfrastructureSpec, ServiceSpec } from '../../contract/index.ts';

export interface LabRequestData {
  label: string;
  service: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  /** Which replica of a replicated service (lab.yaml `replica`, default 1). */
  replica?: number;
}

/** lab.yaml `connections`: a suggested WebSocket connection (the WebSocket panel). */
export interface LabConnectionData {
  label: string;
  service: string;
  replica?: number;
  path: string;
  headers: Record<string, string>;
  protocols: string[];
  /** Frames the reader can send with one click once connected. */
  messages: string[];
}

/** lab.yaml `scenario`: the guided "Recorrido" (the Recorrido tab, scenario-panel.ts). */
export interface ScenarioStepData {
  label: string;
  note?: string;
  request?: Omit<LabRequestData, 'label'>;
  connect?: Omit<LabConnectionData, 'label' | 'messages'>;
  waitFor?: { contains: string[]; timeoutMs: number };
  expect?: ScenarioExpect;
  /** name → dot path in the JSON answer, used by later steps as `{{name}}`. */
  capture: Record<string, string>;
}

export interface ScenarioData {
  summary?: string;
  steps: ScenarioStepData[];
}

export interface LabData {
  id: string;
  meta: {
    title: string;
    services: ServiceSpec[];
    open: string[];
    requests: LabRequestData[];
    connections?: LabConnectionData[];
    scenario?: ScenarioData;
    /** lab.yaml `infrastructure`: the servers the engine provides (absent for most labs). */
    infrastructure?: InfrastructureSpec;
  };
  start: FileTree;
  solution: FileTree;
  /** Type-stripped code of the start and solution files, by path (built by /labs/<id>.json). */
  compiled?: { start: Record<string, string>; solution: Record<string, string> };
  checks: string;
  /** checks.ts type-stripped at build time. */
  checksCompiled?: string;
}

/** The lab's build-time compiled code as the engine's mount option takes it. */
export function compiledSources(lab: LabData): CompiledSource[] {
  const pairs: CompiledSource[] = [];
  for (const variant of ['start', 'solution'] as const) {
    for (const [path, code] of Object.entries(lab.compiled?.[variant] ?? {})) {
      const source = lab[variant][path];
      if (source !== undefined) pairs.push({ source, code });
    }
  }
  if (lab.checksCompiled !== undefined) pairs.push({ source: lab.checks, code: lab.checksCompiled });
  return pairs;
}

const cache = new Map<string, Promise<LabData>>();

export function fetchLab(id: string, base: string): Promise<LabData> {
  let lab = cache.get(id);
  if (!lab) {
    lab = fetch(`${base}labs/${encodeURIComponent(id)}.json`).then(async (response) => {
      if (!response.ok) throw new Error(`No se pudo cargar el laboratorio ${id} (HTTP ${response.status}).`);
      return (await response.json()) as LabData;
    });
    lab.catch(() => cache.delete(id));
    cache.set(id, lab);
  }
  return lab;
}
