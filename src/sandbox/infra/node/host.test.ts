// The infrastructure host over TCP (what the WebContainer engine runs inside the container and the
// Node runner runs for Kafka): messages keep their bytes, undefined and dates across the socket, and
// a client whose socket dies is a client whose process died (unacked messages come back redelivered).
import { connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAmqplib } from '../amqp/client.ts';
import { createKafkajs } from '../kafka/client.ts';
import { createPortLink } from '../shared/transport.ts';
import { startInfrastructureHost, type InfrastructureHost } from './host.ts';
import { socketPort } from './socket-port.ts';

let host: InfrastructureHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/** What link.ts's dial does, with the socket kept so a test can kill it. */
function dialer(port: number, kind: 'rabbitmq' | 'kafka', sockets: Socket[] = []) {
  return () => {
    const socket = connect({ host: '127.0.0.1', port });
    sockets.push(socket);
    socket.write(`${JSON.stringify({ dial: kind })}\n`);
    return createPortLink<never, never>(socketPort(socket));
  };
}

describe('socketPort', () => {
  it('carries Uint8Array, undefined and Date as structured clone would, and signals the close in-band', async () => {
    const received: unknown[] = [];
    const server = createServer((socket) => socketPort(socket).addEventListener('message', ({ data }) => received.push(data)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    const client = socketPort(connect({ host: '127.0.0.1', port: address.port }));
    client.postMessage([{ body: new Uint8Array([0, 255, 10]), nothing: undefined, list: [1, undefined], at: new Date(5) }]);
    client.close();
    const deadline = Date.now() + 5_000;
    while (received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    server.close();
    const [frames, closed] = received as [Array<Record<string, unknown>>, unknown];
    expect(frames[0]!.body).toBeInstanceOf(Uint8Array);
    expect([...(frames[0]!.body as Uint8Array)]).toEqual([0, 255, 10]);
    expect('nothing' in frames[0]!).toBe(false);
    expect(frames[0]!.list).toEqual([1, undefined]);
    expect(frames[0]!.at).toEqual(new Date(5));
    expect(closed).toEqual({ $close: true });
  });
});

describe('startInfrastructureHost', () => {
  it('serves amqplib over TCP, and requeues the unacked message of a client whose socket died', { timeout: 20_000 }, async () => {
    host = await startInfrastructureHost({ kinds: ['rabbitmq'] });
    const sockets: Socket[] = [];
    const dying = createAmqplib(dialer(host.port, 'rabbitmq', sockets));
    const survivor = createAmqplib(dialer(host.port, 'rabbitmq'));

    // As with amqplib, a connection that closes unexpectedly emits 'error': the test listens.
    const quiet = <T extends { on(event: 'error', listener: () => void): unknown }>(connection: T) => (connection.on('error', () => undefined), connection);
    const first = await quiet(await dying.connect('amqp://localhost')).createChannel();
    await first.assertQueue('jobs', { durable: true });
    first.sendToQueue('jobs', Buffer.from('job-1'));
    const taken = await new Promise<string>((resolve) => void first.consume('jobs', (message) => message && resolve(message.content.toString())));
    expect(taken).toBe('job-1');
    sockets[0]!.destroy(); // the process died before ack

    const second = await quiet(await survivor.connect('amqp://localhost')).createChannel();
    const again = await new Promise<{ text: string; redelivered: boolean }>(
      (resolve) => void second.consume('jobs', (message) => message && resolve({ text: message.content.toString(), redelivered: message.fields.redelivered })),
    );
    expect(again).toEqual({ text: 'job-1', redelivered: true });
  });

  it('serves kafkajs over TCP and answers ECONNREFUSED-like errors for kinds it does not host', { timeout: 20_000 }, async () => {
    host = await startInfrastructureHost({ kinds: ['kafka'] });
    const { Kafka } = createKafkajs(dialer(host.port, 'kafka'));
    const kafka = new Kafka({ clientId: 'test', brokers: ['localhost:9092'] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 't', messages: [{ key: 'k', value: 'v' }] });
    await producer.disconnect();
    expect(host.cluster!.topics.get('t')!.partitions[0]!.high).toBe(1);

    // No broker on this host: the connection is closed, as by a port nobody serves.
    const amqp = createAmqplib(dialer(host.port, 'rabbitmq'));
    await expect(
      (async () => {
        const connection = await amqp.connect('amqp://localhost');
        connection.on('error', () => undefined);
        return connection.createChannel();
      })(),
    ).rejects.toThrow();
  });
});
