import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { problemResponse } from '../shared/problem.ts';
import type { TokenIssuer } from '../users/TokenIssuer.ts';
import type { UserAuthenticator } from '../users/UserAuthenticator.ts';

// RFC 6749 §4.3: "Resource Owner Password Credentials". El cliente envía usuario y contraseña en un
// formulario (application/x-www-form-urlencoded) y recibe un token de acceso.
const TokenRequestSchema = z
  .object({
    grant_type: z.string().openapi({ example: 'password' }),
    username: z.string().min(1).max(254).openapi({ example: 'ana@foodly.test' }),
    password: z.string().min(1).max(128).openapi({ example: 'secreta123' }),
    scope: z.string().optional(),
  })
  .openapi('TokenRequest');
const TokenSchema = z.object({ access_token: z.string(), token_type: z.literal('bearer'), expires_in: z.number() }).openapi('AccessToken');
const OAuthErrorCode = z.enum(['invalid_request', 'invalid_grant', 'unsupported_grant_type']);
const OAuthErrorSchema = z.object({ error: OAuthErrorCode, error_description: z.string() }).openapi('OAuthError');
type OAuthErrorCode = z.infer<typeof OAuthErrorCode>;

const tokenRoute = createRoute({
  method: 'post',
  path: '/token',
  operationId: 'issueToken',
  tags: ['oauth2'],
  summary: 'OAuth2, flujo password: usuario y contraseña a cambio de un token',
  request: { body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: TokenRequestSchema } } } },
  responses: {
    200: { description: 'Token emitido (RFC 6749 §5.1)', content: { 'application/json': { schema: TokenSchema } } },
    400: { description: 'Error OAuth2 (RFC 6749 §5.2)', content: { 'application/json': { schema: OAuthErrorSchema } } },
    413: problemResponse('El cuerpo pasa de 64 KB'),
    429: problemResponse('Demasiados intentos fallidos (Retry-After dice cuándo volver)'),
  },
});

// Los errores del endpoint de tokens tienen su propio formato (RFC 6749 §5.2), no problem+json.
const oauthError = (c: Context, error: OAuthErrorCode, description: string) => c.json({ error, error_description: description }, 400);

export type TokenDependencies = { authenticator: UserAuthenticator; tokens: TokenIssuer };

export function tokenRoutes(deps: TokenDependencies) {
  const app = new OpenAPIHono();
  // Con este esquema, el botón "Authorize" de /docs pide el token a POST /token, como en FastAPI.
  app.openAPIRegistry.registerComponent('securitySchemes', 'oauth2', { type: 'oauth2', flows: { password: { tokenUrl: '/token', scopes: {} } } });

  // #region token-handler
  return app.openapi(
    tokenRoute,
    async (c) => {
      // TODO 1 (RFC 6749 §4.3 y §5):
      //   1. Lee el formulario ya validado con c.req.valid('form').
      //   2. Si grant_type no es "password": oauthError(c, 'unsupported_grant_type', …).
      //   3. Comprueba usuario y contraseña con deps.authenticator.authenticate(…); si no hay usuario,
      //      oauthError(c, 'invalid_grant', …) con el mismo mensaje tanto si el email no existe como si
      //      la contraseña no coincide.
      //   4. Pon las cabeceras Cache-Control: no-store y Pragma: no-cache y responde 200 con deps.tokens.issue(user).
      return oauthError(c, 'invalid_request', 'POST /token aún no está implementado (TODO 1)');
    },
    (result, c) => {
      if (!result.success) return oauthError(c, 'invalid_request', 'Faltan grant_type, username o password en el formulario');
    },
  );
  // #endregion token-handler
}
