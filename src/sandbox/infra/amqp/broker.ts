// An in-memory AMQP 0-9-1 broker with RabbitMQ's semantics, for the sandbox: exchanges (direct,
// topic, fanout, headers), bindings, queues with manual ack, prefetch, requeue with the
// redelivered flag, dead-lettering with RabbitMQ's x-death header, per-queue and per-message TTL,
// max-length, exclusive and auto-delete queues, publisher confirms. Error replies carry RabbitMQ's
// reply codes and texts. Pure TypeScript (timers only), so it runs in a page, a Worker or Node.
// Why we wrote it: no maintained library emulates an AMQP broker in a browser (docs/ARCHITECTURE.md).

import type { BrokerActivity } from '../../contract/capabilities.ts';
import type { FrameLink } from '../shared/transport.ts';
import {
  METHODS,
  type ClientFrame,
  type FieldTable,
  type GetOk,
  type WireProperties,
  type MethodName,
  type QueueDeclareArgs,
  type RpcReplies,
  type RpcRequests,
  type ServerFrame,
} from './protocol.ts';

const VHOST = '/';

/** A channel-level error: the server closes the channel with this code and text. */
export class ChannelError extends Error {
  readonly replyCode: number;
  readonly method: MethodName;
  constructor(replyCode: number, replyText: string, method: MethodName) {
    super(replyText);
    this.replyCode = replyCode;
    this.method = method;
  }
}

/** A connection-level error: the server closes the whole connection (e.g. 503 COMMAND_INVALID). */
export class ConnectionError extends Error {
  readonly replyCode: number;
  constructor(replyCode: number, replyText: string) {
    super(replyText);
    this.replyCode = replyCode;
  }
}

const notFound = (kind: 'exchange' | 'queue', name: string, method: MethodName) =>
  new ChannelError(404, `NOT_FOUND - no ${kind} '${name}' in vhost '${VHOST}'`, method);

const inequivalent = (arg: string, kind: 'exchange' | 'queue', name: string, received: unknown, current: unknown, method: MethodName) =>
  new ChannelError(
    406,
    `PRECONDITION_FAILED - inequivalent arg '${arg}' for ${kind} '${name}' in vhost '${VHOST}': received '${String(received)}' but current is '${String(current)}'`,
    method,
  );

type ExchangeType = 'direct' | 'topic' | 'fanout' | 'headers';
const EXCHANGE_TYPES: readonly string[] = ['direct', 'topic', 'fanout', 'headers'];

interface Binding {
  destination: Queue | Exchange;
  routingKey: string;
  /** Topic bindings: the pattern split at dots, matched word by word. */
  words: string[];
  arguments: FieldTable;
}

interface Exchange {
  kind: 'exchange';
  name: string;
  type: ExchangeType;
  durable: boolean;
  autoDelete: boolean;
  internal: boolean;
  bindings: Binding[];
}

interface StoredMessage {
  /** Publication order in this queue; a requeued message goes back to its place. */
  seq: number;
  exchange: string;
  routingKey: string;
  properties: WireProperties;
  content: Uint8Array;
  redelivered: boolean;
  expiresAt: number;
}

interface Consumer {
  tag: string;
  queue: Queue;
  channel: BrokerChannel;
  noAck: boolean;
  exclusive: boolean;
  /** basic.qos with global=false applies to consumers started after it (RabbitMQ ≥ 3.3). */
  prefetch: number;
  unacked: number;
  /** Chaos control (the "Infraestructura" panel): a paused consumer gets no deliveries until resumed. */
  paused?: boolean;
}

interface Queue {
  kind: 'queue';
  name: string;
  durable: boolean;
  exclusiveOwner: BrokerConnection | null;
  autoDelete: boolean;
  arguments: FieldTable;
  messageTtl: number | undefined;
  maxLength: number | undefined;
  /** Ready messages are ready[head..]; shifting moves head, compacting now and then. */
  ready: StoredMessage[];
  head: number;
  nextSeq: number;
  consumers: Consumer[];
  nextConsumer: number;
  hadConsumer: boolean;
  expiryTimer: ReturnType<typeof setTimeout> | null;
  expiryAt: number;
  deleted: boolean;
}

interface Unacked {
  queue: Queue;
  message: StoredMessage;
  consumer: Consumer | null;
}

