import type { PasswordHasher } from './PasswordHasher.ts';
import type { User } from './User.ts';
import type { UserRepository } from './UserRepository.ts';

// #region user-authenticator
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
    if (!user) {
      // El email no existe, pero hacemos el mismo trabajo que con uno real: un PBKDF2 con las
      // iteraciones configuradas. Si no, esta respuesta llegaría antes y delataría qué emails existen.
      await this.hasher.hash(password);
      return undefined;
    }
    return (await this.hasher.verify(password, user.passwordHash)) ? user : undefined;
  }
}
// #endregion user-authenticator
