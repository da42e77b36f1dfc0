/**
 * The real servers the contract suites compare against: the same addresses and environment
 * variables as scripts/check-services.ts (DATABASE_URL, REDIS_URL), so a developer whose servers
 * live elsewhere sets them once.
 */
export const realPostgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const realRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** pg config for the real server with `search_path` set to `schema` on every connection. */
export function realPostgresConfig(schema?: string): { connectionString: string; options?: string } {
  return schema ? { connectionString: realPostgresUrl, options: `-c search_path=${schema}` } : { connectionString: realPostgresUrl };
}
