import { createMiddleware } from 'hono/factory';
import type { Role } from '../users/User.ts';

// #region require-role
/**
 * Autorización: va DESPUÉS de authenticate (que ya ha verificado el token). 401 = no sé quién eres;
 * 403 = sé quién eres y no puedes hacer esto.
 */
export function requireRole(role: Role) {
  return createMiddleware(async (c, next) => {
    // TODO 2: lee los claims del token ya verificado con c.get('jwtPayload') (tipo AccessTokenClaims) y,
    // si su "role" no es `role`, lanza new ProblemError(403, authProblems.forbidden, …) (shared/problemTypes.ts).
    // Ahora mismo deja pasar a cualquiera que tenga un token válido.
    await next();
  });
}
// #endregion require-role
