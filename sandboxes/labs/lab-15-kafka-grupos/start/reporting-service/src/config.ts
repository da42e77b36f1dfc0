import { z } from 'zod';

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3105),
  SERVICE_VERSION: z.string().default('0.1.0'),
  /** Dónde están los ficheros de Swagger UI (swagger-ui-dist) que usa /docs: nunca un CDN. */
  SWAGGER_ASSETS_URL: z.string().min(1).default('/assets'),
  /** Brokers de Kafka (host:puerto separados por comas). */
  KAFKA_BROKERS: z.string().regex(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, 'debe ser host:puerto[,host:puerto…]').default('localhost:9092'),
  /** El tópico de los eventos de pedidos y cuántas particiones tiene (se crea al arrancar si no existe). */
  ORDERS_TOPIC: z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/).default('foodly.orders'),
  ORDERS_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(100).default(3),
  /** El grupo de consumidores: las réplicas con el mismo grupo se reparten las particiones. */
  GROUP_ID: z.string().min(1).default('reporting'),
  /** Qué réplica es esta (el sandbox y `npm run foodly` la ponen: reporting-1, reporting-2…). */
  REPLICA_ID: z.string().min(1).default('reporting-1'),
  /** Cuánto espera la reconstrucción a que el grupo nuevo alcance el final del tópico. */
  REPLAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(3000),
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
