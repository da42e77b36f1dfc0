// The ported partitioner against kafkajs's own DefaultPartitioner: same key → same partition.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { createDefaultPartitioner, murmur2 } from './partitioner.ts';

const require = createRequire(import.meta.url);
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (key: string | Buffer) => number;
const { Partitioners } = require('kafkajs') as typeof import('kafkajs');

const metadata = (n: number) => Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));

describe('murmur2 partitioner (ported from kafkajs)', () => {
  it('hashes like kafkajs for known keys, including non-ASCII and every tail length', () => {
    const keys = ['', 'a', 'ab', 'abc', 'abcd', 'order-1', 'order-42', 'customer:7f3a', 'ñandú', '注文-1', 'x'.repeat(257)];
    for (const key of keys) expect(murmur2(key), key).toBe(kafkajsMurmur2(key));
  });

  it('hashes like kafkajs for arbitrary strings and byte keys', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (key) => murmur2(key) === kafkajsMurmur2(key)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => murmur2(bytes) === kafkajsMurmur2(Buffer.from(bytes))),
      { numRuns: 500 },
    );
  });

  it('chooses the partition kafkajs DefaultPartitioner chooses, for string, Buffer and numeric keys', () => {
    const ours = createDefaultPartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    for (const partitions of [1, 3, 6, 12]) {
      for (const key of ['order-1', 'order-2', 'restaurant-9', 'user@example.com', 'Ñ']) {
        const message = { key, value: 'v' };
        expect(ours({ topic: 't', partitionMetadata: metadata(partitions), message }), `${key}/${partitions}`).toBe(
          theirs({ topic: 't', partitionMetadata: metadata(partitions), message }),
        );
        const bufferMessage = { key: Buffer.from(key), value: 'v' };
        expect(ours({ topic: 't', partitionMetadata: metadata(partitions), message: bufferMessage })).toBe(
          theirs({ topic: 't', partitionMetadata: metadata(partitions), message: bufferMessage }),
        );
      }
      const numeric = { key: 12345 as unknown as string, value: 'v' };
      expect(ours({ topic: 't', partitionMetadata: metadata(partitions), message: numeric })).toBe(
        theirs({ topic: 't', partitionMetadata: metadata(partitions), message: numeric }),
      );
    }
  });

  it('keeps an explicit partition and spreads keyless messages round-robin', () => {
    const partitioner = createDefaultPartitioner();
    expect(partitioner({ topic: 't', partitionMetadata: metadata(3), message: { partition: 2, key: 'k' } })).toBe(2);
    const chosen = Array.from({ length: 6 }, () => partitioner({ topic: 'rr', partitionMetadata: metadata(3), message: {} }));
    expect(new Set(chosen)).toEqual(new Set([0, 1, 2]));
    expect(chosen[3]).toBe(chosen[0]);
  });
});
