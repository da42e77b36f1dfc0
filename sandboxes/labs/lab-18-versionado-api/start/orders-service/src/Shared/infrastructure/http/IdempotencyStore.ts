// Claves de idempotencia para POST (draft-ietf-httpapi-idempotency-key-header): el cliente manda
// Idempotency-Key y, si repite la petición (se cortó la red, reintentó), recibe la misma respuesta
// en vez de crear un segundo pedido.

export type StoredResponse = { status: number; body: string; headers: Record<string, string> };

type Entry = { fingerprint: string; storedAt: number; response?: StoredResponse };

export type IdempotencyOutcome =
  | { kind: 'new' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in-progress' }
  | { kind: 'key-reused' };

/** Cuánto recordamos una clave: pasado ese tiempo, la misma clave es una petición nueva. */
const RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * En memoria y por proceso: con varias réplicas haría falta un almacén compartido (Redis con SET NX
 * y caducidad, o una tabla con la clave como primaria) para que el reintento caiga donde caiga.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  // #region begin
  /** Reserva la clave (si es nueva) o dice qué hacer con ella. La huella identifica la petición. */
  begin(key: string, fingerprint: string): IdempotencyOutcome {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.storedAt < RETENTION_MS) {
      if (entry.fingerprint !== fingerprint) return { kind: 'key-reused' };
      return entry.response ? { kind: 'replay', response: entry.response } : { kind: 'in-progress' };
    }
    this.entries.set(key, { fingerprint, storedAt: this.now() });
    return { kind: 'new' };
  }
  // #endregion begin

  complete(key: string, response: StoredResponse): void {
    const entry = this.entries.get(key);
    if (entry) entry.response = response;
  }

  /** Si la petición falló, la clave se libera: reintentar con ella debe volver a intentarlo. */
  release(key: string): void {
    this.entries.delete(key);
  }
}

/** El valor es un String de Structured Fields (RFC 9651), entre comillas; aceptamos también la forma sin comillas. */
export function parseIdempotencyKey(header: string): string {
  const trimmed = header.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}
