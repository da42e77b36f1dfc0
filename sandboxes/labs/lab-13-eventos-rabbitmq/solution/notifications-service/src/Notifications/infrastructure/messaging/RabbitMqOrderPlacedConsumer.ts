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

  // #region consume
  async start(): Promise<void> {
    const connection = await amqp.connect(this.url);
    const channel = await connection.createChannel();
    // Los dos lados declaran el exchange: el primero que arranque lo crea, el otro comprueba que es igual.
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    // La cola es de notifications y sobrevive a sus caídas: lo que llegue con el servicio parado espera aquí.
    await channel.assertQueue(QUEUE, { durable: true });
    // Sin binding, el exchange no tiene adónde copiar el mensaje y lo descarta. order.* = order.placed, order.cancelled…
    await channel.bindQueue(QUEUE, EXCHANGE, 'order.*');
    // Como mucho PREFETCH mensajes entregados y sin ack a la vez: el resto espera en la cola, no en la memoria de este proceso.
    await channel.prefetch(this.prefetch);

    await channel.consume(
      QUEUE,
      async (message: ConsumeMessage | null) => {
        if (!message) return; // el broker canceló el consumidor (p. ej., borraron la cola)
        const parsed = parseOrderPlaced(message.content.toString('utf8'));
        if (!parsed.ok) {
          console.warn(`[rabbitmq] mensaje descartado (${message.fields.routingKey}): ${parsed.reason}`);
          channel.nack(message, false, false); // reintentarlo no lo arreglaría: fuera de la cola
          return;
        }
        try {
          await this.notifier.notify(parsed.value);
          channel.ack(message); // solo ahora: si el proceso muere antes, RabbitMQ lo entrega otra vez
        } catch (error) {
          console.error(`[rabbitmq] no se pudo notificar el pedido ${parsed.value.orderId}; vuelve a la cola:`, error);
          channel.nack(message, false, true); // reencolar sin espera: el laboratorio 14 le pone retraso y un límite
        }
      },
      { noAck: false },
    );
    console.log(`[rabbitmq] consumiendo ${QUEUE} (binding order.*, prefetch ${this.prefetch})`);
  }
  // #endregion consume
}
