import { z } from 'zod';

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3105),
  SERVICE_VERSION: z.string().default('0.1.0'),
  /** Dónde están los ficheros de Swagger UI (swagger-ui-dist) que usa /docs: nunca un CDN. */
  SWAGGER_ASSETS_URL: z.string().min(1).default('/assets'),
  /** orders-service: el importe y el cliente salen del pedido, nunca del cuerpo que manda el cliente. */
  ORDERS_URL: z.url().default('http://localhost:3103'),
  ORDERS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
  /** Broker al que se publica PaymentCaptured y del que llega OrderCancelled. Sin él, el evento se queda en el log. */
  AMQP_URL: z.string().regex(/^amqps?:\/\//, 'debe empezar por amqp:// o amqps://').optional(),
  /** Redis: un cobro por pedido aunque haya varias réplicas (SET NX). Sin él, en memoria. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'debe empezar por redis:// o rediss://').optional(),
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
