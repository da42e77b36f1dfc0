import type { MiddlewareHandler } from 'hono';
import type { Logger } from './logger.ts';
import { newSpanId, newTraceId, parseTraceparent } from './traceContext.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** El logger de esta petición: escribe traceId y spanId en cada línea. */
    log: Logger;
    /** El trace-id de W3C Trace Context que comparten todos los servicios por los que pasa la petición. */
    traceId: string;
  }
}

/**
 * Una línea JSON por petición atendida (método, ruta, estado, duración), con el logger de la petición en
 * c.var.log. La petición continúa la traza del traceparent que trae o, si no trae uno válido, empieza una.
 */
export function requestLogging(root: Logger): MiddlewareHandler {
  return async (c, next) => {
    const incoming = parseTraceparent(c.req.header('traceparent'));
    const traceId = incoming?.traceId ?? newTraceId();
    const log = root.child({ traceId, spanId: newSpanId(), parentSpanId: incoming?.parentId });
    c.set('log', log);
    c.set('traceId', traceId);
    // El cliente recibe el id: con él encuentra su petición en los logs de todos los servicios.
    c.header('X-Request-Id', traceId);
    const startedAt = performance.now();
    await next();
    const status = c.res.status;
    const fields = { method: c.req.method, path: c.req.path, status, durationMs: Math.round(performance.now() - startedAt) };
    if (status >= 500) log.error(fields, 'petición fallida');
    else if (status >= 400) log.warn(fields, 'petición rechazada');
    else log.info(fields, 'petición atendida');
  };
}
