// RFC 9457 in orders-service and products-service: every error is application/problem+json with a
// problem type of its own (type URI + fixed title) or, when it is generic, about:blank with the
// status phrase; HTTPException keeps its status-derived code and the headers of its response.
// Unknown routes too, in every service that has the problem helper, in every lab's start and solution.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { listLabIds, loadLab } from '../lib/labs.ts';
import type { LabVariant } from '../lib/labs.ts';
import { findFreePorts } from '../lib/node-runner.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, materialize, settingsOf } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';

type BuildApp = { buildApp(...args: unknown[]): Hono };
const trees: MaterializedTree[] = [];
let unreachable = '';
afterAll(async () => {
  await Promise.all(trees.map((tree) => tree.remove()));
});
beforeAll(async () => {
  const [port] = await findFreePorts(1);
  unreachable = `http://127.0.0.1:${port}`;
});

const FOODLY = 'https://foodly.example/problemas/';
const body = async (response: Response) => ({ contentType: response.headers.get('content-type'), ...((await response.json()) as Record<string, unknown>) });

async function ordersTree(id: string) {
  const tree = await materialize(id, 'solution');
  trees.push(tree);
  const settings = await settingsOf(tree, 'orders-service', { PRODUCTS_URL: unreachable, PRODUCTS_TIMEOUT_MS: '500', EMAIL_DELAY_MS: '0', RETRY_RETRIES: '0' });
  return { tree, app: (await tree.import<BuildApp>('orders-service/src/app.ts')).buildApp(settings) };
}

// Where each lab keeps its app.onError handler (from lab 6 on, in the hexagonal Shared folder).
const errorHandlerOf = (id: string) =>
  ['lab-05-tareas-y-errores', 'lab-11-resiliencia'].includes(id) ? 'orders-service/src/shared/errorHandler.ts' : 'orders-service/src/Shared/infrastructure/http/errorHandler.ts';

describe('products-service problem details (lab 4)', () => {
  it('gives a missing product its own type and a malformed body about:blank + Bad Request', async () => {
    const tree = await materialize('lab-04-products-orders', 'solution');
    trees.push(tree);
    const app = (await tree.import<BuildApp>('products-service/src/app.ts')).buildApp(await settingsOf(tree, 'products-service', { CHAOS_ENABLED: 'false' }));
    expect(await body(await app.request('/products/nope'))).toMatchObject({
      contentType: 'application/problem+json',
      type: `${FOODLY}producto-inexistente`,
      title: 'Producto inexistente',
      status: 404,
      detail: 'No existe el producto nope',
      instance: '/products/nope',
      code: 'PRODUCT_NOT_FOUND',
    });
    const malformed = await app.request('/products', json('{"name":'));
    expect(malformed.status).toBe(400);
    expect(await body(malformed)).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400, code: 'BAD_REQUEST' });
  });
});

describe.each(['lab-04-products-orders', 'lab-05-tareas-y-errores', 'lab-06-hexagonal', 'lab-10-event-sourcing', 'lab-11-resiliencia'])('orders-service problem details (%s)', (id) => {
  let app: Hono;
  let tree: MaterializedTree;
  beforeAll(async () => {
    ({ app, tree } = await ordersTree(id));
  });

  it('gives each domain problem a type URI, a fixed title, detail and instance', async () => {
    expect(await body(await app.request('/orders/nope'))).toEqual({
      contentType: 'application/problem+json',
      type: `${FOODLY}pedido-no-encontrado`,
      title: 'Pedido no encontrado',
      status: 404,
      detail: 'No existe el pedido nope',
      instance: '/orders/nope',
      code: 'ORDER_NOT_FOUND',
    });
  });

  it('answers a missing catalog with its own 503 type', async () => {
    const response = await app.request('/orders', json({ customerEmail: 'eva@foodly.test', items: [{ productId: 'p-1', quantity: 1 }] }));
    expect(response.status).toBe(503);
    expect(await body(response)).toMatchObject({ type: `${FOODLY}catalogo-no-disponible`, title: 'Catálogo no disponible', status: 503, code: 'PRODUCTS_UNAVAILABLE' });
  });

  it.skipIf(id === 'lab-04-products-orders')('keeps generic errors about:blank with the status phrase as title', async () => {
    expect(await body(await app.request('/_simulate/error'))).toMatchObject({ type: 'about:blank', title: 'Internal Server Error', status: 500, code: 'INTERNAL_ERROR' });
    const malformed = await app.request('/orders', json('{"items":'));
    expect(await body(malformed)).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400, code: 'BAD_REQUEST' });
  });

  it.skipIf(id === 'lab-04-products-orders')('derives the code of an HTTPException from its status and keeps its headers', async () => {
    const challenge = 'Bearer realm="foodly", error="invalid_token"';
    const { handleError } = await tree.import<{ handleError: Parameters<Hono['onError']>[0] }>(errorHandlerOf(id));
    const app = new Hono()
      .get('/_test/private', () => {
        throw new HTTPException(401, { res: new Response('Unauthorized', { headers: { 'WWW-Authenticate': challenge, 'content-type': 'text/plain' } }) });
      })
      .get('/_test/conflict', () => {
        throw new HTTPException(409, { message: 'Ya existe' });
      })
      .onError(handleError);
    const unauthorized = await app.request('/_test/private');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('www-authenticate')).toBe(challenge);
    expect(await body(unauthorized)).toEqual({ contentType: 'application/problem+json', type: 'about:blank', title: 'Unauthorized', status: 401, instance: '/_test/private', code: 'UNAUTHORIZED' });
    expect(await body(await app.request('/_test/conflict'))).toMatchObject({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Ya existe', code: 'CONFLICT' });
  });
});

