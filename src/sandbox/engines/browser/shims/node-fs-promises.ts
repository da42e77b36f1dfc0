// node:fs/promises in the browser engine: every call goes to the page, which keeps the lab's files
// in memory (engine/fs/memory-fs.ts) so they survive a restart of the service. The root is the lab
// folder, the cwd of every service (as `node <service>/src/server.ts` run from the lab in Node).
import type { FsCall, FsStat } from '../fs/fs-protocol.ts';

type Encoding = 'utf8' | 'utf-8' | 'base64' | 'hex' | 'latin1' | 'binary' | 'ascii';
type PathLike = string | URL | Uint8Array;
type EncodingOption = Encoding | null | undefined | { encoding?: Encoding | null; flag?: string; signal?: AbortSignal };
type Data = string | ArrayBufferView | ArrayBuffer;

const call = <T>(request: FsCall): Promise<T> => {
  const runtime = (globalThis as { __sandboxRuntime?: { fileSystem?(call: FsCall): Promise<unknown> } }).__sandboxRuntime;
  if (!runtime?.fileSystem) return Promise.reject(new Error('node:fs solo funciona dentro de un servicio del sandbox.'));
  return runtime.fileSystem(request) as Promise<T>;
};

/** A Uint8Array that prints like Node's Buffer with `toString('utf8')`. */
export class FileBuffer extends Uint8Array {
  override toString(encoding: Encoding = 'utf8'): string {
    return decode(this, encoding);
  }
  toJSON() {
    return { type: 'Buffer', data: [...this] };
  }
}

function decode(bytes: Uint8Array, encoding: Encoding): string {
  switch (encoding) {
    case 'base64':
      return btoa(latin1(bytes));
    case 'hex':
      return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    case 'latin1':
    case 'binary':
    case 'ascii':
      return latin1(bytes);
    default:
      return new TextDecoder().decode(bytes);
  }
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

function encode(data: Data, encoding: Encoding = 'utf8'): Uint8Array {
  if (typeof data !== 'string') {
    if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
    return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  }
  if (encoding === 'base64') return Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  if (encoding === 'hex') return Uint8Array.from(data.match(/../g) ?? [], (h) => parseInt(h, 16));
  if (encoding === 'latin1' || encoding === 'binary' || encoding === 'ascii') return Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff);
  return new TextEncoder().encode(data);
}

export function toPath(path: PathLike): string {
  if (path instanceof URL) {
    if (path.protocol !== 'file:') throw new TypeError(`The URL must be of scheme file (${path.href})`);
    return decodeURIComponent(path.pathname);
  }
  return typeof path === 'string' ? path : new TextDecoder().decode(path);
}

const encodingOf = (options: EncodingOption): Encoding | undefined =>
  (typeof options === 'string' ? options : (options?.encoding ?? undefined)) || undefined;
const flagOf = (options: unknown): string => (typeof options === 'object' && options && 'flag' in options ? String(options.flag) : 'w');

export async function readFile(path: PathLike, options?: EncodingOption): Promise<string | FileBuffer> {
  const bytes = await call<Uint8Array>({ op: 'readFile', path: toPath(path) });
  const encoding = encodingOf(options);
  return encoding ? decode(bytes, encoding) : new FileBuffer(bytes);
}

export async function writeFile(path: PathLike, data: Data, options?: EncodingOption | { flag?: string; mode?: number }): Promise<void> {
  const flag = flagOf(options);
  const bytes = encode(data, encodingOf(options as EncodingOption));
  await call({ op: 'writeFile', path: toPath(path), data: bytes, append: flag.startsWith('a'), exclusive: flag.includes('x') });
}

export async function appendFile(path: PathLike, data: Data, options?: EncodingOption): Promise<void> {
  await call({ op: 'writeFile', path: toPath(path), data: encode(data, encodingOf(options)), append: true });
}

export async function mkdir(path: PathLike, options?: number | { recursive?: boolean; mode?: number }): Promise<string | undefined> {
  const recursive = typeof options === 'object' && Boolean(options?.recursive);
  return call<string | undefined>({ op: 'mkdir', path: toPath(path), recursive });
}

/** Like fs.Dirent: name, parentPath and the is…() tests. */
export class Dirent {
  readonly name: string;
  readonly parentPath: string;
  readonly path: string;
  private readonly kind: 'file' | 'dir';
  constructor(name: string, parentPath: string, kind: 'file' | 'dir') {
    this.name = name;
    this.parentPath = parentPath;
    this.path = parentPath;
    this.kind = kind;
  }
  isFile() {
    return this.kind === 'file';
  }
  isDirectory() {
    return this.kind === 'dir';
  }
  isSymbolicLink() {
    return false;
  }
}

