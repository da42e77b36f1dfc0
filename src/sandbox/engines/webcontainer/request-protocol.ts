// Requests from the page to the services run *inside* the container (the page cannot fetch a
// WebContainer preview URL: CORS), through a resident Node helper process that reads one JSON
// request per line on stdin and writes one marked JSON answer per line on stdout.

/** Marks the helper's answers among whatever else the terminal prints. */
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

export type HelperAnswer =
  | { id: number; status: number; statusText: string; headers: Record<string, string>; text: string; time: number }
  | { id: number; error: string };

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
    return { id: request.id, status: response.status, statusText: response.statusText, headers, text, time: Math.round(now() - started) };
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

/** The Node script written to the container: a loop around answerRequest. */
export function helperScript(): string {
  return [
    `const MARKER = ${JSON.stringify(ANSWER_MARKER)};`,
    `const answerRequest = ${answerRequest.toString()};`,
    `import('node:readline').then(({ createInterface }) => {`,
    `  const lines = createInterface({ input: process.stdin });`,
    `  lines.on('line', async (line) => {`,
    `    let request;`,
    `    try { request = JSON.parse(line); } catch { return; }`,
    `    const answer = await answerRequest(request, fetch, () => performance.now());`,
    `    process.stdout.write(MARKER + JSON.stringify(answer) + '\\n');`,
    `  });`,
    `});`,
  ].join('\n');
}

/** Splits terminal output into lines and returns the answers it contains, keeping the rest. */
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