export function topicMatches(pattern: string[], key: string[]): boolean {
  // Iterative wildcard match: '*' = exactly one word, '#' = zero or more words.
  let p = 0;
  let k = 0;
  let starP = -1;
  let starK = 0;
  while (k < key.length) {
    if (p < pattern.length && pattern[p] === '#') {
      starP = p++;
      starK = k;
    } else if (p < pattern.length && (pattern[p] === '*' || pattern[p] === key[k])) {
      p++;
      k++;
    } else if (starP >= 0) {
      p = starP + 1;
      k = ++starK;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '#') p++;
  return p === pattern.length;
}

function headersMatch(binding: FieldTable, headers: FieldTable): boolean {
  const mode = binding['x-match'] === 'any' ? 'any' : 'all';
  const keys = Object.keys(binding).filter((key) => !key.startsWith('x-'));
  if (keys.length === 0) return mode === 'all';
  const matches = (key: string) =>
    key in headers && (binding[key] === undefined || binding[key] === null || binding[key] === '' || headers[key] === binding[key]);
  return mode === 'all' ? keys.every(matches) : keys.some(matches);
}

function sameArguments(a: FieldTable, b: FieldTable): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

const RANDOM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function randomName(prefix: string): string {
  // RabbitMQ: 'amq.gen-' / 'amq.ctag-' followed by 22 url-safe base64 characters.
  const bytes = new Uint8Array(22);
  crypto.getRandomValues(bytes);
  let name = prefix;
  for (const byte of bytes) name += RANDOM_ALPHABET[byte & 63];
  return name;
}

function numberArgument(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

function amqpTimestamp(): { '!': 'timestamp'; value: number } {
  // How amqplib decodes an AMQP timestamp field inside a table (x-death's 'time').
  return { '!': 'timestamp', value: Math.floor(Date.now() / 1000) };
}

/** Broker activity kept for the "Infraestructura" panel's timeline; older entries leave. */
export const ACTIVITY_LIMIT = 200;
export type { BrokerActivity };

/** An event as the broker reports it; `record` adds its number and time. Omit per member of the union. */
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type ActivityInput = Without<BrokerActivity, 'seq' | 'at'>;

export interface BrokerOptions {
  /** Clock in ms, for TTL; tests may inject one. */
  now?: () => number;
}

/** One vhost ('/') of a RabbitMQ-like broker, shared by every connection of a lab. */
export class AmqpBroker {
  readonly exchanges = new Map<string, Exchange>();
  readonly queues = new Map<string, Queue>();
  readonly connections = new Set<BrokerConnection>();
  readonly now: () => number;
  /** Called after anything a client did or a timer changed (the panel's live view; callers throttle). */
  onChange: (() => void) | undefined;
  /** The last ACTIVITY_LIMIT events, oldest first (a ring: no growth however long the lab runs). */
  readonly activity: BrokerActivity[] = [];
  #activitySeq = 0;

  constructor(options: BrokerOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    // The default exchange and the amq.* exchanges every RabbitMQ vhost has.
    this.#createExchange('', 'direct', true);
    this.#createExchange('amq.direct', 'direct', true);
    this.#createExchange('amq.topic', 'topic', true);
    this.#createExchange('amq.fanout', 'fanout', true);
    this.#createExchange('amq.headers', 'headers', true);
    this.#createExchange('amq.match', 'headers', true);
  }

  /** Serves one client connection over a link until either side closes it. */
  accept(link: FrameLink<ServerFrame, ClientFrame>): BrokerConnection {
    const connection = new BrokerConnection(this, link);
    this.connections.add(connection);
    return connection;
  }

  notifyChange(): void {
    this.onChange?.();
  }

  record(event: ActivityInput): void {
    this.activity.push({ ...event, seq: ++this.#activitySeq, at: this.now() } as BrokerActivity);
    if (this.activity.length > ACTIVITY_LIMIT) this.activity.splice(0, this.activity.length - ACTIVITY_LIMIT);
  }

  /**
   * Pauses or resumes every consumer with this tag (a chaos control: the consumer "hangs", its
   * messages wait as ready; on resume it gets them again). Returns how many consumers matched.
   */
  setConsumerPaused(tag: string, paused: boolean): number {
    let matched = 0;
    for (const queue of this.queues.values()) {
      for (const consumer of queue.consumers) {
        if (consumer.tag !== tag) continue;
        consumer.paused = paused;
        matched++;
      }
      if (matched > 0 && !paused) this.dispatch(queue);
    }
    if (matched > 0) this.notifyChange();
    return matched;
  }

  /** Drops every connection (as a broker restart would) and clears timers. */
  shutdown(): void {
    for (const connection of [...this.connections]) connection.serverClose(320, 'CONNECTION_FORCED - broker forced connection closure with reason \'shutdown\'');
    for (const queue of this.queues.values()) if (queue.expiryTimer) clearTimeout(queue.expiryTimer);
  }

  #createExchange(name: string, type: ExchangeType, durable: boolean, autoDelete = false, internal = false): Exchange {
    const exchange: Exchange = { kind: 'exchange', name, type, durable, autoDelete, internal, bindings: [] };
    this.exchanges.set(name, exchange);
    return exchange;
  }

  // ---------------------------------------------------------------- exchanges

  declareExchange(args: RpcRequests['exchange.declare']): void {
    const method = 'exchange.declare';
    const existing = this.exchanges.get(args.exchange);
    if (args.passive) {
      if (!existing) throw notFound('exchange', args.exchange, method);
      return;
    }
    if (!EXCHANGE_TYPES.includes(args.type)) {
      // RabbitMQ treats this as a connection error: the whole connection closes.
      throw new ConnectionError(503, `COMMAND_INVALID - unknown exchange type '${args.type}'`);
    }
    if (!existing && (args.exchange === '' || args.exchange.startsWith('amq.'))) {
      throw new ChannelError(403, `ACCESS_REFUSED - exchange name '${args.exchange}' contains reserved prefix 'amq.*'`, method);
    }
    if (existing) {
      if (existing.type !== args.type) throw inequivalent('type', 'exchange', args.exchange, args.type, existing.type, method);
      if (existing.durable !== args.durable) throw inequivalent('durable', 'exchange', args.exchange, args.durable, existing.durable, method);
      if (existing.autoDelete !== args.autoDelete) throw inequivalent('auto_delete', 'exchange', args.exchange, args.autoDelete, existing.autoDelete, method);
      return;
    }
    this.#createExchange(args.exchange, args.type as ExchangeType, args.durable, args.autoDelete, args.internal);
  }

  deleteExchange(args: RpcRequests['exchange.delete']): void {
    const method = 'exchange.delete';
    if (args.exchange === '') throw new ChannelError(403, `ACCESS_REFUSED - operation not permitted on the default exchange`, method);
    if (args.exchange.startsWith('amq.') && this.exchanges.has(args.exchange)) {
      throw new ChannelError(403, `ACCESS_REFUSED - deletion of system exchange '${args.exchange}' in vhost '${VHOST}' not allowed`, method);
    }
    const exchange = this.exchanges.get(args.exchange);
    if (!exchange) return; // RabbitMQ treats deleting a missing exchange as success.
    if (args.ifUnused && (exchange.bindings.length > 0 || this.#bindingsTo(exchange).length > 0)) {
      throw new ChannelError(406, `PRECONDITION_FAILED - exchange '${args.exchange}' in vhost '${VHOST}' in use`, method);
    }
    this.exchanges.delete(args.exchange);
    // Bindings that point at the deleted exchange go with it.
    for (const source of this.exchanges.values()) source.bindings = source.bindings.filter((b) => b.destination !== exchange);
  }

  #bindingsTo(destination: Queue | Exchange): Binding[] {
    const found: Binding[] = [];
    for (const exchange of this.exchanges.values()) for (const binding of exchange.bindings) if (binding.destination === destination) found.push(binding);
    return found;
  }

  #requireExchange(name: string, method: MethodName): Exchange {
    const exchange = this.exchanges.get(name);
    if (!exchange) throw notFound('exchange', name, method);
    return exchange;
  }

  #requireQueue(name: string, method: MethodName, connection: BrokerConnection): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw notFound('queue', name, method);
    this.#checkExclusive(queue, method, connection);
    return queue;
  }

  #checkExclusive(queue: Queue, method: MethodName, connection: BrokerConnection): void {
    if (queue.exclusiveOwner && queue.exclusiveOwner !== connection) {
      throw new ChannelError(
        405,
        `RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '${queue.name}' in vhost '${VHOST}'. It could be originally declared on another connection or the exclusive property value does not match that of the original declaration.`,
        method,
      );
    }
  }

  bind(source: string, destination: Queue | Exchange, routingKey: string, args: FieldTable, method: MethodName): void {
    if (source === '') throw new ChannelError(403, `ACCESS_REFUSED - operation not permitted on the default exchange`, method);
    const exchange = this.#requireExchange(source, method);
    const exists = exchange.bindings.some(
      (b) => b.destination === destination && b.routingKey === routingKey && sameArguments(b.arguments, args),
    );
    if (!exists) exchange.bindings.push({ destination, routingKey, words: routingKey.split('.'), arguments: { ...args } });
  }

  unbind(source: string, destination: Queue | Exchange, routingKey: string, args: FieldTable, method: MethodName): void {
    if (source === '') throw new ChannelError(403, `ACCESS_REFUSED - operation not permitted on the default exchange`, method);
    const exchange = this.exchanges.get(source);
    if (!exchange) return;
    exchange.bindings = exchange.bindings.filter(
      (b) => !(b.destination === destination && b.routingKey === routingKey && sameArguments(b.arguments, args)),
    );
  }

  bindQueue(args: RpcRequests['queue.bind'], connection: BrokerConnection): void {
    const queue = this.#requireQueue(args.queue, 'queue.bind', connection);
    this.bind(args.exchange, queue, args.routingKey, args.arguments, 'queue.bind');
  }

  unbindQueue(args: RpcRequests['queue.unbind'], connection: BrokerConnection): void {
    const queue = this.#requireQueue(args.queue, 'queue.unbind', connection);
    this.unbind(args.exchange, queue, args.routingKey, args.arguments, 'queue.unbind');
  }

  bindExchange(args: RpcRequests['exchange.bind']): void {
    const destination = this.#requireExchange(args.destination, 'exchange.bind');
    this.bind(args.source, destination, args.routingKey, args.arguments, 'exchange.bind');
  }

  unbindExchange(args: RpcRequests['exchange.unbind']): void {
    const destination = this.exchanges.get(args.destination);
    if (destination) this.unbind(args.source, destination, args.routingKey, args.arguments, 'exchange.unbind');
  }

  // ---------------------------------------------------------------- queues

  declareQueue(args: QueueDeclareArgs, connection: BrokerConnection): RpcReplies['queue.declare'] {
    const method = 'queue.declare';
    if (args.passive) {
      const queue = this.#requireQueue(args.queue, method, connection);
      return this.#queueStatus(queue);
    }
    if (args.queue.startsWith('amq.')) {
      throw new ChannelError(403, `ACCESS_REFUSED - queue name '${args.queue}' contains reserved prefix 'amq.*'`, method);
    }
    const name = args.queue === '' ? randomName('amq.gen-') : args.queue;
    const existing = this.queues.get(name);
    if (existing) {
      this.#checkExclusive(existing, method, connection);
      if (existing.durable !== args.durable) throw inequivalent('durable', 'queue', name, args.durable, existing.durable, method);
      if (existing.autoDelete !== args.autoDelete) throw inequivalent('auto_delete', 'queue', name, args.autoDelete, existing.autoDelete, method);
      for (const key of new Set([...Object.keys(existing.arguments), ...Object.keys(args.arguments)])) {
        const received = args.arguments[key];
        const current = existing.arguments[key];
        if (received !== current) {
          throw new ChannelError(
            406,
            `PRECONDITION_FAILED - inequivalent arg '${key}' for queue '${name}' in vhost '${VHOST}': ${inequivalentArgument(received, current)}`,
            method,
          );
        }
      }
      return this.#queueStatus(existing);
    }
    const messageTtl = numberArgument(args.arguments['x-message-ttl']);
    if (args.arguments['x-message-ttl'] !== undefined && (messageTtl === undefined || messageTtl < 0)) {
      throw new ChannelError(406, `PRECONDITION_FAILED - invalid arg 'x-message-ttl' for queue '${name}' in vhost '${VHOST}': {value_negative,${String(args.arguments['x-message-ttl'])}}`, method);
    }
    const queue: Queue = {
      kind: 'queue',
      name,
      durable: args.durable,
      exclusiveOwner: args.exclusive ? connection : null,
      autoDelete: args.autoDelete,
      arguments: { ...args.arguments },
      messageTtl,
      maxLength: numberArgument(args.arguments['x-max-length']),
      ready: [],
      head: 0,
      nextSeq: 0,
      consumers: [],
      nextConsumer: 0,
      hadConsumer: false,
      expiryTimer: null,
      expiryAt: Infinity,
      deleted: false,
    };
    this.queues.set(name, queue);
    // Every queue is bound to the default exchange under its own name.
    this.exchanges.get('')!.bindings.push({ destination: queue, routingKey: name, words: [name], arguments: {} });
    return this.#queueStatus(queue);
  }

  #queueStatus(queue: Queue): RpcReplies['queue.declare'] {
    this.#expireHead(queue);
    return { queue: queue.name, messageCount: readyCount(queue), consumerCount: queue.consumers.length };
  }

  purgeQueue(args: RpcRequests['queue.purge'], connection: BrokerConnection): RpcReplies['queue.purge'] {
    const queue = this.#requireQueue(args.queue, 'queue.purge', connection);
    const messageCount = readyCount(queue);
    queue.ready = [];
    queue.head = 0;
    this.#scheduleExpiry(queue);
    return { messageCount };
  }

  deleteQueue(args: RpcRequests['queue.delete'], connection: BrokerConnection | null): RpcReplies['queue.delete'] {
    const method = 'queue.delete';
    const queue = this.queues.get(args.queue);
    if (!queue) return { messageCount: 0 }; // RabbitMQ: deleting a missing queue succeeds.
    if (connection) this.#checkExclusive(queue, method, connection);
    if (args.ifUnused && queue.consumers.length > 0) {
      throw new ChannelError(406, `PRECONDITION_FAILED - queue '${queue.name}' in vhost '${VHOST}' in use`, method);
    }
    if (args.ifEmpty && readyCount(queue) > 0) {
      throw new ChannelError(406, `PRECONDITION_FAILED - queue '${queue.name}' in vhost '${VHOST}' not empty`, method);
    }
    const messageCount = readyCount(queue);
    this.#removeQueue(queue);
    return { messageCount };
  }

  #removeQueue(queue: Queue): void {
    queue.deleted = true;
    this.queues.delete(queue.name);
    if (queue.expiryTimer) clearTimeout(queue.expiryTimer);
    queue.ready = [];
    queue.head = 0;
    for (const exchange of this.exchanges.values()) {
      if (exchange.bindings.some((b) => b.destination === queue)) exchange.bindings = exchange.bindings.filter((b) => b.destination !== queue);
    }
    // Consumers of a deleted queue get basic.cancel from the server (amqplib calls back with null).
    for (const consumer of queue.consumers) {
      consumer.channel.consumers.delete(consumer.tag);
      consumer.channel.send({ type: 'cancel', channel: consumer.channel.id, consumerTag: consumer.tag });
    }
    queue.consumers = [];
  }

  // ---------------------------------------------------------------- publishing and routing

  /** Routes a message; returns how many queues got it. */
  publish(exchangeName: string, routingKey: string, properties: WireProperties, content: Uint8Array): number {
    const exchange = this.exchanges.get(exchangeName);
    if (!exchange) throw notFound('exchange', exchangeName, 'basic.publish');
    const queues = new Set<Queue>();
    this.#route(exchange, routingKey, properties.headers, queues, new Set());
    // Recorded before enqueueing: a delivery that follows at once must come after its publish.
    this.record({ kind: 'published', exchange: exchangeName, routingKey, queues: [...queues].map((queue) => queue.name) });
    for (const queue of queues) this.#enqueue(queue, exchangeName, routingKey, properties, content, false);
    return queues.size;
  }

  #route(exchange: Exchange, routingKey: string, headers: FieldTable, into: Set<Queue>, visited: Set<Exchange>): void {
    visited.add(exchange);
    let keyWords: string[] | null = null;
    for (const binding of exchange.bindings) {
      let matches: boolean;
      switch (exchange.type) {
        case 'fanout':
          matches = true;
          break;
        case 'direct':
          matches = binding.routingKey === routingKey;
          break;
        case 'topic':
          keyWords ??= routingKey.split('.');
          matches = topicMatches(binding.words, keyWords);
          break;
        case 'headers':
          matches = headersMatch(binding.arguments, headers ?? {});
          break;
      }
      if (!matches) continue;
      const destination = binding.destination;
      if (destination.kind === 'queue') into.add(destination);
      else if (!visited.has(destination)) this.#route(destination, routingKey, headers, into, visited);
    }
  }

  #enqueue(queue: Queue, exchange: string, routingKey: string, properties: WireProperties, content: Uint8Array, redelivered: boolean): void {
    const now = this.now();
    let ttl = queue.messageTtl;
    if (properties.expiration !== undefined) {
      const perMessage = Number(properties.expiration);
      if (Number.isFinite(perMessage) && perMessage >= 0) ttl = ttl === undefined ? perMessage : Math.min(ttl, perMessage);
    }
    const message: StoredMessage = {
      seq: queue.nextSeq++,
      exchange,
      routingKey,
      properties,
      content,
      redelivered,
      expiresAt: ttl === undefined ? Infinity : now + ttl,
    };
    queue.ready.push(message);
    if (queue.maxLength !== undefined) {
      // x-overflow drop-head (the default): the oldest ready messages are dropped or dead-lettered.
      while (readyCount(queue) > queue.maxLength) this.#deadLetter(queue, this.#shift(queue)!, 'maxlen');
    }
    this.dispatch(queue);
  }

  #shift(queue: Queue): StoredMessage | undefined {
    if (queue.head >= queue.ready.length) return undefined;
    const message = queue.ready[queue.head]!;
    queue.ready[queue.head] = undefined as never;
    queue.head++;
    if (queue.head === queue.ready.length) {
      queue.ready = [];
      queue.head = 0;
    } else if (queue.head > 1024 && queue.head * 2 > queue.ready.length) {
      queue.ready = queue.ready.slice(queue.head);
      queue.head = 0;
    }
    return message;
  }

  /** Puts a message back in its original position (RabbitMQ requeues in place when it can). */
  requeue(queue: Queue, message: StoredMessage): void {
    if (queue.deleted) return;
    message.redelivered = true;
    let low = queue.head;
    let high = queue.ready.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (queue.ready[mid]!.seq < message.seq) low = mid + 1;
      else high = mid;
    }
    if (low === queue.head && queue.head > 0) queue.ready[--queue.head] = message;
    else queue.ready.splice(low, 0, message);
  }

  // ---------------------------------------------------------------- dead-lettering and TTL

  deadLetterRejected(queue: Queue, message: StoredMessage): void {
    this.#deadLetter(queue, message, 'rejected');
  }

  #deadLetter(queue: Queue, message: StoredMessage, reason: 'rejected' | 'expired' | 'maxlen'): void {
    const dlxName = queue.arguments['x-dead-letter-exchange'];
    if (typeof dlxName !== 'string') return;
    const dlx = this.exchanges.get(dlxName);
    if (!dlx) return; // RabbitMQ drops the message when the dead-letter exchange does not exist.
    const dlRoutingKey = typeof queue.arguments['x-dead-letter-routing-key'] === 'string' ? (queue.arguments['x-dead-letter-routing-key'] as string) : message.routingKey;

    const headers: FieldTable = { ...message.properties.headers };
    const deaths = Array.isArray(headers['x-death']) ? [...(headers['x-death'] as FieldTable[])] : [];
    const index = deaths.findIndex((death) => death.queue === queue.name && death.reason === reason);
    const properties: WireProperties = { ...message.properties, headers };
    let entry: FieldTable;
    if (index >= 0) {
      entry = { ...deaths[index]!, count: Number(deaths[index]!.count ?? 0) + 1, time: amqpTimestamp() };
      deaths.splice(index, 1);
    } else {
      entry = { count: 1, reason, queue: queue.name, time: amqpTimestamp(), exchange: message.exchange, 'routing-keys': [message.routingKey] };
    }
    if (reason === 'expired' && message.properties.expiration !== undefined) {
      entry['original-expiration'] = message.properties.expiration;
      delete properties.expiration;
    }
    deaths.unshift(entry); // Most recent death first.
    headers['x-death'] = deaths;
    if (!('x-first-death-reason' in headers)) {
      headers['x-first-death-exchange'] = message.exchange;
      headers['x-first-death-queue'] = queue.name;
      headers['x-first-death-reason'] = reason;
    }

    const targets = new Set<Queue>();
    this.#route(dlx, dlRoutingKey, headers, targets, new Set());
    const rejectedInCycle = deaths.some((death) => death.reason === 'rejected');
    // A message that would cycle back to a queue it already died in, with no rejection in the
    // cycle (only TTL/max-length), is dropped, as RabbitMQ does to avoid endless loops.
    const reached = [...targets].filter((target) => rejectedInCycle || !deaths.some((death) => death.queue === target.name));
    this.record({ kind: 'dead-lettered', queue: queue.name, exchange: dlxName, routingKey: dlRoutingKey, reason, queues: reached.map((target) => target.name) });
    for (const target of reached) this.#enqueue(target, dlxName, dlRoutingKey, properties, message.content, false);
  }

  /** Dead-letters expired messages at the head (RabbitMQ expires only from the head of a queue). */
  #expireHead(queue: Queue): void {
    const now = this.now();
    while (queue.head < queue.ready.length && queue.ready[queue.head]!.expiresAt <= now) {
      this.#deadLetter(queue, this.#shift(queue)!, 'expired');
    }
  }

  #scheduleExpiry(queue: Queue): void {
    const next = queue.head < queue.ready.length ? queue.ready[queue.head]!.expiresAt : Infinity;
    if (next === queue.expiryAt) return;
    if (queue.expiryTimer) clearTimeout(queue.expiryTimer);
    queue.expiryTimer = null;
    queue.expiryAt = next;
    if (next === Infinity || queue.deleted) return;
    queue.expiryTimer = setTimeout(() => {
      queue.expiryTimer = null;
      queue.expiryAt = Infinity;
      this.dispatch(queue);
      this.notifyChange();
    }, Math.max(0, next - this.now()));
  }

  // ---------------------------------------------------------------- delivery

  /** Hands ready messages to consumers with room under their prefetch, round-robin. */
  dispatch(queue: Queue): void {
    if (queue.deleted) return;
    this.#expireHead(queue);
    const consumers = queue.consumers;
    while (queue.head < queue.ready.length && consumers.length > 0) {
      let chosen: Consumer | null = null;
      for (let tried = 0; tried < consumers.length; tried++) {
        const index = (queue.nextConsumer + tried) % consumers.length;
        const candidate = consumers[index]!;
        if (candidate.channel.canDeliverTo(candidate)) {
          chosen = candidate;
          queue.nextConsumer = (index + 1) % consumers.length;
          break;
        }
      }
      if (!chosen) break;
      const message = this.#shift(queue)!;
      chosen.channel.deliver(chosen, message);
      this.#expireHead(queue);
    }
    this.#scheduleExpiry(queue);
  }

  get(queue: Queue, channel: BrokerChannel, noAck: boolean): GetOk | null {
    this.#expireHead(queue);
    const message = this.#shift(queue);
    this.#scheduleExpiry(queue);
    if (!message) return null;
    const deliveryTag = channel.track(queue, message, null, noAck);
    this.record({ kind: 'delivered', queue: queue.name, routingKey: message.routingKey, consumerTag: null, redelivered: message.redelivered });
    return {
      deliveryTag,
      redelivered: message.redelivered,
      exchange: message.exchange,
      routingKey: message.routingKey,
      messageCount: readyCount(queue),
      properties: message.properties,
      content: message.content,
    };
  }

  consume(queue: Queue, consumer: Consumer): void {
    if (queue.consumers.some((c) => c.exclusive) || (consumer.exclusive && queue.consumers.length > 0)) {
      throw new ChannelError(403, `ACCESS_REFUSED - queue '${queue.name}' in vhost '${VHOST}' in exclusive use`, 'basic.consume');
    }
    queue.consumers.push(consumer);
    queue.hadConsumer = true;
  }

  removeConsumer(consumer: Consumer): void {
    const queue = consumer.queue;
    const index = queue.consumers.indexOf(consumer);
    if (index < 0) return;
    queue.consumers.splice(index, 1);
    if (queue.nextConsumer > index) queue.nextConsumer--;
    if (queue.nextConsumer >= queue.consumers.length) queue.nextConsumer = 0;
    // An auto-delete queue goes away when its last consumer does.
    if (queue.autoDelete && queue.hadConsumer && queue.consumers.length === 0) this.#removeQueue(queue);
  }

  connectionClosed(connection: BrokerConnection): void {
    this.connections.delete(connection);
    for (const queue of [...this.queues.values()]) if (queue.exclusiveOwner === connection) this.#removeQueue(queue);
  }

  queueByName(name: string, method: MethodName, connection: BrokerConnection): Queue {
    return this.#requireQueue(name, method, connection);
  }
}

