import { z } from 'zod';

const origins = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''));

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3105),
  SERVICE_VERSION: z.string().default('0.1.0'),
  /** Dónde están los ficheros de Swagger UI (swagger-ui-dist) que usa /docs: nunca un CDN. */
  SWAGGER_ASSETS_URL: z.string().min(1).default('/assets'),
  /** Nombre de esta copia del servicio (tracking-1, tracking-2…): sale en los mensajes para ver quién entrega qué. */
  REPLICA_ID: z.string().min(1).default('tracking-1'),
  /** URL base de orders-service: antes de emitir un ticket se le pregunta de quién es el pedido. */
  ORDERS_URL: z.url().default('http://localhost:3103'),
  ORDERS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
  /** Orígenes (esquema://host:puerto) de las páginas que pueden abrir el canal, separados por comas. */
  ALLOWED_ORIGINS: origins,
  /** Vida de un ticket de conexión: lo justo para abrir el WebSocket nada más pedirlo. */
  TICKET_TTL_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
  /** Sin ningún mensaje del cliente (ni un ping) durante este tiempo, la conexión se da por muerta. */
  HEARTBEAT_TIMEOUT_MS: z.coerce.number().int().min(200).max(300_000).default(30_000),
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
