// The amqplib contract (contract.ts), twice: the real amqplib against the RabbitMQ this machine
// and CI run (127.0.0.1:5672, guest/guest; override with AMQP_URL), and the sandbox's amqplib
// shim against the emulated broker, once in-process and once over real MessagePorts (what the
// browser engine uses between a service worker and the page, structured clone included).
// A RabbitMQ that is not running fails the first suite: the emulation is only trustworthy while
// both agree.
import amqplib from 'amqplib';
import { afterAll } from 'vitest';
import { AmqpBroker } from './broker.ts';
import { createAmqplib } from './client.ts';
import { createInProcessLink, createPortLink } from '../shared/transport.ts';
import type { ClientFrame, ServerFrame } from './protocol.ts';
import { defineAmqpContract } from './contract.ts';

defineAmqpContract('real amqplib + RabbitMQ', () => ({
  amqp: amqplib,
  url: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
}));

const broker = new AmqpBroker();
const shim = createAmqplib(() => {
  const { client, server } = createInProcessLink<ClientFrame, ServerFrame>();
  broker.accept(server);
  return client;
});
const ports: MessagePort[] = [];
const overPorts = createAmqplib(() => {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  broker.accept(createPortLink<ServerFrame, ClientFrame>(port2));
  return createPortLink<ClientFrame, ServerFrame>(port1);
});
afterAll(() => {
  broker.shutdown();
  for (const port of ports) port.close();
});

defineAmqpContract('sandbox shim + emulated broker', () => ({
  amqp: shim as unknown as Pick<typeof amqplib, 'connect'>,
  url: 'amqp://guest:guest@localhost:5672',
}));

defineAmqpContract('sandbox shim + emulated broker over MessagePort', () => ({
  amqp: overPorts as unknown as Pick<typeof amqplib, 'connect'>,
  url: 'amqp://guest:guest@localhost:5672',
}));
