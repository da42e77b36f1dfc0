import type { Redis } from 'ioredis';
import type { IssuedTicket, Ticket, TicketStore } from './TicketStore.ts';

// #region redis-ticket-store
/**
 * Tickets compartidos por todas las réplicas: el cliente puede pedirlo a una y conectarse a otra (el
 * balanceador decide). Redis borra cada ticket al caducar (PX) y GETDEL lo lee y lo borra en una sola
 * orden atómica: si dos réplicas intentan canjear el mismo ticket a la vez, solo una lo consigue.
 */
export class RedisTicketStore implements TicketStore {
  private readonly redis: Redis;
  private readonly ttlMs: number;

  constructor(redis: Redis, ttlMs: number) {
    this.redis = redis;
    this.ttlMs = ttlMs;
  }

  async issue(orderId: string, customerEmail: string): Promise<IssuedTicket> {
    const ticket = crypto.randomUUID();
    const expiresAt = Date.now() + this.ttlMs;
    await this.redis.set(`tracking:ticket:${ticket}`, JSON.stringify({ orderId, customerEmail, expiresAt }), 'PX', this.ttlMs);
    return { ticket, expiresAt };
  }

  async redeem(ticket: string, orderId: string): Promise<Ticket | undefined> {
    const stored = await this.redis.getdel(`tracking:ticket:${ticket}`);
    if (stored === null) return undefined;
    const found = JSON.parse(stored) as Ticket;
    return found.orderId === orderId ? found : undefined;
  }
}
// #endregion redis-ticket-store
