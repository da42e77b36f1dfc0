import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { requireRole } from '../auth/requireRole.ts';
import { problemResponse } from '../shared/problem.ts';
import { toPublicUser } from '../users/User.ts';
import type { UserRepository } from '../users/UserRepository.ts';

const PublicUserSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(['customer', 'admin']) });

const listUsersRoute = createRoute({
  method: 'get',
  path: '/admin/users',
  operationId: 'listUsers',
  tags: ['administración'],
  summary: 'Todos los usuarios (solo administradores)',
  security: [{ bearerAuth: [] }, { oauth2: [] }],
  responses: {
    200: { description: 'Usuarios', content: { 'application/json': { schema: z.array(PublicUserSchema) } } },
    401: problemResponse('Falta el token o no es válido'),
    403: problemResponse('El token no es de un administrador'),
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
