// The Recorrido's core: placeholders filled from captured values, captures read from real JSON
// answers, the Spanish messages when a step does not get what it expects, and lab.yaml's
// `scenario` validated field by field (a wrong one names its path).
import { describe, expect, it } from 'vitest';
import { labSchema } from '../../../content/schemas.ts';
import { captureFrom, checkResponse, frameMatches, frameTimeoutMessage, MissingValueError, placeholdersIn, substitute, substitutePath, valueAt } from './scenario.ts';

describe('placeholders', () => {
  it('finds {{name}} in strings, arrays, object keys and values', () => {
    expect(placeholdersIn({ a: 'Bearer {{token}}', b: ['{{ orderId }}', 3, null], '{{key}}': true })).toEqual(['token', 'orderId', 'key']);
    expect(placeholdersIn('sin nada {token} {{}}')).toEqual([]);
  });

  it('fills them deep, encodes only inserted values in a path, and names every missing one', () => {
    const captured = { token: 'a.b+c', orderId: 'ord-1' };
    expect(substitute({ headers: { Authorization: 'Bearer {{token}}' }, body: { orderId: '{{orderId}}', n: 2 } }, captured)).toEqual({ headers: { Authorization: 'Bearer a.b+c' }, body: { orderId: 'ord-1', n: 2 } });
    expect(substitutePath('/live?token={{token}}&x=a+b', captured)).toBe('/live?token=a.b%2Bc&x=a+b');
    expect(() => substitute('{{token}} {{nope}} {{other}}', captured)).toThrow(MissingValueError);
    try {
      substitute('{{token}} {{nope}} {{other}}', captured);
    } catch (error) {
      expect((error as MissingValueError).names).toEqual(['nope', 'other']);
      expect((error as Error).message).toContain('{{nope}}, {{other}}');
    }
  });
});

describe('captures', () => {
  it('reads dot paths of a JSON answer; numbers become strings', () => {
    const body = JSON.stringify({ access_token: 'jwt', order: { id: 7, items: [{ productId: 'p-1' }] } });
    expect(captureFrom(body, { token: 'access_token', id: 'order.id', product: 'order.items.0.productId' })).toEqual({ ok: true, values: { token: 'jwt', id: '7', product: 'p-1' } });
    expect(valueAt({ a: null }, 'a.b')).toBeUndefined();
    expect(captureFrom('no json', {})).toEqual({ ok: true, values: {} });
  });

  it('says what was expected when the value is missing, not a string/number, or the body is not JSON', () => {
    const missing = captureFrom('{"detail":"credenciales"}', { token: 'access_token' });
    expect(missing).toEqual({ ok: false, message: expect.stringContaining('Se esperaba «access_token» en el cuerpo JSON') });
    expect(captureFrom('{"order":{"id":{}}}', { id: 'order.id' }).ok).toBe(false);
    expect(captureFrom('<html>', { token: 'access_token' })).toEqual({ ok: false, message: expect.stringContaining('no es JSON') });
  });
});

describe('expectations', () => {
  const response = (status: number, text = '', statusText = '') => ({ status, statusText, text });

  it('accepts the expected status (one or any of several) and the expected texts', () => {
    expect(checkResponse({ status: [201, 409] }, response(409))).toBeUndefined();
    expect(checkResponse({ status: 200, contains: ['Pizza', 'margarita'] }, response(200, '[{"name":"Pizza margarita"}]'))).toBeUndefined();
    expect(checkResponse(undefined, response(204))).toBeUndefined();
  });

  it('explains in Spanish what was expected and what came', () => {
    expect(checkResponse({ status: 201 }, response(401, '', 'Unauthorized'))).toBe('Se esperaba el estado 201 y llegó 401 Unauthorized.');
    expect(checkResponse({ status: [200, 201, 409] }, response(500))).toBe('Se esperaba el estado 200, 201 o 409 y llegó 500.');
    expect(checkResponse(undefined, response(404, '', 'Not Found'))).toBe('Se esperaba una respuesta correcta (2xx o 3xx) y llegó 404 Not Found.');
    expect(checkResponse({ status: 200, contains: ['ord-1', 'ord-2'] }, response(200, '{"orders":["ord-1"]}'))).toBe('Se esperaba que la respuesta contuviera «ord-2», y no lo contiene.');
  });

  it('matches WebSocket frames by every piece and explains a timeout', () => {
    expect(frameMatches('{"type":"payment.captured","orderId":"o-1"}', ['payment.captured', 'o-1'])).toBe(true);
    expect(frameMatches('{"type":"welcome"}', ['payment.captured'])).toBe(false);
    expect(frameTimeoutMessage(['payment.captured', 'o-1'], 10_000, 1)).toBe('Se esperaba un mensaje por el WebSocket con «payment.captured» y «o-1», y en 10 s no llegó (llegaron 1, ninguno con eso).');
    expect(frameTimeoutMessage(['x'], 2500, 0)).toContain('en 2,5 s no llegó (no llegó ninguno)');
  });
});

