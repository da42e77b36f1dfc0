import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { logger } from 'hono/logger';
import { Kafka, logLevel } from 'kafkajs';
import type { Settings } from './config.ts';
import { CustomerOrdersProjection } from './Reporting/application/CustomerOrdersProjection.ts';
import { reportingRoutes } from './Reporting/infrastructure/http/reportingRoutes.ts';
import { ensureTopic } from './Reporting/infrastructure/messaging/ensureTopic.ts';
import { KafkaOrderEventsConsumer } from './Reporting/infrastructure/messaging/KafkaOrderEventsConsumer.ts';
import { KafkaReadModelRebuilder } from './Reporting/infrastructure/messaging/KafkaReadModelRebuilder.ts';
import { problem, statusProblem } from './Shared/http/problem.ts';

const pingRoute = createRoute({
  method: 'get',
  path: '/ping',
  operationId: 'ping',
  tags: ['sistema'],
  summary: 'Comprueba que el servicio responde',
  responses: { 200: { description: 'El servicio está vivo', content: { 'application/json': { schema: z.object({ message: z.literal('pong') }) } } } },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/status',
  operationId: 'getStatus',
  tags: ['sistema'],
  summary: 'Qué réplica es, en qué grupo está y qué particiones le tocan',
  responses: {
    200: {
      description: 'Estado de la réplica y de su consumidor',
      content: {
        'application/json': {
          schema: z
            .object({
              service: z.string(),
              version: z.string(),
              replica: z.string(),
              topic: z.string(),
              groupId: z.string(),
              memberId: z.string().nullable(),
              partitions: z.array(z.number().int()),
              eventsProcessed: z.number().int(),
            })
            .openapi('Status'),
        },
      },
    },
  },
});

// Raíz de composición de reporting-service: un modelo de lectura alimentado desde Kafka.
export function buildReporting(settings: Settings) {
  const kafka = new Kafka({ clientId: settings.REPLICA_ID, brokers: settings.KAFKA_BROKERS.split(','), logLevel: logLevel.WARN });
  const projection = new CustomerOrdersProjection();
  const consumer = new KafkaOrderEventsConsumer({ kafka, topic: settings.ORDERS_TOPIC, groupId: settings.GROUP_ID, replicaId: settings.REPLICA_ID, projection });
  const rebuilder = new KafkaReadModelRebuilder({ kafka, topic: settings.ORDERS_TOPIC, groupPrefix: settings.GROUP_ID, timeoutMs: settings.REPLAY_TIMEOUT_MS });

  const app = new OpenAPIHono();
  app.use(logger());
  app.use(bodyLimit({ maxSize: 64 * 1024, onError: (c) => problem(c, 413, statusProblem(413), 'El cuerpo pasa de 64 KB.') }));
  app.openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200));
  app.openapi(statusRoute, (c) =>
    c.json({ service: 'reporting-service', version: settings.SERVICE_VERSION, replica: settings.REPLICA_ID, topic: settings.ORDERS_TOPIC, ...consumer.status() }, 200),
  );
  app.route('/', reportingRoutes({ replicaId: settings.REPLICA_ID, projection, consumer, rebuilder }));
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'reporting-service',
      version: settings.SERVICE_VERSION,
      description: 'Pedidos por cliente, un modelo de lectura construido con los eventos del tópico de pedidos',
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    servers: [{ url: '/', description: 'Este mismo servicio' }],
    security: [],
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json', baseUrl: settings.SWAGGER_ASSETS_URL, title: 'reporting-service · API' }));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) return problem(c, error.status, statusProblem(error.status), error.message);
    console.error(`[${settings.REPLICA_ID}] error inesperado:`, error);
    return problem(c, 500, statusProblem(500), 'Error inesperado; el detalle está en el log del servicio.');
  });
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));

  /** Crea el tópico si hace falta y une esta réplica al grupo. */
  const start = async () => {
    await ensureTopic(kafka, settings.ORDERS_TOPIC, settings.ORDERS_TOPIC_PARTITIONS);
    await consumer.start();
  };
  return { app, start, stop: () => consumer.stop() };
}

/** Solo la API, sin unirse al grupo (lo que usan los tests de la API): el consumidor arranca con start(). */
export function buildApp(settings: Settings) {
  return buildReporting(settings).app;
}
