import type pg from 'pg';
import type { DomainEvent } from '../../domain/DomainEvent.ts';
import type { DomainEventSubscriber } from '../../domain/EventBus.ts';

type OutboxRow = { position: string; event_id: string; event_name: string; payload: DomainEvent };

// #region relay
/**
 * El relay del outbox: cada `intervalMs` lee las filas pendientes en orden, entrega cada evento a
 * sus suscriptores (el que publica en RabbitMQ) y, solo cuando han terminado, la marca como enviada.
 * Si algo falla, la fila sigue pendiente y se reintenta en la vuelta siguiente: al menos una vez.
 * Un proceso que muere entre publicar y marcar volverá a publicar al arrancar (por eso el
 * consumidor deduplica por id de evento). Con varias réplicas, SELECT … FOR UPDATE SKIP LOCKED dentro
 * de una transacción repartiría las filas; aquí orders corre en una sola.
 */
export class OutboxRelay {
  private readonly pool: pg.Pool;
  private readonly subscribers: readonly DomainEventSubscriber[];
  private readonly intervalMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(pool: pg.Pool, subscribers: readonly DomainEventSubscriber[], intervalMs: number) {
    this.pool = pool;
    this.subscribers = subscribers;
    this.intervalMs = intervalMs;
  }

  start(): void {
    const loop = async () => {
      await this.relayPending().catch((error: unknown) => console.error(`[outbox] vuelta fallida: ${(error as Error).message}`));
      this.timer = setTimeout(loop, this.intervalMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /** Una vuelta: publica lo pendiente, en orden, y para en el primer fallo. Devuelve cuántas filas envió. */
  async relayPending(batchSize = 50): Promise<number> {
    const { rows } = await this.pool.query<OutboxRow>('SELECT position, event_id, event_name, payload FROM outbox WHERE sent_at IS NULL ORDER BY position LIMIT $1', [batchSize]);
    let sent = 0;
    for (const row of rows) {
      try {
        for (const subscriber of this.subscribers) {
          if (subscriber.subscribedTo().includes(row.event_name)) await subscriber.on(row.payload);
        }
      } catch (error) {
        await this.pool.query('UPDATE outbox SET attempts = attempts + 1 WHERE position = $1', [row.position]);
        console.error(`[outbox] ${row.event_name} ${row.event_id} no se pudo publicar (${(error as Error).message}); sigue pendiente, se reintenta en ${this.intervalMs} ms`);
        return sent;
      }
      await this.pool.query('UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE position = $1', [row.position]);
      sent += 1;
    }
    return sent;
  }
}
// #endregion relay
