import { z } from 'zod';

// La configuración tipada del servicio: se lee de variables de entorno una sola vez y se valida.
// Si falta algo o tiene mal formato, el servicio no arranca y el error dice qué variable falla.
// #region settings-schema
const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3101),
  // TODO (Lab 2): añade SERVICE_NAME, SERVICE_VERSION y ENVIRONMENT con valores por defecto.
  /** Dónde se sirven los ficheros de Swagger UI (sin CDN): una ruta local o una URL del propio sitio. */
  SWAGGER_ASSETS_URL: z.string().min(1).default('/assets'),
});
// #endregion settings-schema

export type Settings = z.infer<typeof settingsSchema>;

export function loadSettings(env: Record<string, string | undefined> = process.env): Settings {
  const result = settingsSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Configuración no válida: ${problems}`);
  }
  return result.data;
}
