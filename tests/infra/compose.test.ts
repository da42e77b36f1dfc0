import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultChecks } from '../../scripts/check-services.ts';

interface ComposeService {
  image: string;
  ports?: string[];
  healthcheck?: { test: string[]; interval?: string; retries?: number };
}

const compose = parse(readFileSync(new URL('../../compose.yaml', import.meta.url), 'utf8')) as {
  services: Record<string, ComposeService>;
};

describe('compose.yaml (the servers for learners with Docker)', () => {
  it.each([
    ['postgres', 'postgres:16', '5432', 'pg_isready'],
    ['redis', 'redis:7', '6379', 'redis-cli'],
    ['rabbitmq', 'rabbitmq:3-management', '5672', 'rabbitmq-diagnostics'],
  ])('%s: image %s on 127.0.0.1:%s with a %s healthcheck', (name, image, port, probe) => {
    const service = compose.services[name];
    expect(service, `compose.yaml → services.${name} is missing`).toBeDefined();
    expect(service!.image).toBe(image);
    expect(service!.ports).toContain(`127.0.0.1:${port}:${port}`);
    expect(service!.healthcheck?.test[0]).toBe('CMD');
    expect(service!.healthcheck?.test[1]).toBe(probe);
    expect(service!.healthcheck?.retries).toBeGreaterThan(0);
  });

  it('publishes nothing beyond the loopback interface', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of service.ports ?? []) expect(port, `services.${name}.ports`).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('matches what the tests and check-services expect (database test, user postgres, trust)', () => {
    const postgres = compose.services.postgres as ComposeService & { environment: Record<string, string> };
    expect(postgres.environment).toMatchObject({ POSTGRES_USER: 'postgres', POSTGRES_DB: 'test', POSTGRES_HOST_AUTH_METHOD: 'trust' });
    const url = new URL(defaultChecks.find((check) => check.name === 'PostgreSQL')!.url);
    expect([url.username, url.pathname]).toEqual(['postgres', '/test']);
    // Every server check-services probes has a compose service to start it.
    for (const check of defaultChecks) expect(Object.keys(compose.services)).toContain(check.composeService);
  });
});
