// amqplib's promise API (`import amqp from 'amqplib'`) over a FrameLink to the sandbox broker.
// Mirrors amqplib 2.x (lib/channel_model.js, lib/channel.js, lib/api_args.js): option defaults,
// reply shapes, message shape, error classes and messages, and when calls throw synchronously
// (publish, ack) versus reject (RPCs). Learner code written against it runs unchanged on the
// real amqplib and RabbitMQ.

import { Emitter } from '../shared/emitter.ts';
import { isBytes, toClientBytes } from '../shared/bytes.ts';
import type { FrameLink } from '../shared/transport.ts';
import {
  METHODS,
  closeMessage,
  emptyProperties,
  type ClientFrame,
  type FieldTable,
  type GetOk,
  type MessageProperties,
  type RpcMethod,
  type RpcReplies,
  type RpcRequests,
  type ServerFrame,
  type WireProperties,
} from './protocol.ts';

/** amqplib's IllegalOperationError: calling a method on a closed channel or connection. */
export class IllegalOperationError extends Error {
  stackAtStateChange: string | undefined;
  constructor(message: string, stackAtStateChange?: string) {
    super(message);
    this.name = 'IllegalOperationError';
    this.stackAtStateChange = stackAtStateChange;
  }
}

/** Opens a link to the broker listening at a URL, or returns null when nothing listens there. */
export type AmqpDialer = (url: URL) => FrameLink<ClientFrame, ServerFrame> | null;

export interface ConsumeMessage {
  content: Uint8Array;
  fields: { consumerTag: string; deliveryTag: number; redelivered: boolean; exchange: string; routingKey: string };
  properties: MessageProperties;
}

export interface GetMessage {
  content: Uint8Array;
  fields: { deliveryTag: number; redelivered: boolean; exchange: string; routingKey: string; messageCount: number };
  properties: MessageProperties;
}

type AnyMessage = { fields: { deliveryTag: number } };

export interface PublishOptions {
  expiration?: string | number;
  userId?: string;
  CC?: string | string[];
  BCC?: string | string[];
  mandatory?: boolean;
  persistent?: boolean;
  deliveryMode?: boolean | number;
  contentType?: string;
  contentEncoding?: string;
  headers?: FieldTable;
  priority?: number;
  correlationId?: string;
  replyTo?: string;
  messageId?: string;
  timestamp?: number;
  type?: string;
  appId?: string;
}

export interface AssertQueueOptions {
  exclusive?: boolean;
  durable?: boolean;
  autoDelete?: boolean;
  arguments?: FieldTable;
  messageTtl?: number;
  expires?: number;
  deadLetterExchange?: string;
  deadLetterRoutingKey?: string;
  maxLength?: number;
  maxPriority?: number;
  overflow?: string;
  queueMode?: string;
}

export interface AssertExchangeOptions {
  durable?: boolean;
  internal?: boolean;
  autoDelete?: boolean;
  alternateExchange?: string;
  arguments?: FieldTable;
}

export interface ConsumeOptions {
  consumerTag?: string;
  noLocal?: boolean;
  noAck?: boolean;
  exclusive?: boolean;
  priority?: number;
  arguments?: FieldTable;
}

function withDefined(base: FieldTable | undefined, extra: Record<string, unknown>): FieldTable {
  const table: FieldTable = { ...(base ?? {}) };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) table[key] = value;
  return table;
}

/**
 * Properties as they travel: only the set ones (cheaper to structured-clone than amqplib's
 * 14-key object, most of it undefined). `receivedProperties` restores amqplib's full shape.
 */
