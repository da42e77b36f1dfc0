import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';

export const RegisterSchema = z
  .object({
    email: z.email().openapi({ example: 'ana@foodly.test' }),
    password: z.string().min(8).max(128).openapi({ example: 'secreta123' }),
    name: z.string().trim().min(1).max(80).openapi({ example: 'Ana' }),
  })
  .openapi('Register');

const ValidationErrorSchema = z
  .object({ detail: z.array(z.object({ loc: z.array(z.string()), msg: z.string(), type: z.string() })) })
  .openapi('ValidationError');

const registerRoute = createRoute({
  method: 'post',
  path: '/register',
  operationId: 'register',
  tags: ['usuarios'],
  summary: 'Valida un alta de usuario (el Lab 3 la guardará)',
  request: { body: { required: true, content: { 'application/json': { schema: RegisterSchema } } } },
  responses: {
    201: {
      description: 'Datos válidos',
      content: { 'application/json': { schema: z.object({ id: z.string(), email: z.string(), name: z.string() }) } },
    },
    422: { description: 'Datos no válidos', content: { 'application/json': { schema: ValidationErrorSchema } } },
  },
});

export function registerRoutes() {
  return new OpenAPIHono().openapi(registerRoute, (c) => {
    const { email, name } = c.req.valid('json');
    // Todavía no se guarda nada: en este laboratorio solo importa el contrato y la validación.
    return c.json({ id: crypto.randomUUID(), email, name }, 201);
  });
}
