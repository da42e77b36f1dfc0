import amqp from 'amqplib';
import type { ConfirmChannel } from 'amqplib';
import type { Payment } from '../../domain/Payment.ts';
import type { PaymentEvents } from '../../domain/PaymentEvents.ts';

export const EXCHANGE = 'foodly.events';

/**
 * PaymentCaptured, PaymentDeclined y PaymentRefunded por el exchange topic foodly.events (claves
 * payment.captured, payment.declined y payment.refunded), en un sobre CloudEvents como el OrderPlaced
 * de orders-service. correlationid es una extensión de CloudEvents: el id de la petición que entró por
 * el gateway llega así hasta el mensaje del WebSocket.
 */
export class RabbitMqPaymentEvents implements PaymentEvents {
  private readonly url: string;
  private channel: Promise<ConfirmChannel> | undefined;

  constructor(url: string) {
    this.url = url;
  }

  private connect(): Promise<ConfirmChannel> {
    this.channel ??= (async () => {
      const connection = await amqp.connect(this.url);
      connection.on('close', () => (this.channel = undefined));
      connection.on('error', (error: Error) => console.error('[rabbitmq] conexión cerrada:', error.message));
      const channel = await connection.createConfirmChannel();
      await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
      return channel;
    })().catch((error: unknown) => {
      this.channel = undefined;
      throw error;
    });
    return this.channel;
  }

  captured(payment: Payment, correlationId: string): Promise<void> {
    return this.publish('payment.captured', payment, correlationId);
  }

  declined(payment: Payment, correlationId: string): Promise<void> {
    return this.publish('payment.declined', payment, correlationId);
  }

  /**
   * Una devolución se publica otra vez si OrderCancelled vuelve a llegar (el primer intento pudo quedarse
   * sin broker después de anotarla): siempre con el mismo id, refund-<id del cobro>, así quien ya la
   * procesó la reconoce como repetida (CloudEvents: mismo source e id, mismo evento).
   */
  refunded(payment: Payment, correlationId: string): Promise<void> {
    return this.publish('payment.refunded', payment, correlationId, `refund-${payment.id}`);
  }

  private async publish(routingKey: 'payment.captured' | 'payment.declined' | 'payment.refunded', payment: Payment, correlationId: string, id: string = crypto.randomUUID()): Promise<void> {
    const channel = await this.connect();
    const event = {
      specversion: '1.0',
      id,
      source: '/foodly/payments-service',
      type: `com.foodly.${routingKey}`,
      subject: payment.orderId,
      time: payment.createdAt,
      datacontenttype: 'application/json',
      correlationid: correlationId,
      data: { paymentId: payment.id, orderId: payment.orderId, customerEmail: payment.customerEmail, amount: payment.amount, currency: payment.currency },
    };
    channel.publish(EXCHANGE, routingKey, Buffer.from(JSON.stringify(event)), {
      contentType: 'application/cloudevents+json',
      messageId: event.id,
      type: event.type,
      correlationId,
      appId: 'payments-service',
      persistent: true,
    });
    await channel.waitForConfirms();
    console.log(`[${correlationId}] publicado ${event.type} del pedido ${payment.orderId} (${payment.amount} EUR)`);
  }
}

/** Sin broker (tests, un portátil sin Docker): el evento se queda en el log. */
export class ConsolePaymentEvents implements PaymentEvents {
  async captured(payment: Payment, correlationId: string): Promise<void> {
    console.log(`[${correlationId}] (sin broker) PaymentCaptured del pedido ${payment.orderId}`);
  }

  async declined(payment: Payment, correlationId: string): Promise<void> {
    console.log(`[${correlationId}] (sin broker) PaymentDeclined del pedido ${payment.orderId}`);
  }

  async refunded(payment: Payment, correlationId: string): Promise<void> {
    console.log(`[${correlationId}] (sin broker) PaymentRefunded del pedido ${payment.orderId}`);
  }
}
