// An in-memory, single-broker Kafka for the sandbox, with the semantics kafkajs exposes: topics
// with N partitions (append-only logs with offsets), consumer groups whose partitions are
// re-assigned (kafkajs's RoundRobinAssigner) whenever a member joins or leaves, committed
// offsets per group, long-polling fetches, and a per-partition retention cap by message count
// (the emulator's memory bound; real Kafka retains by time and size). Partition choice is the
// client's job, as in kafkajs (see partitioner.ts). Pure TypeScript: page, Worker or Node.

import type { FrameLink } from '../shared/transport.ts';
import {
  KAFKA_ERRORS,
  type Assignment,
  type KafkaClientFrame,
  type KafkaErrorType,
  type KafkaReplies,
  type KafkaRequests,
  type KafkaServerFrame,
  type PartitionBatch,
  type StoredRecord,
  type WireRecord,
} from './protocol.ts';

export class KafkaProtocolError extends Error {
  readonly type: KafkaErrorType;
  constructor(type: KafkaErrorType, message?: string) {
    super(message ?? KAFKA_ERRORS[type].message);
    this.type = type;
  }
}

class PartitionLog {
  records: StoredRecord[] = [];
  /** Offset of records[0] (Kafka's log start offset). */
  low = 0;
  /** Next offset to be written (Kafka's high watermark, all writes being committed here). */
  high = 0;

  append(records: WireRecord[], retention: number): number {
    const baseOffset = this.high;
    for (const record of records) this.records.push({ ...record, offset: this.high++ });
    const excess = this.records.length - retention;
    if (excess > 0) {
      this.records.splice(0, excess);
      this.low += excess;
    }
    return baseOffset;
  }

  read(from: number, max: number): StoredRecord[] {
    const start = from - this.low;
    return this.records.slice(start, start + max);
  }
}

interface Topic {
  name: string;
  partitions: PartitionLog[];
}

interface Member {
  id: string;
  clientId: string;
  /** How long the group waits for this member to rejoin a rebalance before evicting it. */
  rebalanceTimeout: number;
  session: KafkaSession;
  topics: string[];
  /** Chaos control: a paused member stays in its group (heartbeats go on) but fetches nothing, so its lag grows. */
  paused?: boolean;
  /** A parked fetch, answered on new data, on rebalance or when its wait time ends. */
  waiting: { resolve: (reply: KafkaReplies['fetch']) => void; timer: ReturnType<typeof setTimeout>; request: KafkaRequests['fetch'] } | null;
}

interface Group {
  id: string;
  members: Map<string, Member>;
  generationId: number;
  leaderId: string;
  assignments: Map<string, Record<string, number[]>>;
  /** "topic:partition" → next offset to consume. */
  committed: Map<string, number>;
  /**
   * Kafka's eager rebalance: once membership changes, every member must rejoin before any gets
   * its new partitions. Until then the old generation stays current, so members can still commit
   * what they processed (no duplicates for a consumer that commits before rejoining).
   */
  rebalancing: boolean;
  /** Members that rejoined and wait for the new assignment. */
  syncWaiters: Map<string, (assignment: Assignment) => void>;
  rebalanceTimer: ReturnType<typeof setTimeout> | null;
}

