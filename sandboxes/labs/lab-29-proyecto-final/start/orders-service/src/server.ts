import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import pg from 'pg';
import { buildOrders } from './app.ts';
import { loadSettings } from './config.ts';
import { migrate } from './Shared/infrastructure/persistence/postgres/migrate.ts';
import { migrations } from './Shared/infrastructure/persistence/postgres/migrations.ts';

const settings = loadSettings();

// #region database
// Un pool, no una conexión: cada petición toma una conexión libre y la devuelve. Las migraciones
// pendientes se aplican antes de aceptar la primera petición: el código nunca ve un esquema viejo.
async function openDatabase(url: string): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: settings.DATABASE_POOL_MAX });
  // Un error de una conexión libre (el servidor se reinicia) llega aquí; sin este listener, tumbaría el proceso.
  pool.on('error', (error) => console.error(`[postgres] conexión libre perdida: ${error.message}`));
  const applied = await migrate(pool, migrations);
  console.log(`[postgres] migraciones aplicadas ahora: ${applied.length === 0 ? 'ninguna (el esquema ya estaba al día)' : applied.join(', ')}`);
  return pool;
}

const database = settings.DATABASE_URL ? await openDatabase(settings.DATABASE_URL) : undefined;
// #endregion database
const { app, paymentsConsumer, outbox } = buildOrders(settings, { database });

// En Node servimos nosotros mismos los ficheros de Swagger UI (paquete swagger-ui-dist) de /docs: sin CDN.
if (settings.SWAGGER_ASSETS_URL.startsWith('/')) {
  const prefix = `${settings.SWAGGER_ASSETS_URL.replace(/\/$/, '')}/swagger-ui-dist`;
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) }));
}

// Con broker, los cobros (y rechazos) de payments-service llegan por RabbitMQ y la saga sigue. Si el
// broker no está, el servicio no arranca y el error dice por qué (como notifications-service).
await paymentsConsumer?.start();
// El relay publica lo que quedó pendiente en el outbox, también lo de antes de un reinicio.
outbox?.start();
serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(
    `orders-service ${settings.SERVICE_VERSION} escuchando en http://localhost:${info.port} (productos en ${settings.PRODUCTS_URL}, pedidos en ${database ? 'PostgreSQL' : 'memoria'})`,
  );
});
