import { z } from 'zod';

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3104),
  /** Las réplicas de products-service, separadas por comas. */
  PRODUCTS_URLS: z
    .string()
    .default('http://localhost:3102')
    .transform((value) => value.split(',').map((url) => url.trim()).filter(Boolean))
    .pipe(z.array(z.url()).min(1)),
  /** Cada cuánto se pregunta a cada réplica si está viva (GET /ping), en ms. */
  HEALTH_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** Plazo de cada petición a una réplica, en ms. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2000),
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
