// The Kafka pieces a sandbox engine plugs in: one KafkaCluster per lab (in the page), and per
// service worker the `kafkajs` module built by createKafkajs over a link to it.
export { KafkaCluster, type KafkaClusterOptions } from './cluster.ts';
export { createKafkajs, type KafkaDialer, KafkaJSError, KafkaJSNonRetriableError, KafkaJSProtocolError, KafkaJSConnectionError } from './client.ts';
export { murmur2, createDefaultPartitioner } from './partitioner.ts';
export type { KafkaClientFrame, KafkaServerFrame } from './protocol.ts';
