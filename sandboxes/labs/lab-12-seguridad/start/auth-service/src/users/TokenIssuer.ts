import { sign } from 'hono/jwt';
import type { User } from './User.ts';

export type AccessToken = { access_token: string; token_type: 'bearer'; expires_in: number };
export type TokenSettings = { secret: string; ttlSeconds: number; issuer: string; audience: string };

/**
 * Emite JWT firmados con HS256. El payload solo va codificado (cualquiera lo lee con base64url):
 * lleva lo justo para autorizar, nunca contraseñas ni datos personales.
 */
export class TokenIssuer {
  private readonly settings: TokenSettings;

  constructor(settings: TokenSettings) {
    this.settings = settings;
  }

  async issue(user: User): Promise<AccessToken> {
    const now = Math.floor(Date.now() / 1000);
    // TODO 2: añade el claim "role" con el rol del usuario, para que cada servicio pueda autorizar sin
    // preguntar a auth-service. Después tipa `claims` como AccessTokenClaims (auth/authenticate.ts).
    const claims = {
      sub: user.id,
      iss: this.settings.issuer,
      aud: this.settings.audience,
      iat: now,
      exp: now + this.settings.ttlSeconds,
    };
    const token = await sign(claims, this.settings.secret, 'HS256');
    return { access_token: token, token_type: 'bearer', expires_in: this.settings.ttlSeconds };
  }
}
