import type { Check, CheckContext } from '../../lib/checks-types.ts';

type Status = { replica?: string; groupId?: string; partitions?: number[] };
type OrderRow = { orderId: string; customerEmail: string | null; status: string; partitions: number[]; events: string[] };
type ReadModel = { replica?: string; partitions?: number[]; orders?: OrderRow[] };
type Rebuilt = { groupId?: string; eventsInTopic?: number; eventsReplayed?: number; complete?: boolean; orders?: OrderRow[]; customers?: Record<string, { orders: number; cancelled: number }> };

const REPLICAS = ['reporting-1', 'reporting-2'] as const;

async function placeOrder(ctx: CheckContext, customerEmail: string): Promise<string> {
  const created = await ctx.request('orders', '/orders', { method: 'POST', body: { customerEmail, items: [{ productId: 'p-2', quantity: 2 }] } });
  ctx.assert(created.status === 201, `POST /orders debería responder 201 y respondió ${created.status}: ${created.text.slice(0, 200)}`);
  return (created.body as { id: string }).id;
}

async function cancelOrder(ctx: CheckContext, orderId: string): Promise<void> {
  const cancelled = await ctx.request('orders', `/orders/${orderId}/cancel`, { method: 'POST' });
  ctx.assert(cancelled.status === 200, `POST /orders/${orderId}/cancel debería responder 200 y respondió ${cancelled.status}: ${cancelled.text.slice(0, 200)}`);
}

async function status(ctx: CheckContext, replica: string): Promise<Status> {
  const response = await ctx.request(replica, '/status');
  ctx.assert(response.status === 200, `GET /status de ${replica} debería responder 200 y respondió ${response.status}`);
  return response.body as Status;
}

/** Espera (hasta ~6 s) a que las réplicas indicadas tengan, entre todas, las particiones pedidas. */
async function waitForAssignment(ctx: CheckContext, replicas: readonly string[], expected: (byReplica: Map<string, number[]>) => boolean): Promise<Map<string, number[]>> {
  let byReplica = new Map<string, number[]>();
  for (let attempt = 0; attempt < 30; attempt++) {
    byReplica = new Map();
    for (const replica of replicas) byReplica.set(replica, (await status(ctx, replica)).partitions ?? []);
    if (expected(byReplica)) return byReplica;
    await ctx.sleep(200);
  }
  return byReplica;
}

/** Las filas del pedido en el modelo en vivo de cada réplica, cuando entre todas han visto `events` eventos suyos (hasta ~6 s). */
async function liveRows(ctx: CheckContext, replicas: readonly string[], orderId: string, events: number): Promise<Map<string, OrderRow>> {
  let rows = new Map<string, OrderRow>();
  for (let attempt = 0; attempt < 30; attempt++) {
    rows = new Map();
    for (const replica of replicas) {
      const response = await ctx.request(replica, '/read-model');
      ctx.assert(response.status === 200, `GET /read-model de ${replica} debería responder 200 y respondió ${response.status}`);
      const row = ((response.body as ReadModel).orders ?? []).find((candidate) => candidate.orderId === orderId);
      if (row) rows.set(replica, row);
    }
    const seen = [...rows.values()].reduce((sum, row) => sum + row.events.length, 0);
    if (seen >= events) return rows;
    await ctx.sleep(200);
  }
  return rows;
}

const describe = (rows: Map<string, OrderRow>) =>
  [...rows].map(([replica, row]) => `${replica}: ${row.events.join(' → ')} (particiones ${row.partitions.join(', ')})`).join('; ') || 'ninguna réplica lo ha visto';

