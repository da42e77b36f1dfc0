// The frames between the kafkajs shim and the emulated cluster: Kafka's requests as plain objects
// (Metadata, CreateTopics, Produce, Fetch, JoinGroup/SyncGroup, OffsetCommit, OffsetFetch…),
// with Uint8Array keys and values so they cross postMessage as they are.

export interface WireRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: Record<string, Uint8Array>;
  timestamp: number;
}

export interface StoredRecord extends WireRecord {
  offset: number;
}

export interface TopicSpec {
  topic: string;
  numPartitions?: number;
}

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

export interface PartitionBatch {
  topic: string;
  partition: number;
  records: StoredRecord[];
  /** The partition's high watermark after this batch (next offset to be written). */
  highWatermark: number;
  /** Set when the requested offset is no longer (or not yet) in the log. */
  outOfRange?: { low: number; high: number };
}

export interface Assignment {
  generationId: number;
  leaderId: string;
  /** topic → partitions, as kafkajs reports memberAssignment. */
  partitions: Record<string, number[]>;
}

export interface KafkaRequests {
  metadata: { topics: string[]; allowAutoTopicCreation: boolean };
  createTopics: { topics: TopicSpec[] };
  deleteTopics: { topics: string[] };
  listTopics: Record<string, never>;
  produce: { topic: string; partitions: Array<{ partition: number; records: WireRecord[] }> };
  topicOffsets: { topic: string };
  fetchOffsets: { groupId: string; topics: string[] };
  setOffsets: { groupId: string; topic: string; partitions: Array<{ partition: number; offset: number }> };
  joinGroup: { groupId: string; memberId: string; clientId: string; topics: string[]; rebalanceTimeout?: number };
  heartbeat: { groupId: string; memberId: string; generationId: number };
  syncGroup: { groupId: string; memberId: string };
  leaveGroup: { groupId: string; memberId: string };
  fetch: {
    groupId: string;
    memberId: string;
    generationId: number;
    positions: TopicPartitionOffset[];
    maxWaitMs: number;
    maxRecordsPerPartition: number;
  };
  commit: { groupId: string; memberId: string; generationId: number; offsets: TopicPartitionOffset[] };
}

export interface KafkaReplies {
  metadata: { topics: Array<{ topic: string; partitions: number }> };
  createTopics: { created: boolean };
  deleteTopics: Record<string, never>;
  listTopics: { topics: string[] };
  produce: Array<{ partition: number; baseOffset: number; logStartOffset: number }>;
  topicOffsets: Array<{ partition: number; low: number; high: number }>;
  fetchOffsets: Array<{ topic: string; partitions: Array<{ partition: number; offset: number }> }>;
  setOffsets: Record<string, never>;
  joinGroup: { memberId: string };
  syncGroup: Assignment;
  leaveGroup: Record<string, never>;
  /** `rebalance`: the group's generation moved on; rejoin (sync) before fetching again. */
  fetch: { rebalance: boolean; batches: PartitionBatch[] };
  commit: Record<string, never>;
  heartbeat: Record<string, never>;
}

export type KafkaOperation = keyof KafkaRequests;

export type KafkaClientFrame = { id: number; op: KafkaOperation; args: KafkaRequests[KafkaOperation] };

/** A protocol error: Kafka's error code and name as kafkajs's KafkaJSProtocolError carries them. */
export interface WireError {
  type: string;
  code: number;
  message: string;
  retriable: boolean;
}

export type KafkaServerFrame = { id: number; result?: unknown; error?: WireError };

/** Kafka protocol errors the emulation can return (codes and texts from kafkajs/src/protocol/error.js). */
export const KAFKA_ERRORS = {
  UNKNOWN_TOPIC_OR_PARTITION: { code: 3, message: 'This server does not host this topic-partition', retriable: true },
  ILLEGAL_GENERATION: { code: 22, message: 'Specified group generation id is not valid', retriable: false },
  UNKNOWN_MEMBER_ID: { code: 25, message: 'The coordinator is not aware of this member', retriable: false },
  REBALANCE_IN_PROGRESS: { code: 27, message: 'The group is rebalancing, so a rejoin is needed', retriable: false },
  TOPIC_ALREADY_EXISTS: { code: 36, message: 'Topic with this name already exists', retriable: false },
  INVALID_PARTITIONS: { code: 37, message: 'Number of partitions is invalid', retriable: false },
  INVALID_TOPIC_EXCEPTION: { code: 17, message: 'The request attempted to perform an operation on an invalid topic', retriable: false },
} as const;

export type KafkaErrorType = keyof typeof KAFKA_ERRORS;