describe('lab.yaml scenario', () => {
  const base = {
    title: 'Lab',
    topic: 16,
    summary: 'Resumen',
    services: [{ name: 'gateway', dir: 'gateway', port: 3100 }, { name: 'notifications', dir: 'notifications', port: 3104 }],
    open: ['gateway/src/app.ts'],
    requests: [{ label: 'Algo', service: 'gateway', method: 'GET', path: '/' }],
  };
  const login = { label: 'Entrar', request: { service: 'gateway', method: 'POST', path: '/auth/login', body: { email: 'a@b.c' } }, capture: { token: 'access_token' } };
  const issues = (scenario: unknown) => {
    const parsed = labSchema.safeParse({ ...base, scenario });
    return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('accepts steps that use only values captured before, with defaults filled', () => {
    const lab = labSchema.parse({
      ...base,
      scenario: {
        steps: [
          login,
          { label: 'Avisos', connect: { service: 'notifications', path: '/live?token={{token}}' }, expect: { contains: ['welcome'] } },
          { label: 'Aviso', waitFor: { contains: ['payment.captured'] } },
        ],
      },
    });
    expect(lab.scenario?.steps[1]?.connect).toEqual({ service: 'notifications', path: '/live?token={{token}}', headers: {}, protocols: [] });
    expect(lab.scenario?.steps[2]).toEqual({ label: 'Aviso', waitFor: { contains: ['payment.captured'], timeoutMs: 10_000 }, capture: {} });
  });

  it('names the field of each mistake', () => {
    expect(
      issues({
        steps: [
          { label: 'Pedido', request: { service: 'orders', method: 'POST', path: '/orders', headers: { Authorization: 'Bearer {{token}}' } } },
          login,
          { label: 'Dos cosas', request: { service: 'gateway', method: 'GET', path: '/x' }, waitFor: { contains: ['y'] } },
          { label: 'Pago', request: { service: 'gateway', method: 'POST', path: '/payments', body: { orderId: '{{orderId}}' } } },
          { label: 'Captura sin respuesta', connect: { service: 'notifications', path: '/live' }, capture: { x: 'y' } },
        ],
      }),
    ).toEqual([
      'scenario.steps.0.request.service: el servicio orders no está en services',
      'scenario.steps.0.request.headers.Authorization: {{token}} no lo captura ningún paso anterior (capture: { token: … })',
      'scenario.steps.2: cada paso hace una sola cosa: request, connect o waitFor (este tiene request y waitFor)',
      'scenario.steps.2.waitFor: waitFor espera en el WebSocket de un paso connect anterior, y no lo hay',
      'scenario.steps.3.request.body: {{orderId}} no lo captura ningún paso anterior (capture: { orderId: … })',
      'scenario.steps.4.capture: capture lee el cuerpo JSON de una respuesta: solo en un paso request',
    ]);
    expect(issues({ steps: [login, { label: 'Nada' }] })).toEqual(['scenario.steps.1: cada paso hace una sola cosa: request, connect o waitFor (este tiene ninguna)']);
    expect(issues({ steps: [login, { ...login, capture: { 'mal nombre': 'a..b' } }] }).join('\n')).toMatch(/scenario\.steps\.1\.capture\.mal nombre/);
    expect(issues({ steps: [login, { ...login, extra: 1 }] }).join('\n')).toMatch(/scenario\.steps\.1/);
  });
});