function publishProperties(options: PublishOptions): WireProperties {
  let headers: FieldTable = options.headers ? { ...options.headers } : {};
  if (options.CC !== undefined || options.BCC !== undefined) {
    const convertCC = (cc: string | string[] | undefined) => (cc === undefined ? undefined : Array.isArray(cc) ? cc.map(String) : [String(cc)]);
    headers = withDefined(headers, { CC: convertCC(options.CC), BCC: convertCC(options.BCC) });
  }
  const properties: WireProperties = { headers };
  if (options.persistent !== undefined) properties.deliveryMode = options.persistent ? 2 : 1;
  else if (typeof options.deliveryMode === 'number') properties.deliveryMode = options.deliveryMode;
  else if (options.deliveryMode) properties.deliveryMode = 2;
  if (options.contentType !== undefined) properties.contentType = options.contentType;
  if (options.contentEncoding !== undefined) properties.contentEncoding = options.contentEncoding;
  if (options.priority !== undefined) properties.priority = options.priority;
  if (options.correlationId !== undefined) properties.correlationId = options.correlationId;
  if (options.replyTo !== undefined) properties.replyTo = options.replyTo;
  if (options.expiration !== undefined) properties.expiration = options.expiration.toString();
  if (options.messageId !== undefined) properties.messageId = options.messageId;
  if (options.timestamp !== undefined) properties.timestamp = options.timestamp;
  if (options.type !== undefined) properties.type = options.type;
  if (options.userId !== undefined) properties.userId = options.userId;
  if (options.appId !== undefined) properties.appId = options.appId;
  return properties;
}

function receivedProperties(properties: Partial<MessageProperties>): MessageProperties {
  return Object.assign(emptyProperties(), properties);
}

function assertContent(content: unknown): asserts content is Uint8Array {
  // Real amqplib accepts only Buffers (a plain Uint8Array is "not a buffer"); where no Buffer
  // exists (a browser worker without a polyfill) any Uint8Array is the closest equivalent.
  const Buffer = (globalThis as { Buffer?: { isBuffer(v: unknown): boolean } }).Buffer;
  const ok = Buffer ? Buffer.isBuffer(content) : isBytes(content);
  if (!ok) throw new TypeError('content is not a buffer');
}

interface PendingRpc {
  method: RpcMethod;
  /** Runs synchronously on the reply, before the next frame is handled. */
  onReply?: (value: never) => void;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

type ConfirmCallback = ((error: Error | null, ok?: Record<string, never>) => void) | null;

export class Channel extends Emitter {
  readonly connection: ChannelModel['connection'];
  readonly #model: ChannelModel;
  readonly #id: number;
  #state: 'open' | 'closing' | 'closed' = 'open';
  #nextRpcId = 1;
  readonly #pending = new Map<number, PendingRpc>();
  readonly #consumers = new Map<string, (message: ConsumeMessage | null) => void>();
  /** Confirm channels: one slot per publish, in publish order. */
  protected unconfirmed: ConfirmCallback[] = [];
  protected confirmed = 0;
  #confirmWaiters: Array<{ upTo: number; resolve: () => void; reject: (error: Error) => void }> = [];

  constructor(model: ChannelModel, id: number) {
    super();
    this.#model = model;
    this.connection = model.connection;
    this.#id = id;
  }

  get id(): number {
    return this.#id;
  }

  #send(frame: ClientFrame): void {
    this.#model.sendFrame(frame);
  }

