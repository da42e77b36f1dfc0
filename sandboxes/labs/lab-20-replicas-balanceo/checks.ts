import type { Check, CheckContext } from '../../lib/checks-types.ts';

type Product = { id?: string; price?: number };

/** Tira products-1: con el control de caos donde lo hay (caída sin aviso); si no, parándola. */
async function crashReplica(ctx: CheckContext, name: string): Promise<void> {
  if (ctx.chaos) await ctx.chaos.crashService(name);
  else await ctx.stop(name);
}

export default [
  {
    name: 'El gateway reenvía a products-service y responde problem+json a lo que no conoce',
    onStart: 'pass',
    run: async (ctx) => {
      const found = await ctx.request('gateway', '/products/p-1');
      ctx.assert(found.status === 200, `GET /products/p-1 por el gateway debería responder 200 y respondió ${found.status} ${found.text.slice(0, 120)}`);
      const missing = await ctx.request('gateway', '/no-existe');
      ctx.assert(missing.status === 404 && (missing.headers['content-type'] ?? '').startsWith('application/problem+json'), `GET /no-existe en el gateway debería ser un 404 problem+json; llegó ${missing.status} ${missing.headers['content-type']}`);
    },
  },
  {
    name: 'Las tres réplicas ven el mismo catálogo (el estado no vive en la memoria de una)',
    onStart: 'fail',
    run: async (ctx) => {
      const before = await ctx.request('products-1', '/products/p-6');
      const price = Math.round(((before.body as Product).price ?? 0) * 100 + 25) / 100;
      const patched = await ctx.request('products-1', '/products/p-6', { method: 'PATCH', body: { price } });
      ctx.assert(patched.status === 200, `PATCH /products/p-6 en products-1 debería responder 200 y respondió ${patched.status}`);
      for (const replica of ['products-2', 'products-3']) {
        const seen = await ctx.request(replica, '/products/p-6');
        ctx.assert((seen.body as Product).price === price, `products-1 cambió el precio de p-6 a ${price}, pero ${replica} responde ${JSON.stringify((seen.body as Product).price)}: cada réplica tiene su propio catálogo en memoria. Llévalo a Redis.`);
      }
      const created = await ctx.request('products-2', '/products', { method: 'POST', body: { name: 'Gazpacho', category: 'sopas', price: 4, stock: 20 } });
      const id = (created.body as Product).id ?? '';
      const elsewhere = await ctx.request('products-3', `/products/${id}`);
      ctx.assert(elsewhere.status === 200, `Un producto creado en products-2 (${id}) debería existir en products-3, que respondió ${elsewhere.status}`);
    },
  },
  {
    name: 'El gateway reparte las peticiones entre las tres réplicas',
    onStart: 'fail',
    run: async (ctx) => {
      const seen = new Set<string>();
      // Hasta 30 peticiones (un probe lento puede sacar una réplica de la rotación un segundo).
      for (let i = 0; i < 30 && seen.size < 3; i += 1) {
        const response = await ctx.request('gateway', '/products/p-1');
        ctx.assert(response.status === 200, `GET /products/p-1 por el gateway respondió ${response.status}`);
        seen.add(response.headers['x-replica'] ?? '?');
      }
      ctx.assert(seen.size === 3, `30 peticiones por el gateway llegaron solo a ${[...seen].join(', ')}: deberían repartirse entre products-1, products-2 y products-3 (round robin).`);
    },
  },
  {
    name: 'Una réplica cae mientras llegan peticiones y ningún cliente ve un error',
    onStart: 'fail',
    run: async (ctx) => {
      const failures: string[] = [];
      const replicas = new Set<string>();
      const send = async () => {
        const response = await ctx.request('gateway', '/products/p-2');
        if (response.status !== 200) failures.push(`${response.status} ${response.text.slice(0, 80)}`);
        else replicas.add(response.headers['x-replica'] ?? '?');
      };
      for (let i = 0; i < 5; i += 1) await send();
      await crashReplica(ctx, 'products-1');
      try {
        for (let i = 0; i < 20; i += 1) await send();
      } finally {
        // La réplica vuelve, y el check espera a que responda: el lab queda como estaba.
        await ctx.start('products-1');
        for (let i = 0; i < 30; i += 1) {
          const ping = await ctx.request('products-1', '/ping').catch(() => undefined);
          if (ping?.status === 200) break;
          await ctx.sleep(100);
        }
      }
      ctx.assert(failures.length === 0, `Con products-1 caída, ${failures.length} de 25 peticiones por el gateway fallaron (${failures[0]}). Saca de la rotación la réplica que no responde y repite los GET en otra.`);
      ctx.assert(replicas.size >= 2, `Las peticiones deberían repartirse entre varias réplicas y solo llegaron a ${[...replicas].join(', ')}`);
    },
  },
] satisfies Check[];
