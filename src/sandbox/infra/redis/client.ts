import { list as redisCommandNames } from '@ioredis/commands';
import { Emitter } from '../shared/emitter.ts';
import { nextClientId, type HostChannel } from '../channel.ts';
import type { RedisArg, RedisClientOptions, RedisErrorPayload, RedisEvent, RedisRequest, RedisResponse } from './protocol.ts';

export type RedisChannel = HostChannel<RedisRequest, RedisResponse, RedisEvent>;

/** ioredis' ReplyError: the server's error text as `message`. */
export class ReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplyError';
  }
}

type Callback = (error: Error | null, result?: unknown) => void;

interface ParsedOptions extends RedisClientOptions {
  lazyConnect: boolean;
}

/** Methods the client implements itself rather than sending to the host. */
const LOCAL_METHODS = new Set(['quit', 'multi', 'exec', 'pipeline', 'connect', 'disconnect', 'duplicate', 'monitor']);
/** Commands whose object argument ioredis spreads into field/value pairs. */
const OBJECT_SPREAD = new Set(['hset', 'hmset', 'mset', 'msetnx']);

/**
 * The `ioredis` module a service sees in the sandbox: the same constructor forms, command methods,
 * promises or callbacks, events, pipeline/multi and duplicate(), with every command executed by the
 * lab's RedisHost (ioredis-mock) over `channel`. Returns the class to export as default and `Redis`.
 */