/** RabbitMQ's wording for an inequivalent queue argument, with the AMQP type amqplib encodes it as. */
function inequivalentArgument(received: unknown, current: unknown): string {
  if (received !== undefined && current !== undefined) return `received '${String(received)}' but current is '${String(current)}'`;
  return `received ${describeArgument(received)} but current is ${describeArgument(current)}`;
}

function describeArgument(value: unknown): string {
  if (value === undefined) return 'none';
  return `the value '${String(value)}' of type '${amqpFieldType(value)}'`;
}

function amqpFieldType(value: unknown): string {
  // amqplib's codec picks the smallest signed integer type that fits, double for fractions.
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'double';
    if (value >= -128 && value < 128) return 'byte';
    if (value >= -0x8000 && value < 0x8000) return 'short';
    if (value >= -0x80000000 && value < 0x80000000) return 'int';
    return 'long';
  }
  if (typeof value === 'string') return 'longstr';
  if (typeof value === 'boolean') return 'bool';
  return 'table';
}

function methodOf(frame: ClientFrame): MethodName {
  switch (frame.type) {
    case 'rpc':
      return frame.method in METHODS ? (frame.method as MethodName) : 'channel.open';
    case 'publish':
      return 'basic.publish';
    case 'ack':
      return 'basic.ack';
    case 'nack':
      return 'basic.nack';
    case 'reject':
      return 'basic.reject';
    default:
      return 'channel.close';
  }
}

