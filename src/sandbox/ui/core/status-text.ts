// How a service's state reads in the UI (Spanish), shared by the run bar and the inline "Probar".
import type { ServiceStatus } from '../../types.ts';

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

/** Pretty body for display: indented JSON when it parses, the raw text otherwise. */
export function prettyBody(text: string, contentType = ''): { text: string; json: boolean } {
  const looksJson = /json/i.test(contentType) || /^\s*[{[]/.test(text);
  if (looksJson) {
    try {
      return { text: JSON.stringify(JSON.parse(text), null, 2), json: true };
    } catch {
      /* not JSON after all */
    }
  }
  return { text, json: false };
}
