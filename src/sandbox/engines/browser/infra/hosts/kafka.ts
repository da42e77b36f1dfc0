// Vendor bundle `infra/kafka-host.js`: the lab's Kafka, loaded by the page only for labs that declare it.
export { KafkaCluster } from '../../../../infra/kafka/cluster.ts';
export { createPortLink } from '../../../../infra/shared/transport.ts';
