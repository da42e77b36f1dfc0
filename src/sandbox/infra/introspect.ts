// What the "Infraestructura" panel shows of the brokers, read from the emulators' own state:
// RabbitMQ's exchanges, bindings, queues with ready/unacked counts, consumers and their DLQ (what
// `rabbitmqctl list_queues name messages_ready messages_unacknowledged` and the management UI
// show); Kafka's topics, group members, committed offsets and lag (what
// `kafka-consumer-groups.sh --describe` shows). Pure data in, plain data out: no DOM, no ports.
import type { InfrastructureSnapshot } from '../contract/capabilities.ts';
import type { AmqpBroker } from './amqp/broker.ts';
import type { KafkaCluster } from './kafka/cluster.ts';
import type { PgTableSnapshot } from './postgres/protocol.ts';

/** The service that opened a connection, from its link (set by whoever accepted the link). */
export type ServiceOfLink = (link: object) => string | undefined;

type AmqpView = NonNullable<InfrastructureSnapshot['rabbitmq']>;
type KafkaView = NonNullable<InfrastructureSnapshot['kafka']>;
type DatabaseView = NonNullable<InfrastructureSnapshot['postgres']>['databases'][number];

/** One database as the panel lists it: tables by name (schema-qualified outside `public`), NULL spelt out. */
export function introspectDatabase(name: string, owner: string, tables: PgTableSnapshot[]): DatabaseView {
  return {
    name,
    owner,
    tables: tables.map((table) => ({
      name: table.schema === 'public' ? table.table : `${table.schema}.${table.table}`,
      rowCount: table.rowCount,
      columns: table.columns,
      rows: table.rows.map((row) => row.map((value) => value ?? 'NULL')),
    })),
  };
}

export function introspectBroker(broker: AmqpBroker, serviceOf: ServiceOfLink = () => undefined): AmqpView {
  const exchanges = [...broker.exchanges.values()].map((exchange) => ({
    name: exchange.name,
    type: exchange.type,
    durable: exchange.durable,
    bindings: exchange.bindings.map((binding) => ({ destination: binding.destination.name, routingKey: binding.routingKey })),
  }));
  // Unacked deliveries live on channels (basic.get ones have no consumer): count them per queue.
  const unacked = new Map<string, number>();
  for (const connection of broker.connections) {
    for (const channel of connection.channels.values()) {
      for (const entry of channel.unacked.values()) unacked.set(entry.queue.name, (unacked.get(entry.queue.name) ?? 0) + 1);
    }
  }
  const queues = [...broker.queues.values()].map((queue) => {
    const dlx = queue.arguments['x-dead-letter-exchange'];
    const deadLetterExchange = typeof dlx === 'string' ? dlx : undefined;
    const deadLetterQueues = deadLetterExchange === undefined ? [] : deadLetterTargets(broker, deadLetterExchange, queue.arguments['x-dead-letter-routing-key']);
    return {
      name: queue.name,
      durable: queue.durable,
      ready: queue.ready.length - queue.head,
      unacked: unacked.get(queue.name) ?? 0,
      consumers: queue.consumers.length,
      consumerList: queue.consumers.map((consumer) => {
        const service = serviceOf(consumer.channel.connection.link);
        return { tag: consumer.tag, ...(service ? { service } : {}), unacked: consumer.unacked, prefetch: consumer.prefetch, paused: consumer.paused === true };
      }),
      ...(deadLetterExchange !== undefined ? { deadLetterExchange } : {}),
      deadLetterQueues,
    };
  });
  return { exchanges, queues, activity: broker.activity.slice().reverse() };
}

/** The queues a dead-letter exchange feeds (through any binding; the default exchange: the queue named by the key). */
function deadLetterTargets(broker: AmqpBroker, exchangeName: string, routingKey: unknown): string[] {
  if (exchangeName === '') return typeof routingKey === 'string' && broker.queues.has(routingKey) ? [routingKey] : [];
  const exchange = broker.exchanges.get(exchangeName);
  if (!exchange) return [];
  const names = new Set<string>();
  for (const binding of exchange.bindings) if (binding.destination.kind === 'queue') names.add(binding.destination.name);
  return [...names];
}

export function introspectCluster(cluster: KafkaCluster, serviceOf: ServiceOfLink = () => undefined): KafkaView {
  const topics = [...cluster.topics.values()].map((topic) => ({ name: topic.name, partitions: topic.partitions.map((log) => log.high) }));
  const groups = [...cluster.groups.values()].map((group) => {
    const members = [...group.members.values()].map((member) => {
      const service = serviceOf(member.session.link);
      return { id: member.id, clientId: member.clientId, ...(service ? { service } : {}), paused: member.paused === true, assignment: group.rebalancing ? {} : (group.assignments.get(member.id) ?? {}) };
    });
    // The partitions the group reads: its members' topics, and any it committed before.
    const subscribed = new Set<string>();
    for (const member of group.members.values()) for (const topic of member.topics) subscribed.add(topic);
    for (const key of group.committed.keys()) subscribed.add(key.slice(0, key.lastIndexOf(':')));
    const offsets: KafkaView['groups'][number]['offsets'] = [];
    for (const name of [...subscribed].sort()) {
      const topic = cluster.topics.get(name);
      if (!topic) continue;
      topic.partitions.forEach((log, partition) => {
        const committed = group.committed.get(`${name}:${partition}`) ?? null;
        // Without a commit, the group would start at the log's start (fromBeginning) or its end:
        // count from the start, the larger (the safe) figure.
        offsets.push({ topic: name, partition, committed, high: log.high, lag: log.high - (committed ?? log.low) });
      });
    }
    return { id: group.id, members, offsets };
  });
  return { topics, groups };
}
