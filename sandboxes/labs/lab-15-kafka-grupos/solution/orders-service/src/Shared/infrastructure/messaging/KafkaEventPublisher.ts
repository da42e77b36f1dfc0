import { Kafka, Partitioners } from 'kafkajs';
import type { Producer } from 'kafkajs';
import type { EventPublisher, IntegrationEvent } from '../../domain/EventPublisher.ts';

const SOURCE = '/foodly/orders-service';

/** El sobre CloudEvents 1.0 en modo estructurado, el mismo que viajaba por RabbitMQ en el Lab 13. */
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

/** Adaptador de kafkajs del puerto EventPublisher: añade cada evento al tópico de pedidos. */
export class KafkaEventPublisher implements EventPublisher {
  private readonly kafka: Kafka;
  private readonly topic: string;
  private readonly partitions: number;
  private producer: Promise<Producer> | undefined;

  constructor(brokers: string[], topic: string, partitions: number) {
    this.kafka = new Kafka({ clientId: 'orders-service', brokers });
    this.topic = topic;
    this.partitions = partitions;
  }

  // #region create-topic
  /** Crea el tópico con sus particiones si no existe (createTopics responde false si ya estaba) y conecta el productor. */
  private connect(): Promise<Producer> {
    this.producer ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        await admin.createTopics({ topics: [{ topic: this.topic, numPartitions: this.partitions }] });
      } finally {
        await admin.disconnect();
      }
      // DefaultPartitioner: con clave, murmur2(clave) % particiones; sin clave, una partición tras otra.
      const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }
  // #endregion create-topic

  // #region publish
  async publish(event: IntegrationEvent): Promise<void> {
    const producer = await this.connect();
    const [metadata] = await producer.send({
      topic: this.topic,
      // La clave es el id del pedido: todos sus eventos caen en la misma partición y se leen en orden.
      messages: [{ key: event.subject, value: JSON.stringify(toCloudEvent(event)), headers: { 'content-type': 'application/cloudevents+json' } }],
    });
    console.log(`[kafka] ${event.type} del pedido ${event.subject} → ${this.topic}, partición ${metadata?.partition}, offset ${metadata?.baseOffset}`);
  }
  // #endregion publish
}
