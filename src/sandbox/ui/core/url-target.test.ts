import { describe, expect, it } from 'vitest';
import { formatHeaders, parseHeaders, resolveUrl, withService } from './url-target.ts';

const services = [
  { name: 'products', port: 3102 },
  { name: 'orders', port: 3103 },
];

describe('resolveUrl', () => {
  it('maps localhost URLs to the service on that port', () => {
    expect(resolveUrl('http://localhost:3103/orders?x=1', services)).toEqual({ ok: true, service: 'orders', path: '/orders?x=1' });
    expect(resolveUrl('127.0.0.1:3102', services)).toEqual({ ok: true, service: 'products', path: '/' });
    expect(resolveUrl(':3102/health', services)).toEqual({ ok: true, service: 'products', path: '/health' });
  });

  it('sends a bare path to the selected service (or the first)', () => {
    expect(resolveUrl('/health', services, 'orders')).toEqual({ ok: true, service: 'orders', path: '/health' });
    expect(resolveUrl('/health', services)).toEqual({ ok: true, service: 'products', path: '/health' });
  });

  it('explains unknown ports and foreign hosts', () => {
    expect(resolveUrl('http://localhost:9999/', services)).toEqual({
      ok: false,
      message: 'Ningún servicio del laboratorio escucha en el puerto 9999. Puertos: products (:3102), orders (:3103).',
    });
    const foreign = resolveUrl('https://example.com/x', services);
    expect(foreign.ok).toBe(false);
    expect(resolveUrl('  ', services).ok).toBe(false);
  });

  it('switches service keeping the path', () => {
    expect(withService('http://localhost:3102/health?a=1', services[1]!, services)).toBe('http://localhost:3103/health?a=1');
  });
});

describe('headers', () => {
  it('parses "Name: value" lines and round-trips', () => {
    const parsed = parseHeaders('Authorization: Bearer a:b\n\nX-Id: 1');
    expect(parsed).toEqual({ ok: true, headers: { Authorization: 'Bearer a:b', 'X-Id': '1' } });
    expect(formatHeaders({ A: '1', B: '2' })).toBe('A: 1\nB: 2');
  });

  it('reports a malformed line', () => {
    expect(parseHeaders('ok: 1\nno colon here')).toEqual({ ok: false, message: 'Cabecera no válida en la línea 2: usa el formato «Nombre: valor».' });
  });
});
