import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Redis } from 'ioredis';
import { buildApp } from './app.ts';
import { RedisCache } from './cache/RedisCache.ts';
import { loadSettings } from './config.ts';

const settings = loadSettings();
// El cliente real de Redis: en el sandbox habla con el Redis emulado; con `npm run foodly`, con el de tu máquina.
const redis = new Redis(settings.REDIS_URL);
redis.on('error', (error) => console.error(`[redis] ${error.message}`));
const app = buildApp(settings, { cache: new RedisCache(redis) });

// En Node servimos nosotros mismos los ficheros de Swagger UI (paquete swagger-ui-dist): sin CDN.
if (settings.SWAGGER_ASSETS_URL.startsWith('/')) {
  const prefix = `${settings.SWAGGER_ASSETS_URL.replace(/\/$/, '')}/swagger-ui-dist`;
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) }));
}

serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(`products-service ${settings.SERVICE_VERSION} escuchando en http://localhost:${info.port}`);
});
