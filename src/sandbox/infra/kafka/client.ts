// kafkajs's API (`import { Kafka } from 'kafkajs'`) over a FrameLink to the emulated cluster:
// producer (default partitioner, RecordMetadata replies), consumer groups (subscribe with
// fromBeginning, run with eachMessage/eachBatch, auto-commit after each batch, commitOffsets,
// pause/resume, seek, rebalancing), admin (topics and offsets) and instrumentation events.
// Modelled on kafkajs 2.2 (src/consumer/runner.js, consumerGroup.js, producer/, admin/).

import { Emitter } from '../shared/emitter.ts';
import { encodeStringOrBytes, toClientBytes } from '../shared/bytes.ts';
import type { FrameLink } from '../shared/transport.ts';
import { createDefaultPartitioner, type PartitionerArgs } from './partitioner.ts';
import type {
  Assignment,
  KafkaClientFrame,
  KafkaOperation,
  KafkaReplies,
  KafkaRequests,
  KafkaServerFrame,
  StoredRecord,
  TopicPartitionOffset,
  WireError,
  WireRecord,
} from './protocol.ts';

// ---------------------------------------------------------------- errors (kafkajs/src/errors.js)

export class KafkaJSError extends Error {
  retriable: boolean;
  constructor(message: string | Error, { retriable = true }: { retriable?: boolean } = {}) {
    super(typeof message === 'string' ? message : message.message);
    this.name = 'KafkaJSError';
    this.retriable = retriable;
  }
}

export class KafkaJSNonRetriableError extends KafkaJSError {
  constructor(message: string | Error) {
    super(message, { retriable: false });
    this.name = 'KafkaJSNonRetriableError';
  }
}

export class KafkaJSProtocolError extends KafkaJSError {
  type: string;
  code: number;
  constructor(error: WireError) {
    super(error.message, { retriable: error.retriable });
    this.name = 'KafkaJSProtocolError';
    this.type = error.type;
    this.code = error.code;
  }
}

export class KafkaJSConnectionError extends KafkaJSError {
  broker: string | undefined;
  constructor(message: string, { broker }: { broker?: string } = {}) {
    super(message);
    this.name = 'KafkaJSConnectionError';
    this.broker = broker;
  }
}

export const logLevel = { NOTHING: 0, ERROR: 1, WARN: 2, INFO: 4, DEBUG: 5 } as const;

export const Partitioners = {
  DefaultPartitioner: createDefaultPartitioner,
  // kafkajs 2 ships the old Java-compatible one under this name; both hash with murmur2 here
  // for keyed messages, which is what decides where a key lands.
  LegacyPartitioner: createDefaultPartitioner,
};

export const CompressionTypes = { None: 0, GZIP: 1, Snappy: 2, LZ4: 3, ZSTD: 4 } as const;

type Bytes = Uint8Array;
type Value = string | Bytes | null;

export interface ProducerMessage {
  key?: Value;
  value: Value;
  partition?: number;
  headers?: Record<string, string | Bytes | undefined>;
  timestamp?: string;
}

export interface KafkaConfig {
  clientId?: string;
  brokers: string[] | (() => string[] | Promise<string[]>);
  logLevel?: number;
  [option: string]: unknown;
}

export type KafkaDialer = (brokers: string[]) => FrameLink<KafkaClientFrame, KafkaServerFrame> | null;

/** kafkajs's default logger writes JSON lines to the console; this keeps that shape. */
function createLogger(level: number, clientId: string) {
  const write = (label: string, threshold: number, namespace: string, message: string, extra: Record<string, unknown> = {}) => {
    if (level < threshold) return;
    const line = JSON.stringify({ level: label, timestamp: new Date().toISOString(), logger: 'kafkajs', message: `[${namespace}] ${message}`, clientId, ...extra });
    (threshold === logLevel.ERROR ? console.error : threshold === logLevel.WARN ? console.warn : console.log)(line);
  };
  return {
    error: (ns: string, message: string, extra?: Record<string, unknown>) => write('ERROR', logLevel.ERROR, ns, message, extra),
    warn: (ns: string, message: string, extra?: Record<string, unknown>) => write('WARN', logLevel.WARN, ns, message, extra),
    info: (ns: string, message: string, extra?: Record<string, unknown>) => write('INFO', logLevel.INFO, ns, message, extra),
  };
}
type Logger = ReturnType<typeof createLogger>;

