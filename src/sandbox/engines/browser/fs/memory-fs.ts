// The lab's file system in the browser engine: kept in the page, one per engine, so what a service
// writes survives a restart of its worker (the page outlives the workers) and every service of the
// lab sees the same files, as they would on one disk in Node. The root is the lab folder (the cwd
// of every service). Errors carry Node's codes (ENOENT, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY).
import type { FileTree } from '../../../contract/index.ts';
import type { FsCall, FsErrorInfo, FsStat } from './fs-protocol.ts';

const MESSAGES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EEXIST: 'file already exists',
  ENOTDIR: 'not a directory',
  EISDIR: 'illegal operation on a directory',
  ENOTEMPTY: 'directory not empty',
  EINVAL: 'invalid argument',
};

const ERRNO: Record<string, number> = { ENOENT: -2, EEXIST: -17, ENOTDIR: -20, EISDIR: -21, ENOTEMPTY: -39, EINVAL: -22 };

export class FsError extends Error {
  readonly code: string;
  readonly syscall: string;
  readonly path: string;
  readonly dest?: string;
  constructor(code: string, syscall: string, path: string, dest?: string) {
    super(`${code}: ${MESSAGES[code] ?? 'error'}, ${syscall} '${path}'${dest === undefined ? '' : ` -> '${dest}'`}`);
    this.name = 'Error';
    this.code = code;
    this.syscall = syscall;
    this.path = path;
    if (dest !== undefined) this.dest = dest;
  }
  toInfo(): FsErrorInfo {
    return { code: this.code, syscall: this.syscall, path: this.path, errno: ERRNO[this.code] ?? -1, message: this.message, ...(this.dest === undefined ? {} : { dest: this.dest }) };
  }
}

interface FileEntry {
  data: Uint8Array;
  mtimeMs: number;
  birthtimeMs: number;
}

/** `/a/./b/../c`, `a/c/` and `./a/c` all name `a/c`; the root is ''. */
export function normalizeFsPath(path: string): string {
  const parts: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}

const parentOf = (key: string) => (key.includes('/') ? key.slice(0, key.lastIndexOf('/')) : '');
const encoder = new TextEncoder();

export class MemoryFileSystem {
  private files = new Map<string, FileEntry>();
  private dirs = new Map<string, number>([['', Date.now()]]);

  /** Empties the file system and fills it with the lab's files. */
  reset(tree: FileTree = {}): void {
    this.files.clear();
    this.dirs = new Map([['', Date.now()]]);
    for (const [path, content] of Object.entries(tree)) this.put(path, content);
  }

  /** Writes a file, creating its folders (how the engine mirrors edits of the lab's sources). */
  put(path: string, content: string | Uint8Array): void {
    const key = normalizeFsPath(path);
    this.ensureDirs(parentOf(key));
    const now = Date.now();
    const data = typeof content === 'string' ? encoder.encode(content) : content;
    this.files.set(key, { data, mtimeMs: now, birthtimeMs: this.files.get(key)?.birthtimeMs ?? now });
  }

  /** Runs one call from a worker; throws FsError like Node's fs/promises would reject. */
  run(call: FsCall): unknown {
    switch (call.op) {
      case 'readFile':
        return this.readFile(call.path);
      case 'writeFile':
        return this.writeFile(call.path, call.data, call.append ?? false, call.exclusive ?? false);
      case 'mkdir':
        return this.mkdir(call.path, call.recursive ?? false);
      case 'readdir':
        return this.readdir(call.path);
      case 'stat':
        return this.stat(call.path, 'stat');
      case 'access':
        this.stat(call.path, 'access');
        return undefined;
      case 'rm':
        return this.rm(call.path, call.recursive ?? false, call.force ?? false, 'rm');
      case 'unlink':
        return this.unlink(call.path);
      case 'rmdir':
        return this.rmdir(call.path);
      case 'rename':
        return this.rename(call.path, call.to);
      case 'copyFile':
        return this.copyFile(call.path, call.to, call.exclusive ?? false);
    }
  }

  readFile(path: string): Uint8Array {
    const key = normalizeFsPath(path);
    if (this.dirs.has(key)) throw new FsError('EISDIR', 'read', path);
    const file = this.files.get(key);
    if (!file) throw new FsError('ENOENT', 'open', path);
    return file.data.slice();
  }

  writeFile(path: string, data: Uint8Array, append: boolean, exclusive: boolean): void {
    const key = normalizeFsPath(path);
    if (this.dirs.has(key)) throw new FsError('EISDIR', 'open', path);
    this.requireDir(parentOf(key), 'open', path);
    const current = this.files.get(key);
    if (current && exclusive) throw new FsError('EEXIST', 'open', path);
    const now = Date.now();
    const bytes = append && current ? concat(current.data, data) : data.slice();
    this.files.set(key, { data: bytes, mtimeMs: now, birthtimeMs: current?.birthtimeMs ?? now });
  }

  /** Like Node: the first folder created when recursive (undefined if it existed), EEXIST otherwise. */
  mkdir(path: string, recursive: boolean): string | undefined {
    const key = normalizeFsPath(path);
    if (this.files.has(key)) throw new FsError('EEXIST', 'mkdir', path);
    if (this.dirs.has(key)) {
      if (recursive) return undefined;
      throw new FsError('EEXIST', 'mkdir', path);
    }
    if (!recursive) {
      this.requireDir(parentOf(key), 'mkdir', path);
      this.dirs.set(key, Date.now());
      return undefined;
    }
    const created = this.ensureDirs(key, path);
    return created === undefined ? undefined : `/${created}`;
  }

