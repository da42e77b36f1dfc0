import { z } from 'zod';

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3103),
  SERVICE_VERSION: z.string().default('0.1.0'),
  /** Dónde están los ficheros de Swagger UI (swagger-ui-dist) que usa /docs: nunca un CDN. */
  SWAGGER_ASSETS_URL: z.string().min(1).default('/assets'),
  /** URL base de products-service: orders le pregunta precio y stock por HTTP. */
  PRODUCTS_URL: z.url().default('http://localhost:3102'),
  /** Cuánto esperamos como mucho a products-service en cada intento antes de rendirnos. */
  PRODUCTS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
  /** Retraso del envío de correo simulado: así se ve que ocurre después de responder. */
  EMAIL_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(500),
  /** Reintentos tras el primer intento fallido (0 = sin reintentos). */
  RETRY_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** Techo de la primera espera entre intentos; se duplica en cada reintento. */
  RETRY_BASE_DELAY_MS: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Ninguna espera entre intentos pasa de aquí. */
  RETRY_MAX_DELAY_MS: z.coerce.number().int().min(1).max(60_000).default(2000),
  /** Fallos seguidos que abren el circuito hacia products-service. */
  BREAKER_FAILURE_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  /** Tiempo con el circuito abierto antes de dejar pasar una llamada de prueba. */
  BREAKER_RESET_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
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