/** One request/response connection to the cluster (kafkajs keeps one per broker; we have one broker). */
class ClusterConnection {
  #link: FrameLink<KafkaClientFrame, KafkaServerFrame> | null = null;
  #nextId = 1;
  #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly #dial: KafkaDialer;
  readonly #brokers: KafkaConfig['brokers'];

  constructor(dial: KafkaDialer, brokers: KafkaConfig['brokers']) {
    this.#dial = dial;
    this.#brokers = brokers;
  }

  get connected(): boolean {
    return this.#link !== null;
  }

  async connect(): Promise<void> {
    if (this.#link) return;
    const brokers = typeof this.#brokers === 'function' ? await this.#brokers() : this.#brokers;
    if (!Array.isArray(brokers) || brokers.length === 0) throw new KafkaJSNonRetriableError('Failed to connect: brokers array is empty or invalid');
    const link = this.#dial(brokers);
    if (!link) {
      const [host = 'localhost', port = '9092'] = brokers[0]!.split(':');
      throw new KafkaJSConnectionError(`Connection error: connect ECONNREFUSED ${host === 'localhost' ? '127.0.0.1' : host}:${port}`, { broker: brokers[0] });
    }
    this.#link = link;
    link.onReceive((frame) => {
      const pending = this.#pending.get(frame.id);
      if (!pending) return;
      this.#pending.delete(frame.id);
      if (frame.error) pending.reject(new KafkaJSProtocolError(frame.error));
      else pending.resolve(frame.result);
    });
    link.onClose(() => this.#lost());
  }

  #lost(): void {
    this.#link = null;
    for (const pending of this.#pending.values()) pending.reject(new KafkaJSConnectionError('Connection closed'));
    this.#pending.clear();
  }

  request<Op extends KafkaOperation>(op: Op, args: KafkaRequests[Op]): Promise<KafkaReplies[Op]> {
    const link = this.#link;
    if (!link) return Promise.reject(new KafkaJSConnectionError('Not connected'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      link.send({ id, op, args });
    });
  }

  disconnect(): void {
    const link = this.#link;
    if (!link) return;
    this.#lost();
    link.close();
  }
}

/** kafkajs instrumentation: `on(eventName, listener)` returns a function that removes it. */
class Instrumented {
  protected readonly emitter = new Emitter();
  on(eventName: string, listener: (event: { id: number; type: string; timestamp: number; payload: unknown }) => void): () => void {
    this.emitter.on(eventName, listener);
    return () => this.emitter.off(eventName, listener);
  }
  #nextEventId = 0;
  protected instrument(type: string, payload: unknown): void {
    if (this.emitter.listenerCount(type) === 0) return;
    this.emitter.emit(type, { id: this.#nextEventId++, type, timestamp: Date.now(), payload });
  }
}

function encodeValue(value: Value | undefined): Uint8Array | null {
  if (value === null || value === undefined) return null;
  return encodeStringOrBytes(typeof value === 'string' || value instanceof Uint8Array ? value : String(value));
}

function decodeRecord(record: StoredRecord) {
  const headers: Record<string, Uint8Array> = {};
  for (const [name, value] of Object.entries(record.headers)) headers[name] = toClientBytes(value);
  return {
    magicByte: 2,
    attributes: 0,
    timestamp: String(record.timestamp),
    offset: String(record.offset),
    key: record.key ? toClientBytes(record.key) : null,
    value: record.value ? toClientBytes(record.value) : null,
    headers,
    isControlRecord: false,
  };
}

export type KafkaMessage = ReturnType<typeof decodeRecord>;

// ---------------------------------------------------------------- producer

class Producer extends Instrumented {
  readonly events = { CONNECT: 'producer.connect', DISCONNECT: 'producer.disconnect' } as const;
  readonly #connection: ClusterConnection;
  readonly #partitioner: (args: PartitionerArgs) => number;
  readonly #allowAutoTopicCreation: boolean;
  readonly #partitionCounts = new Map<string, number>();

  constructor(connection: ClusterConnection, options: { createPartitioner?: () => (args: PartitionerArgs) => number; allowAutoTopicCreation?: boolean }) {
    super();
    this.#connection = connection;
    this.#partitioner = (options.createPartitioner ?? createDefaultPartitioner)();
    this.#allowAutoTopicCreation = options.allowAutoTopicCreation ?? true;
  }

  async connect(): Promise<void> {
    await this.#connection.connect();
    this.instrument(this.events.CONNECT, null);
  }

  async disconnect(): Promise<void> {
    this.#connection.disconnect();
    this.instrument(this.events.DISCONNECT, null);
  }

  isIdempotent(): boolean {
    return false;
  }

  async #partitionCount(topic: string): Promise<number> {
    const known = this.#partitionCounts.get(topic);
    if (known !== undefined) return known;
    const { topics } = await this.#connection.request('metadata', { topics: [topic], allowAutoTopicCreation: this.#allowAutoTopicCreation });
    const count = topics[0]!.partitions;
    this.#partitionCounts.set(topic, count);
    return count;
  }

  async send({ topic, messages, acks }: { topic: string; messages: ProducerMessage[]; acks?: number }) {
    if (!topic) throw new KafkaJSNonRetriableError(`Invalid topic`);
    if (!Array.isArray(messages)) throw new KafkaJSNonRetriableError(`Invalid messages array [${String(messages)}] for topic "${topic}"`);
    for (const message of messages) {
      if (message === null || typeof message !== 'object' || !('value' in message)) {
        throw new KafkaJSNonRetriableError(`Invalid message without value for topic "${topic}": ${JSON.stringify(message)}`);
      }
    }
    if (!this.#connection.connected) throw new KafkaJSError('The producer is disconnected');
    let count: number;
    try {
      count = await this.#partitionCount(topic);
    } catch (error) {
      this.#partitionCounts.delete(topic);
      throw error;
    }
    const partitionMetadata = Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0 }));
    const byPartition = new Map<number, WireRecord[]>();
    const now = Date.now();
    for (const message of messages) {
      const partition = this.#partitioner({ topic, partitionMetadata, message: message as PartitionerArgs['message'] });
      const headers: Record<string, Uint8Array> = {};
      for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = encodeStringOrBytes(value);
      const record: WireRecord = { key: encodeValue(message.key), value: encodeValue(message.value), headers, timestamp: message.timestamp ? Number(message.timestamp) : now };
      const list = byPartition.get(partition);
      if (list) list.push(record);
      else byPartition.set(partition, [record]);
    }
    const replies = await this.#connection.request('produce', { topic, partitions: [...byPartition].map(([partition, records]) => ({ partition, records })) });
    if (acks === 0) return [];
    return replies.map((reply) => ({
      topicName: topic,
      partition: reply.partition,
      errorCode: 0,
      baseOffset: String(reply.baseOffset),
      logAppendTime: '-1',
      logStartOffset: String(reply.logStartOffset),
    }));
  }

  async sendBatch({ topicMessages = [], acks }: { topicMessages?: Array<{ topic: string; messages: ProducerMessage[] }>; acks?: number }) {
    const results = [];
    for (const { topic, messages } of topicMessages) results.push(...(await this.send({ topic, messages, acks })));
    return results;
  }
}

// ---------------------------------------------------------------- consumer

interface RunConfig {
  autoCommit?: boolean;
  eachMessage?: (payload: { topic: string; partition: number; message: KafkaMessage; heartbeat(): Promise<void>; pause(): () => void }) => Promise<void>;
  eachBatch?: (payload: {
    batch: { topic: string; partition: number; highWatermark: string; messages: KafkaMessage[]; firstOffset(): string | null; lastOffset(): string };
    resolveOffset(offset: string): void;
    heartbeat(): Promise<void>;
    pause(): () => void;
    commitOffsetsIfNecessary(): Promise<void>;
    isRunning(): boolean;
    isStale(): boolean;
  }) => Promise<void>;
  partitionsConsumedConcurrently?: number;
}

const key = (topic: string, partition: number) => `${topic}:${partition}`;

class Consumer extends Instrumented {
  readonly events = {
    GROUP_JOIN: 'consumer.group_join',
    CRASH: 'consumer.crash',
    COMMIT_OFFSETS: 'consumer.commit_offsets',
    CONNECT: 'consumer.connect',
    DISCONNECT: 'consumer.disconnect',
    STOP: 'consumer.stop',
    REBALANCING: 'consumer.rebalancing',
  } as const;
  readonly #connection: ClusterConnection;
  readonly #groupId: string;
  readonly #clientId: string;
  readonly #maxWaitTimeInMs: number;
  readonly #heartbeatInterval: number;
  readonly #rebalanceTimeout: number;
  #lastHeartbeat = 0;
  readonly #logger: Logger;
  #subscriptions = new Map<string, { fromBeginning: boolean }>();
  #running = false;
  #loop: Promise<void> | null = null;
  #memberId = '';
  #assignment: Assignment | null = null;
  #positions = new Map<string, number>();
  /** Offsets processed but not yet committed ("resolved" in kafkajs). */
  #resolved = new Map<string, number>();
  #paused = new Set<string>();
  #seeks = new Map<string, number>();
  #needsJoin = true;
  #wakeLoop: (() => void) | null = null;

