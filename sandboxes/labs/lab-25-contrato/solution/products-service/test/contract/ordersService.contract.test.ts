import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CatalogProductResponse, productsInteractions } from '../../../orders-service/src/Orders/infrastructure/productsContract.ts';
import { buildApp } from '../../src/app.ts';
import { loadSettings } from '../../src/config.ts';

// Test de contrato dirigido por el consumidor: orders-service declara lo que lee de products-service
// (productsContract.ts) y este test lo verifica contra el products-service real: sus respuestas con
// app.request() y su /openapi.json. Vive en products-service a propósito: es su suite la que debe
// ponerse en rojo si un cambio suyo rompe a un consumidor, antes de desplegarlo.
const app = buildApp(loadSettings({ CHAOS_ENABLED: 'false' }));

type JsonSchema = { type?: string; $ref?: string; required?: string[]; properties?: Record<string, JsonSchema> };

describe('contrato con orders-service', () => {
  // #region verify-responses
  const interactions = productsInteractions.map(({ description, path, status }) => [description, path, status] as const);
  it.each(interactions)('%s (GET %s): responde %i con lo que orders espera', async (_description, path, status) => {
    const response = await app.request(path);

    expect(response.status).toBe(status);
    if (status === 200) {
      const parsed = CatalogProductResponse.safeParse(await response.json());
      expect(parsed.success, parsed.success ? '' : `orders-service no entendería esta respuesta:\n${z.prettifyError(parsed.error)}`).toBe(true);
    }
  });
  // #endregion verify-responses

  // #region verify-document
  it('el documento OpenAPI promete cada campo que orders lee, obligatorio y con su tipo', async () => {
    const document = await (await app.request('/openapi.json')).json();
    const declared: JsonSchema = document.paths['/products/{id}'].get.responses['200'].content['application/json'].schema;
    const product: JsonSchema = declared.$ref ? document.components.schemas[declared.$ref.split('/').pop()!] : declared;
    const expected = z.toJSONSchema(CatalogProductResponse) as JsonSchema;

    for (const [field, schema] of Object.entries(expected.properties ?? {})) {
      expect(product.required, `«${field}» debe ser obligatorio en el Product del documento`).toContain(field);
      expect(product.properties?.[field]?.type, `tipo de «${field}» en el documento`).toBe(schema.type);
    }
  });
  // #endregion verify-document
});
