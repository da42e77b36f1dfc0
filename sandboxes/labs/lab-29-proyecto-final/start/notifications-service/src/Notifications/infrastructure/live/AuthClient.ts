/** Quién es el dueño de un token: GET /me de auth-service, que verifica el token y sabe si el usuario existe. */
export class AuthClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, timeoutMs: number) {
    this.baseUrl = baseUrl;
    this.timeoutMs = timeoutMs;
  }

  /** El email del usuario del token, o undefined si auth-service no lo acepta. */
  async emailOf(token: string): Promise<string | undefined> {
    const response = await fetch(`${this.baseUrl}/me`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) return undefined;
    const user = (await response.json()) as { email?: unknown };
    return typeof user.email === 'string' ? user.email : undefined;
  }
}
