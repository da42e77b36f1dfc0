// Requests from the page to the services run *inside* the container (the page cannot fetch a
// WebContainer preview URL: CORS), through a resident Node helper process that reads one JSON
// request per line and writes one marked JSON answer per line.
//
// Its stdin and stdout are a pseudo-terminal, not pipes, so everything here assumes a terminal
// between the two ends: both directions are ASCII-only JSON (non-ASCII escaped as \uXXXX, so no
// UTF-8 sequence can be split across chunks nor be mangled); input may be echoed back and `\r\n`
// may arrive as `\n\n` (the helper ignores blank lines and anything that is not JSON); output
// lines may end in `\r\n` (the parser strips `\r`). The helper switches its terminal to raw mode
// when it can (no echo, no 4 KiB line limit of canonical mode).

/** Marks the helper's answers among whatever else the terminal prints (echo included). */
export const ANSWER_MARKER = '\u0001sandbox-answer\u0001';

export interface HelperRequest {
  id: number;
  port: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** A round trip that proves the helper reads and answers (the smoke step after mounting). */
export interface HelperPing {
  id: number;
  ping: true;
}

/**
 * WebSocket messages to the helper, which holds the connections with the `ws` client inside the
 * container (so the handshake can carry headers). Binary frames travel as base64. A connection is
 * named by the id of its wsOpen message.
 */
export type HelperSocketMessage =
  | { id: number; wsOpen: { port: number; path: string; headers: Record<string, string>; protocols: string[]; timeoutMs: number } }
  | { id: number; wsSend: { conn: number; text?: string; base64?: string } }
  | { id: number; wsClose: { conn: number; code?: number; reason: string } };

/** What the helper reports about a connection (id: the connection's). */
export type HelperSocketAnswer =
  | { id: number; ws: 'open'; protocol: string }
  | { id: number; ws: 'reject'; status: number }
  | { id: number; ws: 'message'; text?: string; base64?: string }
  | { id: number; ws: 'close'; code: number; reason: string; wasClean: boolean; error?: string };

export type HelperAnswer =
  | { id: number; status: number; statusText: string; headers: Record<string, string>; text: string; time: number }
  | { id: number; error: string }
  | { id: number; pong: true }
  | HelperSocketAnswer;

/** JSON with every non-ASCII character escaped: safe through a terminal byte by byte. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The line the page writes to the helper's terminal for a request. */
export function helperLine(message: HelperRequest | HelperPing | HelperSocketMessage): string {
  return `${asciiJson(message)}\n`;
}

/**
 * The helper's request handling, self-contained so its source can be shipped into the container
 * as is (see helperScript) and tested here with any fetch.
 */
export async function answerRequest(request: HelperRequest, doFetch: typeof fetch, now: () => number): Promise<HelperAnswer> {
  const started = now();
  try {
    const response = await doFetch(`http://localhost:${request.port}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { id: request.id, status: response.status, statusText: response.statusText, headers, text, time: now() - started };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const name = (error as Error).name;
    const reason =
      name === 'TimeoutError'
        ? `sin respuesta en ${request.timeoutMs} ms`
        : cause?.code === 'ECONNREFUSED'
          ? `nada escucha en el puerto ${request.port}`
          : (error as Error).message;
    return { id: request.id, error: reason };
  }
}

/**
 * The helper's WebSocket handling, self-contained like answerRequest (shipped as source). `WebSocket`
 * is the `ws` package's client; `write` sends one answer.
 */
export function handleSocketMessage(
  message: HelperSocketMessage,
  sockets: Map<number, { send(data: unknown, options?: { binary?: boolean }): void; close(code?: number, reason?: string): void; readyState: number }>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  WebSocket: any,
  write: (answer: HelperSocketAnswer) => void,
): void {
  if ('wsOpen' in message) {
    const id = message.id;
    const { port, path, headers, protocols, timeoutMs } = message.wsOpen;
    let answered = false;
    let failure = '';
    const ws = new WebSocket(`ws://localhost:${port}${path}`, protocols, { headers, handshakeTimeout: timeoutMs });
    sockets.set(id, ws);
    ws.once('unexpected-response', (_request: unknown, response: { statusCode?: number; destroy(): void }) => {
      answered = true;
      write({ id, ws: 'reject', status: response.statusCode ?? 0 });
      response.destroy();
      sockets.delete(id);
      ws.terminate();
    });
    ws.once('open', () => write({ id, ws: 'open', protocol: ws.protocol }));
    ws.on('message', (data: Uint8Array | Uint8Array[], isBinary: boolean) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      write(isBinary ? { id, ws: 'message', base64: bytes.toString('base64') } : { id, ws: 'message', text: bytes.toString('utf8') });
    });
    ws.on('error', (error: Error) => (failure = (error as { code?: string }).code ?? error.message));
    ws.once('close', (code: number, reason: Uint8Array) => {
      sockets.delete(id);
      if (!answered) write({ id, ws: 'close', code, reason: Buffer.from(reason).toString('utf8'), wasClean: code !== 1006, ...(failure ? { error: failure } : {}) });
    });
    return;
  }
  if ('wsSend' in message) {
    const ws = sockets.get(message.wsSend.conn);
    if (!ws || ws.readyState !== 1) return;
    if (message.wsSend.base64 !== undefined) ws.send(Buffer.from(message.wsSend.base64, 'base64'), { binary: true });
    else ws.send(message.wsSend.text ?? '');
    return;
  }
  if ('wsClose' in message) {
    sockets.get(message.wsClose.conn)?.close(message.wsClose.code, message.wsClose.reason);
  }
}

/** The Node script written to the container: a loop around answerRequest. */
export function helperScript(): string {
  return [
    `const MARKER = ${JSON.stringify(ANSWER_MARKER)};`,
    `const asciiJson = ${asciiJson.toString()};`,
    `const answerRequest = ${answerRequest.toString()};`,
    `const handleSocketMessage = ${handleSocketMessage.toString()};`,
    `const sockets = new Map();`,
    `let wsClient;`,
    `if (process.stdin.isTTY) { try { process.stdin.setRawMode(true); } catch {} }`,
    `process.stdin.setEncoding('utf8');`,
    `let buffer = '';`,
    `const handle = async (line) => {`,
    `  let request;`,
    `  try { request = JSON.parse(line); } catch { return; }`,
    `  if (!request || typeof request.id !== 'number') return;`,
    `  if (request.wsOpen || request.wsSend || request.wsClose) {`,
    `    try { wsClient ??= (await import('ws')).default; } catch (error) { if (request.wsOpen) process.stdout.write(MARKER + asciiJson({ id: request.id, ws: 'close', code: 1006, reason: '', wasClean: false, error: 'no se encontró el paquete ws en el contenedor' }) + '\\n'); return; }`,
    `    return handleSocketMessage(request, sockets, wsClient, (answer) => process.stdout.write(MARKER + asciiJson(answer) + '\\n'));`,
    `  }`,
    `  const answer = request.ping ? { id: request.id, pong: true } : await answerRequest(request, fetch, () => performance.now());`,
    `  process.stdout.write(MARKER + asciiJson(answer) + '\\n');`,
    `};`,
    `process.stdin.on('data', (chunk) => {`,
    `  buffer += chunk;`,
    `  const lines = buffer.split(/\\r\\n|\\r|\\n/);`,
    `  buffer = lines.pop();`,
    `  for (const line of lines) if (line.trim().startsWith('{')) void handle(line.trim());`,
    `});`,
  ].join('\n');
}

/** Splits terminal output into lines and returns the answers it contains, ignoring the rest. */
export function createAnswerParser(onAnswer: (answer: HelperAnswer) => void) {
  let buffer = '';
  return (chunk: string) => {
    buffer += chunk;
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      const at = line.indexOf(ANSWER_MARKER);
      if (at !== -1) {
        try {
          onAnswer(JSON.parse(line.slice(at + ANSWER_MARKER.length)) as HelperAnswer);
        } catch {
          /* a partial or garbled line: the request times out with a clear message */
        }
      }
      newline = buffer.indexOf('\n');
    }
  };
}
