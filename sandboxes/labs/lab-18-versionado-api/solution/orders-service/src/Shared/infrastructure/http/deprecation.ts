import type { MiddlewareHandler } from 'hono';

export type Lifecycle = {
  /** Desde cuándo la versión está obsoleta (puede ser futura: se avisa con antelación). */
  deprecatedAt: Date;
  /** Cuándo dejará de responder (RFC 8594): nunca antes que deprecatedAt. */
  sunsetAt: Date;
  /** Página para personas con la guía de migración. */
  policyUrl: string;
  /** La versión que la sustituye. */
  successorUrl: string;
};

// #region deprecation
/**
 * Marca cada respuesta de una versión obsoleta. Deprecation (RFC 9745) es una fecha de Structured
 * Fields: "@" + segundos desde 1970. Sunset (RFC 8594) es una fecha HTTP (IMF-fixdate). Link
 * apunta a la guía (rel="deprecation") y a la sucesora (rel="successor-version", RFC 5829).
 */
export function deprecation(lifecycle: Lifecycle): MiddlewareHandler {
  if (lifecycle.sunsetAt < lifecycle.deprecatedAt) throw new Error('Sunset no puede ser anterior a Deprecation (RFC 9745, sección 3)');
  const deprecationValue = `@${Math.floor(lifecycle.deprecatedAt.getTime() / 1000)}`;
  const sunsetValue = lifecycle.sunsetAt.toUTCString();
  return async (c, next) => {
    await next();
    c.header('Deprecation', deprecationValue);
    c.header('Sunset', sunsetValue);
    c.header('Link', `<${lifecycle.policyUrl}>; rel="deprecation"; type="text/html"`, { append: true });
    c.header('Link', `<${lifecycle.successorUrl}>; rel="successor-version"`, { append: true });
  };
}
// #endregion deprecation
