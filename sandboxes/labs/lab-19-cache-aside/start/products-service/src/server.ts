import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';
import { buildApp } from './app.ts';
import { RedisCache } from './cache/RedisCache.ts';
import { loadSettings } from './config.ts';

const settings = loadSettings();
// El cliente real de Redis: en el sandbox habla con el Redis emulado; con `npm run foodly`, con el de tu máquina.
const redis = new Redis(settings.REDIS_URL);
redis.on('error', (error) => console.error(`[redis] ${error.message}`));
const app = buildApp(settings, { cache: new RedisCache(redis) });

serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(`products-service ${settings.SERVICE_VERSION} escuchando en http://localhost:${info.port}`);
});
