import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadSettings } from '../../src/config.ts';

// Los tests propios de products-service: lo que a products le importa de su API. Ninguno mira
// qué campos lee orders-service de un producto; eso es el contrato (test/contract/).
const app = buildApp(loadSettings({ CHAOS_ENABLED: 'false' }));

describe('products-service', () => {
  it('devuelve un producto por su id', async () => {
    const response = await app.request('/products/p-1');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'p-1', name: 'Pizza margarita', category: 'pizzas' });
  });

  it('un producto que no existe: 404 problem+json', async () => {
    const response = await app.request('/products/p-404');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('filtra el catálogo por categoría', async () => {
    const response = await app.request('/products?category=bebidas');
    const page = (await response.json()) as { items: Array<{ category: string }> };
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((product) => product.category === 'bebidas')).toBe(true);
  });

  it('borra un producto', async () => {
    const isolated = buildApp(loadSettings({ CHAOS_ENABLED: 'false' }));
    expect((await isolated.request('/products/p-7', { method: 'DELETE' })).status).toBe(204);
    expect((await isolated.request('/products/p-7')).status).toBe(404);
  });
});
