// The subset of @webcontainer/api the engine uses, backed by real things on this machine, so the
// WebContainer engine's exact commands, helper script and strip-types loader run for real in CI:
//   spawn  → a real Node 20 process (WebContainer's default Node), attached to a real pseudo-terminal
//            through util-linux `script` (echo, CRLF translation and split chunks included);
//   fs and mount → a temporary folder standing for /home/<workdir>;
//   network → a private network namespace per container (`unshare -n`, loopback only), so two
//            containers, like two WebContainers, can both listen on port 3102;
//   'port' events → the namespace's listening sockets (/proc/<pid>/net/tcp), polled.
// What it cannot be: the browser side (iframe, preview hosts, boot). Those stay in the fake.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ContainerLike, ContainerProcess, ContainerSpawnOptions, FileSystemTree, PortListener } from '../types.ts';

/** WebContainer's default Node is 20: find a Node 20 binary (the system one here, not npm's Node 24). */
export function findNode20(): string | undefined {
  for (const candidate of [process.env.NODE20_BINARY, '/usr/bin/node', '/usr/local/bin/node']) {
    if (!candidate || !existsSync(candidate)) continue;
    try {
      if (execFileSync(candidate, ['--version'], { encoding: 'utf8' }).startsWith('v20.')) return candidate;
    } catch {
      /* not runnable */
    }
  }
  return undefined;
}

/** Whether this machine can give a container its own loopback (root, or unprivileged user namespaces). */
export function canIsolateNetwork(): boolean {
  try {
    execFileSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
    return existsSync('/usr/bin/script') || existsSync('/bin/script');
  } catch {
    return false;
  }
}

export interface ProcessContainerOptions {
  node?: string;
  workdirName?: string;
}

export class ProcessContainer implements ContainerLike {
  readonly workdir: string;
  readonly #node: string;
  readonly #netHolder: ChildProcess;
  readonly #children = new Set<ChildProcess>();
  readonly #portListeners = new Set<PortListener>();
  readonly #errorListeners = new Set<(error: { message: string }) => void>();
  /** Listening port → its socket's inode (a restart on the same port is a close and an open). */
  readonly #openPorts = new Map<number, string>();
  readonly #poller: ReturnType<typeof setInterval>;
  readonly #id = Math.random().toString(36).slice(2, 10);
  #tornDown = false;

  private constructor(workdir: string, node: string, holder: ChildProcess) {
    this.workdir = workdir;
    this.#node = node;
    this.#netHolder = holder;
    this.#poller = setInterval(() => this.#pollPorts(), 50);
  }

  static async create(options: ProcessContainerOptions = {}): Promise<ProcessContainer> {
    const node = options.node ?? findNode20();
    if (!node) throw new Error('No Node 20 binary found (set NODE20_BINARY).');
    const base = await mkdtemp(join(tmpdir(), 'webcontainer-'));
    const workdir = join(base, 'home', options.workdirName ?? 'foodly');
    await mkdir(workdir, { recursive: true });
    const holder = spawn('unshare', ['-n', 'sh', '-c', 'ip link set lo up && echo up && exec sleep 2147483647'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolvePromise, reject) => {
      holder.once('error', reject);
      holder.once('exit', (code) => reject(new Error(`unshare -n exited with ${code}`)));
      holder.stdout!.once('data', () => resolvePromise());
    });
    return new ProcessContainer(workdir, node, holder);
  }

