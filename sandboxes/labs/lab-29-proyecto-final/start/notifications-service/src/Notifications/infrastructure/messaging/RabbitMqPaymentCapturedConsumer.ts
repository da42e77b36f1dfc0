import amqp from 'amqplib';
import type { ConsumeMessage } from 'amqplib';
import { z } from 'zod';
import type { PaymentCapturedNotifier } from '../../application/PaymentCapturedNotifier.ts';

export const EXCHANGE = 'foodly.events';
export const PAYMENTS_QUEUE = 'notifications.payment-captured';

const PaymentCapturedMessage = z.object({
  id: z.string().min(1),
  type: z.literal('com.foodly.payment.captured'),
  correlationid: z.string().optional(),
  data: z.object({ orderId: z.string().min(1), customerEmail: z.email(), amount: z.number() }),
});

/** Adaptador de entrada: PaymentCaptured de su propia cola (binding payment.captured), con ack manual. */
export class RabbitMqPaymentCapturedConsumer {
  private readonly url: string;
  private readonly notifier: PaymentCapturedNotifier;

  constructor(url: string, notifier: PaymentCapturedNotifier) {
    this.url = url;
    this.notifier = notifier;
  }

  async start(): Promise<void> {
    const connection = await amqp.connect(this.url);
    const channel = await connection.createChannel();
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    await channel.assertQueue(PAYMENTS_QUEUE, { durable: true });
    await channel.bindQueue(PAYMENTS_QUEUE, EXCHANGE, 'payment.captured');
    await channel.prefetch(10);
    await channel.consume(
      PAYMENTS_QUEUE,
      async (message: ConsumeMessage | null) => {
        if (!message) return;
        let parsed: z.infer<typeof PaymentCapturedMessage>;
        try {
          parsed = PaymentCapturedMessage.parse(JSON.parse(message.content.toString('utf8')));
        } catch (error) {
          // Venenoso: reintentarlo no lo arreglará. Se descarta con un log (lab 14 enseña a mandarlo a una DLQ).
          console.warn(`[rabbitmq] PaymentCaptured ilegible, se descarta: ${(error as Error).message}`);
          return channel.ack(message);
        }
        await this.notifier.notify({
          eventId: parsed.id,
          correlationId: parsed.correlationid ?? message.properties.correlationId ?? 'sin-correlación',
          orderId: parsed.data.orderId,
          customerEmail: parsed.data.customerEmail,
          amount: parsed.data.amount,
        });
        channel.ack(message);
      },
      { noAck: false },
    );
    console.log(`[rabbitmq] consumiendo ${PAYMENTS_QUEUE} (binding payment.captured)`);
  }
}
