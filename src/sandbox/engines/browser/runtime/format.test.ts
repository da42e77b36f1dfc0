import { describe, expect, it } from 'vitest';
import { BATCH_INTERVAL_MS, formatArgs, locate, LogBatcher, mapStack, MAX_BATCH_LINES, MAX_LINE_CHARS, type LogBatchMessage } from './format.ts';

describe('console formatting', () => {
  it('prints strings raw and objects like Node', () => {
    expect(formatArgs(['listo', { port: 3000, tags: ['a'] }, 2])).toBe("listo { port: 3000, tags: [ \"a\" ] } 2");
    expect(formatArgs(['%s en :%d', 'products', 3001])).toBe('products en :3001');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(formatArgs([circular])).toBe('{ self: [Circular] }');
  });

  it('maps Blob URLs in stacks to lab paths and finds the first learner frame', () => {
    const urlToPath = { 'blob:http://localhost:4321/abc-1': 'svc/src/app.ts' };
    const error = new Error('boom');
    error.stack = 'Error: boom\n    at buildApp (blob:http://localhost:4321/abc-1:12:9)\n    at blob:http://localhost:4321/zzz:1:1';
    expect(mapStack(error.stack, urlToPath)).toContain('at buildApp (svc/src/app.ts:12:9)');
    expect(locate(error, urlToPath)).toEqual({ file: 'svc/src/app.ts', line: 12, column: 9 });
  });

  it('prints "Name: message" before a stack that lacks it (Firefox, Safari), as Node does', () => {
    const urlToPath = { 'blob:http://localhost:4321/abc-1': 'svc/src/app.ts' };
    const error = new TypeError('catalog down');
    error.stack = 'buildApp@blob:http://localhost:4321/abc-1:12:9\n@blob:http://localhost:4321/zzz:1:1\n';
    const text = mapStack(formatArgs(['Fallo:', error]), urlToPath);
    expect(text).toBe('Fallo: TypeError: catalog down\nbuildApp@svc/src/app.ts:12:9\n@blob:http://localhost:4321/zzz:1:1');
    expect(locate(error, urlToPath)).toEqual({ file: 'svc/src/app.ts', line: 12, column: 9 });
    const v8 = new Error('boom');
    v8.stack = 'Error: boom\n    at f (x.js:1:1)';
    expect(formatArgs([v8])).toBe('Error: boom\n    at f (x.js:1:1)');
  });
});

describe('LogBatcher', () => {
  it('sends lines in batches, caps them, counts the rest without formatting them, and cuts long lines', async () => {
    let clock = 0;
    const batches: LogBatchMessage[] = [];
    const batcher = new LogBatcher((batch) => batches.push(batch), () => clock);
    let formatted = 0;
    // A synchronous loop: no timer can fire, the clock moves.
    for (let i = 0; i < 100_000; i++) {
      if (i % 1000 === 0) clock += 10;
      batcher.write('log', () => (formatted++, `line ${i}`));
    }
    batcher.flush();
    const total = batches.reduce((sum, b) => sum + b.lines.length + b.omitted, 0);
    expect(total).toBe(100_000);
    // About one batch per 100 ms of loop (1 s here), each with at most the cap.
    expect(batches.length).toBeGreaterThanOrEqual(9);
    expect(batches.length).toBeLessThanOrEqual(12);
    expect(batches.every((b) => b.lines.length <= MAX_BATCH_LINES)).toBe(true);
    expect(formatted).toBeLessThanOrEqual(batches.length * MAX_BATCH_LINES);
    batcher.write('log', () => 'x'.repeat(MAX_LINE_CHARS + 5));
    batcher.flush();
    expect(batches.at(-1)!.lines[0]!.text).toMatch(/… \(5 caracteres más\)$/);
  });

  it('a quiet service gets its few lines after the interval, by timer', async () => {
    const batches: LogBatchMessage[] = [];
    const batcher = new LogBatcher((batch) => batches.push(batch));
    batcher.write('info', () => 'hola');
    expect(batches).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, BATCH_INTERVAL_MS + 50));
    expect(batches).toEqual([{ lines: [{ level: 'info', text: 'hola' }], omitted: 0 }]);
  });
});
