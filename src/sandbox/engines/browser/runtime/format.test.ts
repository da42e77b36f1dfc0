import { describe, expect, it } from 'vitest';
import { formatArgs, locate, mapStack } from './format.ts';

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
