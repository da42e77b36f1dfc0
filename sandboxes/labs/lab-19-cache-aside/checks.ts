import type { Check, CheckContext } from '../../lib/checks-types.ts';

type Latency = { p50?: number; p95?: number; p99?: number; catalogueReads?: number; statuses?: Record<string, number> };
type Product = { id?: string; name?: string; price?: number };

async function measure(ctx: CheckContext, path: string, n: number, concurrency: number): Promise<Latency> {
  const response = await ctx.request('products', `/_latency?path=${encodeURIComponent(path)}&n=${n}&concurrency=${concurrency}`);
  ctx.assert(response.status === 200, `GET /_latency debería responder 200 y respondió ${response.status}: ${response.text.slice(0, 160)}`);
  const latency = response.body as Latency;
  ctx.assert(latency.statuses?.['200'] === n, `Las ${n} peticiones a ${path} deberían responder 200; respondieron ${JSON.stringify(latency.statuses)}`);
  return latency;
}

async function createProduct(ctx: CheckContext, name: string): Promise<string> {
  const created = await ctx.request('products', '/products', { method: 'POST', body: { name, category: 'pruebas', price: 3, stock: 5 } });
  ctx.assert(created.status === 201, `POST /products debería responder 201 y respondió ${created.status}`);
  return (created.body as Product).id ?? '';
}

export default [
  {
    name: 'Un producto y un 404 problem+json siguen como antes',
    onStart: 'pass',
    run: async (ctx) => {
      const found = await ctx.request('products', '/products/p-1');
      ctx.assert(found.status === 200 && (found.body as Product).name === 'Pizza margarita', `GET /products/p-1 debería responder 200 con la pizza margarita y respondió ${found.status} ${found.text.slice(0, 120)}`);
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const missing = await ctx.request('products', '/products/no-existe');
        ctx.assert(missing.status === 404, `GET /products/no-existe (intento ${attempt + 1}) debería responder 404 y respondió ${missing.status}: ¿se guardó en caché un producto inexistente?`);
        ctx.assert((missing.headers['content-type'] ?? '').startsWith('application/problem+json'), `El 404 debería ser application/problem+json y es ${missing.headers['content-type']}`);
      }
    },
  },
  {
    name: 'Las lecturas repetidas de un producto salen de la caché, no del catálogo lento',
    onStart: 'fail',
    run: async (ctx) => {
      const latency = await measure(ctx, '/products/p-1', 20, 1);
      ctx.assert(
        (latency.catalogueReads ?? 99) <= 1,
        `20 lecturas seguidas de /products/p-1 hicieron ${latency.catalogueReads} lecturas del catálogo (p95 ${latency.p95} ms): con cache-aside, solo la primera debería llegar al catálogo y las demás salir de Redis.`,
      );
    },
  },
  {
    name: 'Cambiar o borrar un producto invalida su entrada: nunca se lee un precio viejo',
    onStart: 'pass',
    run: async (ctx) => {
      const id = await createProduct(ctx, 'Croquetas de prueba');
      const first = await ctx.request('products', `/products/${id}`);
      ctx.assert(first.status === 200 && (first.body as Product).price === 3, `GET /products/${id} debería responder 200 con price 3; respondió ${first.status} ${first.text.slice(0, 120)}`);
      const patched = await ctx.request('products', `/products/${id}`, { method: 'PATCH', body: { price: 4.5 } });
      ctx.assert(patched.status === 200, `PATCH /products/${id} debería responder 200 y respondió ${patched.status}`);
      const after = await ctx.request('products', `/products/${id}`);
      ctx.assert(
        (after.body as Product).price === 4.5,
        `Tras el PATCH, GET /products/${id} devolvió price ${JSON.stringify((after.body as Product).price)} en vez de 4.5: la caché sirve el valor viejo. Borra la entrada al guardar (después de escribir en el catálogo).`,
      );
      const deleted = await ctx.request('products', `/products/${id}`, { method: 'DELETE' });
      ctx.assert(deleted.status === 204, `DELETE /products/${id} debería responder 204 y respondió ${deleted.status}`);
      const gone = await ctx.request('products', `/products/${id}`);
      ctx.assert(gone.status === 404, `Tras el DELETE, GET /products/${id} respondió ${gone.status}: la caché sigue sirviendo un producto borrado.`);
    },
  },
  {
    name: 'Una estampida de 30 lecturas a la vez llega una sola vez al catálogo',
    onStart: 'fail',
    run: async (ctx) => {
      const id = await createProduct(ctx, 'Tortilla de estampida');
      const latency = await measure(ctx, `/products/${id}`, 30, 30);
      ctx.assert(
        latency.catalogueReads === 1,
        `30 lecturas simultáneas de un producto que no estaba en caché hicieron ${latency.catalogueReads} lecturas del catálogo: todas fallaron a la vez. Con un cerrojo SET NX PX, solo quien lo toma lee el catálogo y los demás esperan al valor en caché.`,
      );
    },
  },
  {
    name: 'GET /products/:id lleva Cache-Control y ETag, y responde 304 a If-None-Match',
    onStart: 'fail',
    run: async (ctx) => {
      const first = await ctx.request('products', '/products/p-3');
      const cacheControl = first.headers['cache-control'] ?? '';
      ctx.assert(/max-age=\d+/.test(cacheControl), `GET /products/p-3 debería llevar Cache-Control con max-age (p. ej. "public, max-age=30"); llegó ${JSON.stringify(cacheControl)}`);
      const tag = first.headers['etag'] ?? '';
      ctx.assert(/^(W\/)?"[^"]+"$/.test(tag), `GET /products/p-3 debería llevar una ETag entre comillas; llegó ${JSON.stringify(tag)}`);
      const revalidated = await ctx.request('products', '/products/p-3', { headers: { 'If-None-Match': tag } });
      ctx.assert(revalidated.status === 304, `Con If-None-Match: ${tag} la respuesta debería ser 304 Not Modified y fue ${revalidated.status}`);
      ctx.assert(revalidated.text === '', `Un 304 no lleva cuerpo y llegó ${JSON.stringify(revalidated.text.slice(0, 80))}`);
      ctx.assert((revalidated.headers['etag'] ?? '') === tag, 'El 304 debería repetir la misma ETag');
      // Otro precio que el actual (así el check se puede repetir sin reiniciar el servicio).
      const price = Math.round(((first.body as Product).price ?? 0) * 100 + 25) / 100;
      const patched = await ctx.request('products', '/products/p-3', { method: 'PATCH', body: { price } });
      ctx.assert(patched.status === 200, `PATCH /products/p-3 debería responder 200 y respondió ${patched.status}`);
      const changed = await ctx.request('products', '/products/p-3', { headers: { 'If-None-Match': tag } });
      ctx.assert(changed.status === 200 && (changed.body as Product).price === price, `Tras cambiar el precio, la ETag vieja ya no vale: debería llegar 200 con price ${price} y llegó ${changed.status} ${changed.text.slice(0, 120)}`);
      ctx.assert((changed.headers['etag'] ?? tag) !== tag, 'Tras cambiar el producto, su ETag debería cambiar');
    },
  },
] satisfies Check[];
