import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { jwt } from 'hono/jwt';
import type { Settings } from '../config.ts';
import type { Role } from '../users/User.ts';

// #region access-token-claims
/** Lo que auth-service firma en cada token de acceso y lo que los servicios leen de él. */
export type AccessTokenClaims = { sub: string; role: Role; iss: string; aud: string; iat: number; exp: number };

/**
 * Exige un JWT válido en `Authorization: Bearer …`: firma HS256 (el algoritmo lo fija el servidor,
 * no la cabecera del token), exp, iss y aud. Si algo falla, 401 con WWW-Authenticate: Bearer.
 * Si todo va bien, los claims quedan en c.get('jwtPayload').
 *
 * hono/jwt comprueba exp solo cuando el token lo trae: un token firmado sin exp valdría para
 * siempre (si se filtra, no caduca nunca). Por eso exp se exige aquí, después de la firma.
 */
export function authenticate(settings: Pick<Settings, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>): MiddlewareHandler {
  const verify = jwt({
    secret: settings.JWT_SECRET,
    alg: 'HS256',
    realm: 'foodly',
    verification: { iss: settings.JWT_ISSUER, aud: settings.JWT_AUDIENCE },
  });
  return (c, next) =>
    verify(c, async () => {
      const { exp } = c.get('jwtPayload') as { exp?: unknown };
      if (typeof exp !== 'number') {
        const challenge = 'Bearer realm="foodly", error="invalid_token", error_description="token without exp"';
        throw new HTTPException(401, { message: 'El token no tiene caducidad (exp)', res: new Response(null, { status: 401, headers: { 'WWW-Authenticate': challenge } }) });
      }
      await next();
    });
}
// #endregion access-token-claims
