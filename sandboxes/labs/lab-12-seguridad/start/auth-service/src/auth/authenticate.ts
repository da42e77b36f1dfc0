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
 */
export function authenticate(settings: Pick<Settings, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>) {
  return jwt({
    secret: settings.JWT_SECRET,
    alg: 'HS256',
    realm: 'foodly',
    verification: { iss: settings.JWT_ISSUER, aud: settings.JWT_AUDIENCE },
  });
}
// #endregion access-token-claims
