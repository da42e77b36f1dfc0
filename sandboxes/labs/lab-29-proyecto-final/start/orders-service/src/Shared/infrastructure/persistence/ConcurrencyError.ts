/** Otra escritura llegó antes: el pedido ya no está en la versión con la que se leyó. La capa HTTP responde 409. */
export class ConcurrencyError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';

  constructor(id: string, expectedVersion: number, actualVersion: number) {
    super(`El pedido ${id} va por la versión ${actualVersion} y se esperaba la ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}
