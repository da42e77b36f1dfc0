import { createMiddleware } from 'hono/factory';
import { ProblemError } from '../shared/problem.ts';
import { authProblems } from '../shared/problemTypes.ts';
import type { Role } from '../users/User.ts';
import type { AccessTokenClaims } from './authenticate.ts';

// #region require-role
/**
 * Autorización: va DESPUÉS de authenticate (que ya ha verificado el token). 401 = no sé quién eres;
 * 403 = sé quién eres y no puedes hacer esto.
 */
export function requireRole(role: Role) {
  return createMiddleware(async (c, next) => {
    const claims = c.get('jwtPayload') as Partial<AccessTokenClaims> | undefined;
    if (claims?.role !== role) {
      throw new ProblemError(403, authProblems.forbidden, `Esta operación necesita el rol "${role}"`);
    }
    await next();
  });
}
// #endregion require-role
