// Paginación por cursor: el cliente no pide "la página 3" sino "lo que va después de este punto".
// El cursor es opaco (base64url) para que nadie construya uno a mano ni dependa de su forma.

export type CursorPosition = { createdAt: string; id: string };

export function encodeCursor(position: CursorPosition): string {
  const bytes = new TextEncoder().encode(JSON.stringify([position.createdAt, position.id]));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** undefined si el cursor no es uno de los nuestros: la capa HTTP responde 400. */
export function decodeCursor(cursor: string): CursorPosition | undefined {
  try {
    const binary = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { createdAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // cae al undefined de abajo
  }
  return undefined;
}

// #region page-after
/** Orden estable (fecha, id): dos pedidos del mismo milisegundo no se saltan ni se repiten entre páginas. */
export function pageAfter<T extends CursorPosition>(items: readonly T[], after: CursorPosition | undefined, limit: number) {
  const sorted = [...items].sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt)));
  const rest = after
    ? sorted.filter((item) => item.createdAt > after.createdAt || (item.createdAt === after.createdAt && item.id > after.id))
    : sorted;
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rest.length > limit && last ? encodeCursor(last) : null };
}
// #endregion page-after
