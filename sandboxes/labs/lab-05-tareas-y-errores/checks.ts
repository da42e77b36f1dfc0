import type { Check, CheckResponse } from '../../lib/checks-types.ts';

const isProblem = (response: CheckResponse) => (response.headers['content-type'] ?? '').startsWith('application/problem+json');
const codeOf = (response: CheckResponse) => (response.body as { code?: string } | undefined)?.code;
const typeAndTitle = (response: CheckResponse) => {
  const { type, title } = (response.body ?? {}) as { type?: string; title?: string };
  return `type ${JSON.stringify(type)}, title ${JSON.stringify(title)}`;
};

export default [
  {
    name: 'El correo de confirmación sale en segundo plano, después de responder',
    onStart: 'fail',
    run: async (ctx) => {
      const startedAt = Date.now();
      const response = await ctx.request('orders', '/orders', {
        method: 'POST',
        body: { customerEmail: 'bea@foodly.test', items: [{ productId: 'p-3', quantity: 1 }] },
      });
      const elapsed = Date.now() - startedAt;
      ctx.assert(response.status === 201, `POST /orders debería responder 201 y respondió ${response.status}`);
      const orderId = (response.body as { id: string }).id;
      const emailLine = () => ctx.logs('orders').find((entry) => entry.includes('[email]') && entry.includes(orderId));
      ctx.assert(
        elapsed < 2000 && emailLine() === undefined,
        `POST /orders tardó ${elapsed} ms y el correo ya estaba enviado al responder: la respuesta no debe esperar al correo (EMAIL_DELAY_MS = 2000)`,
      );
      for (let waited = 0; waited < 6000 && emailLine() === undefined; waited += 100) await ctx.sleep(100);
      const line = emailLine();
      ctx.assert(line !== undefined, `Tras crear el pedido ${orderId} no aparece en el log de orders una línea "[email]" con su id`);
      ctx.assert(line!.includes('bea@foodly.test'), 'La línea [email] debería incluir el email del cliente');
    },
  },
  {
    name: 'Un error técnico responde 500 problem+json sin traza',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/_simulate/error');
      ctx.assert(response.status === 500, `GET /_simulate/error debería responder 500 y respondió ${response.status}`);
      ctx.assert(isProblem(response), `El 500 debería ser application/problem+json y es ${response.headers['content-type'] ?? 'sin content-type'}`);
      ctx.assert(codeOf(response) === 'INTERNAL_ERROR', `El 500 debería llevar "code": "INTERNAL_ERROR" y lleva ${JSON.stringify(codeOf(response))}`);
      ctx.assert(
        typeAndTitle(response) === 'type "about:blank", title "Internal Server Error"',
        `Un 500 genérico es "type": "about:blank" con la frase del estado como title (statusProblem(500, 'INTERNAL_ERROR')); lleva ${typeAndTitle(response)}`,
      );
      ctx.assert(!/base de datos|at .*\.ts|Error:/.test(response.text), 'La respuesta del 500 no debe contar detalles internos ni la traza: eso va al log');
      // The log travels its own pipe and can lag the HTTP answer: give it up to 2 s.
      const logged = () => ctx.logs('orders').some((line) => line.includes('Fallo simulado'));
      for (let waited = 0; !logged() && waited < 2000; waited += 50) await ctx.sleep(50);
      ctx.assert(logged(), 'El error técnico debería quedar registrado en el log de orders con su mensaje');
    },
  },
  {
    name: 'Pedir más stock del que hay responde 409 OUT_OF_STOCK',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', {
        method: 'POST',
        body: { customerEmail: 'bea@foodly.test', items: [{ productId: 'p-4', quantity: 50 }] },
      });
      ctx.assert(response.status === 409, `Pedir 50 ensaladas (hay 10) debería responder 409 y respondió ${response.status}`);
      ctx.assert(isProblem(response) && codeOf(response) === 'OUT_OF_STOCK', 'El 409 debería ser problem+json con "code": "OUT_OF_STOCK"');
      ctx.assert(
        typeAndTitle(response) === 'type "https://foodly.example/problemas/stock-insuficiente", title "Stock insuficiente"',
        `El 409 debería llevar su tipo de problema (problemTypeFor(error.code, error.status)); lleva ${typeAndTitle(response)}`,
      );
    },
  },
  {
    name: 'Un JSON mal formado responde 400 problem+json BAD_REQUEST',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"items":' });
      ctx.assert(response.status === 400, `Un cuerpo que no es JSON válido debería responder 400 y respondió ${response.status}`);
      ctx.assert(isProblem(response), `El 400 debería ser application/problem+json y es ${response.headers['content-type'] ?? 'sin content-type'}: trata HTTPException en el manejador de errores`);
      ctx.assert(
        codeOf(response) === 'BAD_REQUEST' && typeAndTitle(response) === 'type "about:blank", title "Bad Request"',
        `Una HTTPException es un problema genérico: statusProblem(error.status) da "about:blank", la frase del estado y el código (400 → BAD_REQUEST); lleva "code": ${JSON.stringify(codeOf(response))}, ${typeAndTitle(response)}`,
      );
    },
  },
  {
    name: 'Un pedido inexistente responde 404 ORDER_NOT_FOUND',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('orders', '/orders/no-existe');
      ctx.assert(response.status === 404, `GET /orders/no-existe debería responder 404 y respondió ${response.status}`);
      ctx.assert(isProblem(response) && codeOf(response) === 'ORDER_NOT_FOUND', 'El 404 debería ser problem+json con "code": "ORDER_NOT_FOUND"');
    },
  },
  {
    name: 'Con products-service caído, el error técnico es un 503 PRODUCTS_UNAVAILABLE',
    onStart: 'pass',
    run: async (ctx) => {
      await ctx.stop('products');
      try {
        const response = await ctx.request('orders', '/orders', {
          method: 'POST',
          body: { customerEmail: 'bea@foodly.test', items: [{ productId: 'p-3', quantity: 1 }] },
        });
        ctx.assert(response.status === 503, `Con products-service parado, POST /orders debería responder 503 y respondió ${response.status}`);
        ctx.assert(codeOf(response) === 'PRODUCTS_UNAVAILABLE', 'El 503 debería llevar "code": "PRODUCTS_UNAVAILABLE"');
      } finally {
        await ctx.start('products');
      }
    },
  },
] satisfies Check[];
