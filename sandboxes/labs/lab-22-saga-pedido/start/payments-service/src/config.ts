import { z } from 'zod';

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3106),
  SERVICE_VERSION: z.string().default('0.1.0'),
  /** Por encima de este importe (euros), la red de tarjetas falsa rechaza el cobro. */
  PAYMENT_LIMIT_EUR: z.coerce.number().positive().max(100_000).default(200),
  /** Cuánto tarda en contestar un cobro con tok_slow: más que el plazo de orders-service. */
  SLOW_CARD_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
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
