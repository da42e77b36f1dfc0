// One lab for the live sandbox: meta (services, files to open, suggested requests), the start and
// solution trees, their code compiled ahead of time (the browser engine then loads no compiler for
// unchanged files) and the checks, source and compiled, as /labs/<id>.json. Fetched when the sandbox wakes.
import type { APIRoute, GetStaticPaths } from 'astro';
import { listLabIds } from '../../../sandboxes/lib/index.ts';
import { getLab } from '../../lib/labs.ts';
import { compileTree, stripTypes } from '../../sandbox/engines/browser/loader/transform.ts';
import type { FileTree } from '../../sandbox/contract/index.ts';

export const prerender = true;

export const getStaticPaths = (async () => (await listLabIds()).map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const lab = await getLab(params.id!);
  const data = {
    id: lab.id,
    meta: lab.meta,
    start: lab.start,
    solution: lab.solution,
    compiled: { start: compiledByPath(lab.start), solution: compiledByPath(lab.solution) },
    checks: lab.checks,
    // Compiled here like the lab code, so pressing "Comprobar" downloads no compiler.
    checksCompiled: stripTypes('checks.ts', lab.checks),
  };
  return new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json' } });
};

/** Path → stripped code, for the code files of a tree (the source is the tree's own entry). */
function compiledByPath(tree: FileTree): Record<string, string> {
  const codeOf = new Map(compileTree(tree).map(({ source, code }) => [source, code]));
  return Object.fromEntries(Object.entries(tree).flatMap(([path, source]) => (codeOf.has(source) ? [[path, codeOf.get(source)!]] : [])));
}
