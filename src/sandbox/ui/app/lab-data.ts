// The lab as the sandbox receives it from /labs/<id>.json (built from sandboxes/labs at build time).
import type { FileTree, ServiceSpec } from '../../types.ts';

export interface LabRequestData {
  label: string;
  service: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface LabData {
  id: string;
  meta: {
    title: string;
    services: ServiceSpec[];
    open: string[];
    requests: LabRequestData[];
  };
  start: FileTree;
  solution: FileTree;
  checks: string;
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
