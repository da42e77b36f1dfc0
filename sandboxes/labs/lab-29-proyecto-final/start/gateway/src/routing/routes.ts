import type { Settings } from '../config.ts';

// #region route-table
/**
 * Una entrada de la tabla de rutas del gateway: qué prefijo público va a qué servicio, si el prefijo
 * se quita antes de reenviar (stripPrefix) y qué exige el borde (auth). La misma tabla decide el
 * reenvío y cómo se monta el documento OpenAPI agregado: lo que se documenta es lo que se enruta.
 */
export type GatewayRoute = {
  /** Prefijo público, tal como lo ve el cliente: /auth, /orders… */
  prefix: string;
  /** Nombre del servicio (el title de su /openapi.json). */
  service: string;
  upstream: string;
  /** true: /auth/login llega a auth-service como /login. false: /orders/1 llega como /orders/1. */
  stripPrefix: boolean;
  /** 'always': JWT obligatorio; 'writes': solo para métodos que cambian algo; 'never': público. */
  auth: 'always' | 'writes' | 'never';
  /**
   * El rol que exigen, además del token, las peticiones que lo piden (según auth): sin él, 403. El catálogo
   * lo lee cualquiera, pero solo lo cambia un administrador (el claim role del JWT que firma auth-service).
   */
  role?: 'admin';
};

export function routeTable(settings: Settings): GatewayRoute[] {
  return [
    // /auth/me necesita token, pero lo comprueba el propio auth-service (el que sabe si el usuario existe).
    { prefix: '/auth', service: 'auth-service', upstream: settings.AUTH_URL, stripPrefix: true, auth: 'never' },
    { prefix: '/products', service: 'products-service', upstream: settings.PRODUCTS_URL, stripPrefix: false, auth: 'writes', role: 'admin' },
    { prefix: '/orders', service: 'orders-service', upstream: settings.ORDERS_URL, stripPrefix: false, auth: 'always' },
    { prefix: '/customers', service: 'orders-service', upstream: settings.ORDERS_URL, stripPrefix: false, auth: 'always' },
    { prefix: '/payments', service: 'payments-service', upstream: settings.PAYMENTS_URL, stripPrefix: false, auth: 'always' },
    { prefix: '/notifications', service: 'notifications-service', upstream: settings.NOTIFICATIONS_URL, stripPrefix: false, auth: 'always' },
  ];
}
// #endregion route-table

/** La ruta del servicio para una ruta pública: /auth/login → /login si stripPrefix. */
export const upstreamPath = (route: GatewayRoute, publicPath: string) => (route.stripPrefix ? publicPath.slice(route.prefix.length) || '/' : publicPath);

export const needsToken = (route: GatewayRoute, method: string) =>
  route.auth === 'always' || (route.auth === 'writes' && !['GET', 'HEAD', 'OPTIONS'].includes(method));

/** El rol que pide esta petición, si pide alguno: solo donde también hace falta token. */
export const requiredRole = (route: GatewayRoute, method: string) => (needsToken(route, method) ? route.role : undefined);