// The only services without a problem helper: lab 1's monolith and lab 2's first auth-service
// (its 422 follows FastAPI's format; problem+json arrives in lab 3).
const WITHOUT_PROBLEM_HELPER = ['lab-01-monolito/monolith', 'lab-02-primer-servicio/auth-service'];
const variants: LabVariant[] = ['start', 'solution'];
const labVariants = (await listLabIds()).flatMap((id) => variants.map((variant) => [id, variant] as const));

describe.each(labVariants)('unknown routes (%s, %s)', (id, variant) => {
  it('answer 404 application/problem+json about:blank + Not Found in every service with a problem helper', async () => {
    const lab = await loadLab(id);
    const tree = await materialize(id, variant);
    trees.push(tree);
    const withoutHelper: string[] = [];
    for (const service of lab.meta.services) {
      const files = Object.keys(lab[variant]);
      if (!files.some((path) => path.startsWith(`${service.dir}/src/`) && path.endsWith('/problem.ts'))) {
        withoutHelper.push(`${id}/${service.dir}`);
        continue;
      }
      // The composition root: buildApp, or the one build… export (notifications' buildNotifications), returning
      // the app or an object with it (tracking-service also returns injectWebSocket, rooms…).
      const root = await tree.import<Record<string, unknown>>(`${service.dir}/src/app.ts`);
      const build = (root.buildApp ?? Object.entries(root).find(([name, value]) => name.startsWith('build') && typeof value === 'function')?.[1]) as (settings: unknown) => Hono | { app: Hono };
      // A lab with a database builds its in-memory adapter here (as openapi.test.ts): a 404 needs no pool.
      const noDatabase: Record<string, string> = lab.meta.infrastructure?.postgres ? { ORDERS_REPOSITORY: 'memory' } : {};
      const built = build(await settingsOf(tree, service.dir, { ...service.env, ...noDatabase }));
      const app = 'routes' in built ? built : built.app;
      const unknown = await app.request('/no-existe');
      expect(unknown.status, `${service.dir}: GET /no-existe`).toBe(404);
      expect(await body(unknown), service.dir).toEqual({
        contentType: 'application/problem+json',
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'No existe la ruta GET /no-existe.',
        instance: '/no-existe',
        code: 'NOT_FOUND',
      });
      // Below an existing route and with another method: the detail names both.
      const nested = await app.request('/ping/no-existe', json({}));
      expect(nested.status, `${service.dir}: POST /ping/no-existe`).toBe(404);
      expect(await body(nested), service.dir).toMatchObject({ type: 'about:blank', detail: 'No existe la ruta POST /ping/no-existe.', instance: '/ping/no-existe', code: 'NOT_FOUND' });
    }
    expect(withoutHelper).toEqual(WITHOUT_PROBLEM_HELPER.filter((name) => name.startsWith(`${id}/`)));
  });
});
