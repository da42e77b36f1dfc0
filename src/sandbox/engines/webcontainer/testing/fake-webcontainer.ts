// An in-memory stand-in for @webcontainer/api 1.6, following its documented API and the quirks a
// review against the real one found (see docs/ARCHITECTURE.md, "WebContainer"):
// - Node 20 by default (`node --version` → v20.x), workdir /home/<workdirName>;
// - processes talk through a pty: input is echoed, `\r` and `\n` both end a line (so `\r\n` is two
//   lines), output ends lines with `\r\n`, and non-ASCII output may arrive split inside a UTF-8
//   sequence, each half decoded on its own (U+FFFD), as a chunk boundary can fall anywhere;
// - fs: writeFile needs its folder, mkdir without `recursive` needs the parent, rm of a missing path
//   throws unless `force`; mount() needs an existing mount point;
// - boot(): one live instance (a second boot() throws), configureAPIKey() throws once boot() was
//   called; with `coep: 'require-corp'` previews are served from `local-corp` hosts.
// What runs inside is scripted by each test as small "programs". The real processes run in
// process-container.ts (Node 20, a real pty), which the engine's lab tests use.
import type { ContainerLike, ContainerProcess, ContainerSpawnOptions, FileSystemTree } from '../types.ts';
import type { WebContainerApi } from '../boot.ts';
import { answerRequest, asciiJson, ANSWER_MARKER } from '../request-protocol.ts';
import { REGISTER_HOOKS, SMOKE_MARKER, SMOKE_PROBE, STRIP_TYPES_HOOKS } from '../node-command.ts';

export interface ProgramContext {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string | number | boolean>;
  files: Map<string, string>;
  /** Writes to the terminal: `\n` becomes `\r\n`, as the pty does. */
  print(text: string): void;
  /** Lines read from the terminal (after the pty's line discipline). */
  lines(): AsyncIterable<string>;
  /** Opens a port on the container's loopback, like a server calling listen(). */
  listen(port: number, handler: (request: Request) => Response | Promise<Response>): void;
  /** fetch inside the container: localhost ports reach what listen() registered. */
  fetch: typeof fetch;
  exit(code: number): void;
  killed: Promise<void>;
}

export type Program = (context: ProgramContext) => void | Promise<void>;

type Listener = (...args: never[]) => void;

export class FakeWebContainer implements ContainerLike {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>(['']);
  readonly spawned: Array<{ command: string; args: string[]; options?: ContainerSpawnOptions }> = [];
  readonly servers = new Map<number, (request: Request) => Response | Promise<Response>>();
  readonly workdir: string;
  nodeVersion = 'v20.19.1';
  /** Splits non-ASCII output mid-sequence, as the real terminal stream can. */
  splitUtf8 = true;
  tornDown = false;
  readonly #programs: Array<{ matches: (command: string, args: string[]) => boolean; program: Program }> = [];
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor(workdirName = 'foodly') {
    this.workdir = `/home/${workdirName}`;
    this.program((command, args) => command === 'node' && args[0] === '--version', ({ print, exit }) => {
      print(`${this.nodeVersion}\n`);
      exit(0);
    });
    // The request helper, written to the container by the engine, speaks the same protocol: ASCII
    // JSON lines in (echo and blank lines ignored), marked ASCII JSON answers out.
    this.program((command, args) => command === 'node' && args[0] === '.sandbox/request-helper.mjs', async ({ lines, print, fetch, files, cwd }) => {
      if (!files.has(join(cwd, '.sandbox/request-helper.mjs'))) {
        print(`Error: Cannot find module '${this.workdir}/${join(cwd, '.sandbox/request-helper.mjs')}'\n`);
        return;
      }
      for await (const line of lines()) {
        if (!line.trim().startsWith('{')) continue;
        const request = JSON.parse(line);
        const answer = request.ping ? Promise.resolve({ id: request.id, pong: true }) : answerRequest(request, fetch, () => performance.now());
        void answer.then((value) => print(`${ANSWER_MARKER}${asciiJson(value)}\n`));
      }
    });
    // The smoke probe runs only with the hooks Node 20 needs, mounted where --import points.
    this.program((command, args) => command === 'node' && args.at(-1) === SMOKE_PROBE, ({ print, exit, files, cwd, args: argv }) => {
      const major = Number(this.nodeVersion.slice(1).split('.')[0]);
      const hooked = argv.includes('--import') && files.has(join(cwd, REGISTER_HOOKS)) && files.has(join(cwd, STRIP_TYPES_HOOKS));
      if (major < 22 && !hooked) {
        print(`TypeError [ERR_UNKNOWN_FILE_EXTENSION]: Unknown file extension ".ts" for ${this.workdir}/${join(cwd, SMOKE_PROBE)}\n`);
        exit(1);
        return;
      }
      print(`${SMOKE_MARKER}\n`);
      exit(0);
    });
    this.program((command, args) => command === 'npm' && args[0] === 'install', ({ print, exit }) => {
      print('added 42 packages in 1s\n');
      exit(0);
    });
    this.program((command) => command === 'jsh', ({ print, args }) => {
      if (args.includes('--osc')) print('\u001b]654;interactive\u0007');
      print('~/foodly $ ');
    });
  }

