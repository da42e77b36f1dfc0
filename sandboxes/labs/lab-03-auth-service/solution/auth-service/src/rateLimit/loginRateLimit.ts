import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import type { Store } from 'hono-rate-limiter';
import { problem, problemType } from '../shared/problem.ts';

// #region login-limits
// Cuántos intentos FALLIDOS (respuestas >= 400) se toleran por ventana fija de 15 minutos. Los
// aciertos no cuentan (skipSuccessfulRequests): quien entra a la primera nunca se acerca al límite.
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/**
 * Por IP: frena a quien prueba muchas cuentas desde una máquina (credential stuffing). Más alto que
 * el de cuenta: detrás de una IP puede haber una oficina entera (NAT) equivocándose a la vez.
 */
export const FAILURES_PER_IP = 100;
/** Por cuenta: frena a quien prueba muchas contraseñas contra una cuenta, venga de donde venga. */
export const FAILURES_PER_ACCOUNT = 5;
// #endregion login-limits

const tooManyAttempts = problemType('TOO_MANY_ATTEMPTS', 'demasiados-intentos', 'Demasiados intentos');

export type LoginRateLimitOptions = {
  /** Dónde se cuentan los fallos. En memoria por defecto; con varias réplicas, un store compartido (Redis). */
  ipStore?: Store;
  accountStore?: Store;
};

// #region client-keys
/** La IP del socket, no X-Forwarded-For: esa cabecera la escribe el cliente y la falsificaría para no contar nunca. */
function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'sin-ip';
  } catch {
    // app.request() (los tests) no pasa por un socket: todas sus peticiones comparten una IP anónima.
    return 'sin-ip';
  }
}

/** La cuenta que se intenta: email del JSON de /login o username del formulario de /token (RFC 6749). */
async function attemptedAccount(c: Context): Promise<string> {
  const isForm = (c.req.header('content-type') ?? '').includes('application/x-www-form-urlencoded');
  try {
    // Hono guarda el cuerpo leído: el validador de la ruta lo vuelve a leer sin problema.
    const body: unknown = isForm ? await c.req.parseBody() : await c.req.json();
    const field = isForm ? 'username' : 'email';
    const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
    // En minúsculas: Ana@foodly.test y ana@foodly.test son la misma cuenta y comparten contador.
    return typeof value === 'string' ? value.trim().toLowerCase() : '';
  } catch {
    return ''; // cuerpo ilegible: la ruta responderá 400/422 y el fallo cuenta para la IP
  }
}
// #endregion client-keys

// #region login-rate-limit
/**
 * Dos límites delante de /login y /token: por IP y por cuenta. Superado cualquiera, 429 con
 * Retry-After (los segundos que faltan para que acabe la ventana) y un problem+json (RFC 9457).
 * La ventana es fija y empieza en el primer fallo: el bloqueo dura como mucho 15 minutos, y los
 * intentos bloqueados no lo alargan, así que nadie puede dejar a una víctima fuera para siempre.
 */
export function loginRateLimit(options: LoginRateLimitOptions = {}): MiddlewareHandler[] {
  const rejectWithProblem = (c: Context) => {
    // hono-rate-limiter ya ha puesto Retry-After (segundos hasta el fin de la ventana); el detalle dice lo mismo.
    const resetTime = (c.get('rateLimit') as { resetTime?: Date } | undefined)?.resetTime;
    const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : LOGIN_WINDOW_MS / 1000;
    return problem(c, 429, tooManyAttempts, `Demasiados intentos fallidos; vuelve a intentarlo dentro de ${seconds} s.`);
  };
  const common = { windowMs: LOGIN_WINDOW_MS, skipSuccessfulRequests: true, standardHeaders: 'draft-6' as const, handler: rejectWithProblem };
  return [
    rateLimiter({ ...common, limit: FAILURES_PER_IP, keyGenerator: (c) => `ip:${clientIp(c)}`, store: options.ipStore }),
    rateLimiter({
      ...common,
      limit: FAILURES_PER_ACCOUNT,
      // Sin cuenta en el cuerpo no hay nada que proteger por cuenta: ese intento solo cuenta por IP.
      skip: async (c) => (await attemptedAccount(c)) === '',
      keyGenerator: async (c) => `cuenta:${await attemptedAccount(c)}`,
      store: options.accountStore,
    }),
  ];
}
// #endregion login-rate-limit
