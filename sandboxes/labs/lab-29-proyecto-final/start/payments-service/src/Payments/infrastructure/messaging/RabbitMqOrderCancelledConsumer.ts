import amqp from 'amqplib';
import type { Channel, ConsumeMessage } from 'amqplib';
import { z } from 'zod';
import type { RefundOnOrderCancelled } from '../../application/RefundOnOrderCancelled.ts';

export const EXCHANGE = 'foodly.events';
/** La cola de payments: OrderCancelled, que orders-service publica desde su outbox. */
export const ORDER_CANCELLED_QUEUE = 'payments.order-cancelled';

const OrderCancelledMessage = z.object({
  id: z.string().min(1),
  type: z.literal('com.foodly.order.cancelled'),
  data: z.object({ orderId: z.string().min(1), reason: z.string().optional() }),
});

/** Adaptador de entrada: OrderCancelled de su propia cola (binding order.cancelled), uno a uno y con ack manual después de guardar. */
export class RabbitMqOrderCancelledConsumer {
  private readonly url: string;
  private readonly refunds: RefundOnOrderCancelled;

  constructor(url: string, refunds: RefundOnOrderCancelled) {
    this.url = url;
    this.refunds = refunds;
  }

  async start(): Promise<void> {
    const connection = await amqp.connect(this.url);
    const channel = await connection.createChannel();
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    await channel.assertQueue(ORDER_CANCELLED_QUEUE, { durable: true });
    await channel.bindQueue(ORDER_CANCELLED_QUEUE, EXCHANGE, 'order.cancelled');
    await channel.prefetch(1);
    await channel.consume(ORDER_CANCELLED_QUEUE, (message) => this.handle(channel, message), { noAck: false });
    console.log(`[rabbitmq] consumiendo ${ORDER_CANCELLED_QUEUE} (binding order.cancelled)`);
  }

  private async handle(channel: Channel, message: ConsumeMessage | null): Promise<void> {
    if (!message) return;
    let parsed: z.infer<typeof OrderCancelledMessage>;
    try {
      parsed = OrderCancelledMessage.parse(JSON.parse(message.content.toString('utf8')));
    } catch (error) {
      // Venenoso: reintentarlo no lo arreglará. Se descarta con un log (lab 14 enseña a mandarlo a una DLQ).
      console.warn(`[rabbitmq] OrderCancelled ilegible, se descarta: ${(error as Error).message}`);
      return channel.ack(message);
    }
    try {
      await this.refunds.on(parsed.data.orderId, message.properties.correlationId ?? parsed.id);
      channel.ack(message);
    } catch (error) {
      // Redis caído o lento: puede ser pasajero, se devuelve a la cola una vez.
      console.error(`no se pudo aplicar OrderCancelled al pedido ${parsed.data.orderId}: ${(error as Error).message}`);
      channel.nack(message, false, !message.fields.redelivered);
    }
  }
}
