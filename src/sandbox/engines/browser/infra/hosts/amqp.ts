// Vendor bundle `infra/amqp-host.js`: the lab's RabbitMQ, loaded by the page only for labs that declare it.
export { AmqpBroker } from '../../../../infra/amqp/broker.ts';
export { createPortLink } from '../../../../infra/shared/transport.ts';