export interface KafkaClusterOptions {
  /** Partitions of a topic created implicitly (Kafka's num.partitions, default 1). */
  defaultPartitions?: number;
  /** Records kept per partition before the oldest are deleted. */
  retentionMessagesPerPartition?: number;
}

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export class KafkaCluster {
  readonly topics = new Map<string, Topic>();
  readonly groups = new Map<string, Group>();
  readonly defaultPartitions: number;
  readonly retention: number;
  #nextMember = 1;
  /** Called after each client request and membership change (the panel's live view; callers throttle). */
  onChange: (() => void) | undefined;

  constructor(options: KafkaClusterOptions = {}) {
    this.defaultPartitions = options.defaultPartitions ?? 1;
    this.retention = options.retentionMessagesPerPartition ?? 100_000;
  }

  accept(link: FrameLink<KafkaServerFrame, KafkaClientFrame>): KafkaSession {
    return new KafkaSession(this, link);
  }

  /** Stops the timers (parked fetches, rebalance timeouts), e.g. when the lab's sandbox goes away. */
  shutdown(): void {
    for (const group of this.groups.values()) {
      if (group.rebalanceTimer) clearTimeout(group.rebalanceTimer);
      group.rebalanceTimer = null;
      for (const member of group.members.values()) {
        if (!member.waiting) continue;
        clearTimeout(member.waiting.timer);
        member.waiting.resolve({ rebalance: false, batches: [] });
        member.waiting = null;
      }
    }
  }

  /** Pauses or resumes a group member by id (the panel's chaos control). Returns whether it exists. */
  setMemberPaused(groupId: string, memberId: string, paused: boolean): boolean {
    const member = this.groups.get(groupId)?.members.get(memberId);
    if (!member) return false;
    member.paused = paused;
    if (!paused && member.waiting) {
      // Answer its parked fetch now with what accumulated meanwhile.
      const waiting = member.waiting;
      const batches = this.#read(waiting.request, member);
      if (batches.length > 0) {
        clearTimeout(waiting.timer);
        member.waiting = null;
        waiting.resolve({ rebalance: false, batches });
      }
    }
    this.onChange?.();
    return true;
  }

  // ---------------------------------------------------------------- topics

  createTopic(name: string, numPartitions: number): boolean {
    if (!TOPIC_NAME.test(name) || name === '.' || name === '..') throw new KafkaProtocolError('INVALID_TOPIC_EXCEPTION');
    if (!Number.isInteger(numPartitions) || numPartitions < 1) throw new KafkaProtocolError('INVALID_PARTITIONS');
    if (this.topics.has(name)) return false;
    this.topics.set(name, { name, partitions: Array.from({ length: numPartitions }, () => new PartitionLog()) });
    return true;
  }

  #topic(name: string, autoCreate = false): Topic {
    let topic = this.topics.get(name);
    if (!topic && autoCreate) {
      this.createTopic(name, this.defaultPartitions);
      topic = this.topics.get(name);
    }
    if (!topic) throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION');
    return topic;
  }

  #partition(topicName: string, partition: number): PartitionLog {
    const log = this.#topic(topicName).partitions[partition];
    if (!log) throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION');
    return log;
  }

  metadata(args: KafkaRequests['metadata']): KafkaReplies['metadata'] {
    const names = args.topics.length > 0 ? args.topics : [...this.topics.keys()];
    return { topics: names.map((name) => ({ topic: name, partitions: this.#topic(name, args.allowAutoTopicCreation).partitions.length })) };
  }

  deleteTopics(names: string[]): void {
    for (const name of names) {
      this.#topic(name);
      this.topics.delete(name);
    }
    for (const group of this.groups.values()) {
      for (const key of [...group.committed.keys()]) if (names.includes(key.slice(0, key.lastIndexOf(':')))) group.committed.delete(key);
      if (group.members.size > 0) this.#rebalance(group);
    }
  }

  produce(args: KafkaRequests['produce']): KafkaReplies['produce'] {
    const topic = this.#topic(args.topic);
    const replies: KafkaReplies['produce'] = [];
    for (const { partition, records } of args.partitions) {
      const log = topic.partitions[partition];
      if (!log) throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION');
      const baseOffset = log.append(records, this.retention);
      replies.push({ partition, baseOffset, logStartOffset: log.low });
    }
    this.#wakeFetchers(args.topic, new Set(args.partitions.map((p) => p.partition)));
    return replies;
  }

  topicOffsets(name: string): KafkaReplies['topicOffsets'] {
    return this.#topic(name).partitions.map((log, partition) => ({ partition, low: log.low, high: log.high }));
  }

  // ---------------------------------------------------------------- groups

  #group(id: string): Group {
    let group = this.groups.get(id);
    if (!group) {
      group = { id, members: new Map(), generationId: 0, leaderId: '', assignments: new Map(), committed: new Map(), rebalancing: false, syncWaiters: new Map(), rebalanceTimer: null };
      this.groups.set(id, group);
    }
    return group;
  }

  fetchOffsets(args: KafkaRequests['fetchOffsets']): KafkaReplies['fetchOffsets'] {
    const group = this.#group(args.groupId);
    return args.topics.map((topic) => ({
      topic,
      partitions: this.#topic(topic).partitions.map((_, partition) => ({ partition, offset: group.committed.get(`${topic}:${partition}`) ?? -1 })),
    }));
  }

  setOffsets(args: KafkaRequests['setOffsets']): void {
    const group = this.#group(args.groupId);
    if (group.members.size > 0) throw new KafkaProtocolError('REBALANCE_IN_PROGRESS', 'The consumer group must have no running instances');
    for (const { partition, offset } of args.partitions) {
      this.#partition(args.topic, partition);
      group.committed.set(`${args.topic}:${partition}`, offset);
    }
  }

  joinGroup(args: KafkaRequests['joinGroup'], session: KafkaSession): KafkaReplies['joinGroup'] {
    const group = this.#group(args.groupId);
    for (const topic of args.topics) this.#topic(topic, true);
    let member = args.memberId ? group.members.get(args.memberId) : undefined;
    if (!member) {
      // Kafka member ids: `${clientId}-${uuid}`; a counter keeps test output readable and sortable.
      const id = `${args.clientId}-${String(this.#nextMember++).padStart(6, '0')}`;
      member = { id, clientId: args.clientId, rebalanceTimeout: args.rebalanceTimeout ?? 60_000, session, topics: args.topics, waiting: null };
      group.members.set(id, member);
      session.members.add(member);
      session.memberGroups.set(member, group);
    } else {
      member.topics = args.topics;
    }
    this.#rebalance(group);
    return { memberId: member.id };
  }

  /** A member (re)joins the current rebalance; answered once every member has. */
  syncGroup(args: KafkaRequests['syncGroup']): Assignment | Promise<Assignment> {
    const group = this.#group(args.groupId);
    if (!group.members.has(args.memberId)) throw new KafkaProtocolError('UNKNOWN_MEMBER_ID');
    if (!group.rebalancing) return this.#assignmentOf(group, args.memberId);
    return new Promise((resolve) => {
      group.syncWaiters.get(args.memberId)?.(this.#assignmentOf(group, args.memberId));
      group.syncWaiters.set(args.memberId, resolve);
      this.#completeRebalanceIfReady(group);
    });
  }

  #assignmentOf(group: Group, memberId: string): Assignment {
    return { generationId: group.generationId, leaderId: group.leaderId, partitions: group.assignments.get(memberId) ?? {} };
  }

  heartbeat(args: KafkaRequests['heartbeat']): void {
    const group = this.#group(args.groupId);
    if (!group.members.has(args.memberId)) throw new KafkaProtocolError('UNKNOWN_MEMBER_ID');
    if (group.rebalancing) throw new KafkaProtocolError('REBALANCE_IN_PROGRESS');
    if (args.generationId !== group.generationId) throw new KafkaProtocolError('ILLEGAL_GENERATION');
  }

  leaveGroup(groupId: string, memberId: string): void {
    const group = this.groups.get(groupId);
    const member = group?.members.get(memberId);
    if (!group || !member) return;
    this.#removeMember(group, member);
  }

  #removeMember(group: Group, member: Member): void {
    group.members.delete(member.id);
    group.syncWaiters.delete(member.id);
    member.session.members.delete(member);
    if (member.waiting) {
      clearTimeout(member.waiting.timer);
      member.waiting.resolve({ rebalance: true, batches: [] });
      member.waiting = null;
    }
    this.#rebalance(group);
  }

  /** Membership changed: ask every member to rejoin (their parked fetches answer "rebalance"). */
  #rebalance(group: Group): void {
    group.rebalancing = true;
    for (const member of group.members.values()) {
      if (!member.waiting) continue;
      clearTimeout(member.waiting.timer);
      member.waiting.resolve({ rebalance: true, batches: [] });
      member.waiting = null;
    }
    if (group.rebalanceTimer) clearTimeout(group.rebalanceTimer);
    group.rebalanceTimer = null;
    if (!this.#completeRebalanceIfReady(group)) {
      // Members that do not rejoin within their rebalance timeout are evicted (kafkajs: 60 s).
      const timeout = Math.max(...[...group.members.values()].map((m) => m.rebalanceTimeout));
      group.rebalanceTimer = setTimeout(() => {
        group.rebalanceTimer = null;
        for (const member of [...group.members.values()]) if (!group.syncWaiters.has(member.id)) this.#removeMember(group, member);
      }, timeout);
    }
  }

  /** New generation once all members rejoined: kafkajs's RoundRobinAssigner over sorted member ids. */
  #completeRebalanceIfReady(group: Group): boolean {
    if (!group.rebalancing) return true;
    for (const id of group.members.keys()) if (!group.syncWaiters.has(id)) return false;
    if (group.rebalanceTimer) clearTimeout(group.rebalanceTimer);
    group.rebalanceTimer = null;
    group.rebalancing = false;
    group.generationId++;
    group.assignments = new Map();
    const memberIds = [...group.members.keys()].sort();
    group.leaderId = memberIds[0] ?? '';
    const topics = [...new Set([...group.members.values()].flatMap((m) => m.topics))].filter((t) => this.topics.has(t));
    const partitions = topics.flatMap((topic) => this.topics.get(topic)!.partitions.map((_, partition) => ({ topic, partition })));
    for (const id of memberIds) group.assignments.set(id, {});
    partitions.forEach(({ topic, partition }, index) => {
      // Every member is assigned, even for topics it did not subscribe to, as kafkajs's assigner does.
      const assignment = group.assignments.get(memberIds[index % memberIds.length]!)!;
      (assignment[topic] ??= []).push(partition);
    });
    const waiters = [...group.syncWaiters];
    group.syncWaiters.clear();
    for (const [id, resolve] of waiters) resolve(this.#assignmentOf(group, id));
    return true;
  }

  commit(args: KafkaRequests['commit']): void {
    const group = this.#group(args.groupId);
    if (!group.members.has(args.memberId)) throw new KafkaProtocolError('UNKNOWN_MEMBER_ID');
    if (args.generationId !== group.generationId) throw new KafkaProtocolError('REBALANCE_IN_PROGRESS');
    for (const { topic, partition, offset } of args.offsets) {
      this.#partition(topic, partition);
      group.committed.set(`${topic}:${partition}`, offset);
    }
  }

  /** Committed offset for a group's partition, or null. */
  committedOffset(groupId: string, topic: string, partition: number): number | null {
    return this.groups.get(groupId)?.committed.get(`${topic}:${partition}`) ?? null;
  }

  fetch(args: KafkaRequests['fetch']): KafkaReplies['fetch'] | Promise<KafkaReplies['fetch']> {
    const group = this.#group(args.groupId);
    const member = group.members.get(args.memberId);
    if (!member) throw new KafkaProtocolError('UNKNOWN_MEMBER_ID');
    if (group.rebalancing || args.generationId !== group.generationId) return { rebalance: true, batches: [] };
    const batches = this.#read(args, member);
    if (batches.length > 0 || args.maxWaitMs <= 0) return { rebalance: false, batches };
    return new Promise((resolve) => {
      if (member.waiting) {
        clearTimeout(member.waiting.timer);
        member.waiting.resolve({ rebalance: false, batches: [] });
      }
      const timer = setTimeout(() => {
        member.waiting = null;
        resolve({ rebalance: false, batches: [] });
      }, args.maxWaitMs);
      member.waiting = { resolve, timer, request: args };
    });
  }

  #read(args: KafkaRequests['fetch'], member?: Member): PartitionBatch[] {
    const batches: PartitionBatch[] = [];
    if (member?.paused) return batches;
    for (const { topic, partition, offset } of args.positions) {
      const log = this.topics.get(topic)?.partitions[partition];
      if (!log) continue;
      if (offset < log.low || offset > log.high) {
        batches.push({ topic, partition, records: [], highWatermark: log.high, outOfRange: { low: log.low, high: log.high } });
        continue;
      }
      const records = log.read(offset, args.maxRecordsPerPartition);
      if (records.length > 0) batches.push({ topic, partition, records, highWatermark: log.high });
    }
    return batches;
  }

  #wakeFetchers(topic: string, partitions: Set<number>): void {
    for (const group of this.groups.values()) {
      for (const member of group.members.values()) {
        const waiting = member.waiting;
        if (!waiting) continue;
        if (!waiting.request.positions.some((p) => p.topic === topic && partitions.has(p.partition))) continue;
        const batches = this.#read(waiting.request, member);
        if (batches.length === 0) continue;
        clearTimeout(waiting.timer);
        member.waiting = null;
        waiting.resolve({ rebalance: false, batches });
      }
    }
  }

  sessionClosed(session: KafkaSession): void {
    // A client that goes away (worker terminated, process killed) leaves its groups at once; real
    // Kafka waits for the session timeout (kafkajs default 30 s) before rebalancing.
    for (const member of [...session.members]) {
      const group = session.memberGroups.get(member);
      if (group) this.#removeMember(group, member);
    }
  }
}

