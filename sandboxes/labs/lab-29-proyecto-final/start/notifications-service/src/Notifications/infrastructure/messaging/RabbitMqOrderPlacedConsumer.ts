import amqp from 'amqplib';
import type { ConsumeMessage } from 'amqplib';
import type { Settings } from '../../../config.ts';
import type { OrderPlacedNotifier } from '../../application/OrderPlacedNotifier.ts';
import { parseOrderPlaced } from './orderPlacedMessage.ts';

export const EXCHANGE = 'foodly.events';
export const QUEUE = 'notifications.order-placed';
export const DEAD_LETTER_QUEUE = `${QUEUE}.dlq`;
export const RETRY_QUEUE = `${QUEUE}.retry`;
/** El exchange de los mensajes muertos de notifications: retry → cola de espera, main → de vuelta, dead → DLQ. */
export const DEAD_LETTER_EXCHANGE = 'notifications.dlx';

// #region attempt
/** Intento actual: 1 + las veces que este mensaje se rechazó en la cola principal (cabecera x-death de RabbitMQ). */
export function attemptOf(message: ConsumeMessage): number {
  const deaths = (message.properties.headers?.['x-death'] ?? []) as Array<{ queue?: string; reason?: string; count?: number }>;
  const rejected = deaths.find((death) => death.queue === QUEUE && death.reason === 'rejected');
  return 1 + Number(rejected?.count ?? 0);
}
// #endregion attempt

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

  async start(): Promise<void> {
    // #region topology
    const connection = await amqp.connect(this.url);
    this.connection = connection;
    const channel = await connection.createChannel();
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'direct', { durable: true });
    // La cola principal: lo que se rechaza sin reencolar (nack con requeue false) va a notifications.dlx con clave retry.
    await channel.assertQueue(QUEUE, { durable: true, deadLetterExchange: DEAD_LETTER_EXCHANGE, deadLetterRoutingKey: 'retry' });
    // Solo order.placed: orders-service también publica order.paid y order.cancelled, que este consumidor no sabe leer.
    await channel.bindQueue(QUEUE, EXCHANGE, 'order.placed');
    await channel.bindQueue(QUEUE, DEAD_LETTER_EXCHANGE, 'main');
    // La sala de espera: nadie la consume; al caducar (TTL) cada mensaje vuelve a notifications.dlx con clave main.
    await channel.assertQueue(RETRY_QUEUE, { durable: true, messageTtl: this.retryDelayMs, deadLetterExchange: DEAD_LETTER_EXCHANGE, deadLetterRoutingKey: 'main' });
    await channel.bindQueue(RETRY_QUEUE, DEAD_LETTER_EXCHANGE, 'retry');
    // La DLQ: lo que no se pudo procesar espera aquí a una persona (o a un script), sin bloquear a los demás.
    await channel.assertQueue(DEAD_LETTER_QUEUE, { durable: true });
    await channel.bindQueue(DEAD_LETTER_QUEUE, DEAD_LETTER_EXCHANGE, 'dead');
    await channel.prefetch(this.prefetch);
    // #endregion topology

    // #region handle
    const deadLetter = (message: ConsumeMessage, attempt: number, reason: string) => {
      channel.publish(DEAD_LETTER_EXCHANGE, 'dead', message.content, {
        contentType: message.properties.contentType,
        messageId: message.properties.messageId,
        type: message.properties.type,
        persistent: true,
        headers: { ...message.properties.headers, 'x-foodly-reason': reason, 'x-foodly-attempts': attempt },
      });
      channel.ack(message);
      console.warn(`[dlq] ${message.properties.messageId ?? '(sin id)'} → ${DEAD_LETTER_QUEUE} tras ${attempt} intento(s): ${reason}`);
    };

    await channel.consume(
      QUEUE,
      async (message: ConsumeMessage | null) => {
        if (!message) return;
        const attempt = attemptOf(message);
        const parsed = parseOrderPlaced(message.content.toString('utf8'));
        // Un mensaje venenoso: ningún reintento lo arreglará. Directo a la DLQ.
        if (!parsed.ok) return deadLetter(message, attempt, `mensaje venenoso: ${parsed.reason}`);
        try {
          const outcome = await this.notifier.notify(parsed.value);
          if (outcome === 'duplicate') console.log(`[idempotencia] ${parsed.value.event.id} ya procesado: se ignora (pedido ${parsed.value.orderId})`);
          channel.ack(message);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (attempt >= this.maxAttempts) return deadLetter(message, attempt, reason);
          console.warn(`[reintento] pedido ${parsed.value.orderId}: el intento ${attempt} de ${this.maxAttempts} falló (${reason}); vuelve en ${this.retryDelayMs} ms`);
          channel.nack(message, false, false); // → notifications.dlx (retry) → cola de espera → TTL → de vuelta
        }
      },
      { noAck: false },
    );
    console.log(`[rabbitmq] consumiendo ${QUEUE} (binding order.placed, prefetch ${this.prefetch}, reintento en ${this.retryDelayMs} ms, ${this.maxAttempts} intentos)`);
    // #endregion handle
  }
}