  fs = {
    readFile: async (path: string, _encoding: 'utf-8') => readFile(this.#abs(path), 'utf8'),
    writeFile: async (path: string, data: string | Uint8Array) => writeFile(this.#abs(path), data),
    mkdir: async (path: string, options: { recursive: true }) => {
      await mkdir(this.#abs(path), options);
      return path;
    },
    rm: async (path: string, options?: { force?: boolean; recursive?: boolean }) => rm(this.#abs(path), options),
  };

  /** Like WebContainer's mount: the mount point must exist (it is not created). */
  async mount(tree: FileSystemTree, options?: { mountPoint?: string }): Promise<void> {
    const target = options?.mountPoint ? this.#abs(options.mountPoint) : this.workdir;
    const info = await stat(target).catch(() => undefined);
    if (!info?.isDirectory()) throw new Error(`Failed to mount: ${options?.mountPoint ?? '/'} is not a directory`);
    const write = async (node: FileSystemTree, dir: string): Promise<void> => {
      for (const [name, entry] of Object.entries(node)) {
        const path = join(dir, name);
        if ('directory' in entry) {
          await mkdir(path, { recursive: true });
          await write(entry.directory, path);
        } else if ('file' in entry && 'contents' in entry.file) {
          await writeFile(path, entry.file.contents);
        }
      }
    };
    await write(tree, target);
  }

  async spawn(command: string, args: string[] = [], options: ContainerSpawnOptions = {}): Promise<ContainerProcess> {
    if (this.#tornDown) throw new Error('The WebContainer was torn down.');
    const size = options.terminal ?? { cols: 80, rows: 24 };
    const program = this.#program(command, args);
    const line = `stty cols ${size.cols} rows ${size.rows} 2>/dev/null; exec ${program.map(quote).join(' ')}`;
    const env: Record<string, string> = {
      PATH: `${dirname(this.#node)}:/usr/bin:/bin`,
      HOME: this.workdir,
      SHELL: '/bin/sh',
      TERM: 'xterm-256color',
      npm_config_cache: join(this.workdir, '..', '.npm'),
    };
    if (command === 'jsh') env.PROMPT_COMMAND = `printf '\\033]654;interactive\\007'`;
    for (const [key, value] of Object.entries(options.env ?? {})) env[key] = String(value);
    const child = spawn('nsenter', [`--net=/proc/${this.#netHolder.pid}/ns/net`, '--', 'script', '-q', '-e', '-c', line, '/dev/null'], {
      cwd: options.cwd ? this.#abs(options.cwd) : this.workdir,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.#children.add(child);
    const exit = new Promise<number>((resolveExit) => {
      child.once('exit', (code, signal) => {
        this.#children.delete(child);
        resolveExit(code ?? (signal ? 128 + 15 : 1));
      });
      child.once('error', () => resolveExit(127));
    });
    // WebContainer hands out decoded text; this decodes as a stream, so a UTF-8 sequence split
    // across two reads is still one character.
    const decoder = new TextDecoder();
    const output = new ReadableStream<string>({
      start(controller) {
        const push = (chunk: Buffer) => {
          const text = decoder.decode(chunk, { stream: true });
          if (text) controller.enqueue(text);
        };
        child.stdout!.on('data', push);
        child.stderr!.on('data', push);
        child.once('close', () => {
          const rest = decoder.decode();
          if (rest) controller.enqueue(rest);
          controller.close();
        });
      },
    });
    const input = new WritableStream<string>({
      write: (chunk) =>
        new Promise<void>((resolveWrite) => {
          if (!child.stdin!.writable) return resolveWrite();
          child.stdin!.write(chunk, () => resolveWrite());
        }),
    });
    child.stdin!.on('error', () => undefined);
    return {
      exit,
      input,
      output,
      kill: () => {
        child.kill('SIGTERM');
      },
      resize: () => undefined,
    };
  }

  on(event: 'port' | 'server-ready' | 'error', listener: (...args: never[]) => void): () => void {
    if (event === 'port') {
      const port = listener as unknown as PortListener;
      this.#portListeners.add(port);
      return () => this.#portListeners.delete(port);
    }
    if (event === 'error') {
      const error = listener as unknown as (error: { message: string }) => void;
      this.#errorListeners.add(error);
      return () => this.#errorListeners.delete(error);
    }
    return () => undefined;
  }

  /** For tests: what an 'error' event from the real WebContainer would carry. */
  emitError(message: string): void {
    for (const listener of this.#errorListeners) listener({ message });
  }

  teardown(): void {
    this.#tornDown = true;
    clearInterval(this.#poller);
    for (const child of this.#children) child.kill('SIGKILL');
    this.#netHolder.kill('SIGKILL');
    void rm(resolve(this.workdir, '..', '..'), { recursive: true, force: true });
  }

  previewUrl(port: number): string {
    return `https://${this.#id}--${port}--f00d1e5.local-corp.webcontainer-api.io`;
  }

  #program(command: string, args: string[]): string[] {
    if (command === 'node') return [this.#node, ...args];
    // jsh --osc announces it is ready for keys with an OSC 654 sequence: bash with a prompt hook that prints it.
    if (command === 'jsh') return ['bash', '--norc', '--noprofile', '-i'];
    return [command, ...args];
  }

  #abs(path: string): string {
    const absolute = resolve(this.workdir, path.replace(/^\/+/, ''));
    if (absolute !== this.workdir && !absolute.startsWith(`${this.workdir}/`)) throw new Error(`EACCES: ${path} is outside the container`);
    return absolute;
  }

  #pollPorts(): void {
    const listening = new Map<number, string>();
    for (const file of ['tcp', 'tcp6']) {
      let table = '';
      try {
        table = readFileSync(`/proc/${this.#netHolder.pid}/net/${file}`, 'utf8');
      } catch {
        return;
      }
      for (const row of table.split('\n').slice(1)) {
        const fields = row.trim().split(/\s+/);
        if (fields[3] === '0A') listening.set(parseInt(fields[1]!.split(':')[1]!, 16), fields[9]!);
      }
    }
    for (const [port, inode] of [...this.#openPorts]) {
      if (listening.get(port) === inode) continue;
      this.#openPorts.delete(port);
      for (const listener of this.#portListeners) listener(port, 'close', this.previewUrl(port));
    }
    for (const [port, inode] of listening) {
      if (this.#openPorts.has(port)) continue;
      this.#openPorts.set(port, inode);
      for (const listener of this.#portListeners) listener(port, 'open', this.previewUrl(port));
    }
  }
}

const quote = (arg: string) => (/^[\w./:=@-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
