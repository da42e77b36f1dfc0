/**
 * Elige la réplica de cada petición. Esta versión manda todo a la primera: ni reparte ni sabe si
 * está viva.
 */
export class Balancer {
  readonly replicas: readonly string[];

  constructor(replicas: readonly string[]) {
    this.replicas = replicas;
  }

  /** La réplica para la siguiente petición, sin repetir las de `exclude`; undefined si no queda ninguna. */
  pick(exclude: readonly string[] = []): string | undefined {
    return this.replicas.find((replica) => !exclude.includes(replica));
  }

  /** Una petición a `replica` falló por conexión o plazo. */
  markDown(_replica: string): void {}

  /** Pregunta a cada réplica si está viva. */
  async probe(_timeoutMs: number): Promise<void> {}
}