export default [
  {
    name: 'Las dos réplicas de reporting están en el grupo y se reparten las 3 particiones',
    onStart: 'pass',
    run: async (ctx) => {
      const byReplica = await waitForAssignment(ctx, REPLICAS, (map) => [...map.values()].every((partitions) => partitions.length > 0) && new Set([...map.values()].flat()).size === 3);
      const all = [...byReplica.values()].flat().sort();
      ctx.assert(
        [...byReplica.values()].every((partitions) => partitions.length > 0),
        `Las dos réplicas deberían tener alguna partición y tienen ${JSON.stringify(Object.fromEntries(byReplica))}: ¿están las dos en el grupo reporting?`,
      );
      ctx.assert(all.join(',') === '0,1,2', `Entre las dos deberían tener las particiones 0, 1 y 2 una sola vez cada una, y tienen ${JSON.stringify(Object.fromEntries(byReplica))}`);
      const group = (await status(ctx, 'reporting-1')).groupId;
      ctx.assert(group === (await status(ctx, 'reporting-2')).groupId, 'Las dos réplicas deberían estar en el mismo grupo de consumidores (GROUP_ID)');
    },
  },
  {
    name: 'Los eventos de un pedido van a una sola partición y los lee una sola réplica, en orden',
    onStart: 'fail',
    run: async (ctx) => {
      const orderId = await placeOrder(ctx, 'clave@foodly.test');
      await cancelOrder(ctx, orderId);
      const rows = await liveRows(ctx, REPLICAS, orderId, 2);
      const partitions = new Set([...rows.values()].flatMap((row) => row.partitions));
      ctx.assert(
        partitions.size === 1,
        `El alta y la cancelación del pedido ${orderId} llegaron de particiones distintas (${describe(rows)}). Sin clave, el DefaultPartitioner reparte los mensajes por turnos: envía cada evento con key igual al id del pedido (event.subject).`,
      );
      ctx.assert(rows.size === 1, `Los eventos del pedido ${orderId} deberían llegar a una sola réplica: ${describe(rows)}`);
      const [row] = [...rows.values()];
      ctx.assert(row?.events.join(',') === 'order.placed,order.cancelled', `La réplica debería aplicar order.placed y luego order.cancelled, y aplicó: ${describe(rows)}`);
      ctx.assert(row?.status === 'cancelled' && row.customerEmail === 'clave@foodly.test', `El pedido ${orderId} debería quedar cancelado y de clave@foodly.test: ${JSON.stringify(row)}`);
    },
  },
  {
    name: 'Si reporting-2 se va, reporting-1 se queda con todas las particiones y sigue procesando',
    onStart: 'pass',
    run: async (ctx) => {
      await ctx.stop('reporting-2');
      try {
        const byReplica = await waitForAssignment(ctx, ['reporting-1'], (map) => (map.get('reporting-1') ?? []).length === 3);
        ctx.assert(
          (byReplica.get('reporting-1') ?? []).join(',') === '0,1,2',
          `Con reporting-2 parada, reporting-1 debería tener las particiones 0, 1 y 2 y tiene [${(byReplica.get('reporting-1') ?? []).join(', ')}]`,
        );
        const orderId = await placeOrder(ctx, 'relevo@foodly.test');
        const rows = await liveRows(ctx, ['reporting-1'], orderId, 1);
        ctx.assert(rows.has('reporting-1'), `reporting-1 debería procesar el pedido ${orderId}, creado con reporting-2 parada, y no lo ha visto en 6 s`);
      } finally {
        await ctx.start('reporting-2');
      }
      const back = await waitForAssignment(ctx, REPLICAS, (map) => [...map.values()].every((partitions) => partitions.length > 0));
      ctx.assert((back.get('reporting-2') ?? []).length > 0, `Al volver, reporting-2 debería recuperar alguna partición y tiene [${(back.get('reporting-2') ?? []).join(', ')}]`);
    },
  },
  {
    name: 'Un grupo nuevo relee el tópico desde el principio y reconstruye el mismo modelo',
    onStart: 'fail',
    run: async (ctx) => {
      const email = 'relectura@foodly.test';
      const kept = await placeOrder(ctx, email);
      const dropped = await placeOrder(ctx, email);
      await cancelOrder(ctx, dropped);
      // Espera a que el modelo en vivo (repartido entre las réplicas) haya visto los tres eventos.
      const live = new Map<string, string>();
      for (const [orderId, events] of [[kept, 1], [dropped, 2]] as const) {
        const rows = await liveRows(ctx, REPLICAS, orderId, events);
        const row = [...rows.values()].find((candidate) => candidate.customerEmail === email);
        ctx.assert(row !== undefined, `Ninguna réplica tiene en su modelo en vivo el pedido ${orderId}: ${describe(rows)}`);
        live.set(orderId, [...rows.values()].some((candidate) => candidate.status === 'cancelled') ? 'cancelled' : 'placed');
      }

      const response = await ctx.request('reporting', '/read-model/rebuild', { method: 'POST' });
      ctx.assert(response.status === 200, `POST /read-model/rebuild debería responder 200 y respondió ${response.status}: ${response.text.slice(0, 200)}`);
      const rebuilt = response.body as Rebuilt;
      ctx.assert(
        (rebuilt.eventsReplayed ?? 0) > 0 && rebuilt.complete === true,
        `El grupo nuevo ${rebuilt.groupId ?? ''} releyó ${rebuilt.eventsReplayed ?? 0} de los ${rebuilt.eventsInTopic ?? '?'} eventos del tópico. Un grupo sin offsets confirmados empieza al final: suscríbelo con fromBeginning: true.`,
      );
      ctx.assert(rebuilt.eventsReplayed === rebuilt.eventsInTopic, `El grupo nuevo debería releer los ${rebuilt.eventsInTopic} eventos del tópico y releyó ${rebuilt.eventsReplayed}`);
      for (const [orderId, liveStatus] of live) {
        const row = (rebuilt.orders ?? []).find((candidate) => candidate.orderId === orderId);
        ctx.assert(row?.status === liveStatus, `En el modelo reconstruido, el pedido ${orderId} debería estar ${liveStatus} como en el modelo en vivo, y está ${row?.status ?? 'ausente'}`);
      }
      const orders = await ctx.request('orders', `/customers/${email}/orders`);
      const truth = orders.body as { orders?: Array<{ status: string }> };
      const expected = { orders: truth.orders?.length ?? 0, cancelled: (truth.orders ?? []).filter((order) => order.status === 'cancelled').length };
      const summary = rebuilt.customers?.[email];
      ctx.assert(
        summary?.orders === expected.orders && summary.cancelled === expected.cancelled,
        `Para ${email}, el modelo reconstruido dice ${JSON.stringify(summary ?? null)} y orders-service dice ${expected.orders} pedidos, ${expected.cancelled} cancelados`,
      );
      // La historia anterior también vuelve: la del check de la clave, aunque la réplica que la leyó se reiniciara.
      ctx.assert(
        rebuilt.customers?.['relevo@foodly.test'] !== undefined,
        'El modelo reconstruido debería tener también los pedidos anteriores (relevo@foodly.test): se releen del log aunque la réplica que los procesó haya perdido su memoria',
      );
    },
  },
] satisfies Check[];
