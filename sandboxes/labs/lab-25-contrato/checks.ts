import type { Check, CheckContext, CheckTestRun } from '../../lib/checks-types.ts';

// El test de contrato del alumno contra tres cambios de products-service que rompen a orders-service
// (mutantes): renombrar price, mandarlo como texto, dejar de declararlo en el documento OpenAPI.
// Cada uno pasa los tests propios de products-service; el contrato debe ponerse en rojo.
const CONTRACT_TESTS = 'products-service/test/contract/ordersService.contract.test.ts';
const PRODUCTS_TESTS = 'products-service/test/products/productsRoutes.test.ts';
const PRODUCT = 'products-service/src/products/Product.ts';
const ROUTES = 'products-service/src/products/productsRoutes.ts';
const REPOSITORY = 'products-service/src/products/InMemoryProductRepository.ts';
// In Node each run starts a Vitest process (5-10 s on a busy machine).
const TESTS_TIMEOUT_MS = 60_000;

const renamePrice = (source: string) => source.replace(/\bprice\b/g, 'unitPrice');

const failuresIn = (run: CheckTestRun, file: string) =>
  run.files
    .filter((result) => result.file === file)
    .flatMap((result) => [...(result.error ? [result.error.message] : []), ...result.tests.filter((test) => test.state === 'fail').map((test) => test.name)]);

/** Only failed tests count as catching the change: a run that could not start (a timeout, a syntax error) proves nothing. */
async function expectContractCatches(ctx: CheckContext, mutate: Record<string, (source: string) => string>, change: string, hint: string) {
  const run = await ctx.runTests({ files: [CONTRACT_TESTS], mutate });
  const contract = run.files.filter((file) => file.file === CONTRACT_TESTS);
  const caught = contract.flatMap((file) => file.tests.filter((test) => test.state === 'fail'));
  const unrunnable = run.files.filter((file) => file.error && file.tests.length === 0);
  ctx.assert(caught.length > 0 || unrunnable.length === 0, `No se pudo ejecutar el test de contrato con el cambio: ${unrunnable.map((file) => file.error!.message).join('; ')}`);
  ctx.assert(
    caught.length > 0,
    `Tu test de contrato sigue en verde cuando products-service ${change}, y orders-service se rompería en producción. ${hint}`,
  );
}

export default [
  {
    name: 'Los tests propios de products-service pasan',
    onStart: 'pass',
    timeoutMs: TESTS_TIMEOUT_MS,
    run: async (ctx) => {
      const run = await ctx.runTests({ files: [PRODUCTS_TESTS] });
      const failed = failuresIn(run, PRODUCTS_TESTS);
      ctx.assert(failed.length === 0 && run.passed > 0, `Fallan tests de ${PRODUCTS_TESTS}: ${failed.slice(0, 3).join('; ') || 'ninguno se ejecutó'}.`);
    },
  },
  {
    name: 'El test de contrato pasa con el products-service de hoy',
    onStart: 'fail',
    timeoutMs: TESTS_TIMEOUT_MS,
    run: async (ctx) => {
      const run = await ctx.runTests({ files: [CONTRACT_TESTS] });
      const failed = failuresIn(run, CONTRACT_TESTS);
      ctx.assert(failed.length === 0, `El test de contrato falla sin que products-service haya cambiado nada: ${failed.slice(0, 3).join('; ')}.`);
      const passed = run.files.filter((file) => file.file === CONTRACT_TESTS).flatMap((file) => file.tests.filter((test) => test.state === 'pass')).length;
      ctx.assert(passed >= 3, `${CONTRACT_TESTS} tiene ${passed} tests en verde: verifica las dos interacciones (p-1 → 200, p-404 → 404) y el documento OpenAPI.`);
    },
  },
  {
    name: 'El contrato detecta price renombrado a unitPrice',
    onStart: 'fail',
    timeoutMs: TESTS_TIMEOUT_MS,
    run: (ctx) => expectContractCatches(ctx, { [PRODUCT]: renamePrice, [ROUTES]: renamePrice, [REPOSITORY]: renamePrice }, 'renombra price a unitPrice', 'Valida cada respuesta 200 con el esquema del consumidor (CatalogProductResponse).'),
  },
  {
    name: 'El contrato detecta un precio que llega como texto ("9.50")',
    onStart: 'fail',
    timeoutMs: TESTS_TIMEOUT_MS,
    run: (ctx) =>
      expectContractCatches(
        ctx,
        { [ROUTES]: (source) => source.replace('return product ? c.json(product, 200) : notFound(c, id);', 'return product ? c.json({ ...product, price: product.price.toFixed(2) } as never, 200) : notFound(c, id);') },
        'responde el precio como texto ("9.50")',
        'Valida el tipo de cada campo, no solo que exista.',
      ),
  },
  {
    name: 'El contrato detecta un documento OpenAPI que deja de declarar price',
    onStart: 'fail',
    timeoutMs: TESTS_TIMEOUT_MS,
    run: (ctx) =>
      expectContractCatches(
        ctx,
        { [ROUTES]: (source) => source.replace('.extend(ProductInput.shape)', '.extend(ProductInput.omit({ price: true }).shape)') },
        'deja de declarar price en el Product de /openapi.json',
        'Los clientes generados desde el documento perderían el campo: compara el Product del documento con tu esquema.',
      ),
  },
  {
    name: 'orders-service crea pedidos con el precio del catálogo',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail: 'ana@foodly.test', items: [{ productId: 'p-2', quantity: 2 }] } });
      ctx.assert(response.status === 201, `POST /orders debería responder 201 y respondió ${response.status}: ${response.text.slice(0, 200)}`);
      const order = response.body as { total?: number };
      ctx.assert(order.total === 22, `El pedido de dos «p-2» (11 € cada una) debería sumar 22 y suma ${order.total}.`);
    },
  },
] satisfies Check[];
