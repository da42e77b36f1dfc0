import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { buildApp } from './app.ts';
import { loadSettings } from './config.ts';

const settings = loadSettings();
const app = buildApp(settings);

// En Node servimos nosotros mismos los ficheros de Swagger UI (paquete swagger-ui-dist): sin CDN.
if (settings.SWAGGER_ASSETS_URL.startsWith('/')) {
  const prefix = `${settings.SWAGGER_ASSETS_URL.replace(/\/$/, '')}/swagger-ui-dist`;
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) }));
}

const server = serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(`products-service ${settings.SERVICE_VERSION} escuchando en http://localhost:${info.port}`);
});

// `docker stop` y Kubernetes mandan SIGTERM y, pasado el plazo (10 s en Docker, 30 s en Kubernetes),
// SIGKILL. Se deja de aceptar conexiones, se terminan las peticiones en curso y se sale con 0.
process.once('SIGTERM', () => {
  console.log('SIGTERM: products-service deja de aceptar conexiones y termina las que tiene');
  server.close(() => process.exit(0));
  // Si alguna conexión no termina, salir antes de que llegue el SIGKILL.
  setTimeout(() => process.exit(1), 8000).unref();
});
