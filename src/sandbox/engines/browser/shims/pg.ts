// `pg` in the browser engine: node-postgres itself (createPgModule) with each connection's socket
// replaced by a channel to the lab's PostgresHost in the page (one PGlite per service database).
// Built on its own with Node stand-ins (see src/sandbox/vendor/build.ts, pgStandIns).
import { createPgModule } from '../../../infra/postgres/client.ts';
import type { PgChannel } from '../../../infra/postgres/connection.ts';
import { connectInfrastructure, type PortLike } from '../../../infra/port.ts';
import { declares, dial } from './infrastructure-link.ts';

function lazyChannel(): PgChannel {
  let channel: PgChannel | undefined;
  const open = (): PgChannel => {
    if (channel) return channel;
    const port = declares('postgres') ? dial('data') : null;
    channel = port
      ? connectInfrastructure(port as unknown as PortLike).postgres
      : {
          request: async () => ({ ok: false, message: 'connect ECONNREFUSED 127.0.0.1:5432' }) as never,
          onEvent: () => () => undefined,
        };
    return channel;
  };
  return {
    request: (request) => open().request(request),
    onEvent: (listener) => open().onEvent(listener),
  };
}

const pg = createPgModule(lazyChannel());
export const { Client, Pool, DatabaseError, types, escapeIdentifier, escapeLiteral } = pg as unknown as Record<string, never>;
export default pg;
