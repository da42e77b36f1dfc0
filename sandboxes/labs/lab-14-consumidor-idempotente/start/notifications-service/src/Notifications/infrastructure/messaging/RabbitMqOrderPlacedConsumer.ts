import amqp from 'amqplib';
import type { ConsumeMessage } from 'amqplib';
import type { Settings } from '../../../config.ts';
import type { OrderPlacedNotifier } from '../../application/OrderPlacedNotifier.ts';
import { parseOrderPlaced } from './orderPlacedMessage.ts';

export const EXCHANGE = 'foodly.events';
export const QUEUE = 'notifications.order-placed';
export const DEAD_LETTER_QUEUE = `${QUEUE}.dlq`;
/** El exchange de los mensajes muertos de notifications (el laboratorio 14 monta lo que cuelga de él). */
export const DEAD_LETTER_EXCHANGE = 'notifications.dlx';

type Connection = Awaited<ReturnType<typeof amqp.connect>>;

/** Adaptador de entrada: lleva los OrderPlaced de RabbitMQ al caso de uso, como ordersRoutes lleva HTTP. */
export class RabbitMqOrderPlacedConsumer {
  private readonly url: string;
  private readonly prefetch: number;
  private readonly retryDelayMs: number;
  private readonly maxAttempts: number;
  private readonly notifier: OrderPlacedNotifier;
  private connection: Connection | undefined;

  constructor(settings: Pick<Settings, 'AMQP_URL' | 'PREFETCH' | 'RETRY_DELAY_MS' | 'MAX_ATTEMPTS'>, notifier: OrderPlacedNotifier) {
    this.url = settings.AMQP_URL;
    this.prefetch = settings.PREFETCH;
    this.retryDelayMs = settings.RETRY_DELAY_MS;
    this.maxAttempts = settings.MAX_ATTEMPTS;
    this.notifier = notifier;
  }

  /** Mensajes listos en la DLQ según el broker (checkQueue), o null si la DLQ no existe. */
  async deadLetterCount(): Promise<{ queue: string; messages: number } | null> {
    if (!this.connection) return null;
    // Un canal propio: checkQueue de una cola que no existe cierra el canal (404), y no queremos cerrar el del consumidor.
    const channel = await this.connection.createChannel();
    channel.on('error', () => undefined);
    try {
      const { messageCount } = await channel.checkQueue(DEAD_LETTER_QUEUE);
      await channel.close();
      return { queue: DEAD_LETTER_QUEUE, messages: messageCount };
    } catch {
      return null;
    }
  }

  // #region consume
  async start(): Promise<void> {
    const connection = await amqp.connect(this.url);
    this.connection = connection;
    const channel = await connection.createChannel();
    // Los dos lados declaran el exchange: el primero que arranque lo crea, el otro comprueba que es igual.
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    // La cola es de notifications y sobrevive a sus caídas: lo que llegue con el servicio parado espera aquí.
    // Ya lleva su dead-letter exchange: los argumentos de una cola no cambian al redeclararla (sería un 406),
    // así que se fijan al crearla. Mientras notifications.dlx no exista, lo que muere aquí se descarta.
    await channel.assertQueue(QUEUE, { durable: true, deadLetterExchange: DEAD_LETTER_EXCHANGE, deadLetterRoutingKey: 'retry' });
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
