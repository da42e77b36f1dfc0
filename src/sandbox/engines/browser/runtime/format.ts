// console.* arguments → one line of text, close to what Node prints, with Blob URLs in stacks
// replaced by the learner's file paths.

export function mapStack(text: string, urlToPath: Record<string, string>): string {
  return text.replace(/blob:[^\s)]+?(?=:\d+:\d+|\)|\s|$)/g, (url) => urlToPath[url] ?? url);
}

/**
 * Like Node: "Name: message" and then the stack. V8's stack starts with that line; Firefox's and
 * Safari's list only the frames, so the line is added when the stack lacks it.
 */
function errorText(error: Error): string {
  const head = `${error.name}: ${error.message}`;
  const stack = (error.stack ?? '').trimEnd();
  if (stack.startsWith(head) || (error.message && stack.includes(error.message))) return stack;
  return stack ? `${head}\n${stack.replace(/^\n+/, '')}` : head;
}

function inspect(value: unknown, depth: number, seen: Set<unknown>): string {
  if (typeof value === 'string') return depth === 0 ? value : JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `[Function: ${value.name || 'anonymous'}]`;
  if (typeof value === 'symbol' || typeof value !== 'object' || value === null) return String(value);
  if (value instanceof Error) return errorText(value);
  if (seen.has(value)) return '[Circular]';
  if (depth > 3) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  try {
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return `[ ${value.map((v) => inspect(v, depth + 1, seen)).join(', ')} ]`;
    if (value instanceof Map) {
      return `Map(${value.size}) { ${[...value].map(([k, v]) => `${inspect(k, depth + 1, seen)} => ${inspect(v, depth + 1, seen)}`).join(', ')} }`;
    }
    if (value instanceof Set) return `Set(${value.size}) { ${[...value].map((v) => inspect(v, depth + 1, seen)).join(', ')} }`;
    const entries = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inspect(v, depth + 1, seen)}`);
    const name = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : '';
    return entries.length ? `${name}{ ${entries.join(', ')} }` : `${name}{}`;
  } finally {
    seen.delete(value);
  }
}

/** Supports the `%s %d %i %f %o %O %j` placeholders of Node's util.format. */
export function formatArgs(args: unknown[], urlToPath: Record<string, string> = {}): string {
  let rest = args;
  let head = '';
  if (typeof args[0] === 'string' && /%[sdifoOj%]/.test(args[0])) {
    let index = 1;
    head = args[0].replace(/%[sdifoOj%]/g, (token) => {
      if (token === '%%') return '%';
      if (index >= args.length) return token;
      const arg = args[index++];
      if (token === '%d' || token === '%i') return String(token === '%i' ? Math.trunc(Number(arg)) : Number(arg));
      if (token === '%f') return String(Number(arg));
      if (token === '%s') return typeof arg === 'string' ? arg : inspect(arg, 1, new Set());
      return inspect(arg, 1, new Set());
    });
    rest = args.slice(index);
    return mapStack([head, ...rest.map((a) => inspect(a, 0, new Set()))].join(' '), urlToPath);
  }
  return mapStack(rest.map((a) => inspect(a, 0, new Set())).join(' '), urlToPath);
}

/** file/line/column of the first learner frame of an error's stack, if any. */
export function locate(error: unknown, urlToPath: Record<string, string>): { file?: string; line?: number; column?: number } {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  for (const match of stack.matchAll(/(blob:[^\s)]+?):(\d+):(\d+)/g)) {
    const file = urlToPath[match[1]!];
    if (file) return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return {};
}

/** Longest line kept (a console.log of a 50 MB string must not travel whole to the page). */
export const MAX_LINE_CHARS = 8 * 1024;
/** Lines kept per batch; the rest are only counted (the page shows "N líneas omitidas"). */
export const MAX_BATCH_LINES = 200;
/** A batch goes out at least this often, even while the service's code never yields. */
export const BATCH_INTERVAL_MS = 100;

export interface LogLine {
  level: string;
  text: string;
}

export interface LogBatchMessage<Level extends string = string> {
  lines: { level: Level; text: string }[];
  /** Lines written but not kept since the last batch. */
  omitted: number;
}

/**
 * Console output of a service, batched: one message per BATCH_INTERVAL_MS instead of one per
 * line (a million console.log calls were a million messages and a million layouts on the page),
 * at most MAX_BATCH_LINES lines each, the rest counted. A line past the cap is not even
 * formatted, so a log loop costs the worker little. `send` is checked on every write, so output
 * keeps flowing while a synchronous loop holds the worker (a timer alone would never fire).
 */
export class LogBatcher<Level extends string = string> {
  private lines: { level: Level; text: string }[] = [];
  private omitted = 0;
  private writes = 0;
  private lastSent: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly send: (batch: LogBatchMessage<Level>) => void;
  private readonly now: () => number;

  constructor(send: (batch: LogBatchMessage<Level>) => void, now: () => number = () => performance.now()) {
    this.send = send;
    this.now = now;
    this.lastSent = now();
  }

  /** `format` runs only when the line is kept. */
  write(level: Level, format: () => string): void {
    if (this.lines.length < MAX_BATCH_LINES) {
      const text = format();
      this.lines.push({ level, text: text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}… (${text.length - MAX_LINE_CHARS} caracteres más)` : text });
    } else {
      this.omitted++;
    }
    // Reading the clock on every call of a tight loop would cost more than the loop: every 64th.
    if ((++this.writes & 63) === 0 || this.lines.length < MAX_BATCH_LINES) {
      if (this.now() - this.lastSent >= BATCH_INTERVAL_MS) return this.flush();
    }
    this.timer ??= setTimeout(() => this.flush(), BATCH_INTERVAL_MS);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastSent = this.now();
    if (this.lines.length === 0 && this.omitted === 0) return;
    const batch = { lines: this.lines, omitted: this.omitted };
    this.lines = [];
    this.omitted = 0;
    this.send(batch);
  }
}
