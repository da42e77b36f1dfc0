import { z } from 'zod';

const url = (fallback: string) => z.url().default(fallback);

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3100),
  SERVICE_VERSION: z.string().default('1.0.0'),
  /** Dónde está cada servicio. El cliente solo conoce el gateway; estas URL son de la red interna. */
  AUTH_URL: url('http://localhost:3101'),
  PRODUCTS_URL: url('http://localhost:3102'),
  ORDERS_URL: url('http://localhost:3103'),
  NOTIFICATIONS_URL: url('http://localhost:3104'),
  PAYMENTS_URL: url('http://localhost:3105'),
  /** El secreto con el que auth-service firma los JWT (HS256): el gateway lo verifica en el borde. */
  JWT_SECRET: z.string().min(32, 'el secreto JWT necesita al menos 32 caracteres').default('solo-para-desarrollo-cambialo-en-produccion'),
  /** Peticiones por cliente (el sub del token, o la IP si no hay token) y ventana. */
  RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(120),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /** Plazo de cada petición a un servicio, en ms: pasado, 504. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
  /** Dónde están los ficheros de Swagger UI (swagger-ui-dist) que usa /docs: nunca un CDN. */
  SWAGGER_ASSETS_URL: z.string().min(1).default('/assets'),
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
