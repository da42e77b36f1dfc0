// The part of @webcontainer/api 1.6 the engine uses. The real WebContainer satisfies it, and so
// does the in-memory fake the tests use (testing/fake-webcontainer.ts).
import type { FileSystemTree } from '@webcontainer/api';

export type { FileSystemTree };

export interface ContainerProcess {
  exit: Promise<number>;
  input: WritableStream<string>;
  output: ReadableStream<string>;
  kill(): void;
  resize(dimensions: { cols: number; rows: number }): void;
}

export interface ContainerSpawnOptions {
  cwd?: string;
  env?: Record<string, string | number | boolean>;
  output?: boolean;
  terminal?: { cols: number; rows: number };
}

export type PortListener = (port: number, type: 'open' | 'close', url: string) => void;
export type ServerReadyListener = (port: number, url: string) => void;
export type ErrorListener = (error: { message: string }) => void;

export interface ContainerLike {
  /** Absolute path of the container's working folder (`/home/<workdirName>`): Node prints it in stacks. */
  readonly workdir: string;
  fs: {
    readFile(path: string, encoding: 'utf-8'): Promise<string>;
    writeFile(path: string, data: string | Uint8Array): Promise<void>;
    mkdir(path: string, options: { recursive: true }): Promise<string>;
    rm(path: string, options?: { force?: boolean; recursive?: boolean }): Promise<void>;
  };
  mount(tree: FileSystemTree, options?: { mountPoint?: string }): Promise<void>;
  spawn(command: string, args: string[], options?: ContainerSpawnOptions): Promise<ContainerProcess>;
  on(event: 'port', listener: PortListener): () => void;
  on(event: 'server-ready', listener: ServerReadyListener): () => void;
  on(event: 'error', listener: ErrorListener): () => void;
  teardown(): void;
}
