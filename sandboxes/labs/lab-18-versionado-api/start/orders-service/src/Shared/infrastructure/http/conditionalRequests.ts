// Peticiones condicionales (RFC 9110, sección 13): ETag + If-None-Match para no reenviar lo que el
// cliente ya tiene (304) e If-Match para no pisar un cambio ajeno (412).

/** ETag fuerte de una representación: un resumen SHA-256 de sus bytes exactos (cambia si cambia un byte). */
export async function strongEtagOf(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
  let binary = '';
  for (const byte of digest.slice(0, 18)) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replaceAll('+', '-').replaceAll('/', '_')}"`;
}

const opaqueTag = (tag: string) => tag.trim().replace(/^W\//, '');

/** If-None-Match usa la comparación débil (13.1.2): "*" o cualquier etiqueta de la lista, con o sin W/. */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => opaqueTag(tag) === opaqueTag(etag));
}

/** If-Match usa la comparación fuerte (13.1.1): una etiqueta débil nunca coincide. */
export function ifMatchHolds(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => !tag.trim().startsWith('W/') && tag.trim() === etag);
}
