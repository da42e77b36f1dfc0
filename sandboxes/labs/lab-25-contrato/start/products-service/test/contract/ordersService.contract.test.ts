import { describe, it } from 'vitest';

// Test de contrato dirigido por el consumidor: orders-service declara lo que lee de products-service
// (orders-service/src/Orders/infrastructure/productsContract.ts, que escribes tú) y este test lo
// verifica contra el products-service real: sus respuestas con app.request() y su /openapi.json.
// Vive en products-service a propósito: es su suite la que debe ponerse en rojo si un cambio suyo
// rompe a un consumidor, antes de desplegarlo.
describe('contrato con orders-service', () => {
  it.todo('GET /products/p-1 responde 200 con lo que orders espera (id, name, price numérico, stock)');
  it.todo('GET /products/p-404 responde 404');
  it.todo('el documento OpenAPI promete cada campo que orders lee, obligatorio y con su tipo');
});
