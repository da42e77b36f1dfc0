// What the "Infraestructura" panel shows of a broker and a cluster, as plain data. Shared by the
// browser engine's LabInfrastructure and the Node infrastructure host (WebContainer engine).
import type { InfrastructureSnapshot } from '../contract/capabilities.ts';
import type { AmqpBroker } from './amqp/broker.ts';
import type { KafkaCluster } from './kafka/cluster.ts';

export function brokerSnapshot(broker: AmqpBroker): NonNullable<InfrastructureSnapshot['rabbitmq']> {
  const name = (destination: { name: string }) => destination.name;
  return {
    exchanges: [...broker.exchanges.values()].map((exchange) => ({
      name: exchange.name,
      type: exchange.type,
      durable: exchange.durable,
      bindings: exchange.bindings.map((binding) => ({ destination: name(binding.destination), routingKey: binding.routingKey })),
    })),
    queues: [...broker.queues.values()].map((queue) => ({
      name: queue.name,
      durable: queue.durable,
      ready: queue.ready.length - queue.head,
      consumers: queue.consumers.length,
    })),
  };
}

export function clusterSnapshot(cluster: KafkaCluster): NonNullable<InfrastructureSnapshot['kafka']> {
  return { topics: [...cluster.topics.values()].map((topic) => ({ name: topic.name, partitions: topic.partitions.map((log) => log.high) })) };
}
