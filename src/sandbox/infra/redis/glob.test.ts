import { describe, expect, it } from 'vitest';
import { globMatches } from './glob.ts';

describe('globMatches (Redis pattern syntax)', () => {
  it.each([
    ['pedidos.*', 'pedidos.creado', true],
    ['pedidos.*', 'pagos.creado', false],
    ['*', '', true],
    ['h?llo', 'hello', true],
    ['h?llo', 'hllo', false],
    ['h[ae]llo', 'hallo', true],
    ['h[ae]llo', 'hillo', false],
    ['h[^e]llo', 'hallo', true],
    ['h[^e]llo', 'hello', false],
    ['h[a-b]llo', 'hbllo', true],
    ['h[a-b]llo', 'hcllo', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['*.creado', 'pedido.creado', true],
    ['**x', 'abcx', true],
  ])('%s vs %s → %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });
});
