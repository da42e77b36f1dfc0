import { z } from 'zod';

// La configuración tipada del servicio: se lee de variables de entorno una sola vez y se valida.
// Si falta algo o tiene mal formato, el servicio no arranca y el error dice qué variable falla.
const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3101),
  SERVICE_NAME: z.string().min(1).default('auth-service'),
  SERVICE_VERSION: z.string().regex(/^\d+\.\d+\.\d+/, 'usa una versión semántica, p. ej. 1.0.0').default('0.1.0'),
  ENVIRONMENT: z.enum(['development', 'test', 'production']).default('development'),
  /** Secreto para firmar los JWT (HS256). En producción, uno largo y aleatorio inyectado por el entorno. */
  JWT_SECRET: z.string().min(32, 'el secreto JWT necesita al menos 32 caracteres').default('solo-para-desarrollo-cambialo-en-produccion'),
  JWT_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(3600),
  /**
   * El administrador (el único que cambia el catálogo): no se registra, se crea al arrancar con este email
   * y esta contraseña, que se guarda con el mismo hash PBKDF2 que las demás. La contraseña es un secreto,
   * como JWT_SECRET: el despliegue la pide (compose) o la lee de un Secret (Kubernetes), nunca de git.
   * Sin los dos, no hay administrador y nadie puede cambiar el catálogo.
   */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'la contraseña del administrador necesita al menos 12 caracteres').max(128).optional(),
  /** Iteraciones de PBKDF2-HMAC-SHA-256: 600 000, la cifra de OWASP para SHA-256; los tests las bajan. */
  PASSWORD_HASH_ITERATIONS: z.coerce.number().int().min(1000).max(5_000_000).default(600_000),
  /** Dónde se sirven los ficheros de Swagger UI (sin CDN): una ruta local o una URL del propio sitio. */
  SWAGGER_ASSETS_URL: z.string().min(1).default('/assets'),
});

export type Settings = z.infer<typeof settingsSchema>;

export function loadSettings(env: Record<string, string | undefined> = process.env): Settings {
  const result = settingsSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Configuración no válida: ${problems}`);
  }
  if (result.data.ENVIRONMENT === 'production' && result.data.JWT_SECRET === 'solo-para-desarrollo-cambialo-en-produccion') {
    throw new Error('Configuración no válida: JWT_SECRET: en producción no se admite el secreto de desarrollo');
  }
  if ((result.data.ADMIN_EMAIL === undefined) !== (result.data.ADMIN_PASSWORD === undefined)) {
    throw new Error('Configuración no válida: ADMIN_EMAIL y ADMIN_PASSWORD van juntos: define los dos o ninguno');
  }
  return result.data;
}
