import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { logger } from 'hono/logger';
import { createChaos } from './chaos/chaos.ts';
import type { Settings } from './config.ts';
import { seedProducts } from './products/Product.ts';
import { InMemoryProductRepository } from './products/InMemoryProductRepository.ts';
import type { ProductRepository } from './products/ProductRepository.ts';
import { productsRoutes } from './products/productsRoutes.ts';
import { reservationsRoutes } from './reservations/reservationsRoutes.ts';
import { StockReservations } from './reservations/StockReservations.ts';
import { problem, statusProblem } from './shared/problem.ts';
import { validationHook } from './shared/validation.ts';

const pingRoute = createRoute({
  method: 'get',
  path: '/ping',
  operationId: 'ping',
  tags: ['sistema'],
  summary: 'Comprueba que el servicio responde',
  responses: { 200: { description: 'El servicio está vivo', content: { 'application/json': { schema: z.object({ message: z.literal('pong') }) } } } },
});

export function buildApp(settings: Settings, products: ProductRepository = new InMemoryProductRepository(seedProducts)) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use(logger());
  // Ningún cuerpo de esta API pasa de unos pocos KB: sin límite, un cuerpo de 50 MB se leería y se parsearía entero.
  // Lo que pasa de 64 KB se corta al leerlo: 413 problem+json desde app.onError.
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  app.openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200));
  // products-service no mira tokens: las escrituras de /products las autoriza el gateway, que exige un JWT
  // con role "admin" (401 sin token válido, 403 con el de un cliente; routing/routes.ts y auth/verifyAccessToken.ts
  // del gateway). Eso protege solo si el gateway es la única puerta: products-service no se publica (en
  // deploy/kubernetes es un Service interno, sin Ingress; compose lo abre solo en 127.0.0.1) y lo llaman el
  // gateway y orders-service, cuya saga aparta y devuelve stock por /reservations sin token de usuario (de
  // servicio a servicio). Lo que sí alcanza su puerto (otro pod del clúster: no hay NetworkPolicy; el panel
  // de peticiones del laboratorio) cambia el catálogo sin token. Cerrarlo también aquí (defensa en
  // profundidad) pediría verificar el mismo JWT en este servicio y una identidad para orders-service (mTLS o
  // un token de servicio). /_chaos solo existe con CHAOS_ENABLED (en producción, false).
  if (settings.CHAOS_ENABLED) {
    const chaos = createChaos();
    app.use('/products/*', chaos.middleware);
    app.route('/_chaos', chaos.routes);
  }
  app.route('/products', productsRoutes(products));
  // La saga de orders-service aparta el stock de cada pedido y, si el pago no sale, lo devuelve (la compensación).
  app.route('/reservations', reservationsRoutes(new StockReservations(products)));
  // El contrato se genera de los mismos esquemas zod que validan cada ruta (createRoute + app.openapi).
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'products-service',
      version: settings.SERVICE_VERSION,
      description: 'El catálogo de Foodly',
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    servers: [{ url: '/', description: 'Este mismo servicio' }],
    // Ninguna ruta pide token en el laboratorio (ver arriba): se dice explícitamente en vez de callarlo.
    security: [],
  });
  // Swagger UI con recursos propios: baseUrl apunta a donde se sirven los ficheros de swagger-ui-dist.
  app.get('/docs', swaggerUI({ url: '/openapi.json', baseUrl: settings.SWAGGER_ASSETS_URL, title: 'products-service · API' }));
  app.onError((error, c) => {
    // p. ej. un cuerpo que no es JSON (400): el código sale del estado y se conservan las cabeceras.
    if (error instanceof HTTPException) {
      return problem(c, error.status, statusProblem(error.status), error.message || undefined, error.getResponse().headers);
    }
    console.error(`[error] ${c.req.method} ${c.req.path}:`, error);
    return problem(c, 500, statusProblem(500, 'INTERNAL_ERROR'), 'Algo ha fallado en products-service');
  });
  // Una ruta que no existe también responde problem+json, no el «404 Not Found» en texto de Hono.
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  return app;
}