function readyCount(queue: Queue): number {
  return queue.ready.length - queue.head;
}

/** The server side of one AMQP connection. */
export class BrokerConnection {
  readonly broker: AmqpBroker;
  readonly link: FrameLink<ServerFrame, ClientFrame>;
  readonly channels = new Map<number, BrokerChannel>();
  closed = false;

  constructor(broker: AmqpBroker, link: FrameLink<ServerFrame, ClientFrame>) {
    this.broker = broker;
    this.link = link;
    link.onReceive((frame) => this.receive(frame));
    link.onClose(() => this.#teardown());
  }

  receive(frame: ClientFrame): void {
    try {
      this.#receive(frame);
    } finally {
      this.broker.notifyChange();
    }
  }

  #receive(frame: ClientFrame): void {
    if (this.closed) return;
    if (frame.type === 'connection.close') {
      this.#teardown();
      this.link.close();
      return;
    }
    if (frame.type === 'rpc' && frame.method === 'channel.open') {
      this.channels.set(frame.channel, new BrokerChannel(this, frame.channel));
      this.send({ type: 'reply', channel: frame.channel, id: frame.id, result: {} });
      return;
    }
    // Frames for a channel the server has closed are discarded until the client reopens it.
    const channel = this.channels.get(frame.channel);
    if (!channel) return;
    channel.receive(frame);
  }

