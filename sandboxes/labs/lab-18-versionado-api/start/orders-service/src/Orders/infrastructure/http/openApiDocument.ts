import type { OpenAPIHono } from '@hono/zod-openapi';

/**
 * El documento OpenAPI de una versión, generado de los esquemas zod de sus rutas: el contrato
 * publicado es el mismo código que valida. `servers` dice dónde está montada la versión.
 */
export function openApiDocument(api: OpenAPIHono, options: { version: string; serverUrl: string; description: string }) {
  return api.getOpenAPIDocument({
    openapi: '3.0.3',
    info: {
      title: 'orders-service',
      version: options.version,
      description: options.description,
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    servers: [{ url: options.serverUrl, description: 'Este mismo servicio' }],
    // Los pedidos del curso no piden token: lo decimos explícitamente en vez de callarlo.
    security: [],
    tags: [{ name: 'pedidos', description: 'Alta, consulta y cancelación de pedidos' }],
  });
}
