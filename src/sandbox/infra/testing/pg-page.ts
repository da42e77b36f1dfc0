/** Page script for pg-browser.test.ts: the lab's PostgresHost, serving a service worker over a port. */
import { PostgresHost } from '../postgres/host.ts';
import { createInfrastructureServer, type PortLike } from '../port.ts';

Object.assign(globalThis, {
  async runService(): Promise<unknown> {
    const host = new PostgresHost({ databases: ['orders'] });
    await host.prepare('orders');
    const server = createInfrastructureServer({ postgres: host });
    const { port1, port2 } = new MessageChannel();
    server.connect(port1 as unknown as PortLike);
    const worker = new Worker('/worker.js', { type: 'module' });
    const report = new Promise((resolve) => {
      worker.addEventListener('message', (event) => resolve(event.data));
      worker.addEventListener('error', (event) => resolve({ failure: `worker error: ${event.message}` }));
    });
    worker.postMessage({ port: port2 }, [port2]);
    const result = await report;
    worker.terminate();
    await server.disconnect(port1 as unknown as PortLike);
    await host.close();
    return result;
  },
});
