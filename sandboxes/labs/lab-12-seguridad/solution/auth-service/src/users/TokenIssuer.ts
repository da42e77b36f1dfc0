import { sign } from 'hono/jwt';
import type { AccessTokenClaims } from '../auth/authenticate.ts';
import type { User } from './User.ts';

export type AccessToken = { access_token: string; token_type: 'bearer'; expires_in: number };
export type TokenSettings = { secret: string; ttlSeconds: number; issuer: string; audience: string };

// #region token-issuer
/**
 * Emite JWT firmados con HS256. El payload solo va codificado (cualquiera lo lee con base64url):
 * lleva lo justo para autorizar, nunca contraseñas ni datos personales.
 */
export class TokenIssuer {
  private readonly settings: TokenSettings;

  constructor(settings: TokenSettings) {
    this.settings = settings;
  }

  // #region issue
  async issue(user: User): Promise<AccessToken> {
    const now = Math.floor(Date.now() / 1000);
    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      iss: this.settings.issuer,
      aud: this.settings.audience,
      iat: now,
      exp: now + this.settings.ttlSeconds,
    };
    const token = await sign(claims, this.settings.secret, 'HS256');
    return { access_token: token, token_type: 'bearer', expires_in: this.settings.ttlSeconds };
  }
  // #endregion issue
}
// #endregion token-issuer
