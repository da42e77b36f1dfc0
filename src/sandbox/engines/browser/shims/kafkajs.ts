// `kafkajs` in the browser engine: the kafkajs-compatible client (src/sandbox/infra/kafka) over a
// MessagePort to the lab's cluster in the page. Without a declared Kafka, brokers refuse.
import { createKafkajs } from '../../../infra/kafka/client.ts';
import type { KafkaClientFrame, KafkaServerFrame } from '../../../infra/kafka/protocol.ts';
import { createPortLink } from '../../../infra/shared/transport.ts';
import { declares, dial } from './infrastructure-link.ts';

const kafkajs = createKafkajs(() => {
  if (!declares('kafka')) return null;
  const port = dial('kafka');
  if (!port) return null;
  port.start();
  return createPortLink<KafkaClientFrame, KafkaServerFrame>(port);
});

export const { Kafka, Partitioners, logLevel, CompressionTypes, KafkaJSError, KafkaJSNonRetriableError, KafkaJSProtocolError, KafkaJSConnectionError } = kafkajs;
export default kafkajs;
