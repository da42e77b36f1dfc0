import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { buildOrders } from './app.ts';
import { loadSettings } from './config.ts';
import type { KeyValueStore } from './Shared/infrastructure/persistence/KeyValueStore.ts';

// #region file-key-value-store
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
const { app, paymentsConsumer } = buildOrders(settings, { keyValueStore: settings.ORDERS_DATA_DIR ? fileKeyValueStore(settings.ORDERS_DATA_DIR) : undefined });
// #endregion file-key-value-store

// En Node servimos nosotros mismos los ficheros de Swagger UI (paquete swagger-ui-dist) de /docs: sin CDN.
if (settings.SWAGGER_ASSETS_URL.startsWith('/')) {
  const prefix = `${settings.SWAGGER_ASSETS_URL.replace(/\/$/, '')}/swagger-ui-dist`;
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) }));
}

// Con broker, los cobros de payments-service llegan por RabbitMQ y el pedido pasa a pagado. Si el broker
// no está, el servicio no arranca y el error dice por qué (como notifications-service).
await paymentsConsumer?.start();
serve({ fetch: app.fetch, port: settings.PORT }, (info) => {
  console.log(
    `orders-service ${settings.SERVICE_VERSION} escuchando en http://localhost:${info.port} (productos en ${settings.PRODUCTS_URL}, pedidos: ${settings.ORDERS_REPOSITORY}${settings.ORDERS_DATA_DIR ? ` en ${settings.ORDERS_DATA_DIR}` : ''})`,
  );
});