export async function readdir(
  path: PathLike,
  options?: Encoding | { withFileTypes?: boolean; recursive?: boolean; encoding?: Encoding },
): Promise<string[] | Dirent[]> {
  const root = toPath(path);
  const withTypes = typeof options === 'object' && Boolean(options.withFileTypes);
  const recursive = typeof options === 'object' && Boolean(options.recursive);
  const found: { relative: string; dirent: Dirent }[] = [];
  const walk = async (dir: string, prefix: string) => {
    for (const entry of await call<{ name: string; kind: 'file' | 'dir' }[]>({ op: 'readdir', path: dir })) {
      found.push({ relative: prefix + entry.name, dirent: new Dirent(entry.name, dir, entry.kind) });
      if (recursive && entry.kind === 'dir') await walk(`${dir.replace(/\/$/, '')}/${entry.name}`, `${prefix}${entry.name}/`);
    }
  };
  await walk(root, '');
  return withTypes ? found.map((entry) => entry.dirent) : found.map((entry) => entry.relative);
}

/** Like fs.Stats for what a service can observe here (no inodes, owners or modes). */
export class Stats {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly atimeMs: number;
  readonly birthtimeMs: number;
  readonly mode: number;
  private readonly kind: 'file' | 'dir';
  constructor(stat: FsStat) {
    this.kind = stat.kind;
    this.size = stat.size;
    this.mtimeMs = this.ctimeMs = this.atimeMs = stat.mtimeMs;
    this.birthtimeMs = stat.birthtimeMs;
    this.mode = stat.kind === 'dir' ? 0o40755 : 0o100644;
  }
  get mtime() {
    return new Date(this.mtimeMs);
  }
  get ctime() {
    return new Date(this.ctimeMs);
  }
  get atime() {
    return new Date(this.atimeMs);
  }
  get birthtime() {
    return new Date(this.birthtimeMs);
  }
  isFile() {
    return this.kind === 'file';
  }
  isDirectory() {
    return this.kind === 'dir';
  }
  isSymbolicLink() {
    return false;
  }
}

export async function stat(path: PathLike): Promise<Stats> {
  return new Stats(await call<FsStat>({ op: 'stat', path: toPath(path) }));
}
export const lstat = stat;

export async function access(path: PathLike, _mode?: number): Promise<void> {
  await call({ op: 'access', path: toPath(path) });
}

export async function rm(path: PathLike, options?: { recursive?: boolean; force?: boolean }): Promise<void> {
  await call({ op: 'rm', path: toPath(path), recursive: Boolean(options?.recursive), force: Boolean(options?.force) });
}

export async function unlink(path: PathLike): Promise<void> {
  await call({ op: 'unlink', path: toPath(path) });
}

export async function rmdir(path: PathLike, options?: { recursive?: boolean }): Promise<void> {
  if (options?.recursive) return rm(path, { recursive: true });
  await call({ op: 'rmdir', path: toPath(path) });
}

export async function rename(from: PathLike, to: PathLike): Promise<void> {
  await call({ op: 'rename', path: toPath(from), to: toPath(to) });
}

export const constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, COPYFILE_EXCL: 1, COPYFILE_FICLONE: 2, COPYFILE_FICLONE_FORCE: 4 };

export async function copyFile(from: PathLike, to: PathLike, mode = 0): Promise<void> {
  await call({ op: 'copyFile', path: toPath(from), to: toPath(to), exclusive: (mode & constants.COPYFILE_EXCL) !== 0 });
}

export async function cp(from: PathLike, to: PathLike, options?: { recursive?: boolean; force?: boolean }): Promise<void> {
  const source = await stat(from);
  if (!source.isDirectory()) return copyFile(from, to);
  if (!options?.recursive) throw Object.assign(new Error(`Recursive option is required to copy a directory: ${toPath(from)}`), { code: 'ERR_FS_EISDIR' });
  await mkdir(to, { recursive: true });
  for (const name of (await readdir(from)) as string[]) await cp(`${toPath(from)}/${name}`, `${toPath(to)}/${name}`, options);
}

export async function truncate(path: PathLike, length = 0): Promise<void> {
  const bytes = (await readFile(path)) as FileBuffer;
  const out = new Uint8Array(length);
  out.set(bytes.subarray(0, length));
  await writeFile(path, out);
}

export async function mkdtemp(prefix: string): Promise<string> {
  const path = `${prefix}${Math.random().toString(36).slice(2, 8)}`;
  await mkdir(path);
  return path;
}

export async function realpath(path: PathLike): Promise<string> {
  await access(path);
  const parts: string[] = [];
  for (const segment of toPath(path).split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '' && segment !== '.') parts.push(segment);
  }
  return `/${parts.join('/')}`;
}

/** Permissions, owners and times do not exist in the sandbox's file system: only the path must. */
export const chmod = (path: PathLike) => access(path);
export const chown = (path: PathLike) => access(path);
export const utimes = (path: PathLike) => access(path);

function unavailable(name: string) {
  return async (): Promise<never> => {
    throw new Error(`fs.${name}() no está disponible en el sandbox del navegador: usa readFile/writeFile.`);
  };
}
export const open = unavailable('open');
export const opendir = unavailable('opendir');
export const watch = unavailable('watch');
export const symlink = unavailable('symlink');
export const link = unavailable('link');
export const readlink = unavailable('readlink');

const fsPromises = {
  readFile, writeFile, appendFile, mkdir, readdir, stat, lstat, access, rm, unlink, rmdir, rename, copyFile, cp,
  truncate, mkdtemp, realpath, chmod, chown, utimes, open, opendir, watch, symlink, link, readlink, constants,
};
export default fsPromises;
