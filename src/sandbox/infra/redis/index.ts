/**
 * Redis for the sandbox: `RedisHost` (the lab's keyspace and pub/sub bus, backed by ioredis-mock)
 * and `createRedisClass` (the `ioredis` module services import, talking to the host over a
 * serialisable channel). See docs/ARCHITECTURE.md, "Infrastructure emulation".
 */
export { RedisHost } from './host.ts';
export { createRedisClass, ReplyError, type RedisChannel } from './client.ts';
export type { RedisKeySnapshot, RedisRequest, RedisResponse, RedisEvent } from './protocol.ts';
