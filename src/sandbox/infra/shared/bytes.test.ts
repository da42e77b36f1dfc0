// Message bodies where no Buffer exists (a browser worker): MessageBytes must print like Buffer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { MessageBytes, toClientBytes } from './bytes.ts';
import { AmqpBroker } from '../amqp/broker.ts';
import { createAmqplib } from '../amqp/client.ts';
import { createInProcessLink } from './transport.ts';
import type { ClientFrame, ServerFrame } from '../amqp/protocol.ts';

describe('MessageBytes', () => {
  it('toString and JSON match Node Buffer for utf8, hex, base64 and latin1', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const ours = new MessageBytes(bytes);
        const node = Buffer.from(bytes);
        return (
          ours.toString() === node.toString() &&
          ours.toString('hex') === node.toString('hex') &&
          ours.toString('base64') === node.toString('base64') &&
          ours.toString('latin1') === node.toString('latin1') &&
          JSON.stringify(ours) === JSON.stringify(node)
        );
      }),
    );
  });
});

describe('without a global Buffer (browser worker)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('the amqplib shim accepts Uint8Array content and hands MessageBytes to consumers', async () => {
    const broker = new AmqpBroker();
    const { connect } = createAmqplib(() => {
      const { client, server } = createInProcessLink<ClientFrame, ServerFrame>();
      broker.accept(server);
      return client;
    });
    const connection = await connect('amqp://localhost');
    const channel = await connection.createChannel();
    await channel.assertQueue('orders', { durable: false });
    vi.stubGlobal('Buffer', undefined);
    expect(toClientBytes(new Uint8Array([104, 105]))).toBeInstanceOf(MessageBytes);
    channel.sendToQueue('orders', new TextEncoder().encode(JSON.stringify({ id: 7 })));
    const received = await new Promise<{ content: Uint8Array }>((resolve) => void channel.consume('orders', (message) => message && resolve(message)));
    expect(received.content).toBeInstanceOf(MessageBytes);
    expect(JSON.parse(received.content.toString())).toEqual({ id: 7 });
    expect(() => channel.sendToQueue('orders', 'text' as never)).toThrow('content is not a buffer');
    vi.unstubAllGlobals();
    await connection.close();
    broker.shutdown();
  });
});
