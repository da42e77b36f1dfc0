import type { Settings } from '../config.ts';
import type { User } from './User.ts';

/**
 * El primer administrador no se da de alta por la API (nadie podría autorizarlo): se crea al arrancar
 * con datos del entorno. El entorno trae el hash de su contraseña, no la contraseña.
 */
export function bootstrapAdmin(settings: Pick<Settings, 'ADMIN_EMAIL' | 'ADMIN_PASSWORD_HASH'>): User[] {
  if (!settings.ADMIN_EMAIL || !settings.ADMIN_PASSWORD_HASH) return [];
  return [{ id: crypto.randomUUID(), email: settings.ADMIN_EMAIL, name: 'Administración', role: 'admin', passwordHash: settings.ADMIN_PASSWORD_HASH }];
}
