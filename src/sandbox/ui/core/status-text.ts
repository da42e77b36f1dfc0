// How a service's state reads in the UI (Spanish), shared by the run bar and the inline "Probar".
import type { ServiceStatus } from '../../contract/index.ts';

export function statusText(status: ServiceStatus): string {
  switch (status.state) {
    case 'stopped':
      return 'Detenido';
    case 'starting':
      return 'Iniciando…';
    case 'running':
      return `En marcha en :${status.port}`;
    case 'crashed': {
      const where = status.file ? ` (${[status.file, status.line, status.column].filter((part) => part !== undefined).join(':')})` : '';
      const reason = status.reason.includes(status.file ?? '\u0000') ? status.reason : `${status.reason}${where}`;
      return `Falló: ${reason}`;
    }
  }
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** "201 Created": the status line, with the standard reason when the response carries none. */
export const statusLine = (status: number, statusText = ''): string => `${status} ${statusText || REASONS[status] || ''}`.trim();

/**
 * Characters of a body the viewer shows. Parsing, indenting and laying out a 50 MB answer froze the
 * page for 8.5 s; past this the viewer shows the start as received and offers the whole as a file.
 */
export const BODY_PREVIEW_CHARS = 200_000;

/** Pretty body for display: indented JSON when it parses, the raw text otherwise; cut at BODY_PREVIEW_CHARS. */
export function prettyBody(text: string, contentType = ''): { text: string; json: boolean; truncated: boolean } {
  if (text.length > BODY_PREVIEW_CHARS) return { text: text.slice(0, BODY_PREVIEW_CHARS), json: false, truncated: true };
  const looksJson = /json/i.test(contentType) || /^\s*[{[]/.test(text);
  if (looksJson) {
    try {
      const pretty = JSON.stringify(JSON.parse(text), null, 2);
      if (pretty.length > BODY_PREVIEW_CHARS) return { text: pretty.slice(0, BODY_PREVIEW_CHARS), json: true, truncated: true };
      return { text: pretty, json: true, truncated: false };
    } catch {
      /* not JSON after all */
    }
  }
  return { text, json: false, truncated: false };
}
