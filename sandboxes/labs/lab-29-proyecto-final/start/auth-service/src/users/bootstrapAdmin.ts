import type { Settings } from '../config.ts';
import type { PasswordHasher } from './PasswordHasher.ts';
import type { UserRepository } from './UserRepository.ts';

// #region bootstrap-admin
/**
 * El administrador no se da de alta por la API: POST /register crea siempre clientes, y nadie podría
 * autorizar el alta del primero. Se crea al arrancar con ADMIN_EMAIL y ADMIN_PASSWORD del entorno; su
 * contraseña se guarda con el mismo hash PBKDF2 que la de cualquier usuario. Entra con POST /login como
 * los demás y su token lleva role "admin".
 */
export async function bootstrapAdmin(users: UserRepository, hasher: PasswordHasher, settings: Pick<Settings, 'ADMIN_EMAIL' | 'ADMIN_PASSWORD'>): Promise<void> {
  if (!settings.ADMIN_EMAIL || !settings.ADMIN_PASSWORD) return;
  const existing = await users.findByEmail(settings.ADMIN_EMAIL);
  if (existing) {
    // Un almacén que ya lo tiene (un reinicio con una base de datos): no se toca. Si ese email es de un
    // cliente, sigue siendo cliente: un alta nunca se convierte en administrador.
    if (existing.role !== 'admin') console.warn(`[auth] ${settings.ADMIN_EMAIL} ya es un cliente: no hay administrador`);
    return;
  }
  const passwordHash = await hasher.hash(settings.ADMIN_PASSWORD);
  await users.save({ id: crypto.randomUUID(), email: settings.ADMIN_EMAIL, name: 'Administración', role: 'admin', passwordHash });
}
// #endregion bootstrap-admin
