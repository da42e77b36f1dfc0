import amqp from 'amqplib';
import type { Channel, ConsumeMessage } from 'amqplib';
import { z } from 'zod';
import type { MarkOrderPaidOnPaymentCaptured } from '../../application/Pay/MarkOrderPaidOnPaymentCaptured.ts';

export const EXCHANGE = 'foodly.events';
/** La cola de orders: notifications tiene la suya con el mismo binding, y cada una recibe su copia. */
export const PAYMENTS_QUEUE = 'orders.payment-captured';

const PaymentCapturedMessage = z.object({
  id: z.string().min(1),
  type: z.literal('com.foodly.payment.captured'),
  correlationid: z.string().optional(),
  data: z.object({ paymentId: z.string().min(1), orderId: z.string().min(1) }),
});

// #region payment-captured-consumer
/**
 * Adaptador de entrada: PaymentCaptured de su propia cola (binding payment.captured), con ack manual
 * después de guardar. Uno a uno (prefetch 1): dos cobros del mismo pedido no compiten por su versión.
 */
export class RabbitMqPaymentCapturedConsumer {
  private readonly url: string;
  private readonly markPaid: MarkOrderPaidOnPaymentCaptured;

  constructor(url: string, markPaid: MarkOrderPaidOnPaymentCaptured) {
    this.url = url;
    this.markPaid = markPaid;
  }

  async start(): Promise<void> {
    const connection = await amqp.connect(this.url);
    const channel = await connection.createChannel();
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    await channel.assertQueue(PAYMENTS_QUEUE, { durable: true });
    await channel.bindQueue(PAYMENTS_QUEUE, EXCHANGE, 'payment.captured');
    await channel.prefetch(1);
    await channel.consume(PAYMENTS_QUEUE, (message) => this.handle(channel, message), { noAck: false });
    console.log(`[rabbitmq] consumiendo ${PAYMENTS_QUEUE} (binding payment.captured)`);
  }

  private async handle(channel: Channel, message: ConsumeMessage | null): Promise<void> {
    if (!message) return;
    let parsed: z.infer<typeof PaymentCapturedMessage>;
    try {
      parsed = PaymentCapturedMessage.parse(JSON.parse(message.content.toString('utf8')));
    } catch (error) {
      // Venenoso: reintentarlo no lo arreglará. Se descarta con un log (lab 14 enseña a mandarlo a una DLQ).
      console.warn(`[rabbitmq] PaymentCaptured ilegible, se descarta: ${(error as Error).message}`);
      return channel.ack(message);
    }
    const correlationId = parsed.correlationid ?? message.properties.correlationId ?? 'sin-correlación';
    try {
      const result = await this.markPaid.run({ paymentId: parsed.data.paymentId, orderId: parsed.data.orderId, correlationId });
      // Un "no" del dominio (pedido que no existe, cancelado) no cambia por reintentar: se anota y se confirma.
      if (!result.ok) console.warn(`[${correlationId}] PaymentCaptured del pedido ${parsed.data.orderId} no se aplica: ${result.error.message}`);
      channel.ack(message);
    } catch (error) {
      // Un fallo técnico (el almacén, una escritura concurrente) puede ser pasajero: se reintenta una vez.
      console.error(`[${correlationId}] no se pudo anotar el pago del pedido ${parsed.data.orderId}: ${(error as Error).message}`);
      channel.nack(message, false, !message.fields.redelivered);
    }
  }
}
// #endregion payment-captured-consumer
