// The .d.ts files the sandbox editor gives Monaco's TypeScript worker (hono, zod, @hono/*, and the
// sandbox's Node shims), built once from node_modules. Loaded only when a sandbox editor opens.
import type { APIRoute } from 'astro';
import { collectTypeLibs } from '../sandbox/ui/build/type-libs.ts';

export const prerender = true;

export const GET: APIRoute = async () => new Response(JSON.stringify({ libs: await collectTypeLibs() }), { headers: { 'content-type': 'application/json' } });
