import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceConnection } from '../net/connection.ts';
import { VirtualNetwork } from '../net/network.ts';
import type { FromWorker, ToWorker } from '../protocol.ts';
import { createServiceRuntime } from '../runtime/service-runtime.ts';
import { FsError, MemoryFileSystem, normalizeFsPath } from './memory-fs.ts';

const text = (bytes: unknown) => new TextDecoder().decode(bytes as Uint8Array);
const bytes = (value: string) => new TextEncoder().encode(value);

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as FsError).code;
  }
  return undefined;
}

describe('memory file system', () => {
  it('normalises paths against the lab folder', () => {
    expect(normalizeFsPath('/.data/./orders/../orders/a.json')).toBe('.data/orders/a.json');
    expect(normalizeFsPath('./')).toBe('');
  });

  it('starts with the lab files and keeps what is written', () => {
    const fs = new MemoryFileSystem();
    fs.reset({ 'orders-service/package.json': '{}' });
    expect(fs.readdir('orders-service')).toEqual([{ name: 'package.json', kind: 'file' }]);
    expect(fs.mkdir('.data/orders', true)).toBe('/.data');
    expect(fs.mkdir('.data/orders', true)).toBeUndefined();
    fs.writeFile('.data/orders/o-1.json', bytes('{"id":"o-1"}'), false, false);
    fs.writeFile('.data/orders/o-1.json', bytes('\n'), true, false);
    expect(text(fs.readFile('./.data/orders/o-1.json'))).toBe('{"id":"o-1"}\n');
    expect(fs.readdir('/').map((entry) => entry.name)).toEqual(['.data', 'orders-service']);
    expect(fs.stat('.data/orders/o-1.json')).toMatchObject({ kind: 'file', size: 13 });
  });

  it('fails with the codes and messages Node uses', () => {
    const fs = new MemoryFileSystem();
    const error = (() => {
      try {
        fs.readFile('.data/nope.json');
      } catch (caught) {
        return caught as FsError;
      }
    })();
    expect(error?.message).toBe("ENOENT: no such file or directory, open '.data/nope.json'");
    expect(error?.toInfo()).toMatchObject({ code: 'ENOENT', errno: -2, syscall: 'open', path: '.data/nope.json' });
    expect(codeOf(() => fs.writeFile('missing/dir/a.txt', bytes('x'), false, false))).toBe('ENOENT');
    expect(codeOf(() => fs.mkdir('a/b', false))).toBe('ENOENT');
    fs.mkdir('a', false);
    expect(codeOf(() => fs.mkdir('a', false))).toBe('EEXIST');
    expect(codeOf(() => fs.readFile('a'))).toBe('EISDIR');
    fs.writeFile('a/f.txt', bytes('x'), false, false);
    expect(codeOf(() => fs.writeFile('a/f.txt', bytes('y'), false, true))).toBe('EEXIST');
    expect(codeOf(() => fs.readdir('a/f.txt'))).toBe('ENOTDIR');
    expect(codeOf(() => fs.rmdir('a'))).toBe('ENOTEMPTY');
    expect(codeOf(() => fs.rm('a', false, false, 'rm'))).toBe('EISDIR');
    expect(codeOf(() => fs.rm('zzz', false, true, 'rm'))).toBeUndefined();
    expect(codeOf(() => fs.unlink('zzz'))).toBe('ENOENT');
  });

  it('renames files over others and moves whole folders', () => {
    const fs = new MemoryFileSystem();
    fs.reset({ 'db/a.tmp': 'new', 'db/a.json': 'old', 'db/sub/x.json': 'x' });
    fs.rename('db/a.tmp', 'db/a.json');
    expect(text(fs.readFile('db/a.json'))).toBe('new');
    expect(codeOf(() => fs.readFile('db/a.tmp'))).toBe('ENOENT');
    fs.rename('db', 'store');
    expect(fs.readdir('store').map((entry) => entry.name)).toEqual(['a.json', 'sub']);
    expect(text(fs.readFile('store/sub/x.json'))).toBe('x');
    expect(codeOf(() => fs.stat('db'))).toBe('ENOENT');
    fs.rm('store', true, false, 'rm');
    expect(fs.readdir('')).toEqual([]);
  });
});

describe('node:fs calls from a service runtime', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const channel of channels.splice(0)) {
      channel.port1.close();
      channel.port2.close();
    }
  });

  it('reach the page file system and reject with Node-style errors', async () => {
    const fs = new MemoryFileSystem();
    const channel = new MessageChannel();
    channels.push(channel);
    const runtime = createServiceRuntime({ post: (message) => channel.port1.postMessage(message), realFetch: fetch });
    channel.port1.on('message', (message: ToWorker) => runtime.handleMessage(message));
    const connection = new ServiceConnection('orders', { postMessage: (message) => channel.port2.postMessage(message) }, new VirtualNetwork(), {
      log: () => {},
      listening: () => {},
      loaded: () => {},
      crashed: () => {},
      exit: () => {},
      fileSystem: (call) => fs.run(call),
    });
    channel.port2.on('message', (message: FromWorker) => connection.receive(message));

    await runtime.fileSystem({ op: 'mkdir', path: '.data/orders', recursive: true });
    await runtime.fileSystem({ op: 'writeFile', path: '.data/orders/o-1.json', data: bytes('{"total":4.5}') });
    expect(text(await runtime.fileSystem({ op: 'readFile', path: '.data/orders/o-1.json' }))).toBe('{"total":4.5}');
    expect(await runtime.fileSystem({ op: 'readdir', path: '.data/orders' })).toEqual([{ name: 'o-1.json', kind: 'file' }]);
    const failure = await runtime.fileSystem({ op: 'readFile', path: '.data/orders/nope.json' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ code: 'ENOENT', syscall: 'open', path: '.data/orders/nope.json' });
    // The data lives on the page side: a new runtime (a restarted worker) would read the same file.
    expect(text(fs.readFile('.data/orders/o-1.json'))).toBe('{"total":4.5}');
  });
});
