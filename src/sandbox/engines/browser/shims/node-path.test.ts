import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as shim from './node-path.ts';

describe('node:path shim', () => {
  it('matches Node posix path for the helpers it provides', () => {
    for (const p of ['/a/b/c.ts', 'a/b/', '/a', 'a', '/', 'x/../y/./z.js']) {
      expect(shim.dirname(p)).toBe(posix.dirname(p));
      expect(shim.basename(p)).toBe(posix.basename(p));
      expect(shim.extname(p)).toBe(posix.extname(p));
      expect(shim.normalize(p)).toBe(posix.normalize(p).replace(/(.)\/$/, '$1'));
    }
    expect(shim.join('/a', 'b', '../c')).toBe(posix.join('/a', 'b', '../c'));
    expect(shim.resolve('/a/b', '../c', 'd')).toBe(posix.resolve('/a/b', '../c', 'd'));
    expect(shim.relative('/a/b/c', '/a/d')).toBe(posix.relative('/a/b/c', '/a/d'));
  });
});
