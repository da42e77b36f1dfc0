// The OpenAPI documents the labs publish, checked with real tools: Redocly's `recommended` ruleset
// (@redocly/openapi-core, the linter behind `redocly lint`), a route-by-route match between each
// document and the routes the app really serves, and openapi-diff between the /v1 and /v2 documents.
// Add a lab's service to `documentedServices` to hold it to the same rules.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openApiDiff from 'openapi-diff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materialize, settingsOf } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';

type App = { request(path: string): Response | Promise<Response>; routes: Array<{ method: string; path: string }> };
type OpenApiDoc = { servers?: Array<{ url: string }>; paths: Record<string, Record<string, unknown>> };

type DocumentedService = {
  lab: string;
  service: string;
  env?: Record<string, string>;
  /** Each published document and the prefix its `servers` entry declares. */
  documents: Array<{ url: string; prefix: string }>;
  /** Redocly warnings we keep on purpose, by rule id, with why. */
  acceptedWarnings: Record<string, string>;
};

const documentedServices: DocumentedService[] = [
  {
    lab: 'lab-18-versionado-api',
    service: 'orders-service',
    documents: [
      { url: '/openapi/v1.json', prefix: '/v1' },
      { url: '/openapi/v2.json', prefix: '/v2' },
    ],
    acceptedWarnings: {
      // v2 tags every order line with `kind` so that new kinds (menus, tips) are additive, not breaking;
      // today the union has one member, so its oneOf has one schema.
      'no-illogical-composition-keywords': 'the discriminated union of v2 lines has one kind today, on purpose',
    },
  },
];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** "/orders/{id}" in OpenAPI is "/orders/:id" in Hono. */
const toHonoPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

const trees: MaterializedTree[] = [];
afterAll(async () => {
  await Promise.all(trees.map((tree) => tree.remove()));
});

describe.each(documentedServices)('$lab · $service: OpenAPI', (target) => {
  let app: App;
  const documents = new Map<string, { text: string; doc: OpenApiDoc }>();

  beforeAll(async () => {
    const tree = await materialize(target.lab, 'solution');
    trees.push(tree);
    const { buildApp } = await tree.import<{ buildApp(settings: unknown): App }>(`${target.service}/src/app.ts`);
    app = buildApp(await settingsOf(tree, target.service, target.env ?? {}));
    for (const { url } of target.documents) {
      const response = await app.request(url);
      expect(response.status, `GET ${url}`).toBe(200);
      const text = await response.text();
      documents.set(url, { text, doc: JSON.parse(text) as OpenApiDoc });
    }
  });

  it.each(target.documents)("$url passes Redocly's recommended rules (0 errors; only the listed warnings)", async ({ url }) => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: documents.get(url)!.text, absoluteRef: `${target.lab}${url}`, config });
    const errors = problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.ruleId}: ${problem.message}`);
    expect(errors).toEqual([]);
    const unexpected = problems
      .filter((problem) => problem.severity === 'warn' && !(problem.ruleId in target.acceptedWarnings))
      .map((problem) => `${problem.ruleId}: ${problem.message}`);
    expect(unexpected).toEqual([]);
  });

  it.each(target.documents)('$url documents exactly the routes served under its server URL', ({ url, prefix }) => {
    const { doc } = documents.get(url)!;
    expect(doc.servers?.map((server) => server.url)).toEqual([prefix]);
    const documented = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).filter((key) => HTTP_METHODS.includes(key)).map((method) => `${method.toUpperCase()} ${prefix}${toHonoPath(path)}`))
      .sort();
    const served = [
      ...new Set(
        app.routes
          .filter((route) => route.method !== 'ALL' && route.path.startsWith(`${prefix}/`))
          .map((route) => `${route.method} ${route.path}`),
      ),
    ].sort();
    expect(documented.length).toBeGreaterThan(0);
    expect(documented).toEqual(served);
  });

  it.each(target.documents)('$url gives every operation an operationId, a summary and problem+json errors', ({ url }) => {
    const { doc } = documents.get(url)!;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!HTTP_METHODS.includes(method)) continue;
        const op = operation as { operationId?: string; summary?: string; responses: Record<string, { content?: Record<string, unknown> }> };
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-zA-Z]+V\d+$/);
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        const errorResponses = Object.entries(op.responses).filter(([status]) => Number(status) >= 400 && Number(status) !== 422);
        for (const [status, response] of errorResponses) expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
      }
    }
  });
});

describe('lab-18-versionado-api: openapi-diff between /v1 and /v2', () => {
  let v1: string;
  let v2: string;

  beforeAll(async () => {
    const tree = await materialize('lab-18-versionado-api', 'solution');
    trees.push(tree);
    const { buildApp } = await tree.import<{ buildApp(settings: unknown): App }>('orders-service/src/app.ts');
    const app = buildApp(await settingsOf(tree, 'orders-service'));
    v1 = await (await app.request('/openapi/v1.json')).text();
    v2 = await (await app.request('/openapi/v2.json')).text();
  });

  const diff = (source: string, destination: string) =>
    openApiDiff.diffSpecs({
      sourceSpec: { content: source, location: 'v1.json', format: 'openapi3' },
      destinationSpec: { content: destination, location: 'v2.json', format: 'openapi3' },
    });

  it('finds the breaking change of v2 in the body of POST /orders (items → lines) and in the responses (money as an object)', async () => {
    const outcome = await diff(v1, v2);
    expect(outcome.breakingDifferencesFound).toBe(true);
    const breaking = outcome.breakingDifferencesFound ? outcome.breakingDifferences : [];
    const locations = breaking.map((difference) => `${difference.code} ${difference.sourceSpecEntityDetails[0]?.location ?? ''}`);
    expect(locations).toContain('request.body.scope.remove paths./orders.post.requestBody.content.application/json.schema');
    // A request that accepts less (scope.remove) and a response that can say more (scope.add) both break clients.
    expect(locations).toContain('response.body.scope.add paths./orders/{id}.get.responses.200.content.application/json.schema');
    // The 422 changed media type (application/json → application/problem+json): breaking too.
    expect(locations).toContain('response.body.scope.add paths./orders.post.responses.422.content.application/json.schema');
  });

  it('finds nothing breaking between a document and itself (so it is the change, not noise, that it reports)', async () => {
    const outcome = await diff(v1, v1);
    expect(outcome.breakingDifferencesFound).toBe(false);
  });
});
