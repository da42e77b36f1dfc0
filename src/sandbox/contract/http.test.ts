import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeRequest, InvalidRequest } from './http.ts';

describe('encodeRequest: one set of body rules for every engine', () => {
  it('sends objects as JSON with a content type, strings as they are', () => {
    expect(encodeRequest({ method: 'post', path: 'orders', body: { qty: 2, nota: 'ñandú' } })).toEqual({
      method: 'POST',
      path: '/orders',
      headers: { 'content-type': 'application/json' },
      body: '{"qty":2,"nota":"ñandú"}',
    });
    expect(encodeRequest({ method: 'POST', path: '/x', body: 'hola' })).toEqual({ method: 'POST', path: '/x', headers: {}, body: 'hola' });
  });

  it('keeps a content type the caller set in any letter case', () => {
    const encoded = encodeRequest({ method: 'PUT', path: '/x', headers: { 'Content-Type': 'application/merge-patch+json' }, body: { a: 1 } });
    expect(encoded.headers).toEqual({ 'Content-Type': 'application/merge-patch+json' });
  });

  it('treats null and undefined as no body, and falsy JSON values as bodies', () => {
    expect(encodeRequest({ method: 'POST', path: '/x', body: null }).body).toBeUndefined();
    expect(encodeRequest({ method: 'POST', path: '/x', body: 0 }).body).toBe('0');
    expect(encodeRequest({ method: 'POST', path: '/x', body: false }).body).toBe('false');
    expect(encodeRequest({ method: 'POST', path: '/x', body: '' }).body).toBe('');
  });

  it('refuses a body on GET and HEAD, as fetch does, with a message for the reader', () => {
    expect(() => encodeRequest({ method: 'GET', path: '/x', body: { a: 1 } })).toThrow(InvalidRequest);
    expect(() => encodeRequest({ method: 'head', path: '/x', body: 'x' })).toThrow(/HEAD no puede llevar cuerpo/);
  });
});

describe('decodeResponse', () => {
  it('lower-cases header names, decodes UTF-8 bytes and fills a missing reason phrase', () => {
    const bytes = new TextEncoder().encode('{"nombre":"Añejo €"}');
    const response = decodeResponse({ status: 201, headers: [['Content-Type', 'application/json']], body: bytes, time: 3.14159 });
    expect(response).toEqual({ status: 201, statusText: 'Created', headers: { 'content-type': 'application/json' }, text: '{"nombre":"Añejo €"}', time: 3.1 });
  });

  it('gives an empty text for no body', () => {
    expect(decodeResponse({ status: 204, statusText: 'No Content', headers: {}, body: null, time: 1 }).text).toBe('');
  });
});