  /** Sorted entry names with their kinds (the shim builds Dirent-like objects from them). */
  readdir(path: string): { name: string; kind: 'file' | 'dir' }[] {
    const key = normalizeFsPath(path);
    if (this.files.has(key)) throw new FsError('ENOTDIR', 'scandir', path);
    if (!this.dirs.has(key)) throw new FsError('ENOENT', 'scandir', path);
    const prefix = key === '' ? '' : `${key}/`;
    const entries = new Map<string, 'file' | 'dir'>();
    for (const [paths, kind] of [[this.files.keys(), 'file'], [this.dirs.keys(), 'dir']] as const) {
      for (const candidate of paths) {
        if (candidate === key || !candidate.startsWith(prefix)) continue;
        const rest = candidate.slice(prefix.length);
        if (!rest.includes('/')) entries.set(rest, kind);
      }
    }
    return [...entries].map(([name, kind]) => ({ name, kind })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  stat(path: string, syscall = 'stat'): FsStat {
    const key = normalizeFsPath(path);
    const file = this.files.get(key);
    if (file) return { kind: 'file', size: file.data.byteLength, mtimeMs: file.mtimeMs, birthtimeMs: file.birthtimeMs };
    const dir = this.dirs.get(key);
    if (dir !== undefined) return { kind: 'dir', size: 4096, mtimeMs: dir, birthtimeMs: dir };
    throw new FsError('ENOENT', syscall, path);
  }

  rm(path: string, recursive: boolean, force: boolean, syscall: string): void {
    const key = normalizeFsPath(path);
    if (this.files.delete(key)) return;
    if (!this.dirs.has(key) || key === '') {
      if (force && key !== '') return;
      throw new FsError(key === '' ? 'EINVAL' : 'ENOENT', syscall, path);
    }
    if (!recursive) throw new FsError('EISDIR', syscall, path);
    const prefix = `${key}/`;
    for (const file of [...this.files.keys()]) if (file.startsWith(prefix)) this.files.delete(file);
    for (const dir of [...this.dirs.keys()]) if (dir.startsWith(prefix)) this.dirs.delete(dir);
    this.dirs.delete(key);
  }

  unlink(path: string): void {
    const key = normalizeFsPath(path);
    if (this.dirs.has(key)) throw new FsError('EISDIR', 'unlink', path);
    if (!this.files.delete(key)) throw new FsError('ENOENT', 'unlink', path);
  }

  rmdir(path: string): void {
    const key = normalizeFsPath(path);
    if (this.files.has(key)) throw new FsError('ENOTDIR', 'rmdir', path);
    if (!this.dirs.has(key) || key === '') throw new FsError('ENOENT', 'rmdir', path);
    if (this.readdir(path).length > 0) throw new FsError('ENOTEMPTY', 'rmdir', path);
    this.dirs.delete(key);
  }

  /** Atomic like POSIX rename: replaces a file at `to`; moves whole folders. */
  rename(from: string, to: string): void {
    const source = normalizeFsPath(from);
    const target = normalizeFsPath(to);
    const file = this.files.get(source);
    if (file) {
      if (this.dirs.has(target)) throw new FsError('EISDIR', 'rename', from, to);
      this.requireDir(parentOf(target), 'rename', from, to);
      this.files.delete(source);
      this.files.set(target, file);
      return;
    }
    if (!this.dirs.has(source) || source === '') throw new FsError('ENOENT', 'rename', from, to);
    if (this.files.has(target)) throw new FsError('ENOTDIR', 'rename', from, to);
    if (target === source || target.startsWith(`${source}/`)) throw new FsError('EINVAL', 'rename', from, to);
    if (this.dirs.has(target) && this.readdir(to).length > 0) throw new FsError('ENOTEMPTY', 'rename', from, to);
    this.requireDir(parentOf(target), 'rename', from, to);
    const move = (key: string) => (key === source ? target : `${target}/${key.slice(source.length + 1)}`);
    const inside = (key: string) => key === source || key.startsWith(`${source}/`);
    for (const [key, entry] of [...this.files]) if (inside(key)) (this.files.delete(key), this.files.set(move(key), entry));
    for (const [key, time] of [...this.dirs]) if (inside(key)) (this.dirs.delete(key), this.dirs.set(move(key), time));
  }

  copyFile(from: string, to: string, exclusive: boolean): void {
    const data = this.readFile(from);
    if (exclusive && this.files.has(normalizeFsPath(to))) throw new FsError('EEXIST', 'copyfile', from, to);
    this.writeFile(to, data, false, false);
  }

  private requireDir(key: string, syscall: string, path: string, dest?: string): void {
    if (this.dirs.has(key)) return;
    throw new FsError(this.files.has(key) ? 'ENOTDIR' : 'ENOENT', syscall, path, dest);
  }

  /** Creates `key` and its missing parents; returns the first one created. */
  private ensureDirs(key: string, path = key): string | undefined {
    if (key === '' || this.dirs.has(key)) return undefined;
    const parts = key.split('/');
    let first: string | undefined;
    for (let i = 1; i <= parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (this.files.has(dir)) throw new FsError('ENOTDIR', 'mkdir', path);
      if (!this.dirs.has(dir)) {
        this.dirs.set(dir, Date.now());
        first ??= dir;
      }
    }
    return first;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}
