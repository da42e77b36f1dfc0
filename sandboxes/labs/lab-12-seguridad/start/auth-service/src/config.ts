import { z } from 'zod';

// La configuración tipada del servicio: se lee de variables de entorno una sola vez y se valida.
// Si falta algo o tiene mal formato, el servicio no arranca y el error dice qué variable falla.
const DEV_SECRET = 'solo-para-desarrollo-cambialo-en-produccion';
// #region patterns
// Un origen es esquema://host[:puerto], exactamente como lo envía el navegador en la cabecera Origin.
const ORIGIN = /^https?:\/\/[^/\s]+$/;
const PBKDF2_HASH = /^pbkdf2_sha256\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;

const commaSeparated = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
// #endregion patterns

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3101),
  SERVICE_NAME: z.string().min(1).default('auth-service'),
  SERVICE_VERSION: z.string().regex(/^\d+\.\d+\.\d+/, 'usa una versión semántica, p. ej. 1.0.0').default('0.1.0'),
  ENVIRONMENT: z.enum(['development', 'test', 'production']).default('development'),
  /** Secreto para firmar los JWT (HS256). En producción, uno largo y aleatorio inyectado por el entorno. */
  JWT_SECRET: z.string().min(32, 'el secreto JWT necesita al menos 32 caracteres').default(DEV_SECRET),
  JWT_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  /** Quién emite los tokens (claim iss) y para quién son (claim aud): los servicios comprueban ambos. */
  JWT_ISSUER: z.string().min(1).default('foodly-auth'),
  JWT_AUDIENCE: z.string().min(1).default('foodly-api'),
  // #region cors-origins
  /** Orígenes (front-ends) que pueden llamar a la API desde un navegador, separados por comas. */
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:5173')
    .transform(commaSeparated)
    .pipe(z.array(z.string().regex(ORIGIN, 'cada origen es esquema://host[:puerto], sin ruta ni barra final'))),
  // #endregion cors-origins
  /** Administrador inicial: su email y el hash PBKDF2 de su contraseña (nunca la contraseña en claro). */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD_HASH: z.string().regex(PBKDF2_HASH, 'usa el formato pbkdf2_sha256$<iteraciones>$<sal>$<hash>').optional(),
  /** Iteraciones de PBKDF2-HMAC-SHA-256: 600 000, la cifra de OWASP para SHA-256; los tests las bajan. */
  PASSWORD_HASH_ITERATIONS: z.coerce.number().int().min(1000).max(5_000_000).default(600_000),
  /** Dónde se sirven los ficheros de Swagger UI (sin CDN): una ruta local o una URL del propio sitio. */
  SWAGGER_ASSETS_URL: z.string().min(1).default('/assets'),
});

export type Settings = z.infer<typeof settingsSchema>;

// #region load-settings
export function loadSettings(env: Record<string, string | undefined> = process.env): Settings {
  const result = settingsSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Configuración no válida: ${problems}`);
  }
  if (result.data.ENVIRONMENT === 'production' && result.data.JWT_SECRET === DEV_SECRET) {
    throw new Error('Configuración no válida: JWT_SECRET: en producción no se admite el secreto de desarrollo');
  }
  if ((result.data.ADMIN_EMAIL === undefined) !== (result.data.ADMIN_PASSWORD_HASH === undefined)) {
    throw new Error('Configuración no válida: ADMIN_EMAIL y ADMIN_PASSWORD_HASH van juntos: define los dos o ninguno');
  }
  return result.data;
}
// #endregion load-settings
