import type { Kafka } from 'kafkajs';
import { CustomerOrdersProjection } from '../../application/CustomerOrdersProjection.ts';
import { parseOrderEvent } from './orderEventMessage.ts';

export type RebuildResult = ReturnType<CustomerOrdersProjection['snapshot']> & {
  groupId: string;
  eventsInTopic: number;
  eventsReplayed: number;
  complete: boolean;
};

/**
 * Reconstruye el modelo de lectura desde el log: un grupo de consumidores nuevo (sin offsets
 * confirmados) lee el tópico hasta el final que tenía al empezar y se va.
 */
export class KafkaReadModelRebuilder {
  private readonly kafka: Kafka;
  private readonly topic: string;
  private readonly groupPrefix: string;
  private readonly timeoutMs: number;

  constructor(options: { kafka: Kafka; topic: string; groupPrefix: string; timeoutMs: number }) {
    this.kafka = options.kafka;
    this.topic = options.topic;
    this.groupPrefix = options.groupPrefix;
    this.timeoutMs = options.timeoutMs;
  }

  async rebuild(): Promise<RebuildResult> {
    // Hasta dónde hay que leer: el high watermark de cada partición en este momento.
    const admin = this.kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(this.topic).finally(() => admin.disconnect());
    const pending = new Map(offsets.filter((o) => Number(o.high) > Number(o.low)).map((o) => [o.partition, Number(o.high)]));
    const eventsInTopic = offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);

    const projection = new CustomerOrdersProjection();
    const groupId = `${this.groupPrefix}-replay-${Date.now()}`;
    const consumer = this.kafka.consumer({ groupId });
    let replayed = 0;
    let caughtUp = () => {};
    const done = new Promise<void>((resolve) => (caughtUp = resolve));
    if (pending.size === 0) caughtUp();
    await consumer.connect();
    try {
      // #region replay
      // Un grupo nuevo no tiene offsets confirmados: empieza donde diga la suscripción.
      await consumer.subscribe({ topics: [this.topic] });
      // #endregion replay
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const offset = Number(message.offset);
          const high = pending.get(partition);
          if (high === undefined || offset >= high) return;
          const event = parseOrderEvent(message.value);
          if (event) projection.apply(event, { partition, offset });
          replayed++;
          if (offset + 1 >= high) pending.delete(partition);
          if (pending.size === 0) caughtUp();
        },
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.timeoutMs)))]);
      clearTimeout(timer);
    } finally {
      await consumer.disconnect();
    }
    const complete = pending.size === 0;
    console.log(`[reporting] grupo ${groupId}: ${replayed} de ${eventsInTopic} eventos releídos${complete ? '' : ` (sin llegar al final en ${this.timeoutMs} ms)`}`);
    return { groupId, eventsInTopic, eventsReplayed: replayed, complete, ...projection.snapshot() };
  }
}
