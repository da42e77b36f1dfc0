import type { Check, CheckContext, CheckTestRun } from '../../lib/checks-types.ts';

// Los tests del alumno, verificados de dos maneras: en verde con el código correcto (y sin
// products-service: las rutas se prueban con un doble del puerto), y en rojo contra cada mutante,
// una copia del código rota a propósito. Un test que no detecta ningún mutante no prueba nada.
const ORDER = 'orders-service/src/Orders/domain/Order.ts';
const ROUTES = 'orders-service/src/Orders/infrastructure/http/ordersRoutes.ts';
const ERRORS = 'orders-service/src/Shared/infrastructure/http/errorHandler.ts';
const RULES_TESTS = 'orders-service/test/Orders/domain/OrderRules.test.ts';
const ROUTE_TESTS = 'orders-service/test/Orders/infrastructure/http/ordersRoutes.test.ts';

// Each of these checks runs the lab's tests once: a Vitest process in Node, a Worker in the page.
const TESTS_TIMEOUT_MS = 60_000;
// The first one also stops and restarts products-service around its run.
const GREEN_RUN_TIMEOUT_MS = 90_000;

const passingIn = (run: CheckTestRun, file: string) =>
  run.files.filter((result) => result.file === file).flatMap((result) => result.tests.filter((test) => test.state === 'pass'));

const failures = (run: CheckTestRun) =>
  run.files.flatMap((file) => [
    ...(file.error ? [`${file.file}: ${file.error.message}`] : []),
    ...file.tests.filter((test) => test.state === 'fail').map((test) => `«${[...test.suite, test.name].join(' › ')}»`),
  ]);

/** A file that could not run at all (it does not compile, the run timed out): no test result to trust. */
const unrunnable = (run: CheckTestRun) => run.files.filter((file) => file.error && file.tests.length === 0).map((file) => `${file.file}: ${file.error!.message}`);

/**
 * Runs every test of the lab against a mutant and asserts that some test failed (the mutant was
 * "killed"). Only failed tests count: a run that could not start proves nothing about the tests.
 */
async function expectKilled(ctx: CheckContext, mutate: Record<string, (source: string) => string>, missing: string) {
  const run = await ctx.runTests({ mutate });
  const killedBy = run.files.flatMap((file) => file.tests.filter((test) => test.state === 'fail'));
  if (killedBy.length === 0) {
    const broken = unrunnable(run);
    ctx.assert(broken.length === 0, `No se pudieron ejecutar los tests con el mutante: ${broken.slice(0, 2).join('; ')}`);
  }
  ctx.assert(killedBy.length > 0, `Todos tus tests siguen en verde con el código roto a propósito: ${missing}`);
}

export default [
  {
    name: 'Tus tests pasan, y los de las rutas no necesitan products-service',
    onStart: 'fail',
    timeoutMs: GREEN_RUN_TIMEOUT_MS,
    run: async (ctx) => {
      await ctx.stop('products');
      let run: CheckTestRun;
      try {
        run = await ctx.runTests();
      } finally {
        await ctx.start('products');
      }
      const broken = failures(run);
      ctx.assert(broken.length === 0, `Con el código correcto y products-service parado, fallan: ${broken.slice(0, 4).join('; ')}. ¿Un test de rutas sin el doble de ProductCatalog (buildApp(settings, { catalog }))?`);
      const rules = passingIn(run, RULES_TESTS).length;
      ctx.assert(rules >= 3, `${RULES_TESTS} tiene ${rules} tests en verde: escribe al menos tres de sus it.todo (el límite de 500 €, fromEvents, el reloj falso).`);
      const routes = passingIn(run, ROUTE_TESTS).length;
      ctx.assert(routes >= 3, `${ROUTE_TESTS} tiene ${routes} tests en verde: escribe los tres (201, 422 y 503) con app.request().`);
    },
  },
  {
    name: 'Detectan un límite de 500 € que rechaza los 500 € justos',
    onStart: 'fail',
    timeoutMs: TESTS_TIMEOUT_MS,
    run: (ctx) =>
      expectKilled(
        ctx,
        { [ORDER]: (source) => source.replace('order.total().isGreaterThan(MAX_ORDER_TOTAL)', '!MAX_ORDER_TOTAL.isGreaterThan(order.total())') },
        'un pedido de exactamente 500 € pasa a rechazarse. Prueba el borde: 500 € se admiten.',
      ),
  },
  {
    name: 'Detectan un fromEvents que olvida la cancelación',
    onStart: 'fail',
    timeoutMs: TESTS_TIMEOUT_MS,
    run: (ctx) =>
      expectKilled(
        ctx,
        { [ORDER]: (source) => source.replace("if (event.eventName === 'order.cancelled') this.currentStatus = 'cancelled';", "if (event.eventName === 'order.cancelled') return;") },
        'Order.fromEvents ignora order.cancelled. Reconstruye un pedido cancelado desde sus eventos y mira su estado.',
      ),
  },
  {
    name: 'Detectan un POST /orders que responde 200 en vez de 201',
    onStart: 'fail',
    timeoutMs: TESTS_TIMEOUT_MS,
    run: (ctx) =>
      expectKilled(
        ctx,
        { [ROUTES]: (source) => source.replace("c.json(unwrap(await handlers.createOrder.handle(c.req.valid('json'))), 201)", "c.json(unwrap(await handlers.createOrder.handle(c.req.valid('json'))), 200)") },
        'POST /orders responde 200. Comprueba el estado de la respuesta de app.request(), no solo el cuerpo.',
      ),
  },
  {
    name: 'Detectan un producto inexistente respondido con 400 en vez de 422',
    onStart: 'fail',
    timeoutMs: TESTS_TIMEOUT_MS,
    run: (ctx) =>
      expectKilled(
        ctx,
        { [ERRORS]: (source) => source.replace("invalid: 422 }", "invalid: 400 }") },
        'un producto que el catálogo no conoce responde 400. Prueba el 422 PRODUCT_NOT_FOUND con un doble que no conoce el producto.',
      ),
  },
  {
    name: 'Detectan un catálogo caído respondido con 500 en vez de 503',
    onStart: 'fail',
    timeoutMs: TESTS_TIMEOUT_MS,
    run: (ctx) =>
      expectKilled(
        ctx,
        { [ERRORS]: (source) => source.replace('return problem(c, 503, problemTypeFor(error.code, 503), error.publicMessage);', 'return problem(c, 500, problemTypeFor(error.code, 500), error.publicMessage);') },
        'un products-service caído responde 500. Prueba el 503 con un doble que lance el TechnicalError del adaptador.',
      ),
  },
  {
    name: 'orders-service sigue creando pedidos con el catálogo real',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-2', quantity: 2 }] } });
      ctx.assert(response.status === 201, `POST /orders debería responder 201 y respondió ${response.status}: ${response.text.slice(0, 200)}`);
      const order = response.body as { total?: number };
      ctx.assert(order.total === 22, `El pedido de dos «p-2» (11 € cada una) debería sumar 22 y suma ${order.total}.`);
    },
  },
] satisfies Check[];
