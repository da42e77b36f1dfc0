import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { jwt } from 'hono/jwt';

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