  constructor(
    connection: ClusterConnection,
    config: { groupId: string; maxWaitTimeInMs?: number; heartbeatInterval?: number; rebalanceTimeout?: number },
    clientId: string,
    logger: Logger,
  ) {
    super();
    if (!config || typeof config.groupId !== 'string' || config.groupId.length === 0) {
      throw new KafkaJSNonRetriableError('Consumer groupId must be a non-empty string.');
    }
    this.#connection = connection;
    this.#groupId = config.groupId;
    this.#clientId = clientId;
    this.#maxWaitTimeInMs = config.maxWaitTimeInMs ?? 5000;
    this.#heartbeatInterval = config.heartbeatInterval ?? 3000;
    this.#rebalanceTimeout = config.rebalanceTimeout ?? 60_000;
    this.#logger = logger;
  }

  async connect(): Promise<void> {
    await this.#connection.connect();
    this.instrument(this.events.CONNECT, null);
  }

  async subscribe(subscription: { topic?: string | RegExp; topics?: Array<string | RegExp>; fromBeginning?: boolean }): Promise<void> {
    if (this.#running) throw new KafkaJSNonRetriableError('Cannot subscribe to topic while consumer is running');
    const requested = subscription.topics ?? (subscription.topic !== undefined ? [subscription.topic] : []);
    if (requested.length === 0) throw new KafkaJSNonRetriableError(`Invalid topics array, the value must be an array of strings or RegExps`);
    const fromBeginning = subscription.fromBeginning ?? false;
    const existing = requested.some((t) => t instanceof RegExp) ? (await this.#connection.request('listTopics', {})).topics : [];
    for (const topic of requested) {
      if (topic instanceof RegExp) {
        for (const name of existing) if (topic.test(name)) this.#subscriptions.set(name, { fromBeginning });
      } else if (typeof topic === 'string' && topic.length > 0) {
        this.#subscriptions.set(topic, { fromBeginning });
      } else {
        throw new KafkaJSNonRetriableError(`Invalid topic ${String(topic)}`);
      }
    }
    // kafkajs fetches metadata here, creating the topics when auto-creation is allowed.
    await this.#connection.request('metadata', { topics: [...this.#subscriptions.keys()], allowAutoTopicCreation: true });
  }

  async run(config: RunConfig = {}): Promise<void> {
    if (this.#running) return;
    if (!config.eachMessage && !config.eachBatch) throw new KafkaJSNonRetriableError('Consumer.run requires eachMessage or eachBatch');
    if (!this.#connection.connected) throw new KafkaJSNonRetriableError('The consumer is not connected');
    this.#running = true;
    await this.#join();
    this.#loop = this.#fetchLoop(config);
  }

  async #join(): Promise<void> {
    const { memberId } = await this.#connection.request('joinGroup', {
      groupId: this.#groupId,
      memberId: this.#memberId,
      clientId: this.#clientId,
      topics: [...this.#subscriptions.keys()],
      rebalanceTimeout: this.#rebalanceTimeout,
    });
    this.#memberId = memberId;
    await this.#sync();
  }

  async #sync(): Promise<void> {
    const started = Date.now();
    this.instrument(this.events.REBALANCING, { groupId: this.#groupId, memberId: this.#memberId });
    const assignment = await this.#connection.request('syncGroup', { groupId: this.#groupId, memberId: this.#memberId });
    this.#assignment = assignment;
    this.#needsJoin = false;
    this.#lastHeartbeat = Date.now();
    this.#resolved.clear();
    // Start where the group committed; without a commit, where fromBeginning says (kafkajs's
    // auto offset reset: earliest or latest).
    const committed = await this.#connection.request('fetchOffsets', { groupId: this.#groupId, topics: Object.keys(assignment.partitions) });
    const positions = new Map<string, number>();
    for (const { topic, partitions } of committed) {
      const assigned = new Set(assignment.partitions[topic] ?? []);
      const needReset = partitions.filter((p) => assigned.has(p.partition) && p.offset < 0);
      const offsets = needReset.length > 0 ? await this.#connection.request('topicOffsets', { topic }) : [];
      for (const { partition, offset } of partitions) {
        if (!assigned.has(partition)) continue;
        if (offset >= 0) positions.set(key(topic, partition), offset);
        else {
          const bounds = offsets.find((o) => o.partition === partition)!;
          positions.set(key(topic, partition), this.#subscriptions.get(topic)?.fromBeginning ? bounds.low : bounds.high);
        }
      }
    }
    this.#positions = positions;
    const payload = {
      groupId: this.#groupId,
      memberId: this.#memberId,
      leaderId: assignment.leaderId,
      isLeader: assignment.leaderId === this.#memberId,
      memberAssignment: assignment.partitions,
      groupProtocol: 'RoundRobinAssigner',
      duration: Date.now() - started,
    };
    this.instrument(this.events.GROUP_JOIN, payload);
    this.#logger.info('ConsumerGroup', 'Consumer has joined the group', payload);
  }

  async #commitResolved(): Promise<void> {
    if (this.#resolved.size === 0 || !this.#assignment) return;
    const offsets: TopicPartitionOffset[] = [...this.#resolved].map(([k, offset]) => {
      const at = k.lastIndexOf(':');
      return { topic: k.slice(0, at), partition: Number(k.slice(at + 1)), offset };
    });
    this.#resolved.clear();
    await this.#connection.request('commit', { groupId: this.#groupId, memberId: this.#memberId, generationId: this.#assignment.generationId, offsets });
    this.instrument(this.events.COMMIT_OFFSETS, {
      groupId: this.#groupId,
      memberId: this.#memberId,
      groupGenerationId: this.#assignment.generationId,
      topics: offsets.map((o) => ({ topic: o.topic, partitions: [{ partition: String(o.partition), offset: String(o.offset) }] })),
    });
  }

  async #fetchLoop(config: RunConfig): Promise<void> {
    const autoCommit = config.autoCommit ?? true;
    let failures = 0;
    while (this.#running) {
      try {
        if (this.#needsJoin) await this.#sync();
        for (const [k, offset] of this.#seeks) if (this.#positions.has(k)) this.#positions.set(k, offset);
        this.#seeks.clear();
        const positions: TopicPartitionOffset[] = [];
        for (const [k, offset] of this.#positions) {
          if (this.#paused.has(k) || this.#paused.has(k.slice(0, k.lastIndexOf(':')))) continue;
          const at = k.lastIndexOf(':');
          positions.push({ topic: k.slice(0, at), partition: Number(k.slice(at + 1)), offset });
        }
        const reply = await Promise.race([
          this.#connection.request('fetch', {
            groupId: this.#groupId,
            memberId: this.#memberId,
            generationId: this.#assignment!.generationId,
            positions,
            maxWaitMs: this.#maxWaitTimeInMs,
            maxRecordsPerPartition: 500,
          }),
          // stop()/pause() interrupt a long poll, as kafkajs's fetch manager does.
          new Promise<null>((resolve) => (this.#wakeLoop = () => resolve(null))),
        ]);
        this.#wakeLoop = null;
        if (!this.#running) break;
        if (!reply) continue;
        if (reply.rebalance) {
          await this.#commitResolved().catch(() => undefined);
          this.#needsJoin = true;
          continue;
        }
        for (const batch of reply.batches) {
          const k = key(batch.topic, batch.partition);
          if (batch.outOfRange) {
            // OFFSET_OUT_OF_RANGE: kafkajs resets to earliest/latest following fromBeginning.
            this.#positions.set(k, this.#subscriptions.get(batch.topic)?.fromBeginning ? batch.outOfRange.low : batch.outOfRange.high);
            continue;
          }
          if (!this.#running || this.#needsJoin || this.#seeks.size > 0) break;
          await this.#processBatch(batch, config, autoCommit);
        }
        failures = 0;
      } catch (error) {
        if (!this.#running) break;
        if (error instanceof KafkaJSProtocolError && (error.type === 'REBALANCE_IN_PROGRESS' || error.type === 'ILLEGAL_GENERATION')) {
          // As kafkajs: commit what was processed (still accepted while the group waits for us),
          // then rejoin.
          if (autoCommit) await this.#commitResolved().catch(() => undefined);
          this.#needsJoin = true;
          continue;
        }
        if (error instanceof KafkaJSProtocolError && error.type === 'UNKNOWN_MEMBER_ID') {
          this.#memberId = '';
          await this.#join().catch(() => undefined);
          continue;
        }
        if (error instanceof KafkaJSConnectionError) {
          // The broker went away: reconnect with backoff and join again as a new member, as
          // kafkajs's retrier does; the group has already moved our partitions to others.
          failures++;
          this.#logger.error('Consumer', 'Connection error, reconnecting', { error: error.message });
          await this.#interruptibleSleep(Math.min(300 * 2 ** (failures - 1), 30_000));
          if (!this.#running) break;
          this.#memberId = '';
          this.#needsJoin = true;
          await this.#connection
            .connect()
            .then(() => this.#join())
            .catch(() => undefined);
          continue;
        }
        // An error from eachMessage/eachBatch: kafkajs commits what was processed, reports a
        // crash, and the consumer restarts after a backoff, retrying the failed message.
        failures++;
        this.#logger.error('Runner', 'Error when calling eachMessage', { error: String(error) });
        if (autoCommit) await this.#commitResolved().catch(() => undefined);
        this.instrument(this.events.CRASH, { error, groupId: this.#groupId, restart: true });
        await this.#interruptibleSleep(Math.min(300 * 2 ** (failures - 1), 30_000));
      }
    }
  }

  /** A backoff that stop() can cut short. */
  #interruptibleSleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wakeLoop = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async #processBatch(batch: { topic: string; partition: number; records: StoredRecord[]; highWatermark: number }, config: RunConfig, autoCommit: boolean): Promise<void> {
    const { topic, partition } = batch;
    const k = key(topic, partition);
    const pause = () => {
      this.pause([{ topic, partitions: [partition] }]);
      return () => this.resume([{ topic, partitions: [partition] }]);
    };
    // kafkajs heartbeats between messages (at most every heartbeatInterval); a rebalance shows up
    // there as REBALANCE_IN_PROGRESS, which stops the batch so the member can rejoin.
    const heartbeat = async () => {
      if (Date.now() - this.#lastHeartbeat < this.#heartbeatInterval || !this.#assignment) return;
      this.#lastHeartbeat = Date.now();
      await this.#connection.request('heartbeat', { groupId: this.#groupId, memberId: this.#memberId, generationId: this.#assignment.generationId });
    };
    const messages = batch.records.map(decodeRecord);
    const resolve = (offset: number) => {
      this.#positions.set(k, offset + 1);
      this.#resolved.set(k, offset + 1);
    };
    if (config.eachMessage) {
      for (const message of messages) {
        if (!this.#running || this.#needsJoin || this.#seeks.size > 0) break;
        await config.eachMessage({ topic, partition, message, heartbeat, pause });
        resolve(Number(message.offset));
        await heartbeat();
        if (this.#paused.has(k) || this.#paused.has(topic)) break;
      }
    } else if (config.eachBatch) {
      await config.eachBatch({
        batch: {
          topic,
          partition,
          highWatermark: String(batch.highWatermark),
          messages,
          firstOffset: () => messages[0]?.offset ?? null,
          lastOffset: () => messages.at(-1)?.offset ?? String(batch.highWatermark - 1),
        },
        resolveOffset: (offset) => resolve(Number(offset)),
        heartbeat,
        pause,
        commitOffsetsIfNecessary: () => (autoCommit ? this.#commitResolved() : Promise.resolve()),
        isRunning: () => this.#running,
        isStale: () => this.#needsJoin,
      });
      if (messages.length > 0) resolve(Number(messages.at(-1)!.offset));
    }
    if (autoCommit) await this.#commitResolved();
  }

  async commitOffsets(offsets: Array<{ topic: string; partition: number; offset: string }>): Promise<void> {
    if (!this.#assignment) throw new KafkaJSNonRetriableError('Consumer group was not initialized, consumer#run must be called first');
    await this.#connection.request('commit', {
      groupId: this.#groupId,
      memberId: this.#memberId,
      generationId: this.#assignment.generationId,
      offsets: offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: Number(o.offset) })),
    });
  }

  seek({ topic, partition, offset }: { topic: string; partition: number; offset: string }): void {
    if (!topic) throw new KafkaJSNonRetriableError(`Invalid topic ${topic}`);
    if (Number.isNaN(Number(partition))) throw new KafkaJSNonRetriableError(`Invalid partition, expected a number received ${partition}`);
    const value = Number(offset);
    if (!Number.isInteger(value)) throw new KafkaJSNonRetriableError(`Invalid offset, expected a long received ${offset}`);
    if (value < 0) throw new KafkaJSNonRetriableError('Offset must not be a negative number');
    if (!this.#assignment) throw new KafkaJSNonRetriableError('Consumer group was not initialized, consumer#run must be called first');
    this.#seeks.set(key(topic, partition), value);
    this.#wakeLoop?.();
  }

  pause(topics: Array<{ topic: string; partitions?: number[] }>): void {
    for (const { topic, partitions } of topics) {
      if (!topic) throw new KafkaJSNonRetriableError(`Invalid topic ${topic}`);
      if (partitions) for (const partition of partitions) this.#paused.add(key(topic, partition));
      else this.#paused.add(topic);
    }
    this.#wakeLoop?.();
  }

  resume(topics: Array<{ topic: string; partitions?: number[] }>): void {
    for (const { topic, partitions } of topics) {
      if (partitions) for (const partition of partitions) this.#paused.delete(key(topic, partition));
      else {
        this.#paused.delete(topic);
        for (const k of [...this.#paused]) if (k.startsWith(`${topic}:`)) this.#paused.delete(k);
      }
    }
    this.#wakeLoop?.();
  }

  paused(): Array<{ topic: string; partitions: number[] }> {
    const byTopic = new Map<string, number[]>();
    for (const k of this.#paused) {
      const at = k.lastIndexOf(':');
      if (at < 0) byTopic.set(k, this.#assignment?.partitions[k] ?? []);
      else (byTopic.get(k.slice(0, at)) ?? byTopic.set(k.slice(0, at), []).get(k.slice(0, at))!).push(Number(k.slice(at + 1)));
    }
    return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
  }

  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#wakeLoop?.();
    await this.#loop;
    this.#loop = null;
    await this.#commitResolved().catch(() => undefined);
    this.instrument(this.events.STOP, null);
  }

  async disconnect(): Promise<void> {
    await this.stop();
    if (this.#memberId && this.#connection.connected) {
      await this.#connection.request('leaveGroup', { groupId: this.#groupId, memberId: this.#memberId }).catch(() => undefined);
    }
    this.#memberId = '';
    this.#assignment = null;
    this.#connection.disconnect();
    this.instrument(this.events.DISCONNECT, null);
  }
}

// ---------------------------------------------------------------- admin

class Admin extends Instrumented {
  readonly #connection: ClusterConnection;
  constructor(connection: ClusterConnection) {
    super();
    this.#connection = connection;
  }
  connect(): Promise<void> {
    return this.#connection.connect();
  }
  async disconnect(): Promise<void> {
    this.#connection.disconnect();
  }
  async createTopics({ topics }: { topics: Array<{ topic: string; numPartitions?: number; replicationFactor?: number }>; validateOnly?: boolean; waitForLeaders?: boolean; timeout?: number }): Promise<boolean> {
    if (!Array.isArray(topics)) throw new KafkaJSNonRetriableError(`Invalid topics array ${String(topics)}`);
    if (new Set(topics.map((t) => t.topic)).size < topics.length) throw new KafkaJSNonRetriableError('Invalid topics array, it cannot have multiple entries for the same topic');
    const { created } = await this.#connection.request('createTopics', {
      topics: topics.map(({ topic, numPartitions }) => ({ topic, numPartitions: numPartitions === undefined || numPartitions === -1 ? undefined : numPartitions })),
    });
    return created;
  }
  async deleteTopics({ topics }: { topics: string[]; timeout?: number }): Promise<void> {
    await this.#connection.request('deleteTopics', { topics });
  }
  async listTopics(): Promise<string[]> {
    return (await this.#connection.request('listTopics', {})).topics;
  }
  async fetchTopicMetadata({ topics = [] }: { topics?: string[] } = {}) {
    const { topics: found } = await this.#connection.request('metadata', { topics, allowAutoTopicCreation: false });
    return {
      topics: found.map(({ topic, partitions }) => ({
        name: topic,
        partitions: Array.from({ length: partitions }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0], offlineReplicas: [] })),
      })),
    };
  }
  async fetchTopicOffsets(topic: string) {
    const offsets = await this.#connection.request('topicOffsets', { topic });
    return offsets.map(({ partition, low, high }) => ({ partition, offset: String(high), high: String(high), low: String(low) }));
  }
  async fetchOffsets({ groupId, topics }: { groupId: string; topics?: string[]; resolveOffsets?: boolean }) {
    if (!groupId) throw new KafkaJSNonRetriableError(`Invalid groupId ${groupId}`);
    const names = topics ?? (await this.listTopics());
    const offsets = await this.#connection.request('fetchOffsets', { groupId, topics: names });
    return offsets.map(({ topic, partitions }) => ({
      topic,
      partitions: partitions.map(({ partition, offset }) => ({ partition, offset: String(offset), metadata: null })),
    }));
  }
  async setOffsets({ groupId, topic, partitions }: { groupId: string; topic: string; partitions: Array<{ partition: number; offset: string }> }): Promise<void> {
    await this.#connection.request('setOffsets', { groupId, topic, partitions: partitions.map((p) => ({ partition: p.partition, offset: Number(p.offset) })) });
  }
  async resetOffsets({ groupId, topic, earliest = false }: { groupId: string; topic: string; earliest?: boolean }): Promise<void> {
    const offsets = await this.#connection.request('topicOffsets', { topic });
    await this.#connection.request('setOffsets', { groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: earliest ? o.low : o.high })) });
  }
}

/** Builds the `kafkajs` module a service imports, dialling the cluster through `dial`. */
export function createKafkajs(dial: KafkaDialer) {
  class Kafka {
    readonly #config: KafkaConfig;
    readonly #logger: Logger;
    constructor(config: KafkaConfig) {
      if (!config || !config.brokers) throw new KafkaJSNonRetriableError('Failed to connect: expected brokers array and got nothing');
      this.#config = config;
      this.#logger = createLogger(config.logLevel ?? logLevel.INFO, config.clientId ?? 'kafkajs');
    }
    producer(options: { createPartitioner?: () => (args: PartitionerArgs) => number; allowAutoTopicCreation?: boolean } = {}) {
      return new Producer(new ClusterConnection(dial, this.#config.brokers), options);
    }
    consumer(options: { groupId: string; maxWaitTimeInMs?: number; heartbeatInterval?: number; rebalanceTimeout?: number; [option: string]: unknown }) {
      return new Consumer(new ClusterConnection(dial, this.#config.brokers), options, this.#config.clientId ?? 'kafkajs', this.#logger);
    }
    admin() {
      return new Admin(new ClusterConnection(dial, this.#config.brokers));
    }
  }
  return {
    Kafka,
    Partitioners,
    logLevel,
    CompressionTypes,
    KafkaJSError,
    KafkaJSNonRetriableError,
    KafkaJSProtocolError,
    KafkaJSConnectionError,
  };
}
