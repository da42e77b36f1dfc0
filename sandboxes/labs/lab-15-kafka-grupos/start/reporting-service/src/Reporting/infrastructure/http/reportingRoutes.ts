import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { CustomerOrdersProjection } from '../../application/CustomerOrdersProjection.ts';
import type { KafkaOrderEventsConsumer } from '../messaging/KafkaOrderEventsConsumer.ts';
import type { KafkaReadModelRebuilder } from '../messaging/KafkaReadModelRebuilder.ts';
import { problem, problemResponse, problemType } from '../../../Shared/http/problem.ts';
import { validationHook, ValidationErrorSchema } from '../../../Shared/http/validation.ts';

const CustomerSummarySchema = z
  .object({ orders: z.number().int(), cancelled: z.number().int(), active: z.number().int(), activeTotal: z.number() })
  .openapi('CustomerSummary');

const OrderRowSchema = z
  .object({
    orderId: z.string(),
    customerEmail: z.string().nullable(),
    status: z.enum(['placed', 'cancelled']),
    total: z.number(),
    partitions: z.array(z.number().int()),
    events: z.array(z.string()),
  })
  .openapi('OrderRow');

const readModelFields = {
  customers: z.record(z.string(), CustomerSummarySchema),
  orders: z.array(OrderRowSchema),
  unknownOrders: z.array(z.string()),
};

const LiveReadModelSchema = z
  .object({ replica: z.string(), groupId: z.string(), partitions: z.array(z.number().int()), eventsProcessed: z.number().int(), ...readModelFields })
  .openapi('LiveReadModel');

const RebuiltReadModelSchema = z
  .object({ groupId: z.string(), eventsInTopic: z.number().int(), eventsReplayed: z.number().int(), complete: z.boolean(), ...readModelFields })
  .openapi('RebuiltReadModel');

const liveReadModel = createRoute({
  method: 'get',
  path: '/read-model',
  operationId: 'getLiveReadModel',
  tags: ['modelo de lectura'],
  summary: 'Pedidos por cliente según los eventos que ha procesado esta réplica',
  request: {
    query: z.object({ customerEmail: z.email().optional().openapi({ param: { name: 'customerEmail', in: 'query' }, example: 'ana@foodly.test' }) }),
  },
  responses: {
    200: { description: 'El modelo en vivo de esta réplica (solo sus particiones), de un cliente si se pide', content: { 'application/json': { schema: LiveReadModelSchema } } },
    422: { description: 'El email del filtro no es válido', content: { 'application/json': { schema: ValidationErrorSchema } } },
  },
});

const rebuildReadModel = createRoute({
  method: 'post',
  path: '/read-model/rebuild',
  operationId: 'rebuildReadModel',
  tags: ['modelo de lectura'],
  summary: 'Relee el tópico con un grupo de consumidores nuevo y reconstruye el modelo',
  responses: {
    200: { description: 'El modelo reconstruido desde el log', content: { 'application/json': { schema: RebuiltReadModelSchema } } },
    409: problemResponse('Ya hay una reconstrucción en marcha en esta réplica'),
    503: problemResponse('Kafka no responde'),
  },
});

const kafkaUnavailable = problemType('KAFKA_UNAVAILABLE', 'kafka-no-disponible', 'Kafka no está disponible');
const rebuildInProgress = problemType('REBUILD_IN_PROGRESS', 'reconstruccion-en-marcha', 'Ya hay una reconstrucción en marcha');

/** Solo las filas (y el resumen) de un cliente. */
function onlyCustomer(snapshot: ReturnType<CustomerOrdersProjection['snapshot']>, email: string | undefined) {
  if (email === undefined) return snapshot;
  const customer = snapshot.customers[email];
  return {
    customers: customer ? { [email]: customer } : {},
    orders: snapshot.orders.filter((row) => row.customerEmail === email),
    unknownOrders: snapshot.unknownOrders,
  };
}

export function reportingRoutes(deps: { replicaId: string; projection: CustomerOrdersProjection; consumer: KafkaOrderEventsConsumer; rebuilder: KafkaReadModelRebuilder }) {
  // Una relectura a la vez: cada una es un grupo nuevo que lee el tópico entero.
  let rebuilding = false;
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(liveReadModel, (c) => {
      const { groupId, partitions, eventsProcessed } = deps.consumer.status();
      const snapshot = onlyCustomer(deps.projection.snapshot(), c.req.valid('query').customerEmail);
      return c.json({ replica: deps.replicaId, groupId, partitions, eventsProcessed, ...snapshot }, 200);
    })
    .openapi(rebuildReadModel, async (c) => {
      if (rebuilding) return problem(c, 409, rebuildInProgress, 'Esta réplica ya está releyendo el tópico; espera a que termine.') as never;
      rebuilding = true;
      try {
        return c.json(await deps.rebuilder.rebuild(), 200);
      } catch (error) {
        console.error('[reporting] la reconstrucción falló:', error instanceof Error ? error.message : error);
        return problem(c, 503, kafkaUnavailable, 'No se pudo releer el tópico de pedidos: Kafka no responde. Inténtalo de nuevo en unos segundos.') as never;
      } finally {
        rebuilding = false;
      }
    });
}
