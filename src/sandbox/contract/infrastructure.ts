// The servers a lab declares (lab.yaml `infrastructure`, schema in src/content/schemas.ts) and the
// env vars through which its services reach them. One naming for every engine and for
// scripts/check-services.ts: AMQP_URL, KAFKA_BROKERS, REDIS_URL, DATABASE_URL. Only the addresses
// differ: the browser engine's are virtual (its in-page hosts answer them), the Node runner's are
// the real servers of the machine, isolated per run.

/** Same shape as `LabInfrastructure` (zod's output), without importing zod into the engines. */
export interface InfrastructureSpec {
  rabbitmq?: boolean;
  kafka?: boolean;
  redis?: boolean;
  /** Database name → the service that owns it (database per service). */
  postgres?: { databases: Record<string, string> };
}

export type InfrastructureKind = 'rabbitmq' | 'kafka' | 'redis' | 'postgres';

/** Where each server is for one run. `databaseUrl(name)` is the URL of one declared database. */
export interface InfrastructureAddresses {
  amqpUrl: string;
  kafkaBrokers: string;
  redisUrl: string;
  databaseUrl(database: string): string;
}

/** The addresses services see in the browser engine (what `compose.yaml` serves on a laptop). */
export const VIRTUAL_ADDRESSES: InfrastructureAddresses = {
  amqpUrl: 'amqp://guest:guest@localhost:5672',
  kafkaBrokers: 'localhost:9092',
  redisUrl: 'redis://localhost:6379',
  databaseUrl: (database) => `postgres://postgres:postgres@localhost:5432/${database}`,
};

/** What a lab declares, as a list (empty for a lab without infrastructure). */
export function declaredKinds(spec: InfrastructureSpec | undefined): InfrastructureKind[] {
  if (!spec) return [];
  const kinds: InfrastructureKind[] = [];
  if (spec.rabbitmq) kinds.push('rabbitmq');
  if (spec.kafka) kinds.push('kafka');
  if (spec.redis) kinds.push('redis');
  if (spec.postgres && Object.keys(spec.postgres.databases).length > 0) kinds.push('postgres');
  return kinds;
}

/** The database `service` owns, if any. */
export function databaseOf(spec: InfrastructureSpec | undefined, service: string): string | undefined {
  return Object.entries(spec?.postgres?.databases ?? {}).find(([, owner]) => owner === service)?.[0];
}

/**
 * The env vars of one service: the brokers and Redis for every service of a lab that declares
 * them, DATABASE_URL only for a database's owner. lab.yaml's own `env` wins (applied after).
 */
export function infrastructureEnv(spec: InfrastructureSpec | undefined, service: string, addresses: InfrastructureAddresses): Record<string, string> {
  const env: Record<string, string> = {};
  if (spec?.rabbitmq) env.AMQP_URL = addresses.amqpUrl;
  if (spec?.kafka) env.KAFKA_BROKERS = addresses.kafkaBrokers;
  if (spec?.redis) env.REDIS_URL = addresses.redisUrl;
  const database = databaseOf(spec, service);
  if (database) env.DATABASE_URL = addresses.databaseUrl(database);
  return env;
}
