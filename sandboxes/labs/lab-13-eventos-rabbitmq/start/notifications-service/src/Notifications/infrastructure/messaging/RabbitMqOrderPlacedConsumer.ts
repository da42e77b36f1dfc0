import amqp from 'amqplib';
import type { ConsumeMessage } from 'amqplib';
import type { OrderPlacedNotifier } from '../../application/OrderPlacedNotifier.ts';
import { parseOrderPlaced } from './orderPlacedMessage.ts';

export const EXCHANGE = 'foodly.events';
export const QUEUE = 'notifications.order-placed';

/** Adaptador de entrada: lleva los OrderPlaced de RabbitMQ al caso de uso, como ordersRoutes lleva HTTP. */
export class RabbitMqOrderPlacedConsumer {
  private readonly url: string;
  private readonly prefetch: number;
  private readonly notifier: OrderPlacedNotifier;

  constructor(url: string, prefetch: number, notifier: OrderPlacedNotifier) {
    this.url = url;
    this.prefetch = prefetch;
    this.notifier = notifier;
  }

  async start(): Promise<void> {
    const connection = await amqp.connect(this.url);
    const channel = await connection.createChannel();
    // Los dos lados declaran el exchange: el primero que arranque lo crea, el otro comprueba que es igual.
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    await channel.assertQueue(QUEUE, { durable: true });

    await channel.consume(
      QUEUE,
      async (message: ConsumeMessage | null) => {
        if (!message) return;
        const parsed = parseOrderPlaced(message.content.toString('utf8'));
        if (!parsed.ok) {
          console.warn(`[rabbitmq] mensaje descartado (${message.fields.routingKey}): ${parsed.reason}`);
          return;
        }
        try {
          await this.notifier.notify(parsed.value);
        } catch (error) {
          console.error(`[rabbitmq] no se pudo notificar el pedido ${parsed.value.orderId}:`, error);
        }
      },
      { noAck: true },
    );
    console.log(`[rabbitmq] consumiendo ${QUEUE}`);
  }
}
