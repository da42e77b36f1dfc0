import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { buildApp } from './app.ts';
import { loadSettings } from './config.ts';
import pg from 'pg';
import { migrate } from './Shared/infrastructure/persistence/postgres/migrate.ts';
import { migrations } from './Shared/infrastructure/persistence/postgres/migrations.ts';
import type { KeyValueStore } from './Shared/infrastructure/persistence/KeyValueStore.ts';

/** Almacén clave-valor en disco: un fichero por clave. Solo existe aquí, en la entrada de Node. */
function fileKeyValueStore(dir: string): KeyValueStore {
  const fileOf = (key: string) => join(dir, `${encodeURIComponent(key)}.json`);
  return {
    async get(key) {
      try {
        return await readFile(fileOf(key), 'utf8');
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      await mkdir(dir, { recursive: true });
      await writeFile(fileOf(key), value);
    },
    async keys(prefix) {
      const files = await readdir(dir).catch(() => [] as string[]);
      return files.map((file) => decodeURIComponent(file.replace(/\.json$/, ''))).filter((key) => key.startsWith(prefix));
    },
  };
}

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

const database = settings.ORDERS_REPOSITORY === 'postgres' && settings.DATABASE_URL ? await openDatabase(settings.DATABASE_URL) : undefined;
// #endregion database
const app = buildApp(settings, { keyValueStore: settings.ORDERS_DATA_DIR ? fileKeyValueStore(settings.ORDERS_DATA_DIR) : undefined, database });

// En Node servimos nosotros mismos los ficheros de Swagger UI (paquete swagger-ui-dist): sin CDN.
if (settings.SWAGGER_ASSETS_URL.startsWith('/')) {
  const prefix = `${settings.SWAGGER_ASSETS_URL.replace(/\/$/, '')}/swagger-ui-dist`;
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) }));
}

serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(
    `orders-service ${settings.SERVICE_VERSION} escuchando en http://localhost:${info.port} (productos en ${settings.PRODUCTS_URL}, pedidos: ${settings.ORDERS_REPOSITORY}${settings.ORDERS_DATA_DIR ? ` en ${settings.ORDERS_DATA_DIR}` : ''})`,
  );
});
