import { describe, expect, it } from 'vitest';
import { labSchema } from '../../content/schemas.ts';
import { declaredKinds, infrastructureEnv, VIRTUAL_ADDRESSES } from './infrastructure.ts';

const base = {
  title: 'Lab',
  topic: 1,
  summary: 'Resumen',
  services: [
    { name: 'orders-service', dir: 'orders-service', port: 3001 },
    { name: 'notifications', dir: 'notifications', port: 3002 },
  ],
  open: ['orders-service/src/server.ts'],
  requests: [{ label: 'x', service: 'orders-service', method: 'GET', path: '/' }],
};

describe('lab.yaml infrastructure', () => {
  it('accepts the declared servers and defaults the rest to false', () => {
    const lab = labSchema.parse({ ...base, infrastructure: { rabbitmq: true, postgres: { databases: { orders: 'orders-service' } } } });
    expect(lab.infrastructure).toEqual({ rabbitmq: true, kafka: false, redis: false, postgres: { databases: { orders: 'orders-service' } } });
    expect(declaredKinds(lab.infrastructure)).toEqual(['rabbitmq', 'postgres']);
  });

  it('names the field when a database owner is not a service, or a service owns two databases', () => {
    const unknown = labSchema.safeParse({ ...base, infrastructure: { postgres: { databases: { orders: 'payments' } } } });
    expect(unknown.success).toBe(false);
    expect(unknown.error!.issues).toContainEqual(expect.objectContaining({ path: ['infrastructure', 'postgres', 'databases', 'orders'], message: 'el servicio payments no está en services' }));
    const twice = labSchema.safeParse({ ...base, infrastructure: { postgres: { databases: { orders: 'orders-service', history: 'orders-service' } } } });
    expect(twice.error!.issues[0]!.path).toEqual(['infrastructure', 'postgres', 'databases', 'history']);
    expect(labSchema.safeParse({ ...base, infrastructure: { mysql: true } }).success).toBe(false);
    expect(labSchema.safeParse({ ...base, infrastructure: { postgres: { databases: { 'Orders-DB': 'orders-service' } } } }).success).toBe(false);
  });

  it('gives every service the shared servers and only the owner its DATABASE_URL', () => {
    const spec = { rabbitmq: true, kafka: true, redis: true, postgres: { databases: { orders: 'orders-service' } } };
    expect(infrastructureEnv(spec, 'orders-service', VIRTUAL_ADDRESSES)).toEqual({
      AMQP_URL: 'amqp://guest:guest@localhost:5672',
      KAFKA_BROKERS: 'localhost:9092',
      REDIS_URL: 'redis://localhost:6379',
      DATABASE_URL: 'postgres://postgres:postgres@localhost:5432/orders',
    });
    expect(infrastructureEnv(spec, 'notifications', VIRTUAL_ADDRESSES)).not.toHaveProperty('DATABASE_URL');
    expect(infrastructureEnv(undefined, 'notifications', VIRTUAL_ADDRESSES)).toEqual({});
  });
});
