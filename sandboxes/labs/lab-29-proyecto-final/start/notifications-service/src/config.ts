import { z } from 'zod';

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3104),
  SERVICE_VERSION: z.string().default('0.1.0'),
  /** Dónde están los ficheros de Swagger UI (swagger-ui-dist) que usa /docs: nunca un CDN. */
  SWAGGER_ASSETS_URL: z.string().min(1).default('/assets'),
  /** El broker del que llegan los eventos (RabbitMQ). */
  AMQP_URL: z.string().regex(/^amqps?:\/\//, 'debe empezar por amqp:// o amqps://').default('amqp://localhost'),
  /** auth-service: dice de quién es el token de quien abre el canal en vivo (GET /me). */
  AUTH_URL: z.url().default('http://localhost:3101'),
  AUTH_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
  /** Cuántos mensajes sin confirmar (ack) puede tener a la vez este consumidor. */
  PREFETCH: z.coerce.number().int().min(1).max(1000).default(10),
  /** Lo que tarda el «servidor SMTP» simulado. */
  EMAIL_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(100),
  /** Cuánto espera un mensaje fallido en la cola de reintento antes de volver (el TTL de esa cola). */
  RETRY_DELAY_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  /** Intentos en total antes de dar un mensaje por perdido y mandarlo a la DLQ. */
  MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(3),
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
