// How a SandboxRequest becomes bytes on the wire and a response becomes a SandboxResponse: one set
// of rules for the browser engine, the WebContainer engine's helper and the Node runner (each used
// to have its own, and they disagreed on GET bodies, header case and the JSON content type).
import type { SandboxResponse } from './engine.ts';

export interface RequestInit {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface EncodedRequest {
  /** Upper case. */
  method: string;
  /** Starts with `/`. */
  path: string;
  headers: Record<string, string>;
  /** UTF-8 text, or undefined when the request has no body. */
  body?: string;
}

/** Thrown for requests no HTTP client would send; the message is for the reader. */
export class InvalidRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequest';
  }
}

/**
 * Rules: `undefined` and `null` mean no body; a string is sent as it is (its content type is the
 * caller's); anything else is JSON with `content-type: application/json` unless the caller set a
 * content type (in any letter case). GET and HEAD cannot carry a body (fetch refuses them too).
 */
export function encodeRequest(init: RequestInit): EncodedRequest {
  const method = (init.method ?? 'GET').toUpperCase();
  const path = init.path.startsWith('/') ? init.path : `/${init.path}`;
  const headers: Record<string, string> = { ...init.headers };
  if (init.body === undefined || init.body === null) return { method, path, headers };
  if (method === 'GET' || method === 'HEAD') throw new InvalidRequest(`Una petición ${method} no puede llevar cuerpo: usa POST, PUT o PATCH, o quita el cuerpo.`);
  if (typeof init.body === 'string') return { method, path, headers, body: init.body };
  const body = JSON.stringify(init.body);
  if (body === undefined) throw new InvalidRequest('El cuerpo no se puede convertir a JSON.');
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return { method, path, headers, body };
}

export interface RawResponse {
  status: number;
  statusText?: string;
  /** Pairs (as Headers iterates) or a record; names are lower-cased. */
  headers: Iterable<[string, string]> | Record<string, string>;
  /** The body's bytes (decoded as UTF-8) or its text. */
  body: ArrayBuffer | Uint8Array | string | null;
  /** Milliseconds from sending to the complete body. */
  time: number;
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 422: 'Unprocessable Content', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

export function decodeResponse(raw: RawResponse): SandboxResponse {
  const pairs = Symbol.iterator in raw.headers ? [...(raw.headers as Iterable<[string, string]>)] : Object.entries(raw.headers);
  const headers: Record<string, string> = {};
  for (const [name, value] of pairs) headers[name.toLowerCase()] = value;
  const text = raw.body === null ? '' : typeof raw.body === 'string' ? raw.body : new TextDecoder().decode(raw.body);
  return {
    status: raw.status,
    // HTTP/2 and some servers send no reason phrase: show the standard one.
    statusText: raw.statusText || STATUS_TEXT[raw.status] || '',
    headers,
    text,
    time: Math.round(raw.time * 10) / 10,
  };
}

/** The message every engine gives for a service the lab does not have. */
export function unknownServiceMessage(service: string): string {
  return `Este laboratorio no tiene el servicio "${service}".`;
}

/** The message every engine gives for a request to a service that is not running. */
export function notRunningMessage(service: string): string {
  return `El servicio ${service} no está en marcha: pulsa Ejecutar.`;
}