export function createRedisClass(channel: RedisChannel) {
  class Redis extends Emitter {
    static ReplyError = ReplyError;
    static Redis: typeof Redis;
    status: 'wait' | 'connecting' | 'connect' | 'ready' | 'end' = 'wait';
    readonly options: ParsedOptions;
    readonly #clientId = nextClientId('redis');
    #ready: Promise<void> | null = null;
    #unsubscribe: (() => void) | null = null;

    constructor(...args: unknown[]) {
      super();
      this.options = parseArguments(args);
      if (!this.options.lazyConnect) {
        this.connect().catch((error: Error) => {
          if (this.listenerCount('error') > 0) this.emit('error', error);
        });
      }
    }

    connect(callback?: Callback): Promise<void> {
      if (!this.#ready) {
        this.status = 'connecting';
        this.#unsubscribe = channel.onEvent((event) => this.#deliver(event));
        const { keyPrefix, db } = this.options;
        this.#ready = channel
          .request({ op: 'connect', clientId: this.#clientId, options: { keyPrefix, db } })
          .then((response) => {
            if (!response.ok) throw toError(response.error);
            this.status = 'connect';
            this.emit('connect');
            this.status = 'ready';
            this.emit('ready');
          });
      }
      return withCallback(this.#ready, callback);
    }

    async sendCommand(name: string, args: RedisArg[]): Promise<unknown> {
      if (this.status === 'end') throw new Error('Connection is closed.');
      await this.connect();
      const response = await channel.request({ op: 'command', clientId: this.#clientId, name, args });
      if (!response.ok) throw toError(response.error);
      return revive(response.result);
    }

    async #batch(transaction: boolean, commands: { name: string; args: RedisArg[] }[]) {
      await this.connect();
      const response = await channel.request({ op: 'batch', clientId: this.#clientId, transaction, commands });
      if (!response.ok) throw toError(response.error);
      return (response.result as [RedisErrorPayload | null, unknown][]).map(
        ([error, result]) => [error ? toError(error) : null, revive(result)] as [Error | null, unknown],
      );
    }

    pipeline(commands?: unknown[][]) {
      return createBatch((cmds) => this.#batch(false, cmds), commands);
    }
    multi(commands?: unknown[][]) {
      return createBatch((cmds) => this.#batch(true, cmds), commands);
    }

    duplicate(override: Record<string, unknown> = {}): Redis {
      return new Redis({ ...this.options, ...override });
    }

    quit(callback?: Callback): Promise<'OK'> {
      return withCallback(this.#close().then(() => 'OK' as const), callback);
    }
    disconnect(): void {
      void this.#close();
    }

    async #close(): Promise<void> {
      if (this.status === 'end') return;
      const wasConnected = this.#ready !== null;
      this.status = 'end';
      this.#unsubscribe?.();
      if (wasConnected) await channel.request({ op: 'quit', clientId: this.#clientId });
      this.emit('close');
      this.emit('end');
    }

    #deliver(event: RedisEvent): void {
      if (event.clientId !== this.#clientId) return;
      if (event.kind === 'message') this.emit('message', event.channel, event.message);
      else this.emit('pmessage', event.pattern, event.channel, event.message);
    }
  }

  for (const name of redisCommandNames) {
    if (LOCAL_METHODS.has(name)) continue;
    for (const method of [name, `${name}Buffer`]) {
      Object.defineProperty(Redis.prototype, method, {
        configurable: true,
        writable: true,
        value(this: Redis, ...raw: unknown[]) {
          const callback = typeof raw.at(-1) === 'function' ? (raw.pop() as Callback) : undefined;
          return withCallback(this.sendCommand(method, flattenArgs(name, raw)), callback);
        },
      });
    }
  }
  Redis.Redis = Redis;
  return Redis;
}

/** pipeline()/multi(): chainable command methods, then exec() → [[error, result], …] like ioredis. */
function createBatch(
  run: (commands: { name: string; args: RedisArg[] }[]) => Promise<[Error | null, unknown][]>,
  initial: unknown[][] = [],
) {
  const commands: { name: string; args: RedisArg[] }[] = initial.map(([name, ...args]) => ({
    name: String(name),
    args: flattenArgs(String(name), args),
  }));
  const batch: Record<string, unknown> = {
    get length() {
      return commands.length;
    },
    exec(callback?: Callback) {
      return withCallback(run(commands), callback);
    },
  };
  return new Proxy(batch, {
    get(target, property, receiver) {
      if (typeof property !== 'string' || property in target) return Reflect.get(target, property, receiver);
      return (...args: unknown[]) => {
        commands.push({ name: property, args: flattenArgs(property.replace(/Buffer$/, ''), args) });
        return receiver;
      };
    },
  });
}

/** ioredis sends every argument as a string (or bytes); arrays are flattened, hset({…}) spread. */
function flattenArgs(name: string, args: unknown[]): RedisArg[] {
  const out: RedisArg[] = [];
  const push = (value: unknown) => {
    if (value instanceof Uint8Array) out.push(value);
    else if (Array.isArray(value)) value.forEach(push);
    else if (value instanceof Map && OBJECT_SPREAD.has(name.toLowerCase())) for (const [k, v] of value) out.push(String(k), String(v));
    else if (value !== null && typeof value === 'object' && OBJECT_SPREAD.has(name.toLowerCase()))
      for (const [k, v] of Object.entries(value)) out.push(k, String(v));
    else out.push(String(value));
  };
  args.forEach(push);
  return out;
}

function parseArguments(args: unknown[]): ParsedOptions {
  let options: Record<string, unknown> = {};
  for (const arg of args) {
    if (typeof arg === 'number') options.port = arg;
    else if (typeof arg === 'string') {
      if (arg.includes('://')) {
        const url = new URL(arg);
        const db = Number(url.pathname.slice(1));
        options = { ...options, host: url.hostname, port: Number(url.port || 6379), ...(db ? { db } : {}) };
      } else options.host = arg;
    } else if (arg && typeof arg === 'object') options = { ...options, ...(arg as Record<string, unknown>) };
  }
  return {
    keyPrefix: typeof options.keyPrefix === 'string' ? options.keyPrefix : undefined,
    db: typeof options.db === 'number' ? options.db : undefined,
    lazyConnect: options.lazyConnect === true,
  };
}

function toError(payload: RedisErrorPayload): Error {
  if (payload.name === 'ReplyError') return new ReplyError(payload.message);
  const error = new Error(payload.message);
  error.name = payload.name;
  return error;
}

/** Bytes come back from structured clone as Uint8Array; ioredis' *Buffer commands give Buffers. */
function revive(value: unknown): unknown {
  const NodeBuffer = (globalThis as { Buffer?: { from(bytes: Uint8Array): Uint8Array } }).Buffer;
  if (value instanceof Uint8Array && NodeBuffer) return NodeBuffer.from(value);
  if (Array.isArray(value)) return value.map(revive);
  return value;
}

function withCallback<T>(promise: Promise<T>, callback?: Callback): Promise<T> {
  if (callback) promise.then((result) => callback(null, result), (error: Error) => callback(error));
  return promise;
}
