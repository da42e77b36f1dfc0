// The file-system calls a service worker sends to the page (node:fs/promises in the sandbox) and
// what comes back. Paths are as the service wrote them, resolved against the lab folder.
export type FsCall =
  | { op: 'readFile'; path: string }
  | { op: 'writeFile'; path: string; data: Uint8Array; append?: boolean; exclusive?: boolean }
  | { op: 'mkdir'; path: string; recursive?: boolean }
  | { op: 'readdir'; path: string }
  | { op: 'stat'; path: string }
  | { op: 'access'; path: string }
  | { op: 'rm'; path: string; recursive?: boolean; force?: boolean }
  | { op: 'unlink'; path: string }
  | { op: 'rmdir'; path: string }
  | { op: 'rename'; path: string; to: string }
  | { op: 'copyFile'; path: string; to: string; exclusive?: boolean };

export interface FsStat {
  kind: 'file' | 'dir';
  size: number;
  mtimeMs: number;
  birthtimeMs: number;
}

/** A Node-style fs error (`code`, `syscall`, `path`, `errno`) as plain data. */
export interface FsErrorInfo {
  code: string;
  syscall: string;
  path: string;
  dest?: string;
  errno: number;
  message: string;
}
