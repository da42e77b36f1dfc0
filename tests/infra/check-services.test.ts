import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkServices, defaultChecks, type ServiceCheck } from '../../scripts/check-services.ts';

/** A port nobody listens on: bound, read, closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const byName = (name: string) => defaultChecks.find((check) => check.name === name)!;
const at = (check: ServiceCheck, url: string): ServiceCheck => ({ ...check, url });

describe('scripts/check-services.ts', () => {
  let port: number;
  let chatty: net.Server;
  let chattyPort: number;
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    port = await closedPort();
    // Something listening that speaks another protocol: the port is open, the server is wrong.
    chatty = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise<void>((resolve) => chatty.listen(0, '127.0.0.1', resolve));
    chattyPort = (chatty.address() as net.AddressInfo).port;
  });
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => chatty.close(resolve));
  });

  it('finds the PostgreSQL, Redis and RabbitMQ servers of this machine', async () => {
    const results = await checkServices(defaultChecks.map((check) => at(check, check.url.replace('localhost', '127.0.0.1'))));
    expect(results.map((result) => [result.name, result.ok])).toEqual([
      ['PostgreSQL', true],
      ['Redis', true],
      ['RabbitMQ', true],
    ]);
    expect(results[0]?.message).toMatch(/SELECT 1/);
  });

  it('names each server missing on a closed port and the command that starts it', async () => {
    const results = await checkServices(
      [
        at(byName('PostgreSQL'), `postgres://postgres@127.0.0.1:${port}/test`),
        at(byName('Redis'), `redis://127.0.0.1:${port}`),
        at(byName('RabbitMQ'), `amqp://guest:guest@127.0.0.1:${port}`),
      ],
      2000,
    );
    expect(results.every((result) => !result.ok)).toBe(true);
    const [postgres, redis, rabbit] = results.map((result) => result.message);
    expect(postgres).toContain(`PostgreSQL does not answer at 127.0.0.1:${port}`);
    expect(postgres).toContain('pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start');
    expect(redis).toContain(`Redis does not answer at 127.0.0.1:${port}: ECONNREFUSED`);
    expect(redis).toContain('redis-server --daemonize yes');
    expect(rabbit).toContain('rabbitmq-server -detached');
    expect(rabbit).toContain('docker compose up -d --wait rabbitmq');
  });

  it('an open port that speaks another protocol is not the server', async () => {
    const results = await checkServices(
      [at(byName('Redis'), `redis://127.0.0.1:${chattyPort}`), at(byName('RabbitMQ'), `amqp://127.0.0.1:${chattyPort}`)],
      2000,
    );
    expect(results[0]?.ok).toBe(false);
    expect(results[0]?.message).toMatch(/PING answered "HTTP\/1.1 400 Bad Request", not \+PONG/);
    expect(results[1]?.ok).toBe(false);
    expect(results[1]?.message).toMatch(/not answered with Connection.Start/);
  });

  it('the command-line entry fails with exit code 1 and the message', async () => {
    const { execFile } = await import('node:child_process');
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        'node_modules/.bin/node',
        ['scripts/check-services.ts'],
        { env: { ...process.env, REDIS_URL: `redis://127.0.0.1:${port}` } },
        (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('✗ Redis does not answer');
    expect(result.stderr).toContain('Start it with: redis-server');
  });
});
