import { describe, expect, it } from 'vitest';
import { sessionSchema } from '../../src/content/schemas.ts';

describe('sessionSchema', () => {
  it('names the field that is wrong', () => {
    const result = sessionSchema.safeParse({ number: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('date');
  });
});
