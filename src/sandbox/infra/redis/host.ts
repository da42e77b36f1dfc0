import RedisMock from 'ioredis-mock';
import type { HostEndpoint } from '../channel.ts';
import type {
  RedisArg,
  RedisClientOptions,
  RedisErrorPayload,
  RedisEvent,
  RedisKeySnapshot,
  RedisRequest,
  RedisResponse,
} from './protocol.ts';
import { globMatches } from './glob.ts';
import { assertLikeServer, ReplyError } from './strict-types.ts';

type MockClient = InstanceType<typeof RedisMock>;
type Dispatch = (...args: unknown[]) => Promise<unknown>;

/**
 * One lab's Redis: a single ioredis-mock keyspace and pub/sub bus shared by every service and
 * replica of the lab. Each client connection of a service gets its own ioredis-mock instance
 * (ioredis-mock shares data between instances created with the same host and port, and delivers
 * PUBLISH to subscribers on other instances), so subscriber mode and keyPrefix stay per connection
 * as on a real server.
 *
 * Commands run one at a time in arrival order, as on Redis' single thread: that makes MULTI/EXEC
 * atomic with respect to other clients.
 */
export class RedisHost implements HostEndpoint<RedisRequest, RedisResponse, RedisEvent> {
  readonly #mockHost: string;
  readonly #clients = new Map<string, MockClient>();
  /** Per connection: channels and patterns subscribed, for the counts (P)SUBSCRIBE answer. */
  readonly #subscriptions = new Map<string, { channels: Set<string>; patterns: Set<string> }>();
  #emit: (clientId: string, event: RedisEvent) => void = () => {};
  #queue: Promise<unknown> = Promise.resolve();
  readonly #admin: MockClient;

  /** `keyspace` names the shared data: one per lab (ioredis-mock keeps it for the realm's life). */
  constructor(keyspace: string) {
    this.#mockHost = `sandbox-redis-${keyspace}`;
    this.#admin = this.#newMock({});
  }

  attach(emit: (clientId: string, event: RedisEvent) => void): void {
    this.#emit = emit;
  }

