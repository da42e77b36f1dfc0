import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { requireRole } from '../auth/requireRole.ts';
import { toPublicUser } from '../users/User.ts';
import type { UserRepository } from '../users/UserRepository.ts';

const PublicUserSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(['customer', 'admin']) });
const ProblemSchema = z.object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string().optional(), instance: z.string(), code: z.string() });

const listUsersRoute = createRoute({
  method: 'get',
  path: '/admin/users',
  tags: ['administración'],
  summary: 'Todos los usuarios (solo administradores)',
  security: [{ bearerAuth: [] }, { oauth2: [] }],
  responses: {
    200: { description: 'Usuarios', content: { 'application/json': { schema: z.array(PublicUserSchema) } } },
    401: { description: 'Falta el token o no es válido', content: { 'application/problem+json': { schema: ProblemSchema } } },
    403: { description: 'El token no es de un administrador', content: { 'application/problem+json': { schema: ProblemSchema } } },
  },
});

// #region admin-dependencies
export type AdminDependencies = { users: UserRepository; authenticate: MiddlewareHandler };

export function adminRoutes(deps: AdminDependencies) {
  const app = new OpenAPIHono();
  // Primero quién eres (401), después qué puedes hacer (403): el orden de los middlewares importa.
  app.use('/admin/*', deps.authenticate, requireRole('admin'));
  return app.openapi(listUsersRoute, async (c) => c.json((await deps.users.list()).map(toPublicUser), 200));
}
// #endregion admin-dependencies
