import amqp from 'amqplib';
import type { ConsumeMessage } from 'amqplib';
import { z } from 'zod';
import type { PaymentCapturedNotifier } from '../../application/PaymentCapturedNotifier.ts';
import type { PaymentRefundedNotifier } from '../../application/PaymentRefundedNotifier.ts';

export const EXCHANGE = 'foodly.events';
export const PAYMENTS_QUEUE = 'notifications.payments';

const PaymentData = z.object({ orderId: z.string().min(1), customerEmail: z.email(), amount: z.number() });
const PaymentMessage = z.object({
  id: z.string().min(1),
  type: z.enum(['com.foodly.payment.captured', 'com.foodly.payment.refunded']),
  correlationid: z.string().optional(),
  data: PaymentData,
});

/**
 * Adaptador de entrada: los eventos de payments que el cliente ve en vivo, de su propia cola (bindings
 * payment.captured y payment.refunded), con ack manual después de avisar. Cada tipo va a su caso de uso.
 */
export class RabbitMqPaymentEventsConsumer {
  private readonly url: string;
  private readonly captured: PaymentCapturedNotifier;
  private readonly refunded: PaymentRefundedNotifier;

  constructor(url: string, notifiers: { captured: PaymentCapturedNotifier; refunded: PaymentRefundedNotifier }) {
    this.url = url;
    this.captured = notifiers.captured;
    this.refunded = notifiers.refunded;
  }

  async start(): Promise<void> {
    const connection = await amqp.connect(this.url);
    const channel = await connection.createChannel();
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    await channel.assertQueue(PAYMENTS_QUEUE, { durable: true });
    await channel.bindQueue(PAYMENTS_QUEUE, EXCHANGE, 'payment.captured');
    await channel.bindQueue(PAYMENTS_QUEUE, EXCHANGE, 'payment.refunded');
    await channel.prefetch(10);
    await channel.consume(
      PAYMENTS_QUEUE,
      async (message: ConsumeMessage | null) => {
        if (!message) return;
        let parsed: z.infer<typeof PaymentMessage>;
        try {
          parsed = PaymentMessage.parse(JSON.parse(message.content.toString('utf8')));
        } catch (error) {
          // Venenoso: reintentarlo no lo arreglará. Se descarta con un log (lab 14 enseña a mandarlo a una DLQ).
          console.warn(`[rabbitmq] evento de pago ilegible, se descarta: ${(error as Error).message}`);
          return channel.ack(message);
        }
        const payment = {
          eventId: parsed.id,
          correlationId: parsed.correlationid ?? message.properties.correlationId ?? 'sin-correlación',
          orderId: parsed.data.orderId,
          customerEmail: parsed.data.customerEmail,
          amount: parsed.data.amount,
        };
        await (parsed.type === 'com.foodly.payment.captured' ? this.captured.notify(payment) : this.refunded.notify(payment));
        channel.ack(message);
      },
      { noAck: false },
    );
    console.log(`[rabbitmq] consumiendo ${PAYMENTS_QUEUE} (bindings payment.captured y payment.refunded)`);
  }
}
