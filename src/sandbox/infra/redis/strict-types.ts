/**
 * ioredis-mock runs commands against the wrong kind of value without complaint (HGET on a string
 * returns null, INCR on "x" stores NaN, SADD on a string throws a TypeError). A real server answers
 * WRONGTYPE or "value is not an integer", and labs teach those errors, so the host checks them
 * before delegating. The contract suite (redis.contract.test.ts) compares each case with a server.
 */

export class ReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplyError';
  }
}

export const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
export const NOT_INTEGER = 'ERR value is not an integer or out of range';
const NOT_FLOAT = 'ERR value is not a valid float';
const HASH_NOT_INTEGER = 'ERR hash value is not an integer';

type KeyType = 'string' | 'hash' | 'list' | 'set' | 'zset';

const expectedTypeByCommand: Record<string, KeyType> = {};
function expect(type: KeyType, names: string): void {
  for (const name of names.split(' ')) expectedTypeByCommand[name] = type;
}
expect('string', 'get getset getdel getex append strlen incr incrby incrbyfloat decr decrby setrange getrange');
expect(
  'hash',
  'hset hsetnx hget hmget hmset hgetall hdel hexists hincrby hincrbyfloat hkeys hvals hlen hstrlen hscan hrandfield',
);
expect('list', 'lpush rpush lpushx rpushx lpop rpop lrange llen lindex lset lrem ltrim linsert lpos');
expect('set', 'sadd srem smembers sismember smismember scard spop srandmember sscan');
expect(
  'zset',
  'zadd zrem zrange zrevrange zrangebyscore zrevrangebyscore zscore zcard zincrby zrank zrevrank zcount zscan zpopmin zpopmax',
);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function isInt64(value: unknown): boolean {
  const text = String(value);
  if (!/^-?\d+$/.test(text) || (text.length > 1 && /^-?0/.test(text))) return false;
  const n = BigInt(text);
  return n >= INT64_MIN && n <= INT64_MAX;
}

function isFloat(value: unknown): boolean {
  const text = String(value).trim();
  return text !== '' && String(value) === text && Number.isFinite(Number(text));
}

/** The subset of ioredis-mock's client the checks need. */
export interface TypeProbe {
  type(key: string): Promise<string>;
  get(key: string): Promise<string | null>;
  hget(key: string, field: string): Promise<string | null>;
}

/** Throws the server's ReplyError when `name args` would fail on a real Redis; resolves otherwise. */
export async function assertLikeServer(probe: TypeProbe, name: string, args: unknown[]): Promise<void> {
  const expected = expectedTypeByCommand[name];
  if (!expected || args.length === 0) return;
  const key = String(args[0]);
  const actual = await probe.type(key);
  if (actual !== 'none' && actual !== expected) throw new ReplyError(WRONGTYPE);

  switch (name) {
    case 'incr':
    case 'decr':
    case 'incrby':
    case 'decrby': {
      if ((name === 'incrby' || name === 'decrby') && !isInt64(args[1])) throw new ReplyError(NOT_INTEGER);
      const current = actual === 'none' ? null : await probe.get(key);
      if (current !== null && !isInt64(current)) throw new ReplyError(NOT_INTEGER);
      return;
    }
    case 'incrbyfloat': {
      if (!isFloat(args[1])) throw new ReplyError(NOT_FLOAT);
      const current = actual === 'none' ? null : await probe.get(key);
      if (current !== null && !isFloat(current)) throw new ReplyError(NOT_FLOAT);
      return;
    }
    case 'hincrby': {
      if (!isInt64(args[2])) throw new ReplyError(NOT_INTEGER);
      const current = actual === 'none' ? null : await probe.hget(key, String(args[1]));
      if (current !== null && !isInt64(current)) throw new ReplyError(HASH_NOT_INTEGER);
      return;
    }
    default:
      return;
  }
}
