/**
 * Page script for idb-storage.test.ts: PostgresHost with browserStorage (IndexedDB) in Chromium,
 * driven over the same request interface a service's pg connection uses. Simple Query messages are
 * built by hand (pg-protocol needs Node's Buffer, which this page has not).
 */
import { PostgresHost } from '../postgres/host.ts';
import { browserStorage } from '../postgres/storage.ts';

function simpleQuery(sql: string): Uint8Array {
  const text = new TextEncoder().encode(`${sql}\0`);
  const message = new Uint8Array(5 + text.length);
  message[0] = 0x51; // Q
  new DataView(message.buffer).setInt32(1, 4 + text.length);
  message.set(text, 5);
  return message;
}

const storage = browserStorage('idb-test');
let host = new PostgresHost({ storage, databases: ['orders'] });

Object.assign(globalThis, {
  infra: {
    exists: (database: string) => storage.exists(database),
    async run(database: string, sql: string) {
      const session = `page-${Math.random()}`;
      await host.handle({ op: 'open', session, database });
      const response = await host.handle({ op: 'exec', session, bytes: simpleQuery(sql) });
      await host.handle({ op: 'close', session });
      if (!response.ok) throw new Error(response.message);
      return new TextDecoder().decode(response.bytes).includes('ERROR') ? 'error' : 'ok';
    },
    snapshot: (database: string) => host.snapshot(database),
    reset: (database: string) => host.reset(database),
    async restart() {
      await host.close();
      host = new PostgresHost({ storage, databases: ['orders'] });
    },
  },
});
