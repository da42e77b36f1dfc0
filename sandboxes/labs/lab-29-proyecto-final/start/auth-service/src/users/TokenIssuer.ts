import { sign } from 'hono/jwt';
import type { User } from './User.ts';

export type AccessToken = { access_token: string; token_type: 'bearer'; expires_in: number };

// #region token-issuer
/**
 * Emite JWT firmados con HS256: quién es (sub), qué puede hacer (role), cuándo se emitió (iat) y cuándo
 * caduca (exp). El payload solo va codificado en base64url (lo lee cualquiera): el id del usuario y su
 * rol, nunca su email. Nadie puede cambiarse el rol sin romper la firma, que el gateway verifica.
 */
export class TokenIssuer {
  private readonly secret: string;
  private readonly ttlSeconds: number;

  constructor(secret: string, ttlSeconds: number) {
    this.secret = secret;
    this.ttlSeconds = ttlSeconds;
  }

  async issue(user: User): Promise<AccessToken> {
    const now = Math.floor(Date.now() / 1000);
    const token = await sign({ sub: user.id, role: user.role, iat: now, exp: now + this.ttlSeconds }, this.secret, 'HS256');
    return { access_token: token, token_type: 'bearer', expires_in: this.ttlSeconds };
  }
}
// #endregion token-issuer
