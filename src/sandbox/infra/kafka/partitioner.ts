// kafkajs's DefaultPartitioner (src/producer/partitioners/default + legacy/partitioner.js), ported
// so a key lands on the partition kafkajs would choose: explicit partition first, then
// murmur2(key) (Kafka 0.10.2's Java hash, as kafkajs computes it) masked positive, modulo the
// partition count; keyless messages round-robin from a random start. kafkajs does the 64-bit Long
// arithmetic and keeps the low 32 bits; Math.imul gives the same low 32 bits directly.
// partitioner.test.ts checks this port against kafkajs's own function.

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const encoder = new TextEncoder();

export function murmur2(key: string | Uint8Array): number {
  const data = typeof key === 'string' ? encoder.encode(key) : key;
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const tail = length & ~3;
  switch (length % 4) {
    case 3:
      h ^= data[tail + 2]! << 16;
    // falls through
    case 2:
      h ^= data[tail + 1]! << 8;
    // falls through
    case 1:
      h ^= data[tail]!;
      h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

const toPositive = (x: number) => x & 0x7fffffff;

export interface PartitionerArgs {
  topic: string;
  partitionMetadata: Array<{ partitionId: number; leader: number }>;
  message: { partition?: number | null; key?: string | Uint8Array | null };
}

/** `Partitioners.DefaultPartitioner`: call once per producer, like kafkajs does. */
export function createDefaultPartitioner(): (args: PartitionerArgs) => number {
  const counters: Record<string, number> = {};
  return ({ topic, partitionMetadata, message }) => {
    if (!(topic in counters)) counters[topic] = crypto.getRandomValues(new Uint32Array(1))[0]!;
    const numPartitions = partitionMetadata.length;
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    if (message.key !== null && message.key !== undefined) {
      // kafkajs hashes Buffer keys as bytes and anything else as String(key) in UTF-8.
      const key = message.key instanceof Uint8Array ? message.key : String(message.key);
      return toPositive(murmur2(key)) % numPartitions;
    }
    const available = partitionMetadata.filter((p) => p.leader >= 0);
    counters[topic] = (counters[topic]! + 1) >>> 0;
    if (available.length > 0) return available[toPositive(counters[topic]!) % available.length]!.partitionId;
    return toPositive(counters[topic]!) % numPartitions;
  };
}