  /** Scripts what a command does when spawned; later registrations win. */
  program(matches: (command: string, args: string[]) => boolean, program: Program): void {
    this.#programs.unshift({ matches, program });
  }

  fs = {
    readFile: async (path: string, _encoding: 'utf-8') => {
      const content = this.files.get(normalize(path));
      if (content === undefined) throw enoent('open', path);
      return content;
    },
    writeFile: async (path: string, data: string | Uint8Array) => {
      if (!this.dirs.has(parent(normalize(path)))) throw enoent('open', path);
      this.files.set(normalize(path), typeof data === 'string' ? data : new TextDecoder().decode(data));
    },
    mkdir: async (path: string, options?: { recursive?: boolean }) => {
      const target = normalize(path);
      if (!options?.recursive && !this.dirs.has(parent(target))) throw enoent('mkdir', path);
      for (let dir = target; dir; dir = parent(dir)) this.dirs.add(dir);
      return path;
    },
    rm: async (path: string, options?: { force?: boolean; recursive?: boolean }) => {
      const target = normalize(path);
      const exists = this.files.has(target) || this.dirs.has(target);
      if (!exists) {
        if (options?.force) return;
        throw enoent('rm', path);
      }
      for (const key of [...this.files.keys()]) if (key === target || key.startsWith(`${target}/`)) this.files.delete(key);
      for (const key of [...this.dirs]) if (key === target || key.startsWith(`${target}/`)) this.dirs.delete(key);
    },
  };

  async mount(tree: FileSystemTree, options?: { mountPoint?: string }): Promise<void> {
    const root = options?.mountPoint ? normalize(options.mountPoint) : '';
    if (!this.dirs.has(root)) throw new Error(`Failed to mount: ${options?.mountPoint} does not exist`);
    const walk = (node: FileSystemTree, prefix: string) => {
      for (const [name, entry] of Object.entries(node)) {
        const path = prefix ? `${prefix}/${name}` : name;
        if ('directory' in entry) {
          this.dirs.add(path);
          walk(entry.directory, path);
        } else if ('file' in entry && 'contents' in entry.file) {
          const contents = entry.file.contents;
          this.files.set(path, typeof contents === 'string' ? contents : new TextDecoder().decode(contents));
        }
      }
    };
    walk(tree, root);
  }

