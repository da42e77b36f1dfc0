// `ioredis` in the browser engine: the ioredis-compatible client (src/sandbox/infra/redis) whose
// commands run in the lab's RedisHost in the page (one keyspace and pub/sub bus for every service).
import { createRedisClass, ReplyError, type RedisChannel } from '../../../infra/redis/client.ts';
import { connectInfrastructure, type PortLike } from '../../../infra/port.ts';
import { declares, dial } from './infrastructure-link.ts';

/** The port opens on first use, so a service that imports ioredis but never connects costs nothing. */
function lazyChannel(): RedisChannel {
  let channel: RedisChannel | undefined;
  const open = (): RedisChannel => {
    if (channel) return channel;
    const port = declares('redis') ? dial('data') : null;
    channel = port
      ? connectInfrastructure(port as unknown as PortLike).redis
      : {
          // Like ioredis against a machine with no Redis: the command fails with the socket's error.
          request: async () => ({ ok: false, error: { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:6379' } }) as never,
          onEvent: () => () => undefined,
        };
    return channel;
  };
  return {
    request: (request) => open().request(request),
    onEvent: (listener) => open().onEvent(listener),
  };
}

const Redis = createRedisClass(lazyChannel());
export { Redis, ReplyError };
export default Redis;
