import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { logger } from 'hono/logger';
import type { Settings } from './config.ts';
import { PaymentCharger } from './Payments/application/Charge/PaymentCharger.ts';
import { PaymentRefunder } from './Payments/application/Refund/PaymentRefunder.ts';
import { FakeCardNetwork } from './Payments/infrastructure/FakeCardNetwork.ts';
import { InMemoryPaymentRepository } from './Payments/infrastructure/InMemoryPaymentRepository.ts';
import { paymentsRoutes } from './Payments/infrastructure/http/paymentsRoutes.ts';
import { problem, statusProblem } from './Shared/infrastructure/http/problem.ts';
import { validationHook } from './Shared/infrastructure/http/validation.ts';

const pingRoute = createRoute({
  method: 'get',
  path: '/ping',
  operationId: 'ping',
  tags: ['sistema'],
  summary: 'Comprueba que el servicio responde',
  responses: { 200: { description: 'El servicio está vivo', content: { 'application/json': { schema: z.object({ message: z.literal('pong') }) } } } },
});

// Raíz de composición: la pasarela de pagos de mentira de Foodly (un proveedor externo en la vida real).
export function buildApp(settings: Settings) {
  const repository = new InMemoryPaymentRepository();
  const network = new FakeCardNetwork({ limitEuros: settings.PAYMENT_LIMIT_EUR, slowDelayMs: settings.SLOW_CARD_DELAY_MS });
  const handlers = { charger: new PaymentCharger(repository, network), refunder: new PaymentRefunder(repository), repository };

  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use(logger());
  app.use(bodyLimit({ maxSize: 64 * 1024 }));
  app.openapi(pingRoute, (c) => c.json({ message: 'pong' as const }, 200));
  // Sin autenticación a propósito, como todo el laboratorio: una pasarela real exige una clave secreta por comercio.
  app.route('/payments', paymentsRoutes(handlers));
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'payments-service',
      version: settings.SERVICE_VERSION,
      description: 'Pasarela de pagos de mentira de Foodly: tok_visa paga, tok_declined se rechaza, tok_slow tarda',
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    servers: [{ url: '/', description: 'Este mismo servicio' }],
    security: [],
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json', baseUrl: settings.SWAGGER_ASSETS_URL, title: 'payments-service · API' }));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return problem(c, error.status, statusProblem(error.status), error.message || undefined, error.getResponse().headers);
    }
    console.error(`[error] ${c.req.method} ${c.req.path}:`, error);
    return problem(c, 500, statusProblem(500, 'INTERNAL_ERROR'), 'Algo ha fallado en payments-service');
  });
  app.notFound((c) => problem(c, 404, statusProblem(404), `No existe la ruta ${c.req.method} ${c.req.path}.`));
  return app;
}
