import pg from 'pg';
import { HostedConnection, type PgChannel } from './connection.ts';

type ClientConfig = string | pg.ClientConfig | undefined;

/**
 * The `pg` module a service sees in the sandbox: node-postgres itself (its Client, Pool, query
 * queue, type parsers and DatabaseError), with each Client's socket replaced by a
 * HostedConnection to the lab's PostgresHost. The database comes from the config exactly as pg
 * reads it (`connectionString`, `database`, PGDATABASE), so DATABASE_URL works unchanged.
 */
export function createPgModule(channel: PgChannel) {
  class Client extends pg.Client {
    constructor(config?: ClientConfig) {
      const connection = new HostedConnection(channel);
      const options = typeof config === 'string' ? { connectionString: config } : { ...config };
      super({ ...options, connection } as pg.ClientConfig);
      connection.database = this.database ?? 'postgres';
    }
  }

  class Pool extends pg.Pool {
    constructor(config?: pg.PoolConfig) {
      super({ ...config, Client: Client as never } as pg.PoolConfig);
    }
  }

  const module = { ...pg, Client, Pool };
  return { ...module, default: module };
}
