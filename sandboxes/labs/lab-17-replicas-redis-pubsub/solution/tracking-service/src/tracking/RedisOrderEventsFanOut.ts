import { Redis } from 'ioredis';
import { z } from 'zod';
import { OrderEventSchema } from './messages.ts';
import type { OrderEventsFanOut, PublishedOrderEvent } from './OrderEventsFanOut.ts';

const CHANNEL = 'foodly:order-events';
const PublishedOrderEventSchema = z.object({ event: OrderEventSchema, publishedBy: z.string().min(1) });

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

// #region redis-fan-out
/**
 * Reparto entre réplicas con Pub/Sub de Redis: cada réplica publica lo que le llega y todas (ella incluida)
 * lo reciben. Dos conexiones: una conexión suscrita (SUBSCRIBE) solo admite órdenes de suscripción y PING,
 * así que PUBLISH necesita otra.
 */
export class RedisOrderEventsFanOut implements OrderEventsFanOut {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(redisUrl: string) {
    this.publisher = new Redis(redisUrl);
    this.subscriber = this.publisher.duplicate();
  }

  async publish(message: PublishedOrderEvent): Promise<void> {
    // PUBLISH devuelve cuántos suscriptores lo recibieron: 0 significa que no había nadie escuchando.
    await this.publisher.publish(CHANNEL, JSON.stringify(message));
  }

  async subscribe(handler: (message: PublishedOrderEvent) => void): Promise<void> {
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel !== CHANNEL) return;
      // Lo que llega por Redis también es una entrada: se valida como cualquier otra.
      const parsed = PublishedOrderEventSchema.safeParse(parseJson(text));
      if (!parsed.success) return console.warn(`[reparto] mensaje descartado en ${CHANNEL}: ${text.slice(0, 100)}`);
      handler(parsed.data);
    });
    await this.subscriber.subscribe(CHANNEL);
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
// #endregion redis-fan-out
