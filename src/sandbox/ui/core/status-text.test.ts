import { describe, expect, it } from 'vitest';
import { BODY_PREVIEW_CHARS, prettyBody, statusLine, statusText } from './status-text.ts';

describe('statusText', () => {
  it('reads each state in Spanish', () => {
    expect(statusText({ state: 'starting' })).toBe('Iniciando…');
    expect(statusText({ state: 'running', port: 3101 })).toBe('En marcha en :3101');
    expect(statusText({ state: 'stopped' })).toBe('Detenido');
  });

  it('adds file:line:col to a crash unless the reason already names the file', () => {
    expect(statusText({ state: 'crashed', reason: 'x is not defined', file: 'a/src/app.ts', line: 3, column: 7 })).toBe(
      'Falló: x is not defined (a/src/app.ts:3:7)',
    );
    expect(statusText({ state: 'crashed', reason: 'Error de sintaxis en a/src/app.ts:3:7', file: 'a/src/app.ts', line: 3, column: 7 })).toBe(
      'Falló: Error de sintaxis en a/src/app.ts:3:7',
    );
  });
});

describe('prettyBody', () => {
  it('indents JSON and leaves text alone', () => {
    expect(prettyBody('{"a":1}', 'application/json')).toEqual({ text: '{\n  "a": 1\n}', json: true, truncated: false });
    expect(prettyBody('<h1>x</h1>', 'text/html')).toEqual({ text: '<h1>x</h1>', json: false, truncated: false });
    expect(prettyBody('{broken', 'application/json')).toEqual({ text: '{broken', json: false, truncated: false });
  });

  it('shows only the start of a huge body, without parsing it', () => {
    const huge = JSON.stringify({ items: 'x'.repeat(50 * 1024 * 1024) });
    const body = prettyBody(huge, 'application/json');
    expect(body).toMatchObject({ json: false, truncated: true });
    expect(body.text.length).toBe(BODY_PREVIEW_CHARS);
  });
});

describe('statusLine', () => {
  it('fills in the standard reason phrase when the response has none', () => {
    expect(statusLine(201, '')).toBe('201 Created');
    expect(statusLine(418, '')).toBe('418');
    expect(statusLine(200, 'Todo bien')).toBe('200 Todo bien');
  });
});
