// Benchmark of the emulated AMQP broker between two workers, the way the browser engine will run
// it: the broker in the main thread (the page), a publisher and a consumer each in a Worker,
// talking amqplib over MessagePorts (structured clone). Budgets (issue 14): publish→consume
// p50 ≤ 5 ms and ≥ 5,000 messages/s. `benchBrokers()` is exported for `npm run bench`;
// `node scripts/broker-bench.ts` prints the figures.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { AmqpBroker } from '../src/sandbox/infra/amqp/broker.ts';
import { createAmqplib } from '../src/sandbox/infra/amqp/client.ts';
import { createPortLink } from '../src/sandbox/infra/shared/transport.ts';
import type { ClientFrame, ServerFrame } from '../src/sandbox/infra/amqp/protocol.ts';

export interface BrokerBenchResult {
  latencyP50Ms: number;
  latencyP95Ms: number;
  throughputPerSecond: number;
}

const QUEUE = 'bench';
const LATENCY_MESSAGES = 500;
const THROUGHPUT_MESSAGES = 20_000;

type Role = 'publisher' | 'consumer';
type Command = { kind: 'latency' | 'throughput' };
type Report = { kind: 'ready' } | { kind: 'latencies'; values: number[] } | { kind: 'throughput'; perSecond: number } | { kind: 'published' };

const clock = () => performance.timeOrigin + performance.now();

async function runWorker(role: Role, port: MessagePort): Promise<void> {
  const { connect } = createAmqplib(() => createPortLink<ClientFrame, ServerFrame>(port));
  const connection = await connect('amqp://localhost');
  const channel = await connection.createChannel();
  await channel.assertQueue(QUEUE, { durable: false });
  const report = (message: Report) => parentPort!.postMessage(message);

  if (role === 'consumer') {
    await channel.prefetch(200);
    let mode: 'latency' | 'throughput' = 'latency';
    let latencies: number[] = [];
    let count = 0;
    let started = 0;
    await channel.consume(QUEUE, (message) => {
      if (!message) return;
      channel.ack(message);
      if (mode === 'latency') {
        latencies.push(clock() - Number(message.properties.timestamp));
        if (latencies.length === LATENCY_MESSAGES) {
          report({ kind: 'latencies', values: latencies });
          latencies = [];
          mode = 'throughput';
        }
      } else {
        if (count === 0) started = clock();
        if (++count === THROUGHPUT_MESSAGES) report({ kind: 'throughput', perSecond: (THROUGHPUT_MESSAGES - 1) / ((clock() - started) / 1000) });
      }
    });
    report({ kind: 'ready' });
    return;
  }

  parentPort!.on('message', async (command: Command) => {
    if (command.kind === 'latency') {
      for (let i = 0; i < LATENCY_MESSAGES; i++) {
        // One message at a time, spaced: the latency of a lone message, not of a queue backlog.
        channel.sendToQueue(QUEUE, Buffer.from(JSON.stringify({ orderId: i, total: 12.5 })), { timestamp: clock() as never });
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    } else {
      const body = Buffer.from(JSON.stringify({ orderId: 1, items: [{ sku: 'pizza', qty: 2 }], total: 25 }));
      for (let i = 0; i < THROUGHPUT_MESSAGES; i++) {
        channel.sendToQueue(QUEUE, body, { persistent: true });
        // Yield now and then, as a service handling requests would.
        if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    report({ kind: 'published' });
  });
  report({ kind: 'ready' });
}

export async function benchBrokers(): Promise<BrokerBenchResult> {
  const broker = new AmqpBroker();
  const start = (role: Role) => {
    const { port1, port2 } = new MessageChannel();
    broker.accept(createPortLink<ServerFrame, ClientFrame>(port1));
    const worker = new Worker(new URL(import.meta.url), { workerData: { role, port: port2 }, transferList: [port2 as never] });
    const reports: Report[] = [];
    const waiters: Array<(report: Report) => void> = [];
    worker.on('message', (report: Report) => {
      const waiter = waiters.shift();
      if (waiter) waiter(report);
      else reports.push(report);
    });
    worker.on('error', (error) => {
      throw error;
    });
    const next = () => new Promise<Report>((resolve) => (reports.length > 0 ? resolve(reports.shift()!) : waiters.push(resolve)));
    return { worker, next, port: port1 };
  };
  const consumer = start('consumer');
  const publisher = start('publisher');
  await consumer.next();
  await publisher.next();

  publisher.worker.postMessage({ kind: 'latency' } satisfies Command);
  const latencies = ((await consumer.next()) as Extract<Report, { kind: 'latencies' }>).values.sort((a, b) => a - b);
  await publisher.next();
  publisher.worker.postMessage({ kind: 'throughput' } satisfies Command);
  const throughput = (await consumer.next()) as Extract<Report, { kind: 'throughput' }>;

  await publisher.worker.terminate();
  await consumer.worker.terminate();
  consumer.port.close();
  publisher.port.close();
  broker.shutdown();
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return { latencyP50Ms: percentile(50), latencyP95Ms: percentile(95), throughputPerSecond: throughput.perSecond };
}

if (!isMainThread) {
  const { role, port } = workerData as { role: Role; port: MessagePort };
  await runWorker(role, port);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchBrokers();
  console.log(`AMQP broker, two workers over MessagePort:`);
  console.log(`  publish→consume latency p50 ${result.latencyP50Ms.toFixed(2)} ms (budget ≤ 5), p95 ${result.latencyP95Ms.toFixed(2)} ms`);
  console.log(`  throughput ${Math.round(result.throughputPerSecond)} messages/s (budget ≥ 5,000)`);
}