  send(frame: ServerFrame): void {
    if (!this.closed) this.link.send(frame);
  }

  serverClose(replyCode: number, replyText: string): void {
    this.send({ type: 'connection.close', replyCode, replyText });
    this.#teardown();
    this.link.close();
  }

  #teardown(): void {
    if (this.closed) return;
    for (const channel of [...this.channels.values()]) channel.release();
    this.closed = true;
    this.broker.connectionClosed(this);
    this.broker.notifyChange();
  }
}

/** The server side of one channel: its consumers, its unacknowledged deliveries, its prefetch. */
export class BrokerChannel {
  readonly connection: BrokerConnection;
  readonly broker: AmqpBroker;
  readonly id: number;
  readonly consumers = new Map<string, Consumer>();
  readonly unacked = new Map<number, Unacked>();
  nextDeliveryTag = 1;
  consumerPrefetch = 0;
  channelPrefetch = 0;
  confirmMode = false;
  publishSeq = 0;

  constructor(connection: BrokerConnection, id: number) {
    this.connection = connection;
    this.broker = connection.broker;
    this.id = id;
  }

  send(frame: ServerFrame): void {
    this.connection.send(frame);
  }

  receive(frame: ClientFrame): void {
    try {
      switch (frame.type) {
        case 'rpc':
          this.#rpc(frame.id, frame.method, frame.args);
          return;
        case 'publish':
          this.#publish(frame);
          return;
        case 'ack':
          this.#settle(frame.deliveryTag, frame.multiple, 'basic.ack', (entry) => this.#ackOne(entry));
          return;
        case 'nack':
          this.#settle(frame.deliveryTag, frame.multiple, 'basic.nack', (entry) => this.#rejectOne(entry, frame.requeue));
          return;
        case 'reject':
          this.#settle(frame.deliveryTag, false, 'basic.reject', (entry) => this.#rejectOne(entry, frame.requeue));
          return;
        case 'channel.error-close':
          this.release();
          return;
      }
    } catch (error) {
      if (error instanceof ConnectionError) {
        this.connection.serverClose(error.replyCode, error.message);
        return;
      }
      // Anything unexpected (say, arguments of the wrong type) closes the channel with 541, as
      // RabbitMQ does on an internal error, so the caller gets an error instead of waiting forever.
      const channelError =
        error instanceof ChannelError ? error : new ChannelError(541, `INTERNAL_ERROR - ${error instanceof Error ? error.message : String(error)}`, methodOf(frame));
      const { classId, methodId } = METHODS[channelError.method];
      this.release();
      this.send({ type: 'channel.close', channel: this.id, replyCode: channelError.replyCode, replyText: channelError.message, classId, methodId });
    }
  }

