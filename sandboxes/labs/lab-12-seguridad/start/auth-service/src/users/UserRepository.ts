import type { User } from './User.ts';

/** Puerto: lo que los casos de uso necesitan del almacenamiento, sin decir cómo se guarda. */
export type UserRepository = {
  save(user: User): Promise<void>;
  findByEmail(email: string): Promise<User | undefined>;
  findById(id: string): Promise<User | undefined>;
  list(): Promise<User[]>;
};
