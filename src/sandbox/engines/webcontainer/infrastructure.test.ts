// Infrastructure in the WebContainer engine, on real Node 20 processes in a private network
// namespace (testing/process-container.ts: no RabbitMQ, Kafka or Redis server is reachable, as in a
// real WebContainer). Two services using amqplib, kafkajs and ioredis as lab code does: the engine
// runs the infrastructure host process inside the container and maps the imports to the shims.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebContainerDependencies } from '../../../../scripts/webcontainer-deps.ts';
import { hasChaos, hasInfrastructure } from '../../contract/index.ts';
import { infrastructureFixture } from '../../infra/node/testing/fixtures.ts';
import { canIsolateNetwork, findNode20, ProcessContainer } from './testing/process-container.ts';
import { WebContainerEngine } from './webcontainer-engine.ts';

const available = Boolean(findNode20()) && canIsolateNetwork();
if (!available && process.env.REQUIRE_PROCESS_CONTAINER) throw new Error('The process-backed WebContainer needs Node 20 (/usr/bin/node or NODE20_BINARY), util-linux script/unshare/nsenter and iproute2.');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!available)('infrastructure in the WebContainer engine on real Node 20', () => {
  let container: ProcessContainer;
  let engine: WebContainerEngine;
  const fixture = infrastructureFixture({ rabbitmq: true, kafka: true, redis: true });

  beforeAll(async () => {
    container = await ProcessContainer.create();
    engine = new WebContainerEngine({ container, dependencies: (await buildWebContainerDependencies()).tree as never, root: 'labs/infra-fixture' });
    await engine.mount(fixture.tree, fixture.services, { infrastructure: fixture.infrastructure });
  }, 180_000);
  afterAll(async () => {
    await engine?.dispose();
    container?.teardown();
  });

  const json = async (service: string, method: string, path: string) => {
    const response = await engine.request({ service, method, path });
    return { status: response.status, body: JSON.parse(response.text) as Record<string, unknown> };
  };
  const received = async () => (await json('consumer', 'GET', '/received')).body as { amqp: string[]; kafka: Array<{ id: string; partition: number }> };
  async function until(predicate: (value: Awaited<ReturnType<typeof received>>) => boolean) {
    const deadline = Date.now() + 20_000;
    let last = await received();
    while (!predicate(last) && Date.now() < deadline) {
      await sleep(200);
      last = await received();
    }
    return last;
  }

  it('gives the services AMQP_URL, KAFKA_BROKERS and REDIS_URL and starts them against the in-container host', { timeout: 120_000 }, async () => {
    await engine.start('producer');
    await engine.start('consumer');
    expect(engine.status('producer'), engine.logs('producer').join('\n')).toMatchObject({ state: 'running' });
    expect(engine.status('consumer'), engine.logs('consumer').join('\n')).toMatchObject({ state: 'running' });
  });

  it('carries an event from one service to the other through RabbitMQ (confirm + manual ack) and Kafka (keyed, consumer group)', { timeout: 60_000 }, async () => {
    const placed = await json('producer', 'POST', '/orders?id=o-1');
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    const seen = await until((r) => r.amqp.includes('o-1') && r.kafka.some((m) => m.id === 'o-1'));
    expect(seen.amqp).toEqual(['o-1']);
    expect(seen.kafka).toEqual([{ id: 'o-1', partition: placed.body.partition }]);
  });

  it('shares one Redis keyspace between services (SET EX on one, GET on the other)', { timeout: 30_000 }, async () => {
    const set = await json('producer', 'PUT', '/cache?key=menu&value=pizza');
    expect(set.body).toEqual({ ttl: 60 });
    expect((await json('consumer', 'GET', '/cache?key=menu')).body).toEqual({ value: 'pizza' });
    expect((await json('consumer', 'GET', '/cache?key=missing')).body).toEqual({ value: null });
  });

  it('keeps the durable queue and the group offsets while the consumer is down (the host outlives service restarts)', { timeout: 90_000 }, async () => {
    await engine.stop('consumer');
    expect((await json('producer', 'POST', '/orders?id=o-2')).status).toBe(202);
    await engine.start('consumer');
    expect(engine.status('consumer'), engine.logs('consumer').join('\n')).toMatchObject({ state: 'running' });
    // The queued message arrives after the restart; Kafka resumes from the group's committed offset
    // (o-1 is not consumed again).
    const seen = await until((r) => r.amqp.includes('o-2') && r.kafka.some((m) => m.id === 'o-2'));
    expect(seen.amqp).toEqual(['o-2']);
    expect(seen.kafka.map((m) => m.id)).toEqual(['o-2']);
  });

  it('shows what the servers hold (infrastructure capability) and empties them on reset, restarting the services', { timeout: 120_000 }, async () => {
    expect(hasInfrastructure(engine)).toBe(true);
    const before = await engine.infrastructureSnapshot();
    expect(before.declared).toEqual(['rabbitmq', 'kafka', 'redis']);
    expect(before.rabbitmq?.queues).toContainEqual(expect.objectContaining({ name: 'fixture.consumer', durable: true, ready: 0, unacked: 0, consumers: 1 }));
    expect(before.rabbitmq?.exchanges.find((exchange) => exchange.name === 'fixture.events')?.bindings).toEqual([{ destination: 'fixture.consumer', routingKey: 'order.*' }]);
    const orders = before.kafka?.topics.find((topic) => topic.name === 'fixture.orders');
    expect(orders?.partitions).toHaveLength(3);
    expect(orders!.partitions.reduce((sum, high) => sum + high, 0)).toBe(2);
    expect(before.redis?.keys.map((key) => key.key)).toEqual(['menu']);

    await engine.resetInfrastructure();
    expect(engine.status('producer'), engine.logs('producer').join('\n')).toMatchObject({ state: 'running' });
    expect(engine.status('consumer'), engine.logs('consumer').join('\n')).toMatchObject({ state: 'running' });
    const after = await engine.infrastructureSnapshot();
    expect(after.redis?.keys).toEqual([]);
    expect(after.kafka?.topics.find((topic) => topic.name === 'fixture.orders')?.partitions).toEqual([0, 0, 0]);
    expect((await json('consumer', 'GET', '/cache?key=menu')).body).toEqual({ value: null });
    // The services work against the fresh servers.
    expect((await json('producer', 'POST', '/orders?id=o-3')).status).toBe(202);
    const seen = await until((r) => r.amqp.includes('o-3') && r.kafka.some((m) => m.id === 'o-3'));
    expect(seen.kafka.map((m) => m.id)).toEqual(['o-3']);
  });

  it('tells a listener (the open panel) which server changed, and reads nothing once nobody listens', { timeout: 30_000 }, async () => {
    const heard: string[][] = [];
    const off = engine.onInfrastructureChange((kinds) => heard.push(kinds));
    // The first read is the baseline; a write after it is a change of Redis alone.
    await sleep(1_500);
    await json('producer', 'PUT', '/cache?key=listened&value=1');
    const deadline = Date.now() + 10_000;
    while (!heard.some((kinds) => kinds.includes('redis')) && Date.now() < deadline) await sleep(100);
    off();
    expect(heard.find((kinds) => kinds.includes('redis'))).toEqual(['redis']);
    const count = heard.length;
    await json('producer', 'PUT', '/cache?key=unheard&value=1');
    await sleep(2_500);
    expect(heard.length).toBe(count);
  });

  it('chaos: a paused consumer gets nothing (ready grows) until resumed; dropped connections and a crash look as in the browser engine', { timeout: 120_000 }, async () => {
    expect(hasChaos(engine)).toBe(true);
    const queue = async () => (await engine.infrastructureSnapshot()).rabbitmq!.queues.find((candidate) => candidate.name === 'fixture.consumer')!;
    const [consumer] = (await queue()).consumerList;
    // The host knows which service opened the connection (SANDBOX_SERVICE in the hello line).
    expect(consumer).toMatchObject({ service: 'consumer', paused: false });
    await engine.pauseConsumer({ kind: 'rabbitmq', consumerTag: consumer!.tag });
    expect((await json('producer', 'POST', '/orders?id=p-1')).status).toBe(202);
    await sleep(500);
    expect((await received()).amqp).not.toContain('p-1');
    expect(await queue()).toMatchObject({ ready: 1, consumerList: [expect.objectContaining({ paused: true })] });
    await engine.resumeConsumer({ kind: 'rabbitmq', consumerTag: consumer!.tag });
    expect((await until((r) => r.amqp.includes('p-1'))).amqp).toContain('p-1');
    await expect(engine.pauseConsumer({ kind: 'rabbitmq', consumerTag: 'nope' })).rejects.toThrow('No hay ningún consumidor con la etiqueta nope.');

    expect(await engine.dropConnections('producer', 'kafka')).toBeGreaterThan(0);
    expect(await engine.dropConnections('consumer', 'rabbitmq')).toBeGreaterThan(0);

    await engine.crashService('consumer');
    expect(engine.status('consumer')).toMatchObject({ state: 'crashed', reason: expect.stringContaining('caos') });
    await expect(engine.request({ service: 'consumer', method: 'GET', path: '/received' })).rejects.toThrow();
    await engine.start('consumer');
    expect(engine.status('consumer'), engine.logs('consumer').join('\n')).toMatchObject({ state: 'running' });
  });
});
