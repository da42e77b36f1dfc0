import type { User } from './User.ts';
import { DuplicateEmail } from './UserRepository.ts';
import type { UserRepository } from './UserRepository.ts';

/** Adaptador en memoria del puerto UserRepository: se pierde al reiniciar, perfecto para tests y labs. */
export class InMemoryUserRepository implements UserRepository {
  private readonly users = new Map<string, User>();

  constructor(initialUsers: readonly User[] = []) {
    for (const user of initialUsers) this.users.set(user.id, { ...user });
  }

  async save(user: User): Promise<void> {
    // Comprobar y guardar sin un await en medio: nada puede colarse entre las dos cosas.
    const normalized = user.email.toLowerCase();
    for (const other of this.users.values()) {
      if (other.id !== user.id && other.email.toLowerCase() === normalized) throw new DuplicateEmail(user.email);
    }
    this.users.set(user.id, { ...user });
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const normalized = email.toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === normalized) return { ...user };
    return undefined;
  }

  async findById(id: string): Promise<User | undefined> {
    const user = this.users.get(id);
    return user ? { ...user } : undefined;
  }

  async list(): Promise<User[]> {
    return [...this.users.values()].map((user) => ({ ...user }));
  }
}
