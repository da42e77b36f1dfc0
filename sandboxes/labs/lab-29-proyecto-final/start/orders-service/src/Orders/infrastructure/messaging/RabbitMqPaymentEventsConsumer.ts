import amqp from 'amqplib';
import type { Channel, ConsumeMessage } from 'amqplib';
import { z } from 'zod';
import type { OrderPlacementSaga } from '../../application/Place/OrderPlacementSaga.ts';

export const EXCHANGE = 'foodly.events';
/** La cola de orders: notifications tiene la suya para payment.captured, y cada una recibe su copia. */
export const PAYMENTS_QUEUE = 'orders.payments';

const PaymentMessage = z.object({
  id: z.string().min(1),
  type: z.enum(['com.foodly.payment.captured', 'com.foodly.payment.declined']),
  correlationid: z.string().optional(),
  data: z.object({ paymentId: z.string().min(1), orderId: z.string().min(1) }),
});

// #region payment-events-consumer
/**
 * Adaptador de entrada de la saga: PaymentCaptured y PaymentDeclined de su propia cola (bindings
 * payment.captured y payment.declined), con ack manual después de guardar. Uno a uno (prefetch 1):
 * dos eventos del mismo pedido no compiten por su versión.
 */
export class RabbitMqPaymentEventsConsumer {
  private readonly url: string;
  private readonly saga: OrderPlacementSaga;

  constructor(url: string, saga: OrderPlacementSaga) {
    this.url = url;
    this.saga = saga;
  }

  async start(): Promise<void> {
    const connection = await amqp.connect(this.url);
    const channel = await connection.createChannel();
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    await channel.assertQueue(PAYMENTS_QUEUE, { durable: true });
    await channel.bindQueue(PAYMENTS_QUEUE, EXCHANGE, 'payment.captured');
    await channel.bindQueue(PAYMENTS_QUEUE, EXCHANGE, 'payment.declined');
    await channel.prefetch(1);
    await channel.consume(PAYMENTS_QUEUE, (message) => this.handle(channel, message), { noAck: false });
    console.log(`[rabbitmq] consumiendo ${PAYMENTS_QUEUE} (bindings payment.captured y payment.declined)`);
  }

  private async handle(channel: Channel, message: ConsumeMessage | null): Promise<void> {
    if (!message) return;
    let parsed: z.infer<typeof PaymentMessage>;
    try {
      parsed = PaymentMessage.parse(JSON.parse(message.content.toString('utf8')));
    } catch (error) {
      // Venenoso: reintentarlo no lo arreglará. Se descarta con un log (lab 14 enseña a mandarlo a una DLQ).
      console.warn(`[rabbitmq] evento de pago ilegible, se descarta: ${(error as Error).message}`);
      return channel.ack(message);
    }
    const correlationId = parsed.correlationid ?? message.properties.correlationId ?? 'sin-correlación';
    const kind = parsed.type === 'com.foodly.payment.captured' ? 'captured' : 'declined';
    try {
      const result = await this.saga.onPayment({ kind, paymentId: parsed.data.paymentId, orderId: parsed.data.orderId, correlationId });
      // Un "no" del dominio (pedido que no existe, cancelado) no cambia por reintentar: se anota y se confirma.
      if (!result.ok) console.warn(`[${correlationId}] ${parsed.type} del pedido ${parsed.data.orderId} no se aplica: ${result.error.message}`);
      channel.ack(message);
    } catch (error) {
      // Un fallo técnico (la base de datos, products al liberar el stock, una escritura concurrente) puede ser pasajero: se reintenta una vez.
      console.error(`[${correlationId}] no se pudo aplicar ${parsed.type} al pedido ${parsed.data.orderId}: ${(error as Error).message}`);
      channel.nack(message, false, !message.fields.redelivered);
    }
  }
}
// #endregion payment-events-consumer
