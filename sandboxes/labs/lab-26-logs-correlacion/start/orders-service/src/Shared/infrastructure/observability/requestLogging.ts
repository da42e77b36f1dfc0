import type { MiddlewareHandler } from 'hono';
import type { Logger } from './logger.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** El logger de esta petición: escribe sus campos en cada línea. */
    log: Logger;
  }
}

// #region request-logging
/** Una línea JSON por petición atendida (método, ruta, estado, duración), con el logger de la petición en c.var.log. */
export function requestLogging(root: Logger): MiddlewareHandler {
  return async (c, next) => {
    const log = root;
    c.set('log', log);
    const startedAt = performance.now();
    await next();
    const status = c.res.status;
    const fields = { method: c.req.method, path: c.req.path, status, durationMs: Math.round(performance.now() - startedAt) };
    if (status >= 500) log.error(fields, 'petición fallida');
    else if (status >= 400) log.warn(fields, 'petición rechazada');
    else log.info(fields, 'petición atendida');
  };
}
// #endregion request-logging
