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
  /** URL base de payments-service: la saga le pide el cobro de cada pedido. */
  PAYMENTS_URL: z.url().default('http://localhost:3106'),
  /** Cuánto esperamos un cobro: pasado ese plazo, no sabemos si se cobró y la saga compensa. */
  PAYMENTS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
  /** Retraso del envío de correo simulado: así se ve que ocurre después de responder. */
  EMAIL_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(500),
  /** Qué adaptador guarda los pedidos: en memoria, en un almacén clave-valor (persistente si hay ORDERS_DATA_DIR) o como eventos. */
  ORDERS_REPOSITORY: z.enum(['memory', 'key-value', 'event-sourced']).default('memory'),
  /** Carpeta donde el almacén clave-valor guarda un fichero por clave (solo en Node; lo usa server.ts). */
  ORDERS_DATA_DIR: z.string().min(1).optional(),
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
