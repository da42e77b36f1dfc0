import type { User } from './User.ts';

/**
 * Lo que `save` lanza si otro usuario ya tiene ese email (sin distinguir mayúsculas): la regla de
 * unicidad la garantiza el almacenamiento, de forma atómica, como un índice UNIQUE en SQL.
 */
export class DuplicateEmail extends Error {}

/** Puerto: lo que los casos de uso necesitan del almacenamiento, sin decir cómo se guarda. */
export type UserRepository = {
  /** Guarda un usuario nuevo; lanza DuplicateEmail si el email ya está (también si dos altas llegan a la vez). */
  save(user: User): Promise<void>;
  findByEmail(email: string): Promise<User | undefined>;
  findById(id: string): Promise<User | undefined>;
  list(): Promise<User[]>;
};
