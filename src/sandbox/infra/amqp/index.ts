// The AMQP pieces a sandbox engine plugs in: one AmqpBroker per lab (in the page, shared by every
// service), and per service worker the `amqplib` module built by createAmqplib over a link to it.
export { AmqpBroker, type BrokerOptions } from './broker.ts';
export { createAmqplib, IllegalOperationError, Channel, ConfirmChannel, ChannelModel, type AmqpDialer } from './client.ts';
export type { ClientFrame as AmqpClientFrame, ServerFrame as AmqpServerFrame } from './protocol.ts';
