import { describe, it } from 'vitest';

// Tests de integración de las rutas de pedidos: la app entera (validación, casos de uso, errorHandler)
// con app.request(), sin servidor ni red. El único puerto que sale del proceso, ProductCatalog, es
// un doble que tú escribes: buildApp(settings, { catalog }) lo acepta (mira AppDependencies en app.ts).
// Pistas: loadSettings({}) da la configuración por defecto (ORDERS_REPOSITORY: 'memory') y
// CatalogProductMother (test/Orders/domain) fabrica productos del catálogo.
describe('POST /orders', () => {
  it.todo('crea el pedido con el precio del catálogo: 201 y el total calculado');
  it.todo('un producto que el catálogo no conoce: 422 problem+json con el código PRODUCT_NOT_FOUND');
  it.todo('si products-service no responde (el doble lanza el TechnicalError del adaptador): 503 problem+json');
});
