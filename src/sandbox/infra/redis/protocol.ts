/** Serialisable messages between an ioredis-compatible client and the lab's Redis host. */

/** Client options that matter to the emulation (the rest of ioredis' options are accepted and ignored). */
export interface RedisClientOptions {
  keyPrefix?: string;
  db?: number;
}

export type RedisArg = string | number | Uint8Array;

export type RedisRequest =
  | { op: 'connect'; clientId: string; options: RedisClientOptions }
  | { op: 'command'; clientId: string; name: string; args: RedisArg[] }
  | { op: 'batch'; clientId: string; transaction: boolean; commands: { name: string; args: RedisArg[] }[] }
  | { op: 'quit'; clientId: string };

export interface RedisErrorPayload {
  name: string;
  message: string;
}

export type RedisResponse = { ok: true; result: unknown } | { ok: false; error: RedisErrorPayload };

/** Pub/sub deliveries, addressed to the subscribed connection. */
export type RedisEvent =
  | { clientId: string; kind: 'message'; channel: string; message: string }
  | { clientId: string; kind: 'pmessage'; pattern: string; channel: string; message: string };

/** What a future infrastructure panel shows: one row per key. */
export interface RedisKeySnapshot {
  key: string;
  type: 'string' | 'hash' | 'list' | 'set' | 'zset' | 'stream' | 'none';
  /** Milliseconds to expiry; null when the key has no TTL (Redis' PTTL -1). */
  ttlMs: number | null;
  /** A short, printable view of the value (strings and the first entries of collections). */
  preview: string;
}