  handle(request: RedisRequest): Promise<RedisResponse> {
    const run = this.#queue.then(() => this.#handleNow(request));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Keys, types, TTLs and a short preview, for the infrastructure panel. */
  async snapshot(): Promise<RedisKeySnapshot[]> {
    const keys = ((await this.#admin.keys('*')) as string[]).sort();
    const rows: RedisKeySnapshot[] = [];
    for (const key of keys) {
      const type = (await this.#admin.type(key)) as RedisKeySnapshot['type'];
      const pttl = await this.#admin.pttl(key);
      rows.push({ key, type, ttlMs: pttl >= 0 ? pttl : null, preview: await this.#preview(key, type) });
    }
    return rows;
  }

  /** Empties the lab's keyspace (the panel's reset); connections and subscriptions stay. */
  async reset(): Promise<void> {
    await this.#admin.flushall();
  }

  /** Drops every connection of a client id, e.g. when the service worker that owned it ends. */
  closeClient(clientId: string): void {
    const client = this.#clients.get(clientId);
    if (!client) return;
    client.removeAllListeners();
    // ioredis-mock's disconnect() leaves the connection's channel listeners registered (it would
    // still receive and be counted); unsubscribing first removes them.
    const subscriptions = this.#subscriptions.get(clientId);
    if (subscriptions?.channels.size) void client.unsubscribe(...subscriptions.channels);
    if (subscriptions?.patterns.size) void client.punsubscribe(...subscriptions.patterns);
    client.disconnect();
    this.#clients.delete(clientId);
    this.#subscriptions.delete(clientId);
  }

  readonly #unprefixedByDb = new Map<number, MockClient>();
  #unprefixed(db = 0): MockClient {
    let client = this.#unprefixedByDb.get(db);
    if (!client) {
      client = this.#newMock({ db });
      this.#unprefixedByDb.set(db, client);
    }
    return client;
  }

  #newMock(options: RedisClientOptions): MockClient {
    // ioredis-mock keys its shared data by host:port/db; an explicit `db: undefined` would make a
    // keyspace of its own, so only defined options are passed.
    const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    return new RedisMock({ host: this.#mockHost, port: 6379, ...defined });
  }

  async #handleNow(request: RedisRequest): Promise<RedisResponse> {
    try {
      switch (request.op) {
        case 'connect': {
          this.closeClient(request.clientId);
          const client = this.#newMock(request.options);
          const clientId = request.clientId;
          client.on('message', (channel: string, message: string) =>
            this.#emit(clientId, { clientId, kind: 'message', channel, message }),
          );
          client.on('pmessage', (pattern: string, channel: string, message: string) =>
            this.#emit(clientId, { clientId, kind: 'pmessage', pattern, channel, message }),
          );
          this.#clients.set(clientId, client);
          this.#subscriptions.set(clientId, { channels: new Set(), patterns: new Set() });
          return { ok: true, result: 'OK' };
        }
        case 'quit':
          this.closeClient(request.clientId);
          return { ok: true, result: 'OK' };
        case 'command': {
          const result = await this.#run(this.#client(request.clientId), request.name, request.args);
          const count =
            this.#countSubscriptions(request.clientId, request.name, request.args) ??
            this.#countReceivers(request.name, request.args);
          return { ok: true, result: count ?? result };
        }
        case 'batch': {
          const client = this.#client(request.clientId);
          const results: [RedisErrorPayload | null, unknown][] = [];
          for (const command of request.commands) {
            try {
              results.push([null, await this.#run(client, command.name, command.args)]);
            } catch (error) {
              results.push([toPayload(error), null]);
            }
          }
          return { ok: true, result: results };
        }
      }
    } catch (error) {
      return { ok: false, error: toPayload(error) };
    }
  }

  #client(clientId: string): MockClient {
    const client = this.#clients.get(clientId);
    if (!client) throw new Error('Connection is closed.');
    return client;
  }

  /**
   * Redis answers (P)(UN)SUBSCRIBE with the connection's total number of channels *and* patterns;
   * ioredis-mock counts only the kind the command touches.
   */
  #countSubscriptions(clientId: string, name: string, args: RedisArg[]): number | undefined {
    const state = this.#subscriptions.get(clientId);
    const command = name.toLowerCase();
    if (!state || !['subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe'].includes(command)) return undefined;
    const set = command.includes('psub') ? state.patterns : state.channels;
    const names = args.map(String);
    if (command.startsWith('un') || command.startsWith('pun')) {
      if (names.length === 0) set.clear();
      names.forEach((n) => set.delete(n));
    } else names.forEach((n) => set.add(n));
    return state.channels.size + state.patterns.size;
  }

  /**
   * PUBLISH answers how many subscriptions received the message: every connection subscribed to
   * the channel plus every (connection, pattern) that matches. ioredis-mock counts each pattern
   * once however many connections subscribed to it.
   */
  #countReceivers(name: string, args: RedisArg[]): number | undefined {
    if (name.toLowerCase() !== 'publish') return undefined;
    const channel = String(args[0]);
    let receivers = 0;
    for (const { channels, patterns } of this.#subscriptions.values()) {
      if (channels.has(channel)) receivers++;
      for (const pattern of patterns) if (globMatches(pattern, channel)) receivers++;
    }
    return receivers;
  }

  async #run(client: MockClient, name: string, args: RedisArg[]): Promise<unknown> {
    const command = name.toLowerCase();
    const method = (client as unknown as Record<string, Dispatch | undefined>)[command];
    if (typeof method !== 'function' || command.startsWith('_')) {
      throw new ReplyError(
        `ERR unknown command '${name}', with args beginning with: ${args.map((a) => `'${String(a)}' `).join('')}` +
          '(the sandbox emulation of Redis does not implement it)',
      );
    }
    await assertLikeServer(client as never, command, args);
    if (command === 'ping' && (client as unknown as { subscriberMode: boolean }).subscriberMode) {
      // RESP2 answers PING on a subscribed connection with a ["pong", message] push.
      return ['pong', args.length > 0 ? String(args[0]) : ''];
    }
    if ((command === 'keys' || command === 'scan') && (client as unknown as { options?: { keyPrefix?: string } }).options?.keyPrefix) {
      // ioredis does not prefix KEYS/SCAN patterns; ioredis-mock does. Run them unprefixed.
      const unprefixed = this.#unprefixed((client as unknown as { options: { db?: number } }).options.db);
      return (unprefixed as unknown as Record<string, Dispatch>)[command]!.apply(unprefixed, args);
    }
    return method.apply(client, args);
  }

  async #preview(key: string, type: RedisKeySnapshot['type']): Promise<string> {
    const limit = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);
    switch (type) {
      case 'string':
        return limit(String(await this.#admin.get(key)));
      case 'hash':
        return limit(JSON.stringify(await this.#admin.hgetall(key)));
      case 'list':
        return limit(JSON.stringify(await this.#admin.lrange(key, 0, 9)));
      case 'set':
        return limit(JSON.stringify(((await this.#admin.smembers(key)) as string[]).sort().slice(0, 10)));
      case 'zset':
        return limit(JSON.stringify(await this.#admin.zrange(key, 0, 9, 'WITHSCORES')));
      default:
        return '';
    }
  }
}

function toPayload(error: unknown): RedisErrorPayload {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
