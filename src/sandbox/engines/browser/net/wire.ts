// HTTP messages as structured-clone-friendly objects, so they can cross postMessage between the page,
// service workers and the preview bridge. Bodies travel as ArrayBuffers (transferred, not copied).

export interface WireRequest {
  url: string;
  method: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

export interface WireResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

/** Why a request did not get a response: mapped back to the error `fetch` would throw. */
export interface WireFailure {
  kind: 'refused' | 'aborted' | 'crashed' | 'error';
  message: string;
}

/**
 * `extraHeaders`: headers the caller set that a browser-made Request drops (Origin,
 * Access-Control-Request-*…): in Node's fetch a service may send them, so the sandbox does too.
 */
export async function requestToWire(request: Request, extraHeaders?: HeadersInit): Promise<WireRequest> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const body = hasBody ? await request.arrayBuffer() : null;
  const headers = new Headers(request.headers);
  if (extraHeaders) new Headers(extraHeaders).forEach((value, name) => headers.set(name, value));
  return {
    url: request.url,
    method: request.method,
    headers: [...headers],
    body: body && body.byteLength > 0 ? body : null,
  };
}

export function wireToRequest(wire: WireRequest, signal?: AbortSignal): Request {
  const request = new Request(wire.url, { method: wire.method, headers: wire.headers, body: wire.body, signal });
  // Browsers drop "forbidden" request headers (Origin, Access-Control-Request-*) from a Request
  // they construct, but a server must see them (CORS preflights): a standalone Headers keeps all.
  Object.defineProperty(request, 'headers', { value: new Headers(wire.headers), configurable: true });
  return request;
}

export async function responseToWire(response: Response): Promise<WireResponse> {
  const body = await response.arrayBuffer();
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    body: body.byteLength > 0 ? body : null,
  };
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

export function wireToResponse(wire: WireResponse): Response {
  const body = NULL_BODY_STATUS.has(wire.status) ? null : wire.body;
  return new Response(body, { status: wire.status, statusText: wire.statusText, headers: wire.headers });
}

export function transferablesOf(message: { body: ArrayBuffer | null }): Transferable[] {
  return message.body ? [message.body] : [];
}

/** The loopback hosts a service can call another one by. */
export function virtualPortOf(url: string): number | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:') return undefined;
  if (!['localhost', '127.0.0.1', '[::1]', '0.0.0.0'].includes(parsed.hostname)) return undefined;
  return parsed.port === '' ? 80 : Number(parsed.port);
}

/** The error `fetch` throws in Node when nothing listens on the port (undici's shape). */
export function refusedError(port: number, message?: string): TypeError {
  const cause = Object.assign(new Error(message ?? `connect ECONNREFUSED 127.0.0.1:${port}`), {
    code: 'ECONNREFUSED',
    port,
  });
  return new TypeError('fetch failed', { cause });
}

export function failureToError(failure: WireFailure, port: number, signal?: AbortSignal): Error {
  if (failure.kind === 'aborted') {
    return signal?.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
  }
  if (failure.kind === 'refused') return refusedError(port, failure.message);
  // A crash of the called service mid-request looks like a dropped connection to the caller.
  const cause = Object.assign(new Error(failure.message), { code: failure.kind === 'crashed' ? 'ECONNRESET' : 'EIO' });
  return new TypeError('fetch failed', { cause });
}
