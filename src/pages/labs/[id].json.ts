// One lab for the live sandbox: meta (services, files to open, suggested requests), the start and
// solution trees and the checks source, as /labs/<id>.json. Fetched when the sandbox starts.
import type { APIRoute, GetStaticPaths } from 'astro';
import { listLabIds } from '../../../sandboxes/lib/index.ts';
import { getLab } from '../../lib/labs.ts';

export const prerender = true;

export const getStaticPaths = (async () => (await listLabIds()).map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const lab = await getLab(params.id!);
  const data = { id: lab.id, meta: lab.meta, start: lab.start, solution: lab.solution, checks: lab.checks };
  return new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json' } });
};