  #reply(id: number, result: unknown): void {
    this.send({ type: 'reply', channel: this.id, id, result });
  }

  #rpc(id: number, method: keyof RpcRequests, args: unknown): void {
    const broker = this.broker;
    const connection = this.connection;
    switch (method) {
      case 'channel.close':
        this.release();
        return this.#reply(id, {});
      case 'confirm.select':
        this.confirmMode = true;
        return this.#reply(id, {});
      case 'exchange.declare':
        broker.declareExchange(args as RpcRequests['exchange.declare']);
        return this.#reply(id, {});
      case 'exchange.delete':
        broker.deleteExchange(args as RpcRequests['exchange.delete']);
        return this.#reply(id, {});
      case 'exchange.bind':
        broker.bindExchange(args as RpcRequests['exchange.bind']);
        return this.#reply(id, {});
      case 'exchange.unbind':
        broker.unbindExchange(args as RpcRequests['exchange.unbind']);
        return this.#reply(id, {});
      case 'queue.declare':
        return this.#reply(id, broker.declareQueue(args as QueueDeclareArgs, connection));
      case 'queue.bind':
        broker.bindQueue(args as RpcRequests['queue.bind'], connection);
        return this.#reply(id, {});
      case 'queue.unbind':
        broker.unbindQueue(args as RpcRequests['queue.unbind'], connection);
        return this.#reply(id, {});
      case 'queue.purge':
        return this.#reply(id, broker.purgeQueue(args as RpcRequests['queue.purge'], connection));
      case 'queue.delete':
        return this.#reply(id, broker.deleteQueue(args as RpcRequests['queue.delete'], connection));
      case 'basic.qos': {
        const { prefetchCount, global } = args as RpcRequests['basic.qos'];
        if (global) this.channelPrefetch = prefetchCount;
        else this.consumerPrefetch = prefetchCount;
        this.#reply(id, {});
        // A larger channel limit can free deliveries right away.
        for (const consumer of this.consumers.values()) broker.dispatch(consumer.queue);
        return;
      }
      case 'basic.consume': {
        const consumer = this.#consume(args as RpcRequests['basic.consume']);
        // consume-ok goes out before the first delivery: amqplib registers the callback on it.
        this.#reply(id, { consumerTag: consumer.tag });
        broker.dispatch(consumer.queue);
        return;
      }
      case 'basic.cancel': {
        const { consumerTag } = args as RpcRequests['basic.cancel'];
        const consumer = this.consumers.get(consumerTag);
        if (consumer) {
          this.consumers.delete(consumerTag);
          broker.removeConsumer(consumer);
        }
        return this.#reply(id, { consumerTag });
      }
      case 'basic.get': {
        const { queue: name, noAck } = args as RpcRequests['basic.get'];
        const queue = broker.queueByName(name, 'basic.get', connection);
        return this.#reply(id, broker.get(queue, this, noAck));
      }
      case 'basic.recover': {
        this.#requeueAll();
        return this.#reply(id, {});
      }
      case 'channel.open':
        return this.#reply(id, {});
    }
  }

  #consume(args: RpcRequests['basic.consume']): Consumer {
    const queue = this.broker.queueByName(args.queue, 'basic.consume', this.connection);
    const tag = args.consumerTag || randomName('amq.ctag-');
    if (this.consumers.has(tag)) {
      throw new ChannelError(530, `NOT_ALLOWED - attempt to reuse consumer tag '${tag}'`, 'basic.consume');
    }
    const consumer: Consumer = {
      tag,
      queue,
      channel: this,
      noAck: args.noAck,
      exclusive: args.exclusive,
      prefetch: this.consumerPrefetch,
      unacked: 0,
    };
    this.broker.consume(queue, consumer);
    this.consumers.set(tag, consumer);
    return consumer;
  }

  #publish(frame: Extract<ClientFrame, { type: 'publish' }>): void {
    const routed = this.broker.publish(frame.exchange, frame.routingKey, frame.properties, frame.content);
    if (routed === 0 && frame.mandatory) {
      this.send({
        type: 'return',
        channel: this.id,
        replyCode: 312,
        replyText: 'NO_ROUTE',
        exchange: frame.exchange,
        routingKey: frame.routingKey,
        properties: frame.properties,
        content: frame.content,
      });
    }
    if (this.confirmMode) this.send({ type: 'confirm', channel: this.id, deliveryTag: ++this.publishSeq, multiple: false, ack: true });
  }

  canDeliverTo(consumer: Consumer): boolean {
    if (consumer.paused) return false;
    if (consumer.noAck) return true;
    if (consumer.prefetch > 0 && consumer.unacked >= consumer.prefetch) return false;
    if (this.channelPrefetch > 0 && this.unacked.size >= this.channelPrefetch) return false;
    return true;
  }

  track(queue: Queue, message: StoredMessage, consumer: Consumer | null, noAck: boolean): number {
    const deliveryTag = this.nextDeliveryTag++;
    if (!noAck) {
      this.unacked.set(deliveryTag, { queue, message, consumer });
      if (consumer) consumer.unacked++;
    }
    return deliveryTag;
  }

  deliver(consumer: Consumer, message: StoredMessage): void {
    const deliveryTag = this.track(consumer.queue, message, consumer, consumer.noAck);
    this.broker.record({ kind: 'delivered', queue: consumer.queue.name, routingKey: message.routingKey, consumerTag: consumer.tag, redelivered: message.redelivered });
    this.send({
      type: 'deliver',
      channel: this.id,
      consumerTag: consumer.tag,
      deliveryTag,
      redelivered: message.redelivered,
      exchange: message.exchange,
      routingKey: message.routingKey,
      properties: message.properties,
      content: message.content,
    });
  }

  #settle(deliveryTag: number, multiple: boolean, method: MethodName, settleOne: (entry: Unacked) => void): void {
    const touched = new Set<Queue>();
    if (multiple) {
      if (deliveryTag !== 0 && !this.unacked.has(deliveryTag)) {
        throw new ChannelError(406, `PRECONDITION_FAILED - unknown delivery tag ${deliveryTag}`, method);
      }
      for (const [tag, entry] of [...this.unacked]) {
        if (deliveryTag !== 0 && tag > deliveryTag) continue;
        this.unacked.delete(tag);
        settleOne(entry);
        touched.add(entry.queue);
      }
    } else {
      const entry = this.unacked.get(deliveryTag);
      if (!entry) throw new ChannelError(406, `PRECONDITION_FAILED - unknown delivery tag ${deliveryTag}`, method);
      this.unacked.delete(deliveryTag);
      settleOne(entry);
      touched.add(entry.queue);
    }
    for (const queue of touched) this.broker.dispatch(queue);
    // A channel-wide prefetch frees room for consumers of other queues too.
    if (this.channelPrefetch > 0) for (const consumer of this.consumers.values()) this.broker.dispatch(consumer.queue);
  }

  #ackOne(entry: Unacked): void {
    if (entry.consumer) entry.consumer.unacked--;
    this.broker.record({ kind: 'acked', queue: entry.queue.name, routingKey: entry.message.routingKey });
  }

  #rejectOne(entry: Unacked, requeue: boolean): void {
    if (entry.consumer) entry.consumer.unacked--;
    this.broker.record({ kind: 'nacked', queue: entry.queue.name, routingKey: entry.message.routingKey, requeue });
    if (requeue) this.broker.requeue(entry.queue, entry.message);
    else if (!entry.queue.deleted) this.broker.deadLetterRejected(entry.queue, entry.message);
  }

  #requeueAll(): void {
    const touched = new Set<Queue>();
    for (const entry of this.unacked.values()) {
      if (entry.consumer) entry.consumer.unacked--;
      this.broker.requeue(entry.queue, entry.message);
      touched.add(entry.queue);
    }
    this.unacked.clear();
    for (const queue of touched) this.broker.dispatch(queue);
  }

  /** Channel gone (closed by either side, or its connection dropped): cancel consumers, requeue unacked. */
  release(): void {
    if (!this.connection.channels.has(this.id)) return;
    this.connection.channels.delete(this.id);
    const consumers = [...this.consumers.values()];
    this.consumers.clear();
    for (const consumer of consumers) this.broker.removeConsumer(consumer);
    this.#requeueAll();
  }
}
