import type { Check } from '../../lib/checks-types.ts';

type Detail = Array<{ loc: string[]; msg: string; type: string }>;

export default [
  {
    name: 'GET /ping responde 200 con {"message":"pong"}',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('auth', '/ping');
      ctx.assert(response.status === 200, `GET /ping debería responder 200 y respondió ${response.status}`);
      ctx.assert((response.body as { message?: string }).message === 'pong', `GET /ping debería devolver {"message":"pong"} y devolvió ${response.text}`);
    },
  },
  {
    name: 'GET /status devuelve la versión configurada y el tiempo en marcha',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await ctx.request('auth', '/status');
      ctx.assert(response.status === 200, `GET /status debería responder 200 y respondió ${response.status}`);
      const status = response.body as { service?: string; version?: string; environment?: string; uptimeSeconds?: unknown };
      ctx.assert(status.version === '1.2.0', `"version" debería salir de SERVICE_VERSION (1.2.0) y vale ${JSON.stringify(status.version)}`);
      ctx.assert(status.service === 'auth-service', `"service" debería ser "auth-service" (valor por defecto de SERVICE_NAME) y es ${JSON.stringify(status.service)}`);
      ctx.assert(status.environment === 'development', `"environment" debería salir de ENVIRONMENT y vale ${JSON.stringify(status.environment)}`);
      ctx.assert(Number.isInteger(status.uptimeSeconds) && (status.uptimeSeconds as number) >= 0, '"uptimeSeconds" debería ser un entero mayor o igual que 0');
    },
  },
  {
    name: 'El documento OpenAPI describe /ping, /status y /register',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await ctx.request('auth', '/openapi.json');
      ctx.assert(response.status === 200, `GET /openapi.json debería responder 200 y respondió ${response.status}`);
      const paths = Object.keys((response.body as { paths?: Record<string, unknown> }).paths ?? {});
      for (const path of ['/ping', '/status', '/register']) {
        ctx.assert(paths.includes(path), `El documento OpenAPI no describe ${path}; rutas documentadas: ${paths.join(', ') || 'ninguna'}`);
      }
    },
  },
  {
    name: '/docs sirve Swagger UI sin depender de un CDN',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('auth', '/docs');
      ctx.assert(response.status === 200 && response.text.includes('swagger-ui'), `GET /docs debería devolver la página de Swagger UI y respondió ${response.status}`);
      ctx.assert(!/https?:\/\/(cdn|unpkg)/.test(response.text), 'La página de /docs carga Swagger UI desde un CDN: usa la opción baseUrl con SWAGGER_ASSETS_URL');
    },
  },
  {
    name: 'Un alta no válida responde 422 con el detalle de cada campo',
    onStart: 'fail',
    run: async (ctx) => {
      const response = await ctx.request('auth', '/register', { method: 'POST', body: { email: 'no-es-un-email', password: 'secreta123' } });
      ctx.assert(response.status === 422, `POST /register con datos no válidos debería responder 422 y respondió ${response.status}`);
      const detail = (response.body as { detail?: Detail }).detail;
      ctx.assert(Array.isArray(detail), `La respuesta 422 debería tener la forma {"detail":[…]} y fue ${response.text.slice(0, 200)}`);
      const locations = detail!.map((item) => (item.loc ?? []).join('.'));
      ctx.assert(locations.includes('body.email'), `"detail" debería señalar ["body","email"]; señala: ${locations.join(', ')}`);
      ctx.assert(locations.includes('body.name'), `"detail" debería señalar también el campo que falta, ["body","name"]; señala: ${locations.join(', ')}`);
      ctx.assert(detail!.every((item) => typeof item.msg === 'string' && typeof item.type === 'string'), 'Cada error de "detail" necesita "msg" y "type"');
    },
  },
  {
    name: 'Un alta válida responde 201 sin devolver la contraseña',
    onStart: 'pass',
    run: async (ctx) => {
      const response = await ctx.request('auth', '/register', { method: 'POST', body: { email: 'ana@foodly.test', password: 'secreta123', name: 'Ana' } });
      ctx.assert(response.status === 201, `POST /register con datos válidos debería responder 201 y respondió ${response.status}`);
      ctx.assert(!response.text.includes('secreta123'), 'La respuesta de /register no debe incluir la contraseña');
    },
  },
] satisfies Check[];