  async spawn(command: string, args: string[] = [], options?: ContainerSpawnOptions): Promise<ContainerProcess> {
    this.spawned.push({ command, args, options });
    const entry = this.#programs.find((candidate) => candidate.matches(command, args));
    let emit!: (text: string) => void;
    let closeOutput!: () => void;
    const splitUtf8 = this.splitUtf8;
    const output = new ReadableStream<string>({
      start(controller) {
        const enqueue = (text: string) => {
          try {
            controller.enqueue(text);
          } catch {
            /* closed */
          }
        };
        emit = (text) => {
          const crlf = text.replace(/\r?\n/g, '\r\n');
          const at = [...crlf].findIndex((char) => char.charCodeAt(0) > 0x7f);
          if (!splitUtf8 || at === -1) return enqueue(crlf);
          // A chunk boundary inside the first multi-byte character, each half decoded alone.
          const bytes = new TextEncoder().encode(crlf);
          const cut = new TextEncoder().encode([...crlf].slice(0, at).join('')).length + 1;
          enqueue(new TextDecoder().decode(bytes.slice(0, cut)));
          enqueue(new TextDecoder().decode(bytes.slice(cut)));
        };
        closeOutput = () => {
          try {
            controller.close();
          } catch {
            /* already closed */
          }
        };
      },
    });
    const inputLines: string[] = [];
    let wakeReader: (() => void) | undefined;
    let buffer = '';
    const input = new WritableStream<string>({
      write(chunk) {
        // The pty echoes what it reads, and its line discipline ends a line at \r or \n.
        emit(chunk);
        buffer += chunk;
        const parts = buffer.split(/\r|\n/);
        buffer = parts.pop() ?? '';
        inputLines.push(...parts);
        wakeReader?.();
      },
    });
    let resolveExit!: (code: number) => void;
    const exit = new Promise<number>((resolve) => (resolveExit = resolve));
    let finished = false;
    let resolveKilled!: () => void;
    const killed = new Promise<void>((resolve) => (resolveKilled = resolve));
    const ownPorts: number[] = [];
    const finish = (code: number) => {
      if (finished) return;
      finished = true;
      for (const port of ownPorts) {
        this.servers.delete(port);
        this.#emit('port', port, 'close', this.previewUrl(port));
      }
      closeOutput();
      resolveExit(code);
    };
    const context: ProgramContext = {
      command,
      args,
      cwd: normalize(options?.cwd ?? ''),
      env: options?.env ?? {},
      files: this.files,
      print: (text) => emit(text),
      lines: () => ({
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            while (inputLines.length === 0 && !finished) await new Promise<void>((resolve) => (wakeReader = resolve));
            if (finished && inputLines.length === 0) return { value: undefined, done: true };
            return { value: inputLines.shift()!, done: false };
          },
        }),
      }),
      listen: (port, handler) => {
        if (this.servers.has(port)) throw Object.assign(new Error(`listen EADDRINUSE: address already in use :::${port}`), { code: 'EADDRINUSE' });
        this.servers.set(port, handler);
        ownPorts.push(port);
        this.#emit('port', port, 'open', this.previewUrl(port));
        this.#emit('server-ready', port, this.previewUrl(port));
      },
      fetch: this.fetch,
      exit: finish,
      killed,
    };
    if (entry) {
      queueMicrotask(() => void Promise.resolve(entry.program(context)).catch((error) => {
        emit(`${(error as Error).stack ?? error}\n`);
        finish(1);
      }));
    } else {
      queueMicrotask(() => {
        emit(`jsh: command not found: ${command}\n`);
        finish(127);
      });
    }
    return {
      exit,
      input,
      output,
      kill: () => {
        resolveKilled();
        wakeReader?.();
        finish(130);
      },
      resize: () => {},
    };
  }

  /** Loopback fetch inside the container. */
  fetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const handler = ['localhost', '127.0.0.1'].includes(url.hostname) ? this.servers.get(Number(url.port)) : undefined;
    if (!handler) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    return handler(new Request(url, init));
  };

  on(event: string, listener: Listener): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** What the real container emits when something inside it breaks. */
  emitError(message: string): void {
    this.#emit('error', { message });
  }

  teardown(): void {
    this.tornDown = true;
  }

  previewUrl(port: number): string {
    return `https://foodly--${port}--fake.local-corp.webcontainer-api.io/`;
  }

  #emit(event: string, ...args: unknown[]) {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}

/** `@webcontainer/api`'s module surface around one container: boot lock and licence key rules. */
export function fakeWebContainerApi(container: ContainerLike, behaviour: { hang?: boolean } = {}) {
  let live = false;
  let booted = false;
  const calls = { boot: 0, configureAPIKey: [] as string[] };
  const api: WebContainerApi = {
    configureAPIKey(key: string) {
      if (booted) throw new Error('`configureAPIKey` should only be called before `WebContainer.boot`!');
      calls.configureAPIKey.push(key);
    },
    WebContainer: {
      boot(options: object) {
        calls.boot++;
        if (live) return Promise.reject(new Error('Only a single WebContainer instance can be booted'));
        live = true;
        booted = true;
        if ((options as { coep?: string }).coep !== 'require-corp') return Promise.reject(new Error('this fake serves require-corp (local-corp) only'));
        return behaviour.hang ? new Promise<never>(() => {}) : Promise.resolve(container);
      },
    },
  };
  return { api, calls };
}

const normalize = (path: string) => path.replace(/^\.?\//, '').replace(/\/$/, '');
const parent = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const join = (dir: string, path: string) => (dir ? `${dir}/${path}` : path);
const enoent = (syscall: string, path: string) => Object.assign(new Error(`ENOENT: no such file or directory, ${syscall} '${path}'`), { code: 'ENOENT' });
