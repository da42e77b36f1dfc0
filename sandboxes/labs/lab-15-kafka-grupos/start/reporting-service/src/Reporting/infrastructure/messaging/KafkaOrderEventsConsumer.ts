import type { Consumer, Kafka } from 'kafkajs';
import type { CustomerOrdersProjection } from '../../application/CustomerOrdersProjection.ts';
import { parseOrderEvent } from './orderEventMessage.ts';

export type ConsumerStatus = { groupId: string; memberId: string | null; partitions: number[]; eventsProcessed: number };

/** El consumidor en vivo: un miembro del grupo GROUP_ID que aplica a la proyección los eventos de sus particiones. */
export class KafkaOrderEventsConsumer {
  private readonly kafka: Kafka;
  private readonly topic: string;
  private readonly groupId: string;
  private readonly replicaId: string;
  private readonly projection: CustomerOrdersProjection;
  private consumer: Consumer | undefined;
  private memberId: string | null = null;
  private partitions: number[] = [];

  constructor(options: { kafka: Kafka; topic: string; groupId: string; replicaId: string; projection: CustomerOrdersProjection }) {
    this.kafka = options.kafka;
    this.topic = options.topic;
    this.groupId = options.groupId;
    this.replicaId = options.replicaId;
    this.projection = options.projection;
  }

  status(): ConsumerStatus {
    return { groupId: this.groupId, memberId: this.memberId, partitions: [...this.partitions], eventsProcessed: this.projection.eventsApplied };
  }

  // #region group-consumer
  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId });
    this.consumer = consumer;
    // Cada reparto (al entrar o salir un miembro del grupo) dice qué particiones son nuestras.
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.memberId = payload.memberId;
      this.partitions = [...(payload.memberAssignment[this.topic] ?? [])].sort((a, b) => a - b);
      console.log(`[${this.replicaId}] grupo ${this.groupId}: me tocan las particiones [${this.partitions.join(', ')}] de ${this.topic}`);
    });
    await consumer.connect();
    // fromBeginning solo cuenta la primera vez que el grupo lee el tópico: después manda el offset confirmado.
    await consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const event = parseOrderEvent(message.value);
        if (!event) {
          console.warn(`[${this.replicaId}] partición ${partition}, offset ${message.offset}: mensaje que no es un evento de pedido; se ignora`);
          return;
        }
        this.projection.apply(event, { partition, offset: Number(message.offset) });
        console.log(`[${this.replicaId}] partición ${partition}, offset ${message.offset}: ${event.type.replace('com.foodly.', '')} del pedido ${event.orderId}`);
      },
    });
  }
  // #endregion group-consumer

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
