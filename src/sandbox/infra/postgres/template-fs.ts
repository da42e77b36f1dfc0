import { MemoryFS } from '@electric-sql/pglite';

/** PGlite's data directory inside its file system. */
const PGDATA = '/pglite/data';

/**
 * The template's tar bytes, gunzipped if they came gzipped (read from the bytes, not a Blob's
 * type). Read once per host; each database then loads its own copy (see TemplateMemoryFS).
 */
export async function templateTar(template: Blob | Uint8Array): Promise<Uint8Array> {
  const bytes = template instanceof Uint8Array ? template : new Uint8Array(await template.arrayBuffer());
  if (!isGzip(bytes)) return bytes;
  return new Uint8Array(await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}

/** gzip's magic number (RFC 1952): the template's format is read from its bytes, not from a type. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

interface TarEntry {
  path: string;
  directory: boolean;
  start: number;
  size: number;
}

/** The entries of a ustar archive (what PGlite's dumpDataDir writes: regular files and directories). */
export function tarEntries(tar: Uint8Array): TarEntry[] {
  const text = new TextDecoder();
  const field = (at: number, length: number) => {
    let end = at;
    while (end < at + length && tar[end] !== 0) end++;
    return text.decode(tar.subarray(at, end));
  };
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length && tar[offset] !== 0) {
    const prefix = field(offset + 345, 155);
    const name = field(offset + 0, 100);
    const size = parseInt(field(offset + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(tar[offset + 156] || 0x30);
    if (!Number.isFinite(size)) throw new Error(`template: bad tar header at ${offset}`);
    const path = (prefix ? `${prefix}/${name}` : name).replace(/^\/+|\/+$/g, '');
    if (type === '0' || type === '\0') entries.push({ path, directory: false, start: offset + 512, size });
    else if (type === '5') entries.push({ path, directory: true, start: 0, size: 0 });
    else throw new Error(`template: unsupported tar entry type '${type}' for ${path}`);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/**
 * PGlite's in-memory file system, filled from the template before PostgreSQL looks for a data
 * directory: PGlite then finds one and starts on it (no initdb), as with `loadDataDir`, but without
 * its tar loader, which copies every file twice through a JavaScript untar (the largest part of
 * `PGlite.create` after the WebAssembly itself). Here each file is a view into one private copy of
 * the tar: Emscripten's MEMFS owns the bytes (`canOwn`) and copies a file only when it grows.
 */
export class TemplateMemoryFS extends MemoryFS {
  readonly #tar: Uint8Array;

  /** `tar` is copied: the files of one database must not share bytes with another's. */
  constructor(tar: Uint8Array) {
    super();
    this.#tar = tar.slice();
  }

  override async initialSyncFs(): Promise<void> {
    await super.initialSyncFs();
    const FS = this.pg!.Module.FS;
    const made = new Set<string>();
    const dir = (path: string) => {
      if (made.has(path)) return;
      FS.mkdirTree(path);
      made.add(path);
    };
    for (const entry of tarEntries(this.#tar)) {
      const path = entry.path ? `${PGDATA}/${entry.path}` : PGDATA;
      if (entry.directory) {
        dir(path);
        continue;
      }
      dir(path.slice(0, path.lastIndexOf('/')));
      FS.writeFile(path, this.#tar.subarray(entry.start, entry.start + entry.size), { canOwn: true });
    }
  }
}
