import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { jwt } from 'hono/jwt';
import { problem, problemType } from '../shared/problem.ts';

// #region verify-at-the-edge
/**
 * Verifica el JWT en el borde, como el middleware de auth-service en el laboratorio 12: firma HS256
 * (el algoritmo lo fija el servidor, nunca la cabecera del token) y exp obligatorio. Un token falso
 * no llega a ningún servicio. Si vale, los claims quedan en c.get('jwtPayload').
 */
export function verifyAccessToken(secret: string): MiddlewareHandler {
  const verify = jwt({ secret, alg: 'HS256', realm: 'foodly' });
  return (c, next) =>
    verify(c, async () => {
      const { exp, sub } = c.get('jwtPayload') as { exp?: unknown; sub?: unknown };
      // hono/jwt comprueba exp solo si el token lo trae: uno firmado sin exp valdría para siempre.
      if (typeof exp !== 'number' || typeof sub !== 'string') {
        const challenge = 'Bearer realm="foodly", error="invalid_token", error_description="token without exp or sub"';
        throw new HTTPException(401, { message: 'El token no tiene caducidad (exp) o sujeto (sub)', res: new Response(null, { status: 401, headers: { 'WWW-Authenticate': challenge } }) });
      }
      await next();
    });
}
// #endregion verify-at-the-edge

// #region require-role
/** 403: el token es válido (sé quién eres), pero su rol no alcanza (no puedes hacer esto). */
export const forbidden = problemType('FORBIDDEN', 'permisos-insuficientes', 'Permisos insuficientes');

/**
 * Autorización, DESPUÉS de verifyAccessToken: app.ts la pone en las rutas con rol (las escrituras de
 * /products piden "admin"). El rol sale del claim role del token ya verificado, nunca de algo que
 * escriba el cliente (una cabecera, el cuerpo).
 */
export function requireRole(role: string): MiddlewareHandler {
  return async (c, next) => {
    const claims = c.get('jwtPayload') as { role?: unknown } | undefined;
    // Sin claims (nadie verificó el token) tampoco pasa: ante la duda, 403, nunca dejar pasar.
    if (claims?.role !== role) {
      return problem(c, 403, forbidden, `${c.req.method} ${c.req.path} necesita un token con el rol "${role}"; el de esta petición es válido, pero no lo tiene.`);
    }
    await next();
  };
}
// #endregion require-role
