import { describe, expect, it } from 'vitest';
import { parseAnsi, stripAnsi } from './ansi.ts';

describe('ANSI in logs', () => {
  it('splits a hono/logger line into coloured runs', () => {
    const line = '--> GET /orders \x1b[32m200\x1b[0m 3ms';
    expect(parseAnsi(line)).toEqual([{ text: '--> GET /orders ' }, { text: '200', color: 'green' }, { text: ' 3ms' }]);
    expect(stripAnsi(line)).toBe('--> GET /orders 200 3ms');
  });

  it('handles bold, bright colours, resets and non-colour sequences', () => {
    expect(parseAnsi('\x1b[1;31mError\x1b[22m x\x1b[39m \x1b[90mgris\x1b[2K')).toEqual([
      { text: 'Error', color: 'red', bold: true },
      { text: ' x', color: 'red' },
      { text: ' ' },
      { text: 'gris', color: 'gray' },
    ]);
  });

  it('leaves plain text alone', () => {
    expect(parseAnsi('hola')).toEqual([{ text: 'hola' }]);
  });
});
