// tracking-service (labs 16-17) below the checks: what the checks cannot wait for (a ticket that
// expires after 30 s) or cannot see (a plain GET does not spend the ticket; frames are parsed into
// messages or error frames, never exceptions), on lab 16's solution through app.request().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, materialize, settingsOf } from './helpers.ts';
import type { MaterializedTree } from './helpers.ts';
import type { App } from './services.test.ts';

type Ticket = { orderId: string; customerEmail: string; expiresAt: number };
type TicketStoreModule = {
  InMemoryTicketStore: new (ttlMs: number, now?: () => number) => {
    issue(orderId: string, customerEmail: string): Promise<{ ticket: string; expiresAt: number }>;
    redeem(ticket: string, orderId: string): Promise<Ticket | undefined>;
  };
};
type MessagesModule = { parseClientMessage(data: unknown): { ok: true; message: { type: string } } | { ok: false; error: { type: string; code: string } } };
type AppModule = { buildApp(settings: unknown, deps?: { tickets?: unknown }): { app: App } };

let tree: MaterializedTree;
beforeAll(async () => {
  tree = await materialize('lab-16-seguimiento-websocket', 'solution');
});
afterAll(async () => {
  await tree.remove();
});

describe('InMemoryTicketStore', () => {
  it('redeems a ticket once, for its order, before it expires', async () => {
    const { InMemoryTicketStore } = await tree.import<TicketStoreModule>('tracking-service/src/tracking/TicketStore.ts');
    let now = 1_000_000;
    const store = new InMemoryTicketStore(30_000, () => now);
    const { ticket, expiresAt } = await store.issue('o-1', 'ana@foodly.test');
    expect(expiresAt).toBe(now + 30_000);
    expect(ticket).toMatch(/^[0-9a-f-]{36}$/);
    expect(await store.redeem(ticket, 'o-1')).toMatchObject({ orderId: 'o-1', customerEmail: 'ana@foodly.test' });
    expect(await store.redeem(ticket, 'o-1')).toBeUndefined();

    const other = await store.issue('o-1', 'ana@foodly.test');
    expect(await store.redeem(other.ticket, 'o-2')).toBeUndefined();
    expect(await store.redeem(other.ticket, 'o-1')).toBeUndefined(); // a failed attempt spends it too

    const late = await store.issue('o-1', 'ana@foodly.test');
    now += 30_000;
    expect(await store.redeem(late.ticket, 'o-1')).toBeUndefined();
  });
});

describe('parseClientMessage', () => {
  it('turns every frame into a message or an error frame, never an exception', async () => {
    const { parseClientMessage } = await tree.import<MessagesModule>('tracking-service/src/tracking/messages.ts');
    expect(parseClientMessage('{"type":"ping"}')).toEqual({ ok: true, message: { type: 'ping' } });
    expect(parseClientMessage('hola')).toMatchObject({ ok: false, error: { type: 'error', code: 'INVALID_JSON' } });
    for (const frame of ['{"type":"subscribe","orderId":"o-2"}', 'null', '[]', '42', new ArrayBuffer(4)]) {
      const result = parseClientMessage(frame);
      expect(result.ok).toBe(false);
    }
  });
});

describe('the channel route over HTTP', () => {
  it('answers 426 to a GET without Upgrade and does not spend the ticket; 403 to a foreign Origin', async () => {
    const { InMemoryTicketStore } = await tree.import<TicketStoreModule>('tracking-service/src/tracking/TicketStore.ts');
    const { buildApp } = await tree.import<AppModule>('tracking-service/src/app.ts');
    const tickets = new InMemoryTicketStore(30_000);
    const { app } = buildApp(await settingsOf(tree, 'tracking-service', { ALLOWED_ORIGINS: 'https://foodly.example' }), { tickets });
    const { ticket } = await tickets.issue('o-1', 'ana@foodly.test');

    const plain = await app.request(`/orders/o-1/live?ticket=${ticket}`);
    expect(plain.status).toBe(426);
    expect(plain.headers.get('upgrade')).toBe('websocket');
    expect(await tickets.redeem(ticket, 'o-1')).toBeDefined();

    const foreign = await app.request('/orders/o-1/live', { headers: { upgrade: 'websocket', origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');

    const invalid = await app.request('/internal/order-events', json({ name: 'order.created' }));
    expect(invalid.status).toBe(422);
    const accepted = await app.request('/internal/order-events', json({ eventId: 'e-1', name: 'order.cancelled', orderId: 'o-1', occurredAt: new Date().toISOString() }));
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ delivered: 0 });
  });
});
