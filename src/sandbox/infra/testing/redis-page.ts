/** Page script for redis-browser.test.ts: the lab's RedisHost serving two service workers. */
import { createInfrastructureServer, type PortLike } from '../port.ts';
import { RedisHost } from '../redis/host.ts';

function startWorker(server: ReturnType<typeof createInfrastructureServer>, role: string) {
  const { port1, port2 } = new MessageChannel();
  server.connect(port1 as unknown as PortLike);
  const worker = new Worker('/worker.js', { type: 'module' });
  const messages: unknown[] = [];
  const next = () =>
    new Promise<unknown>((resolve) => {
      const take = () => (messages.length > 0 ? resolve(messages.shift()) : setTimeout(take, 10));
      take();
    });
  worker.addEventListener('message', (event) => messages.push(event.data));
  worker.addEventListener('error', (event) => messages.push({ failure: event.message }));
  worker.postMessage({ port: port2, role }, [port2]);
  return { next, worker };
}

Object.assign(globalThis, {
  async runServices(): Promise<unknown> {
    const host = new RedisHost('browser-test');
    const server = createInfrastructureServer({ redis: host });
    await host.handle({ op: 'connect', clientId: 'page', options: {} });
    await host.handle({ op: 'command', clientId: 'page', name: 'set', args: ['ultimo', '42', 'EX', '60'] });
    const subscriber = startWorker(server, 'subscriber');
    const subscribed = await subscriber.next();
    const publisher = startWorker(server, 'publisher');
    const published = await publisher.next();
    const delivered = await subscriber.next();
    subscriber.worker.terminate();
    publisher.worker.terminate();
    return { subscribed, published, delivered, snapshot: await host.snapshot() };
  },
});
