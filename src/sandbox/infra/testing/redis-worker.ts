/**
 * Worker script for redis-browser.test.ts: a "service" that uses the sandbox's ioredis over the
 * MessagePort it is given. Role "subscriber" waits for one message; role "publisher" writes,
 * publishes and provokes a WRONGTYPE.
 */
import { connectInfrastructure, type PortLike } from '../port.ts';
import { createRedisClass } from '../redis/client.ts';

type Client = {
  subscribe(channel: string): Promise<number>;
  on(event: string, listener: (...args: string[]) => void): void;
  set(key: string, value: string, ...args: (string | number)[]): Promise<string | null>;
  get(key: string): Promise<string | null>;
  hget(key: string, field: string): Promise<string | null>;
  publish(channel: string, message: string): Promise<number>;
};

self.addEventListener('message', async (event: MessageEvent<{ port: MessagePort; role: 'subscriber' | 'publisher' }>) => {
  const Redis = createRedisClass(connectInfrastructure(event.data.port as unknown as PortLike).redis);
  const redis = new Redis() as unknown as Client;
  if (event.data.role === 'subscriber') {
    redis.on('message', (channel, message) => self.postMessage({ channel, message }));
    self.postMessage({ subscribed: await redis.subscribe('pedidos') });
    return;
  }
  const wrongType = await redis.hget('ultimo', 'x').catch((error: Error) => `${error.name}: ${error.message}`);
  self.postMessage({
    lock: [await redis.set('lock', 'a', 'PX', 1000, 'NX'), await redis.set('lock', 'b', 'PX', 1000, 'NX')],
    wrongType,
    receivers: await redis.publish('pedidos', 'creado'),
  });
});
