// Validation of the HTTP panel's JSON body before sending, with a Spanish message that points at
// the line and column of the first problem (browsers word JSON.parse errors differently).
export type JsonBodyCheck =
  | { ok: true; empty: boolean; value: unknown }
  | { ok: false; message: string; line: number; column: number; offset: number };

export function checkJsonBody(text: string): JsonBodyCheck {
  if (text.trim() === '') return { ok: true, empty: true, value: undefined };
  try {
    return { ok: true, empty: false, value: JSON.parse(text) };
  } catch (error) {
    const offset = errorOffset(text, error instanceof Error ? error.message : '');
    const { line, column } = lineColumn(text, offset);
    return { ok: false, message: `JSON no válido en la línea ${line}, columna ${column}: ${describe(text, offset)}`, line, column, offset };
  }
}

/** Offset of the error: from "position N" (V8), "line L column C" (Firefox) or "JSON Parse error" (Safari: scan). */
export function errorOffset(text: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  if (position) return Math.min(Number(position[1]), text.length);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return offsetOf(text, Number(lineCol[1]), Number(lineCol[2]));
  if (/end of (JSON )?input|Unexpected EOF/i.test(message)) return text.length;
  return firstSuspiciousOffset(text);
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i]!.length + 1;
  return Math.min(offset + column - 1, text.length);
}

function describe(text: string, offset: number): string {
  if (offset >= text.trimEnd().length) return 'el texto termina antes de tiempo (¿falta cerrar una llave, un corchete o unas comillas?).';
  const char = text[offset]!;
  const rest = text.slice(offset + 1).trimStart();
  if ((char === '}' || char === ']') && /,\s*$/.test(text.slice(0, offset))) return `sobra la coma antes de «${char}».`;
  if (char === "'") return 'las cadenas de JSON van entre comillas dobles ("), no simples.';
  if (/[A-Za-z_$]/.test(char) && rest.length > 0 && /^[\w$]*\s*:/.test(text.slice(offset))) return 'los nombres de propiedad van entre comillas dobles.';
  return `carácter inesperado «${char}».`;
}

/** Fallback when the engine's message has no position: the first place a strict parse fails. */
function firstSuspiciousOffset(text: string): number {
  for (let end = 1; end <= text.length; end++) {
    try {
      JSON.parse(text.slice(0, end));
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      // A prefix that is merely unfinished ("end of input", Safari's "Expected '}'") is not the error yet.
      if (!/end of|EOF|Unterminated|\bExpected\b/.test(message)) return end - 1;
    }
  }
  return text.length;
}
