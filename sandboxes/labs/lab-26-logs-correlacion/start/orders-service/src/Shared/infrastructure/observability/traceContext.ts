// La cabecera traceparent de W3C Trace Context (https://www.w3.org/TR/trace-context/):
//   version "-" trace-id "-" parent-id "-" trace-flags   →   00-<32 hex>-<16 hex>-<2 hex>
// El trace-id es el mismo en todos los servicios que toca una petición; el parent-id cambia en cada salto.

// #region traceparent
export type TraceContext = { traceId: string; parentId: string; flags: string };

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ALL_ZEROS = /^0+$/;

/** El contexto de la cabecera, o undefined si falta o no es válida (entonces se empieza una traza nueva). */
export function parseTraceparent(header: string | undefined): TraceContext | undefined {
  const match = header === undefined ? null : TRACEPARENT.exec(header.trim());
  if (!match) return undefined;
  const [, traceId, parentId, flags] = match as unknown as [string, string, string, string];
  // La especificación declara inválidos un trace-id o un parent-id todo ceros.
  if (ALL_ZEROS.test(traceId) || ALL_ZEROS.test(parentId)) return undefined;
  return { traceId, parentId, flags };
}

export function formatTraceparent(traceId: string, spanId: string, flags = '01'): string {
  return `00-${traceId}-${spanId}-${flags}`;
}
// #endregion traceparent

const randomHex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** 16 bytes aleatorios en hexadecimal: el identificador de una traza nueva. */
export const newTraceId = () => randomHex(16);
/** 8 bytes aleatorios: el identificador de este tramo (span) de la traza. */
export const newSpanId = () => randomHex(8);
