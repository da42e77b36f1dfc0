// The OpenAPI documents every service publishes, in every lab's solution, checked with real tools:
// Redocly's `recommended` ruleset (@redocly/openapi-core, the linter behind `redocly lint`), a
// route-by-route match between each document and the routes the app really serves, and openapi-diff
// between lab 18's /v1 and /v2 documents. The documents come from the real services through
// `app.request()`. A service a new lab adds is held to the same rules without touching this file.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openApiDiff from 'openapi-diff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLabIds, loadLab } from '../lib/labs.ts';
import { materialize, settingsOf } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';

type App = { request(path: string, init?: RequestInit): Response | Promise<Response>; routes: Array<{ method: string; path: string }> };
type Operation = {
  operationId?: string;
  summary?: string;
  security?: Array<Record<string, string[]>>;
  requestBody?: { content: Record<string, { schema?: unknown; example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};
type OpenApiDoc = {
  servers?: Array<{ url: string }>;
  info: { license?: { name: string } };
  security?: Array<Record<string, string[]>>;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
};

type Document = {
  url: string;
  /** The `servers` URL the document declares; its paths are served below it. */
  server: string;
  /** Routes below `server` that this document leaves to another document, with why. */
  elsewhere?: { paths: RegExp; why: string };
};

/** Lab 18's versioned orders-service, and the labs that build on it (19-20 unchanged; 21 and 23 on PostgreSQL; 22 adds the saga's states and cardToken; 26-27 add logs, /metrics and /_simulate/traffic). */
const versionedOrdersLabs = ['lab-18-versionado-api', 'lab-19-cache-aside', 'lab-20-replicas-balanceo', 'lab-21-pedidos-postgres', 'lab-22-saga-pedido', 'lab-23-outbox', 'lab-26-logs-correlacion', 'lab-27-metricas'];
const versionedOrders = new RegExp(`^(${versionedOrdersLabs.join('|')})/orders-service/`);

/** Every document a service publishes. By default one: /openapi.json, for the whole service. */
const documentsOf: Record<string, Document[]> = Object.fromEntries(
  versionedOrdersLabs.map((lab) => [
    `${lab}/orders-service`,
    [
      // The unversioned /orders routes are v1 (old clients keep working): the same document at '/'.
      { url: '/openapi.json', server: '/', elsewhere: { paths: /^\/v[12]\//, why: 'each version has its own document below' } },
      { url: '/openapi/v1.json', server: '/v1' },
      { url: '/openapi/v2.json', server: '/v2' },
    ],
  ]),
);

/**
 * Redocly warnings we keep on purpose: which documents (`lab/service/url`), which rule, where (the
 * JSON pointer of the finding) and why. Errors are never kept.
 */
const acceptedWarnings: Array<{ documents: RegExp; rule: string; at: RegExp; why: string }> = [
  {
    documents: /./,
    rule: 'operation-4xx-response',
    at: /^#\/paths\/~1(ping|status)\/get\/responses$/,
    why: 'a liveness or status probe takes no input: there is no client error (4XX) it could answer',
  },
  {
    documents: /./,
    rule: 'operation-4xx-response',
    at: /^#\/paths\/~1metrics\/get\/responses$/,
    why: 'a Prometheus scrape (GET /metrics, lab 27) takes no input: there is no client error it could answer',
  },
  {
    documents: /./,
    rule: 'operation-4xx-response',
    at: /^#\/paths\/~1(_chaos|_simulate~1error|_resilience)\/(get|delete)\/responses$/,
    why: 'the lab-only switches (/_chaos, /_simulate/error, /_resilience) read or reset state and take no input: no 4XX',
  },
  {
    documents: new RegExp(`^(?!(${versionedOrdersLabs.join('|')})/)[^/]+/orders-service/`),
    rule: 'operation-4xx-response',
    at: /^#\/paths\/~1orders\/get\/responses$/,
    why: 'GET /orders before lab 18 takes no filter, page or body: there is no client error it could answer (lab 18 adds the cursor and its 400, and labs 19-20 keep them)',
  },
  {
    documents: /\/orders-service\//,
    rule: 'operation-4xx-response',
    at: /^#\/paths\/~1_simulate~1messages~1poison\/post\/responses$/,
    why: 'POST /_simulate/messages/poison (lab 14) takes no input: it always publishes one poison message',
  },
  {
    documents: /\/notifications-service\//,
    rule: 'operation-4xx-response',
    at: /^#\/paths\/~1(notifications|dead-letters)\/get\/responses$/,
    why: 'GET /notifications and GET /dead-letters list what happened and take no filter, page or body: no 4XX',
  },
  {
    documents: /\/payments-service\//,
    rule: 'operation-4xx-response',
    at: /^#\/paths\/~1payments\/get\/responses$/,
    why: 'GET /payments (lab 22) lists every charge and takes no filter, page or body: no 4XX',
  },
  {
    documents: /\/tracking-service\//,
    rule: 'operation-2xx-response',
    at: /^#\/paths\/~1orders~1\{id\}~1live\/get\/responses$/,
    // OpenAPI can only describe the handshake of a WebSocket; its messages belong in AsyncAPI.
    why: 'GET /orders/{id}/live is a WebSocket handshake: its success is 101 Switching Protocols, never a 2XX',
  },
  {
    documents: /lab-29-proyecto-final\/(notifications-service|gateway)\//,
    rule: 'operation-2xx-response',
    at: /^#\/paths\/~1notifications~1live\/get\/responses$/,
    why: 'GET /notifications/live (lab 29, in notifications-service and, for clients, through the gateway) is a WebSocket handshake: its success is 101 Switching Protocols, never a 2XX',
  },
  {
    documents: /\/orders-service\//,
    rule: 'operation-2xx-response',
    at: /^#\/paths\/~1_simulate~1error\/get\/responses$/,
    why: 'GET /_simulate/error exists to fail (a 500 on purpose, to compare what the client gets with the log)',
  },
  {
    documents: new RegExp(`${versionedOrders.source}openapi/v2\\.json$`),
    rule: 'no-illogical-composition-keywords',
    at: /./,
    // v2 tags every order line with `kind` so that new kinds (menus, tips) are additive, not breaking.
    why: 'the discriminated union of v2 lines has one kind today, on purpose',
  },
];

/**
 * Services that forward a whole prefix to another service with one catch-all route (`app.all`). The
 * catch-all is not an operation of the proxy: what it accepts and answers is the upstream's contract
 * (its own /openapi.json, checked in its own case), forwarded unchanged. So the route-by-route match
 * leaves ALL routes out, and the proxy's document must say where that contract lives instead.
 */
const proxiesOf: Record<string, { route: string; upstream: string }> = {
  'lab-20-replicas-balanceo/gateway': { route: '/products/*', upstream: 'products-service' },
};

/**
 * Gateways whose /openapi.json is ONE document for clients, merged from the services they route to
 * (lab 29, issue 22): the document holds the gateway's own routes plus, for each entry of its route
 * table (`gateway/src/routing/routes.ts`), the upstream's operations below that prefix, with the public
 * path. The test builds the gateway with an `upstream` that answers from the other services' in-process
 * apps, so the merge reads their real documents.
 */
const aggregators: Record<string, { routesModule: string; internalTags: string[] }> = {
  'lab-29-proyecto-final/gateway': { routesModule: 'gateway/src/routing/routes.ts', internalTags: ['sistema', 'laboratorio', 'interna', 'en-vivo'] },
};
type GatewayRoute = { prefix: string; service: string; upstream: string; stripPrefix: boolean };

/** Routes that document the API itself: not part of it. */
const isDocsRoute = (path: string) => path === '/docs' || path === '/openapi.json' || path.startsWith('/openapi/') || path.includes('/swagger-ui-dist');

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** "/orders/{id}" in OpenAPI is "/orders/:id" in Hono. */
const toHonoPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');
const join = (server: string, path: string) => (server === '/' ? path : `${server}${path}`);

const labIds = (await listLabIds()).filter((id) => id !== 'lab-01-monolito');
const targets = await Promise.all(
  labIds.map(async (id) => {
    const lab = await loadLab(id);
    // With a broker declared, AMQP_URL too: orders-service mounts lab 14's /_simulate/messages only with RabbitMQ
    // (its publisher connects on the first publish, so building the app opens no connection).
    const infra: Record<string, string> = lab.meta.infrastructure?.rabbitmq ? { AMQP_URL: 'amqp://127.0.0.1' } : {};
    // With a database declared, the in-memory adapter: building the app opens no pool (server.ts does, with
    // DATABASE_URL), and the document does not depend on where the orders are stored.
    const noDatabase: Record<string, string> = lab.meta.infrastructure?.postgres ? { ORDERS_REPOSITORY: 'memory' } : {};
    return { lab: id, services: lab.meta.services.map((service) => ({ dir: service.dir, port: service.port, env: { ...infra, ...service.env, ...noDatabase } })) };
  }),
);

const trees: MaterializedTree[] = [];
afterAll(async () => {
  await Promise.all(trees.map((tree) => tree.remove()));
});

/** Lint figures per document, printed at the end (the report quotes them). */
const figures: string[] = [];
afterAll(() => {
  if (figures.length > 0) console.log(`Redocly recommended, per document:\n${figures.sort().join('\n')}`);
});

describe.each(targets)('$lab: OpenAPI of every service', ({ lab, services }) => {
  const apps = new Map<string, App>();
  const gatewayRoutes = new Map<string, GatewayRoute[]>();
  const documents = new Map<string, { text: string; doc: OpenApiDoc }>();
  const cases = services.flatMap((service) =>
    (documentsOf[`${lab}/${service.dir}`] ?? [{ url: '/openapi.json', server: '/' }]).map((document) => ({ service: service.dir, ...document })),
  );

  beforeAll(async () => {
    const tree = await materialize(lab, 'solution');
    trees.push(tree);
    for (const service of services) {
      // The composition root: buildApp, or the one build… export (notifications-service's buildNotifications),
      // returning the app or an object with it (tracking-service also returns injectWebSocket, rooms…).
      const root = await tree.import<Record<string, unknown>>(`${service.dir}/src/app.ts`);
      const build = (root.buildApp ?? Object.entries(root).find(([name, value]) => name.startsWith('build') && typeof value === 'function')?.[1]) as (settings: unknown) => App | { app: App };
      const built = build(await settingsOf(tree, service.dir, service.env));
      apps.set(service.dir, 'routes' in built ? built : built.app);
    }
    // An aggregating gateway is built again with an upstream that reaches the other services' apps by port.
    for (const service of services.filter((entry) => aggregators[`${lab}/${entry.dir}`])) {
      const { buildApp } = await tree.import<{ buildApp(settings: unknown, deps: unknown): App }>(`${service.dir}/src/app.ts`);
      const upstream = async (url: string, init: RequestInit) => {
        const target = new URL(url);
        const owner = services.find((entry) => String(entry.port) === target.port);
        if (!owner) throw new Error(`no service of ${lab} listens on ${target.port}`);
        return apps.get(owner.dir)!.request(`${target.pathname}${target.search}`, { method: init.method, headers: init.headers });
      };
      apps.set(service.dir, buildApp(await settingsOf(tree, service.dir, service.env), { upstream }));
      const { routeTable } = await tree.import<{ routeTable(settings: unknown): GatewayRoute[] }>(aggregators[`${lab}/${service.dir}`]!.routesModule);
      gatewayRoutes.set(service.dir, routeTable(await settingsOf(tree, service.dir, service.env)));
    }
    for (const { service, url } of cases) {
      const response = await apps.get(service)!.request(url);
      expect(response.status, `${service} GET ${url}`).toBe(200);
      const text = await response.text();
      documents.set(`${service}${url}`, { text, doc: JSON.parse(text) as OpenApiDoc });
    }
  }, 60_000);

  it.each(services.map((service) => service.dir))('%s serves /docs: Swagger UI with its own assets (no CDN) on its documents', async (service) => {
    const response = await apps.get(service)!.request('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    // SWAGGER_ASSETS_URL defaults to /assets, which server.ts (or the browser engine) serves from swagger-ui-dist.
    expect(html).toContain('/assets/swagger-ui-dist/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs|jsdelivr)/);
    for (const { url } of cases.filter((entry) => entry.service === service && entry.url !== '/openapi.json')) expect(html).toContain(url);
    if (!cases.some((entry) => entry.service === service && entry.url !== '/openapi.json')) expect(html).toContain('/openapi.json');
  });

  it.each(cases)("$service $url passes Redocly's recommended rules (0 errors; only the listed warnings)", async ({ service, url }) => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: documents.get(`${service}${url}`)!.text, absoluteRef: `${lab}/${service}${url}`, config });
    const errors = problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.ruleId}: ${problem.message}`);
    const warnings = problems.filter((problem) => problem.severity === 'warn');
    figures.push(`${lab} ${service} ${url}: ${errors.length} errors, ${warnings.length} warnings${warnings.length ? ` (${[...new Set(warnings.map((w) => w.ruleId))].join(', ')})` : ''}`);
    expect(errors).toEqual([]);
    const pointer = (problem: (typeof warnings)[number]) => problem.location[0]?.pointer ?? '';
    const accepted = (problem: (typeof warnings)[number]) =>
      acceptedWarnings.some((rule) => rule.documents.test(`${lab}/${service}${url}`) && rule.rule === problem.ruleId && rule.at.test(pointer(problem)));
    const unexpected = warnings.filter((problem) => !accepted(problem)).map((problem) => `${problem.ruleId} at ${pointer(problem)}: ${problem.message}`);
    expect(unexpected).toEqual([]);
  });

  it.each(cases)('$service $url documents exactly the routes served under its server URL', ({ service, url, server, elsewhere }) => {
    const { doc } = documents.get(`${service}${url}`)!;
    expect(doc.servers?.map((entry) => entry.url)).toEqual([server]);
    const documented = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).filter((key) => HTTP_METHODS.includes(key)).map((method) => `${method.toUpperCase()} ${join(server, toHonoPath(path))}`))
      .sort();
    const served = [
      ...new Set(
        apps
          .get(service)!
          // ALL is middleware (app.use) or a proxy's catch-all (proxiesOf): neither is an operation of this service.
          .routes.filter((route) => route.method !== 'ALL' && !isDocsRoute(route.path))
          .filter((route) => server === '/' || route.path.startsWith(`${server}/`))
          .filter((route) => !elsewhere?.paths.test(route.path))
          .map((route) => `${route.method} ${route.path}`),
      ),
    ].sort();
    // An aggregated document adds, per route of the gateway's table, the upstream's client operations below its prefix.
    const aggregator = aggregators[`${lab}/${service}`];
    const routed = (gatewayRoutes.get(service) ?? []).flatMap((route) => {
      const owner = services.find((entry) => documents.has(`${entry.dir}/openapi.json`) && JSON.parse(documents.get(`${entry.dir}/openapi.json`)!.text).info.title === route.service);
      expect(owner, `${route.service} of the route table is a service of ${lab}`).toBeDefined();
      const upstreamDoc = documents.get(`${owner!.dir}/openapi.json`)!.doc;
      const below = route.stripPrefix ? '' : route.prefix;
      return Object.entries(upstreamDoc.paths)
        .filter(([path]) => path === below || path.startsWith(`${below}/`))
        .flatMap(([path, item]) =>
          Object.entries(item)
            .filter(([method, op]) => HTTP_METHODS.includes(method) && !((op as { tags?: string[] }).tags ?? []).some((tag) => aggregator!.internalTags.includes(tag)))
            .map(([method]) => `${method.toUpperCase()} ${toHonoPath(route.stripPrefix ? `${route.prefix}${path}` : path)}`),
        );
    });
    expect(documented.length).toBeGreaterThan(0);
    expect(documented).toEqual([...served, ...routed].sort());
  });

  const proxies = services.flatMap((service) => (proxiesOf[`${lab}/${service.dir}`] ? [{ service: service.dir, ...proxiesOf[`${lab}/${service.dir}`]! }] : []));
  it.runIf(proxies.length > 0).each(proxies)('$service forwards $route to $upstream, and its document says that contract is the upstream one', ({ service, route, upstream }) => {
    expect(apps.get(service)!.routes.some((entry) => entry.method === 'ALL' && entry.path === route)).toBe(true);
    const { doc } = documents.get(`${service}/openapi.json`)!;
    const description = (doc.info as { description?: string }).description ?? '';
    expect(description).toContain(route);
    expect(description).toContain(upstream);
    expect(services.map((entry) => entry.dir)).toContain(upstream);
  });

  it.each(cases)('$service $url: operationId, summary, license, problem+json errors and security on every operation', ({ service, url }) => {
    const { doc } = documents.get(`${service}${url}`)!;
    expect(doc.info.license?.name, 'info.license').toBeTruthy();
    const schemes = Object.keys(doc.components?.securitySchemes ?? {});
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!HTTP_METHODS.includes(method)) continue;
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.operationId, where).toMatch(/^[a-z][a-zA-Z0-9]+$/);
        expect(ids.has(op.operationId!), `${where}: operationId repetido`).toBe(false);
        ids.add(op.operationId!);
        expect(op.summary, where).toBeTruthy();
        // Public operations say so (security: [] on the document or the operation); protected ones name a declared scheme.
        const security = op.security ?? doc.security;
        expect(security, `${where}: security`).toBeDefined();
        for (const requirement of security!) for (const scheme of Object.keys(requirement)) expect(schemes, `${where}: ${scheme}`).toContain(scheme);
        // Every error is problem+json with the service's one shared component, the RFC 9457 problem, except
        // the FastAPI-style 422 of labs 2-12 (application/json {detail: […]}, taught in lab 2), OAuth2's own
        // error format on /token (RFC 6749 §5.2) and lab 2, whose skeleton has no problem+json yet.
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) < 400 || Number(status) === 422 || (path === '/token' && status === '400') || lab === 'lab-02-primer-servicio') continue;
          expect(Object.keys(response.content ?? {}), `${where} ${status}`).toEqual(['application/problem+json']);
          // An aggregated document keeps each service's Problem: openapi-merge renames the ones that differ (ProductsProblem…).
          const problemRef = aggregators[`${lab}/${service}`] ? /^#\/components\/schemas\/[A-Za-z]*Problem$/ : /^#\/components\/schemas\/Problem$/;
          expect(response.content!['application/problem+json']!.schema?.$ref, `${where} ${status}`).toMatch(problemRef);
        }
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
  }, 60_000);

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