/** The server side of one client (producer, consumer or admin) connection. */
export class KafkaSession {
  readonly cluster: KafkaCluster;
  readonly link: FrameLink<KafkaServerFrame, KafkaClientFrame>;
  readonly members = new Set<Member>();
  readonly memberGroups = new Map<Member, Group>();

  constructor(cluster: KafkaCluster, link: FrameLink<KafkaServerFrame, KafkaClientFrame>) {
    this.cluster = cluster;
    this.link = link;
    link.onReceive((frame) => void this.#handle(frame));
    link.onClose(() => {
      cluster.sessionClosed(this);
      cluster.onChange?.();
    });
  }

  async #handle(frame: KafkaClientFrame): Promise<void> {
    try {
      const pending = this.#dispatch(frame);
      // Requests that change state are seen at once; a parked fetch when it answers.
      if (frame.op !== 'fetch' && frame.op !== 'heartbeat' && frame.op !== 'metadata') this.cluster.onChange?.();
      const result = await pending;
      this.link.send({ id: frame.id, result });
    } catch (error) {
      // Unexpected failures (bad arguments) are answered as Kafka's UNKNOWN_SERVER_ERROR, so a
      // client call never waits forever.
      if (!(error instanceof KafkaProtocolError)) {
        const message = `The server experienced an unexpected error when processing the request: ${error instanceof Error ? error.message : String(error)}`;
        this.link.send({ id: frame.id, error: { type: 'UNKNOWN_SERVER_ERROR', code: -1, message, retriable: false } });
        return;
      }
      const known = KAFKA_ERRORS[error.type];
      this.link.send({ id: frame.id, error: { type: error.type, code: known.code, message: error.message, retriable: known.retriable } });
    }
  }

