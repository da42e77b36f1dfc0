import { describe, expect, it } from 'vitest';
import { checkJsonBody, errorOffset, lineColumn } from './json-body.ts';

describe('checkJsonBody', () => {
  it('accepts an empty body and valid JSON', () => {
    expect(checkJsonBody('  \n')).toEqual({ ok: true, empty: true, value: undefined });
    expect(checkJsonBody('{"a": [1, 2]}')).toEqual({ ok: true, empty: false, value: { a: [1, 2] } });
  });

  it('points at a trailing comma with line and column', () => {
    const result = checkJsonBody('{\n  "email": "ana@foodly.test",\n}');
    expect(result).toMatchObject({ ok: false, line: 3, column: 1 });
    if (!result.ok) expect(result.message).toBe('JSON no válido en la línea 3, columna 1: sobra la coma antes de «}».');
  });

  it('explains single quotes, unquoted keys and a missing end', () => {
    const quotes = checkJsonBody("{'a': 1}");
    expect(quotes.ok === false && quotes.message).toContain('comillas dobles ("), no simples');
    const keys = checkJsonBody('{ email: "x" }');
    expect(keys.ok === false && keys.message).toContain('línea 1, columna 3: los nombres de propiedad van entre comillas dobles');
    const open = checkJsonBody('{"a": [1, 2');
    expect(open.ok === false && open.message).toContain('termina antes de tiempo');
  });
});

describe('errorOffset', () => {
  const text = '{\n "a": x}';
  it('reads V8 positions, Firefox line/column and falls back to scanning', () => {
    expect(errorOffset(text, 'Unexpected token x in JSON at position 8')).toBe(8);
    expect(errorOffset(text, 'JSON.parse: unexpected character at line 2 column 7 of the JSON data')).toBe(8);
    expect(errorOffset(text, 'JSON Parse error: Unexpected identifier "x"')).toBe(8);
  });

  it('converts offsets to 1-based line and column', () => {
    expect(lineColumn(text, 8)).toEqual({ line: 2, column: 7 });
    expect(lineColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });
});
