// `amqplib` in the browser engine: the amqplib-compatible client (src/sandbox/infra/amqp) over a
// MessagePort to the lab's broker in the page. A lab that declares no RabbitMQ answers as a
// machine with none: connect() fails with ECONNREFUSED, like the real client.
import { createAmqplib, IllegalOperationError } from '../../../infra/amqp/client.ts';
import type { ClientFrame as AmqpClientFrame, ServerFrame as AmqpServerFrame } from '../../../infra/amqp/protocol.ts';
import { createPortLink } from '../../../infra/shared/transport.ts';
import { declares, dial } from './infrastructure-link.ts';

const amqplib = createAmqplib(() => {
  if (!declares('rabbitmq')) return null;
  const port = dial('rabbitmq');
  if (!port) return null;
  port.start();
  return createPortLink<AmqpClientFrame, AmqpServerFrame>(port);
});

export const { connect, credentials } = amqplib;
export { IllegalOperationError };
export default amqplib;
