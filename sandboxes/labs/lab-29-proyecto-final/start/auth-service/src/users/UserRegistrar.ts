import type { PasswordHasher } from './PasswordHasher.ts';
import { toPublicUser } from './User.ts';
import type { PublicUser, User } from './User.ts';
import { DuplicateEmail } from './UserRepository.ts';
import type { UserRepository } from './UserRepository.ts';

// #region user-registrar
export class EmailAlreadyRegistered extends Error {
  readonly code = 'EMAIL_ALREADY_REGISTERED';
}

/** Caso de uso: dar de alta un usuario con el hash PBKDF2 de la contraseña (un hash, no un cifrado: no se puede revertir). */
export class UserRegistrar {
  private readonly users: UserRepository;
  private readonly hasher: PasswordHasher;

  constructor(users: UserRepository, hasher: PasswordHasher) {
    this.users = users;
    this.hasher = hasher;
  }

  async register(input: { email: string; password: string; name: string }): Promise<PublicUser> {
    if (await this.users.findByEmail(input.email)) throw new EmailAlreadyRegistered(`El email ${input.email} ya está registrado`);
    // El rol no viene del cliente: toda alta pública es de un cliente. Un administrador no se registra,
    // se crea al arrancar con datos del entorno (bootstrapAdmin.ts).
    const user: User = { id: crypto.randomUUID(), email: input.email, name: input.name, role: 'customer', passwordHash: await this.hasher.hash(input.password) };
    // La comprobación de arriba ahorra el hash en el caso normal, pero no basta: cinco altas
    // simultáneas del mismo email pasan todas por ella antes de que ninguna guarde. La unicidad la
    // decide save(), de forma atómica.
    try {
      await this.users.save(user);
    } catch (error) {
      if (error instanceof DuplicateEmail) throw new EmailAlreadyRegistered(`El email ${input.email} ya está registrado`);
      throw error;
    }
    return toPublicUser(user);
  }
}
// #endregion user-registrar
