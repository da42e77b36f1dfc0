import { z } from 'zod';

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3102),
  SERVICE_VERSION: z.string().default('0.1.0'),
  /** Permite las rutas /_chaos y /_latency para simular lentitud y medir (solo en desarrollo y en los labs). */
  CHAOS_ENABLED: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  /** Redis de la caché: en el sandbox lo pone el motor; en tu máquina, el Redis local. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://localhost:6379'),
  /** Retraso de cada lectura del catálogo, en ms: simula una base de datos lenta o lejana. */
  PRODUCTS_LATENCY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
  /** Cuánto vive un producto en la caché, en segundos. */
  CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
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
