// The guided "Recorrido" (lab.yaml `scenario`, issue 19) without the DOM: `{{name}}` placeholders
// filled with values captured from earlier answers (the login's access_token, the order's id),
// what a step expects of an answer or of a WebSocket frame, and the Spanish message when it does
// not get it. The panel (ui/app/scenario-panel.ts) only sends, shows and calls these.

/** `{{name}}`: a value captured by an earlier step. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export type Captured = Readonly<Record<string, string>>;

export interface ScenarioExpect {
  /** One status or any of several (a second run of "register" may answer 409). */
  status?: number | number[];
  /** Texts the body (or, for a WebSocket step, one frame) must contain, after substitution. */
  contains?: string[];
  /** Send the request again until it matches, for at most this long (eventual consistency). */
  withinMs?: number;
}

/** The placeholder names a value uses (strings anywhere inside, keys of objects included). */
export function placeholdersIn(value: unknown): string[] {
  const names = new Set<string>();
  const visit = (item: unknown) => {
    if (typeof item === 'string') for (const match of item.matchAll(PLACEHOLDER)) names.add(match[1]!);
    else if (Array.isArray(item)) item.forEach(visit);
    else if (item && typeof item === 'object') for (const [key, inner] of Object.entries(item)) (visit(key), visit(inner));
  };
  visit(value);
  return [...names];
}

export class MissingValueError extends Error {
  readonly names: string[];
  constructor(names: string[]) {
    super(`Faltan valores de pasos anteriores: ${names.map((name) => `{{${name}}}`).join(', ')}. Ejecuta antes los pasos que los capturan.`);
    this.names = names;
  }
}

/**
 * `value` with every `{{name}}` replaced (deep: strings in arrays and objects). `encode` applies to
 * the inserted values only (a token in a URL path or query). Throws MissingValueError naming them all.
 */
export function substitute<T>(value: T, captured: Captured, encode: (raw: string) => string = (raw) => raw): T {
  const missing = placeholdersIn(value).filter((name) => !(name in captured));
  if (missing.length > 0) throw new MissingValueError(missing);
  const visit = (item: unknown): unknown => {
    if (typeof item === 'string') return item.replace(PLACEHOLDER, (_, name: string) => encode(captured[name]!));
    if (Array.isArray(item)) return item.map(visit);
    if (item && typeof item === 'object') return Object.fromEntries(Object.entries(item).map(([key, inner]) => [visit(key), visit(inner)]));
    return item;
  };
  return visit(value) as T;
}

/** A path with its placeholders filled, values URL-encoded (`/live?token={{token}}`). */
export const substitutePath = (path: string, captured: Captured): string => substitute(path, captured, encodeURIComponent);

/** The value at a dot path (`access_token`, `order.id`, `items.0.productId`) of a JSON value. */
export function valueAt(json: unknown, path: string): unknown {
  let current = json;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export type CaptureResult = { ok: true; values: Record<string, string> } | { ok: false; message: string };

/** Reads each `name: path` of `capture` from a JSON body; strings and numbers only. */
export function captureFrom(body: string, capture: Readonly<Record<string, string>>): CaptureResult {
  const entries = Object.entries(capture);
  if (entries.length === 0) return { ok: true, values: {} };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, message: `Se esperaba un cuerpo JSON del que sacar ${entries.map(([, path]) => `«${path}»`).join(', ')}, y la respuesta no es JSON.` };
  }
  const values: Record<string, string> = {};
  for (const [name, path] of entries) {
    const found = valueAt(json, path);
    if (typeof found !== 'string' && typeof found !== 'number') {
      return { ok: false, message: `Se esperaba «${path}» en el cuerpo JSON de la respuesta (para usarlo como {{${name}}} en los pasos siguientes), y no está.` };
    }
    values[name] = String(found);
  }
  return { ok: true, values };
}

const statuses = (status: number | number[]) => (Array.isArray(status) ? status : [status]);
const orList = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} o ${items.at(-1)}`);

/** Why an HTTP answer is not what the step expects (undefined: it is). `expected` is already substituted. */
export function checkResponse(expected: ScenarioExpect | undefined, response: { status: number; statusText?: string; text: string }): string | undefined {
  const status = expected?.status;
  if (status !== undefined && !statuses(status).includes(response.status)) {
    const got = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    return `Se esperaba el estado ${orList(statuses(status).map(String))} y llegó ${got}.`;
  }
  if (status === undefined && response.status >= 400) return `Se esperaba una respuesta correcta (2xx o 3xx) y llegó ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  const absent = (expected?.contains ?? []).filter((text) => !response.text.includes(text));
  if (absent.length > 0) return `Se esperaba que la respuesta contuviera ${absent.map((text) => `«${text}»`).join(' y ')}, y no lo contiene.`;
  return undefined;
}

/** Whether a WebSocket frame's text has every expected piece. */
export const frameMatches = (text: string, contains: readonly string[]): boolean => contains.every((piece) => text.includes(piece));

/** The message when no frame arrived with the expected texts in time. */
export function frameTimeoutMessage(contains: readonly string[], timeoutMs: number, received: number): string {
  const pieces = contains.map((text) => `«${text}»`).join(' y ');
  const seconds = Math.round(timeoutMs / 100) / 10;
  return `Se esperaba un mensaje por el WebSocket con ${pieces}, y en ${seconds.toLocaleString('es')} s no llegó (${received === 0 ? 'no llegó ninguno' : `llegaron ${received}, ninguno con eso`}).`;
}
