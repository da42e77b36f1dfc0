/**
 * Qué puede hacer un usuario: los clientes piden comida; los administradores, además, cambian el
 * catálogo. Viaja en el JWT (claim role) y el gateway lo mira antes de dejar pasar una escritura.
 */
export type Role = 'customer' | 'admin';

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** "pbkdf2_sha256$<iteraciones>$<sal>$<hash>": nunca la contraseña en claro. */
  passwordHash: string;
};

/** Lo que se puede enseñar de un usuario fuera del servicio. */
export type PublicUser = Omit<User, 'passwordHash' | 'role'>;

export const toPublicUser = ({ id, email, name }: User): PublicUser => ({ id, email, name });
