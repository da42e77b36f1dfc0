import type { PasswordHasher } from './PasswordHasher.ts';
import type { User } from './User.ts';
import type { UserRepository } from './UserRepository.ts';

// Hash de una contraseña que nadie tiene: se verifica contra él cuando el email no existe, para que
// la respuesta tarde lo mismo y no delate qué emails están registrados.
const NOBODY = 'pbkdf2_sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Caso de uso: comprobar credenciales. Devuelve el usuario o undefined, nunca por qué falló. */
export class UserAuthenticator {
  private readonly users: UserRepository;
  private readonly hasher: PasswordHasher;

  constructor(users: UserRepository, hasher: PasswordHasher) {
    this.users = users;
    this.hasher = hasher;
  }

  async authenticate(email: string, password: string): Promise<User | undefined> {
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(password, user?.passwordHash ?? NOBODY);
    return user && valid ? user : undefined;
  }
}