  #dispatch(frame: KafkaClientFrame): unknown {
    const cluster = this.cluster;
    const args = frame.args;
    switch (frame.op) {
      case 'metadata':
        return cluster.metadata(args as KafkaRequests['metadata']);
      case 'createTopics': {
        const { topics } = args as KafkaRequests['createTopics'];
        let created = true;
        for (const spec of topics) created = cluster.createTopic(spec.topic, spec.numPartitions ?? cluster.defaultPartitions) && created;
        return { created };
      }
      case 'deleteTopics':
        cluster.deleteTopics((args as KafkaRequests['deleteTopics']).topics);
        return {};
      case 'listTopics':
        return { topics: [...cluster.topics.keys()] };
      case 'produce':
        return cluster.produce(args as KafkaRequests['produce']);
      case 'topicOffsets':
        return cluster.topicOffsets((args as KafkaRequests['topicOffsets']).topic);
      case 'fetchOffsets':
        return cluster.fetchOffsets(args as KafkaRequests['fetchOffsets']);
      case 'setOffsets':
        cluster.setOffsets(args as KafkaRequests['setOffsets']);
        return {};
      case 'joinGroup':
        return cluster.joinGroup(args as KafkaRequests['joinGroup'], this);
      case 'syncGroup':
        return cluster.syncGroup(args as KafkaRequests['syncGroup']);
      case 'leaveGroup': {
        const { groupId, memberId } = args as KafkaRequests['leaveGroup'];
        cluster.leaveGroup(groupId, memberId);
        return {};
      }
      case 'fetch':
        return cluster.fetch(args as KafkaRequests['fetch']);
      case 'commit':
        cluster.commit(args as KafkaRequests['commit']);
        return {};
      case 'heartbeat':
        cluster.heartbeat(args as KafkaRequests['heartbeat']);
        return {};
    }
  }
}