  #assertOpen(): void {
    if (this.#state === 'closed') throw new IllegalOperationError('Channel closed');
    if (this.#state === 'closing') throw new IllegalOperationError('Channel closing');
  }

  rpc<M extends RpcMethod>(method: M, args: RpcRequests[M], onReply?: (reply: RpcReplies[M]) => void): Promise<RpcReplies[M]> {
    try {
      this.#assertOpen();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#call(method, args, onReply);
  }

  #call<M extends RpcMethod>(method: M, args: RpcRequests[M], onReply?: (reply: RpcReplies[M]) => void): Promise<RpcReplies[M]> {
    const id = this.#nextRpcId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { method, onReply: onReply as ((value: never) => void) | undefined, resolve: resolve as (value: unknown) => void, reject });
      this.#send({ type: 'rpc', channel: this.#id, id, method, args });
    });
  }

  /** Frames from the broker for this channel. */
  receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'reply': {
        const pending = this.#pending.get(frame.id);
        if (!pending) return;
        this.#pending.delete(frame.id);
        pending.onReply?.(frame.result as never);
        pending.resolve(frame.result);
        return;
      }
      case 'deliver':
        return this.#deliver(frame);
      case 'cancel': {
        const consumer = this.#consumers.get(frame.consumerTag);
        this.#consumers.delete(frame.consumerTag);
        this.emit('cancel', { consumerTag: frame.consumerTag, nowait: true }); // RabbitMQ's basic.cancel fields
        consumer?.(null);
        return;
      }
      case 'return':
        this.emit('return', {
          fields: { replyCode: frame.replyCode, replyText: frame.replyText, exchange: frame.exchange, routingKey: frame.routingKey },
          properties: receivedProperties(frame.properties),
          content: toClientBytes(frame.content),
        });
        return;
      case 'confirm':
        return this.#confirm(frame.deliveryTag, frame.multiple, frame.ack);
      case 'channel.close':
        return this.#closedByServer(frame);
    }
  }

  #deliver(frame: Extract<ServerFrame, { type: 'deliver' }>): void {
    if (this.#state !== 'open') return;
    const message: ConsumeMessage = {
      fields: {
        consumerTag: frame.consumerTag,
        deliveryTag: frame.deliveryTag,
        redelivered: frame.redelivered,
        exchange: frame.exchange,
        routingKey: frame.routingKey,
      },
      properties: receivedProperties(frame.properties),
      content: toClientBytes(frame.content),
    };
    const consumer = this.#consumers.get(frame.consumerTag);
    try {
      this.emit('delivery', message);
      if (!consumer) throw new Error(`Unknown consumer: ${frame.consumerTag}`);
      consumer(message);
    } catch (error) {
      // amqplib: an exception from a consumer callback closes the channel with INTERNAL_ERROR
      // (541) and emits it as the channel's 'error'; the broker requeues what was unacked.
      this.#closeWithError(541, 'Error while processing message', error instanceof Error ? error : new Error(String(error)));
    }
  }

  #closeWithError(replyCode: number, replyText: string, error: Error & { code?: number }): void {
    if (this.#state !== 'open') return;
    this.#send({ type: 'channel.error-close', channel: this.#id, replyCode, replyText });
    this.#state = 'closing';
    error.code = replyCode;
    this.#toClosed(() => this.emit('error', error));
  }

  #closedByServer(frame: Extract<ServerFrame, { type: 'channel.close' }>): void {
    const text = closeMessage(frame.replyCode, frame.replyText);
    // The oldest outstanding RPC is the one the server was answering: it gets the close as its
    // reply ("Operation failed: …" if it caused it), as in amqplib's convertCloseFrameToError.
    const first = this.#pending.entries().next();
    if (!first.done) {
      const [id, pending] = first.value;
      this.#pending.delete(id);
      const info = METHODS[pending.method];
      const caused = info.classId === frame.classId && info.methodId === frame.methodId;
      pending.reject(
        Object.assign(new Error(caused ? `Operation failed: ${info.name}; ${text}` : `Channel closed by server: ${text}`), {
          code: frame.replyCode,
          classId: frame.classId,
          methodId: frame.methodId,
        }),
      );
    }
    const error = Object.assign(new Error(`Channel closed by server: ${text}`), {
      code: frame.replyCode,
      classId: frame.classId,
      methodId: frame.methodId,
    });
    this.#toClosed(() => this.emit('error', error));
  }

  /** Moves to closed: later calls throw 'Channel closed', pending replies fail, 'close' is emitted. */
  #toClosed(beforeClose?: () => void): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    for (const pending of this.#pending.values()) pending.reject(new Error('Channel ended, no reply will be forthcoming'));
    this.#pending.clear();
    this.#failUnconfirmed();
    this.#model.releaseChannel(this.#id);
    try {
      beforeClose?.();
    } finally {
      this.emit('close');
    }
  }

  /** The connection went away: no frames, just the closed state. */
  connectionClosed(): void {
    this.#toClosed();
  }

  async close(): Promise<void> {
    this.#assertOpen();
    this.#state = 'closing';
    await this.#call('channel.close', {});
    this.#toClosed();
  }

  // ---------------------------------------------------------------- declarations

  assertQueue(queue?: string, options: AssertQueueOptions = {}): Promise<RpcReplies['queue.declare']> {
    const args = withDefined(options.arguments, {
      'x-expires': options.expires,
      'x-message-ttl': options.messageTtl,
      'x-dead-letter-exchange': options.deadLetterExchange,
      'x-dead-letter-routing-key': options.deadLetterRoutingKey,
      'x-max-length': options.maxLength,
      'x-max-priority': options.maxPriority,
      'x-overflow': options.overflow,
      'x-queue-mode': options.queueMode,
    });
    return this.rpc('queue.declare', {
      queue: queue || '',
      passive: false,
      durable: options.durable === undefined ? true : options.durable,
      exclusive: !!options.exclusive,
      autoDelete: !!options.autoDelete,
      arguments: args,
    });
  }

  checkQueue(queue: string): Promise<RpcReplies['queue.declare']> {
    return this.rpc('queue.declare', { queue, passive: true, durable: false, exclusive: false, autoDelete: false, arguments: {} });
  }

  deleteQueue(queue: string, options: { ifUnused?: boolean; ifEmpty?: boolean } = {}): Promise<RpcReplies['queue.delete']> {
    return this.rpc('queue.delete', { queue, ifUnused: !!options.ifUnused, ifEmpty: !!options.ifEmpty });
  }

  purgeQueue(queue: string): Promise<RpcReplies['queue.purge']> {
    return this.rpc('queue.purge', { queue });
  }

  bindQueue(queue: string, source: string, pattern: string, args?: FieldTable): Promise<Record<string, never>> {
    return this.rpc('queue.bind', { queue, exchange: source, routingKey: pattern, arguments: { ...(args ?? {}) } });
  }

  unbindQueue(queue: string, source: string, pattern: string, args?: FieldTable): Promise<Record<string, never>> {
    return this.rpc('queue.unbind', { queue, exchange: source, routingKey: pattern, arguments: { ...(args ?? {}) } });
  }

  async assertExchange(exchange: string, type: string, options: AssertExchangeOptions = {}): Promise<{ exchange: string }> {
    await this.rpc('exchange.declare', {
      exchange,
      type,
      passive: false,
      durable: options.durable === undefined ? true : options.durable,
      autoDelete: !!options.autoDelete,
      internal: !!options.internal,
      arguments: withDefined(options.arguments, { 'alternate-exchange': options.alternateExchange }),
    });
    return { exchange };
  }

  checkExchange(exchange: string): Promise<Record<string, never>> {
    return this.rpc('exchange.declare', { exchange, type: '', passive: true, durable: true, autoDelete: false, internal: false, arguments: {} });
  }

  deleteExchange(exchange: string, options: { ifUnused?: boolean } = {}): Promise<Record<string, never>> {
    return this.rpc('exchange.delete', { exchange, ifUnused: !!options.ifUnused });
  }

  bindExchange(destination: string, source: string, pattern: string, args?: FieldTable): Promise<Record<string, never>> {
    return this.rpc('exchange.bind', { destination, source, routingKey: pattern, arguments: { ...(args ?? {}) } });
  }

  unbindExchange(destination: string, source: string, pattern: string, args?: FieldTable): Promise<Record<string, never>> {
    return this.rpc('exchange.unbind', { destination, source, routingKey: pattern, arguments: { ...(args ?? {}) } });
  }

  // ---------------------------------------------------------------- messages

  publish(exchange: string, routingKey: string, content: Uint8Array, options: PublishOptions = {}): boolean {
    const properties = publishProperties(options);
    assertContent(content);
    this.#assertOpen();
    this.#send({
      type: 'publish',
      channel: this.#id,
      exchange,
      routingKey,
      mandatory: !!options.mandatory,
      properties,
      // A copy as a plain Uint8Array (Buffer#slice would be a view): the caller may reuse its
      // buffer, the broker keeps the bytes, and a plain Uint8Array clones cleanly over postMessage.
      content: Uint8Array.prototype.slice.call(content),
    });
    return true;
  }

  sendToQueue(queue: string, content: Uint8Array, options?: PublishOptions): boolean {
    return this.publish('', queue, content, options);
  }

  consume(queue: string, onMessage: (message: ConsumeMessage | null) => void, options: ConsumeOptions = {}): Promise<{ consumerTag: string }> {
    const args = withDefined(options.arguments, { 'x-priority': options.priority });
    return this.rpc('basic.consume', {
      queue,
      consumerTag: options.consumerTag || '',
      noAck: !!options.noAck,
      exclusive: !!options.exclusive,
      arguments: args,
    }, (reply) => {
      // Registered before the next frame is read, so the first delivery finds its callback
      // (amqplib does the same in its consume-ok handler).
      this.#consumers.set(reply.consumerTag, onMessage);
    });
  }

  async cancel(consumerTag: string): Promise<{ consumerTag: string }> {
    const reply = await this.rpc('basic.cancel', { consumerTag });
    this.#consumers.delete(consumerTag);
    return reply;
  }

  async get(queue: string, options: { noAck?: boolean } = {}): Promise<GetMessage | false> {
    const reply: GetOk | null = await this.rpc('basic.get', { queue, noAck: !!options.noAck });
    if (!reply) return false;
    return {
      fields: {
        deliveryTag: reply.deliveryTag,
        redelivered: reply.redelivered,
        exchange: reply.exchange,
        routingKey: reply.routingKey,
        messageCount: reply.messageCount,
      },
      properties: receivedProperties(reply.properties),
      content: toClientBytes(reply.content),
    };
  }

  ack(message: AnyMessage, allUpTo?: boolean): void {
    this.#assertOpen();
    this.#send({ type: 'ack', channel: this.#id, deliveryTag: message.fields.deliveryTag, multiple: !!allUpTo });
  }

  ackAll(): void {
    this.#assertOpen();
    this.#send({ type: 'ack', channel: this.#id, deliveryTag: 0, multiple: true });
  }

  nack(message: AnyMessage, allUpTo?: boolean, requeue?: boolean): void {
    this.#assertOpen();
    this.#send({ type: 'nack', channel: this.#id, deliveryTag: message.fields.deliveryTag, multiple: !!allUpTo, requeue: requeue === undefined ? true : requeue });
  }

  nackAll(requeue?: boolean): void {
    this.#assertOpen();
    this.#send({ type: 'nack', channel: this.#id, deliveryTag: 0, multiple: true, requeue: requeue === undefined ? true : requeue });
  }

  reject(message: AnyMessage, requeue?: boolean): void {
    this.#assertOpen();
    this.#send({ type: 'reject', channel: this.#id, deliveryTag: message.fields.deliveryTag, requeue: requeue === undefined ? true : requeue });
  }

  prefetch(count: number, global?: boolean): Promise<Record<string, never>> {
    return this.rpc('basic.qos', { prefetchCount: count || 0, global: !!global });
  }

  qos(count: number, global?: boolean): Promise<Record<string, never>> {
    return this.prefetch(count, global);
  }

  recover(): Promise<Record<string, never>> {
    return this.rpc('basic.recover', { requeue: true });
  }

  // ---------------------------------------------------------------- confirms (ConfirmChannel)

  #confirm(deliveryTag: number, multiple: boolean, ack: boolean): void {
    while (this.confirmed < deliveryTag) {
      const callback = this.unconfirmed[this.confirmed];
      this.unconfirmed[this.confirmed] = null;
      this.confirmed++;
      const error = ack ? null : new Error('message nacked');
      callback?.(error, ack ? {} : undefined);
      if (!multiple) break;
    }
    this.#confirmWaiters = this.#confirmWaiters.filter((waiter) => {
      if (this.confirmed < waiter.upTo) return true;
      waiter.resolve();
      return false;
    });
  }

  #failUnconfirmed(): void {
    for (let i = this.confirmed; i < this.unconfirmed.length; i++) this.unconfirmed[i]?.(new Error('channel closed'));
    this.confirmed = this.unconfirmed.length;
    for (const waiter of this.#confirmWaiters) waiter.reject(new Error('channel closed'));
    this.#confirmWaiters = [];
  }

  protected waitForConfirmsUpToNow(): Promise<void> {
    if (this.#state === 'closed' && this.confirmed < this.unconfirmed.length) return Promise.reject(new Error('channel closed'));
    const upTo = this.unconfirmed.length;
    if (this.confirmed >= upTo) return Promise.resolve();
    return new Promise((resolve, reject) => this.#confirmWaiters.push({ upTo, resolve, reject }));
  }
}

export class ConfirmChannel extends Channel {
  override publish(exchange: string, routingKey: string, content: Uint8Array, options?: PublishOptions, callback?: ConfirmCallback): boolean {
    const result = super.publish(exchange, routingKey, content, options);
    this.unconfirmed.push(callback ?? null);
    return result;
  }

  override sendToQueue(queue: string, content: Uint8Array, options?: PublishOptions, callback?: ConfirmCallback): boolean {
    return this.publish('', queue, content, options, callback);
  }

  waitForConfirms(): Promise<void> {
    return this.waitForConfirmsUpToNow();
  }
}

/** What `amqp.connect()` resolves to (amqplib's ChannelModel). */
export class ChannelModel extends Emitter {
  readonly connection: { serverProperties: Record<string, string> };
  readonly #link: FrameLink<ClientFrame, ServerFrame>;
  readonly #channels = new Map<number, Channel>();
  #nextChannel = 1;
  #closed: string | null = null;

  constructor(link: FrameLink<ClientFrame, ServerFrame>) {
    super();
    this.#link = link;
    this.connection = {
      serverProperties: { product: 'RabbitMQ', version: 'sandbox', platform: 'Foodly sandbox', information: 'In-page AMQP 0-9-1 emulation' },
    };
    link.onReceive((frame) => {
      if (frame.type === 'connection.close') {
        const error = Object.assign(new Error(`Connection closed: ${closeMessage(frame.replyCode, frame.replyText)}`), { code: frame.replyCode });
        this.#shutdown(`Connection closed (Error: ${error.message})`, error);
        return;
      }
      this.#channels.get(frame.channel)?.receive(frame);
    });
    link.onClose(() => {
      if (this.#closed) return;
      this.#shutdown('Connection closed (Error: Unexpected close)', new Error('Unexpected close'));
    });
  }

  sendFrame(frame: ClientFrame): void {
    this.#link.send(frame);
  }

  releaseChannel(id: number): void {
    this.#channels.delete(id);
  }

  #assertOpen(): void {
    if (this.#closed) throw new IllegalOperationError(this.#closed);
  }

  async createChannel(): Promise<Channel> {
    return this.#open(new Channel(this, this.#nextChannel++));
  }

  async createConfirmChannel(): Promise<ConfirmChannel> {
    const channel = await this.#open(new ConfirmChannel(this, this.#nextChannel++));
    await channel.rpc('confirm.select', {});
    return channel;
  }

  async #open<C extends Channel>(channel: C): Promise<C> {
    this.#assertOpen();
    this.#channels.set(channel.id, channel);
    await channel.rpc('channel.open', {});
    return channel;
  }

  async close(): Promise<void> {
    this.#assertOpen();
    this.#link.send({ type: 'connection.close' });
    this.#shutdown('Connection closed (by client)', undefined);
    this.#link.close();
  }

  #shutdown(reason: string, error: Error | undefined): void {
    if (this.#closed) return;
    this.#closed = reason;
    // amqplib's order: the connection's 'error', then each channel's 'close', then its own 'close'.
    try {
      if (error) this.emit('error', error);
    } finally {
      for (const channel of [...this.#channels.values()]) channel.connectionClosed();
      this.#channels.clear();
      this.emit('close', error);
    }
  }
}

/** Builds the `amqplib` module a service imports, dialling brokers through `dial`. */
export function createAmqplib(dial: AmqpDialer) {
  async function connect(url: string | { hostname?: string; port?: number; protocol?: string; vhost?: string } = 'amqp://localhost'): Promise<ChannelModel> {
    const parsed =
      typeof url === 'string'
        ? new URL(url)
        : new URL(`${url.protocol ?? 'amqp'}://${url.hostname ?? 'localhost'}:${url.port ?? 5672}/${encodeURIComponent(url.vhost ?? '')}`);
    const link = dial(parsed);
    if (!link) {
      // What Node's net module reports when nothing listens on the port.
      const host = parsed.hostname === 'localhost' ? '127.0.0.1' : parsed.hostname;
      const port = parsed.port || (parsed.protocol === 'amqps:' ? '5671' : '5672');
      throw Object.assign(new Error(`connect ECONNREFUSED ${host}:${port}`), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect', address: host, port: Number(port) });
    }
    return new ChannelModel(link);
  }
  // amqplib's credentials helpers (for `connect(url, { credentials })`); the emulated broker,
  // like a RabbitMQ left at its defaults for localhost, accepts any login.
  const credentials = {
    plain: (username: string, password: string) => ({ mechanism: 'PLAIN', username, password, response: () => new TextEncoder().encode(`\u0000${username}\u0000${password}`) }),
    amqplain: (username: string, password: string) => ({ mechanism: 'AMQPLAIN', username, password, response: () => new TextEncoder().encode(`${username}:${password}`) }),
    external: () => ({ mechanism: 'EXTERNAL', response: () => new Uint8Array(0) }),
  };
  return { connect, credentials, IllegalOperationError };
}
