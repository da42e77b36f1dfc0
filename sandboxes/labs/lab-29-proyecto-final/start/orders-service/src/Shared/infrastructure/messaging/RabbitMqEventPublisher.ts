import amqp from 'amqplib';
import type { ConfirmChannel } from 'amqplib';
import type { EventPublisher, IntegrationEvent } from '../../domain/EventPublisher.ts';

export const EXCHANGE = 'foodly.events';
const SOURCE = '/foodly/orders-service';

// #region cloud-event
/** El sobre CloudEvents 1.0 en modo estructurado: atributos de contexto y, dentro, los datos. */
export function toCloudEvent(event: IntegrationEvent) {
  return {
    specversion: '1.0',
    id: event.id,
    source: SOURCE,
    type: event.type,
    subject: event.subject,
    time: event.occurredOn,
    datacontenttype: 'application/json',
    data: event.data,
  };
}

/** com.foodly.order.placed → order.placed: la clave de enrutamiento con la que el exchange topic elige colas. */
export const routingKeyOf = (type: string) => type.replace(/^com\.foodly\./, '');
// #endregion cloud-event

/** Adaptador de amqplib del puerto EventPublisher: publica en el exchange topic foodly.events. */
export class RabbitMqEventPublisher implements EventPublisher {
  private readonly url: string;
  private channel: Promise<ConfirmChannel> | undefined;
  /** El último evento publicado, para simular el reintento de un publicador (POST /_simulate/messages/republish-last). */
  private last: { routingKey: string; content: string; messageId: string } | undefined;

  constructor(url: string) {
    this.url = url;
  }

  // #region connect
  /** Conecta la primera vez que hace falta y reutiliza el canal; si se cierra, la próxima vez reconecta. */
  private connect(): Promise<ConfirmChannel> {
    this.channel ??= (async () => {
      const connection = await amqp.connect(this.url);
      connection.on('close', () => (this.channel = undefined));
      connection.on('error', (error: Error) => console.error('[rabbitmq] conexión cerrada:', error.message));
      const channel = await connection.createConfirmChannel();
      await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
      // mandatory: true hace que el broker devuelva lo que no encaja con ningún binding, en vez de tirarlo en silencio.
      channel.on('return', (message) => {
        console.warn(`[rabbitmq] nadie recibió ${message.fields.routingKey} (${message.properties.messageId}): ninguna cola enlazada a ${EXCHANGE} con esa clave; el mensaje se descarta`);
      });
      return channel;
    })().catch((error: unknown) => {
      this.channel = undefined;
      throw error;
    });
    return this.channel;
  }
  // #endregion connect

  // #region publish
  async publish(event: IntegrationEvent): Promise<void> {
    const channel = await this.connect();
    const routingKey = routingKeyOf(event.type);
    const content = JSON.stringify(toCloudEvent(event));
    await this.send(channel, routingKey, content, event.id, event.type);
    // La simulación de duplicados repite el último OrderPlaced (el que consume notifications).
    if (routingKey === 'order.placed') this.last = { routingKey, content, messageId: event.id };
    console.log(`[rabbitmq] publicado ${event.type} ${event.id} en ${EXCHANGE} con clave ${routingKey}`);
  }
  // #endregion publish

  private async send(channel: ConfirmChannel, routingKey: string, content: string, messageId: string, type: string): Promise<void> {
    channel.publish(EXCHANGE, routingKey, Buffer.from(content), {
      contentType: 'application/cloudevents+json',
      messageId,
      type,
      appId: 'orders-service',
      persistent: true,
      mandatory: true,
    });
    // Resuelve cuando el broker se hace cargo (basic.ack); si lo rechaza (basic.nack), lanza.
    await channel.waitForConfirms();
  }

  /**
   * Simulación: publica otra vez el último evento, con el mismo id. Es lo que hace un publicador que
   * no recibió la confirmación (se cortó la red) y reintenta: el broker ya lo tenía, llega dos veces.
   */
  async republishLast(): Promise<string | undefined> {
    if (!this.last) return undefined;
    await this.send(await this.connect(), this.last.routingKey, this.last.content, this.last.messageId, 'com.foodly.order.placed');
    console.log(`[simulación] ${this.last.messageId} publicado otra vez (reintento del publicador)`);
    return this.last.messageId;
  }

  /** Simulación: un OrderPlaced que ningún consumidor puede procesar (un productor con un bug: total es texto). */
  async publishPoison(): Promise<string> {
    const id = crypto.randomUUID();
    const orderId = crypto.randomUUID();
    const poison = toCloudEvent({ id, type: 'com.foodly.order.placed', subject: orderId, occurredOn: new Date().toISOString(), data: { orderId, customerEmail: 'ana@foodly.test', total: 'veintidós euros' } });
    await this.send(await this.connect(), 'order.placed', JSON.stringify(poison), id, 'com.foodly.order.placed');
    console.log(`[simulación] mensaje venenoso ${id} publicado (total no es un número)`);
    return id;
  }
}
