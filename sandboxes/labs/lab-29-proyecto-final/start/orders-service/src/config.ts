import { z } from 'zod';

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3103),
  SERVICE_VERSION: z.string().default('0.1.0'),
  /** Dónde están los ficheros de Swagger UI (swagger-ui-dist) que usa /docs: nunca un CDN. */
  SWAGGER_ASSETS_URL: z.string().min(1).default('/assets'),
  /** URL base de products-service: orders le pregunta precio y stock por HTTP. */
  PRODUCTS_URL: z.url().default('http://localhost:3102'),
  /** Cuánto esperamos como mucho a products-service antes de rendirnos. */
  PRODUCTS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
  /**
   * La base de datos de orders-service (solo suya: database per service): pedidos, outbox y «mis pedidos».
   * La pone el sandbox, o `npm run foodly`. Sin ella (los tests con app.request()), todo en memoria.
   */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'debe ser una URL postgres://').optional(),
  /** Conexiones como mucho en el pool de pg: cada una es un proceso en el servidor de PostgreSQL. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(50).default(5),
  /** Cada cuánto mira el relay si hay eventos pendientes en la tabla outbox. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(200),
  /** Broker de mensajería (RabbitMQ). Sin él, los eventos de integración no salen del proceso. */
  AMQP_URL: z.string().regex(/^amqps?:\/\//, 'debe empezar por amqp:// o amqps://').optional(),
});

export type Settings = z.infer<typeof settingsSchema>;

export function loadSettings(env: Record<string, string | undefined> = process.env): Settings {
  const result = settingsSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Configuración no válida: ${problems}`);
  }
  return result.data;
}
