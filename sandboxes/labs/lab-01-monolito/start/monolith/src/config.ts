import { z } from 'zod';

// Toda la configuración sale de variables de entorno, validadas en un único sitio.
const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3100),
});

export type Settings = z.infer<typeof settingsSchema>;

export function loadSettings(env: Record<string, string | undefined> = process.env): Settings {
  return settingsSchema.parse(env);
}
