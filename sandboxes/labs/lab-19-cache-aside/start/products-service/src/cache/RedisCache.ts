import type { Redis } from 'ioredis';
import type { Cache } from './Cache.ts';

// Borra la clave solo si su valor es nuestro token: comprobar y borrar en un paso, dentro de Redis.
const UNLOCK_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Adaptador del puerto `Cache` sobre el cliente real `ioredis`. */
export class RedisCache implements Cache {
  private readonly redis: Redis;

  constructor(redis: Redis) {
    this.redis = redis;
  }

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  // #region redis-set
  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, value, 'EX', ttlSeconds);
  }
  // #endregion redis-set

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }

  // #region redis-lock
  async tryLock(key: string, ttlMs: number): Promise<string | null> {
    const token = crypto.randomUUID();
    // SET key token NX PX ttl: solo si no existe, y caduca solo aunque quien lo tomó se caiga.
    const taken = await this.redis.set(key, token, 'PX', ttlMs, 'NX');
    return taken === 'OK' ? token : null;
  }
  // #endregion redis-lock

  async unlock(key: string, token: string): Promise<void> {
    await this.redis.eval(UNLOCK_SCRIPT, 1, key, token);
  }
}
