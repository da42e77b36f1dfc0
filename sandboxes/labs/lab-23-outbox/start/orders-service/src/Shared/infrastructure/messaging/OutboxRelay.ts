import type pg from 'pg';
import type { DomainEventSubscriber } from '../../domain/EventBus.ts';

/**
 * El relay del outbox (paso 4): cada `intervalMs`, lee las filas de `outbox` con sent_at nula en
 * orden de position, entrega cada evento (payload) a los suscriptores de su event_name y, cuando
 * terminan sin error, marca sent_at. Si uno falla: attempts + 1, el error al log y hasta la próxima vuelta.
 */
export class OutboxRelay {
  private readonly pool: pg.Pool;
  private readonly subscribers: readonly DomainEventSubscriber[];
  private readonly intervalMs: number;

  constructor(pool: pg.Pool, subscribers: readonly DomainEventSubscriber[], intervalMs: number) {
    this.pool = pool;
    this.subscribers = subscribers;
    this.intervalMs = intervalMs;
  }

  start(): void {
    console.warn(`[outbox] el relay aún no está escrito (${this.subscribers.length} suscriptores, cada ${this.intervalMs} ms, ${this.pool.totalCount} conexiones): paso 4`);
  }

  /** Una vuelta: publica lo pendiente, en orden, y para en el primer fallo. Devuelve cuántas filas envió. */
  async relayPending(): Promise<number> {
    return 0;
  }
}
