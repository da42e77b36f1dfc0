// An in-memory stand-in for @webcontainer/api 1.6, following its documented API (fs, mount,
// spawn with input/output streams and an exit promise, 'port' and 'server-ready' events,
// teardown). StackBlitz's servers are not reachable here, so the engine's tests run against this;
// what runs inside is scripted by each test as small "programs".
import type { ContainerLike, ContainerProcess, ContainerSpawnOptions, FileSystemTree } from '../types.ts';
import { answerRequest } from '../request-protocol.ts';

export interface ProgramContext {
  command: string;
  args: string[];
  env: Record<string, string | number | boolean>;
  files: Map<string, string>;
  print(text: string): void;
  /** Lines written to the process's input. */
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
  readonly spawned: Array<{ command: string; args: string[]; options?: ContainerSpawnOptions }> = [];
  readonly servers = new Map<number, (request: Request) => Response | Promise<Response>>();
  nodeVersion = 'v22.18.0';
  tornDown = false;
  readonly #programs: Array<{ matches: (command: string, args: string[]) => boolean; program: Program }> = [];
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor() {
    this.program((command, args) => command === 'node' && args[0] === '--version', ({ print, exit }) => {
      print(`${this.nodeVersion}\r\n`);
      exit(0);
    });
    // The request helper runs the same answerRequest the real helper script is made of.
    this.program((command, args) => command === 'node' && args[0] === '.sandbox/request-helper.mjs', async ({ lines, print, fetch }) => {
      for await (const line of lines()) {
        void answerRequest(JSON.parse(line), fetch, () => performance.now()).then((answer) =>
          print(`\u0001sandbox-answer\u0001${JSON.stringify(answer)}\r\n`),
        );
      }
    });
    this.program((command, args) => command === 'npm' && args[0] === 'install', ({ print, exit }) => {
      print('added 42 packages in 1s\r\n');
      exit(0);
    });
  }

  /** Scripts what a command does when spawned; later registrations win. */
  program(matches: (command: string, args: string[]) => boolean, program: Program): void {
    this.#programs.unshift({ matches, program });
  }

  fs = {
    readFile: async (path: string, _encoding: 'utf-8') => {
      const content = this.files.get(normalize(path));
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return content;
    },
    writeFile: async (path: string, data: string | Uint8Array) => {
      this.files.set(normalize(path), typeof data === 'string' ? data : new TextDecoder().decode(data));
    },
    mkdir: async (path: string, _options: { recursive: true }) => path,
    rm: async (path: string) => {
      for (const key of [...this.files.keys()]) if (key === normalize(path) || key.startsWith(`${normalize(path)}/`)) this.files.delete(key);
    },
  };

  async mount(tree: FileSystemTree, options?: { mountPoint?: string }): Promise<void> {
    const walk = (node: FileSystemTree, prefix: string) => {
      for (const [name, entry] of Object.entries(node)) {
        const path = prefix ? `${prefix}/${name}` : name;
        if ('directory' in entry) walk(entry.directory, path);
        else if ('file' in entry && 'contents' in entry.file) {
          const contents = entry.file.contents;
          this.files.set(path, typeof contents === 'string' ? contents : new TextDecoder().decode(contents));
        }
      }
    };
    walk(tree, options?.mountPoint ? normalize(options.mountPoint) : '');
  }

  async spawn(command: string, args: string[] = [], options?: ContainerSpawnOptions): Promise<ContainerProcess> {
    this.spawned.push({ command, args, options });
    const entry = this.#programs.find((candidate) => candidate.matches(command, args));
    let emit!: (text: string) => void;
    let closeOutput!: () => void;
    const output = new ReadableStream<string>({
      start(controller) {
        emit = (text) => {
          try {
            controller.enqueue(text);
          } catch {
            /* closed */
          }
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
        buffer += chunk;
        const parts = buffer.split('\n');
        buffer = parts.pop() ?? '';
        inputLines.push(...parts.filter(Boolean));
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
        this.#emit('port', port, 'close', previewUrl(port));
      }
      closeOutput();
      resolveExit(code);
    };
    const context: ProgramContext = {
      command,
      args,
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
        this.servers.set(port, handler);
        ownPorts.push(port);
        this.#emit('port', port, 'open', previewUrl(port));
        this.#emit('server-ready', port, previewUrl(port));
      },
      fetch: this.fetch,
      exit: finish,
      killed,
    };
    if (entry) {
      queueMicrotask(() => void Promise.resolve(entry.program(context)).catch((error) => {
        emit(`${(error as Error).stack ?? error}\r\n`);
        finish(1);
      }));
    } else {
      queueMicrotask(() => {
        emit(`jsh: command not found: ${command}\r\n`);
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

  teardown(): void {
    this.tornDown = true;
  }

  #emit(event: string, ...args: unknown[]) {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}

const normalize = (path: string) => path.replace(/^\.?\//, '').replace(/\/$/, '');
const previewUrl = (port: number) => `https://foodly--${port}--fake.local-credentialless.webcontainer.io/`;
