import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../../src/app.ts';
import { loadSettings } from '../../../../src/config.ts';
import type { CatalogProduct, ProductCatalog } from '../../../../src/Orders/domain/ProductCatalog.ts';
import { TechnicalError } from '../../../../src/Shared/infrastructure/TechnicalError.ts';
import { CatalogProductMother } from '../../domain/CatalogProductMother.ts';

// Tests de integración de las rutas de pedidos: la app entera (validación, casos de uso, errorHandler)
// con app.request(), sin servidor ni red. El único puerto que sale del proceso, ProductCatalog, es un
// doble: buildApp(settings, { catalog }) lo acepta, como dependency_overrides en FastAPI.

// #region catalog-doubles
/** Doble del puerto: un catálogo fijo, como lo contaría products-service. */
function catalogWith(...products: CatalogProduct[]): ProductCatalog {
  return { find: async (id) => products.find((product) => product.id === id) };
}

/** Doble que falla como el adaptador HTTP cuando products-service no responde: con su TechnicalError. */
const unavailableCatalog: ProductCatalog = {
  find: async () => {
    throw new TechnicalError('PRODUCTS_UNAVAILABLE', 'products-service no acepta conexiones', 'No se pudo consultar el catálogo.');
  },
};
// #endregion catalog-doubles

// #region app-with-double
function appWith(catalog: ProductCatalog) {
  return buildApp(loadSettings({}), { catalog });
}

const createOrder = (items: Array<{ productId: string; quantity: number }>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ customerEmail: 'ana@foodly.test', items }),
});

describe('POST /orders', () => {
  it('crea el pedido con el precio del catálogo: 201 y el total calculado', async () => {
    const app = appWith(catalogWith(CatalogProductMother.create({ id: 'p-1', price: 9.5, stock: 20 })));

    const response = await app.request('/orders', createOrder([{ productId: 'p-1', quantity: 2 }]));

    expect(response.status).toBe(201);
    const order = await response.json();
    expect(order).toMatchObject({ customerEmail: 'ana@foodly.test', status: 'created', total: 19 });
    expect(order.lines).toEqual([{ productId: 'p-1', name: 'Pizza margarita', unitPrice: 9.5, quantity: 2 }]);
  });
  // #endregion app-with-double

  it('un producto que el catálogo no conoce: 422 problem+json con el código PRODUCT_NOT_FOUND', async () => {
    const app = appWith(catalogWith());

    const response = await app.request('/orders', createOrder([{ productId: 'p-404', quantity: 1 }]));

    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 422, code: 'PRODUCT_NOT_FOUND' });
  });

  it('si products-service no responde (el doble lanza el TechnicalError del adaptador): 503 problem+json', async () => {
    const app = appWith(unavailableCatalog);

    const response = await app.request('/orders', createOrder([{ productId: 'p-1', quantity: 1 }]));

    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 503, code: 'PRODUCTS_UNAVAILABLE' });
  });

  it('un cuerpo sin líneas no llega al caso de uso: 422 con el detalle del campo', async () => {
    const app = appWith(catalogWith());

    const response = await app.request('/orders', createOrder([]));

    expect(response.status).toBe(422);
  });
});
