import { z } from 'zod';

// #region consumer-contract
/**
 * El contrato de orders-service con products-service, escrito por el consumidor: lo que orders lee
 * de un producto (ni un campo más: `category` le da igual) y las peticiones que hace. El adaptador
 * HTTP valida cada respuesta con este esquema, y la suite de products-service lo verifica contra
 * el servicio real (products-service/test/contract/).
 */
export const CatalogProductResponse = z.object({
  id: z.string(),
  name: z.string(),
  /** Euros con decimales (9.5), no céntimos ni texto. */
  price: z.number().positive(),
  stock: z.number().int().min(0),
});

export const productsInteractions = [
  { description: 'un producto que existe', path: '/products/p-1', status: 200 },
  { description: 'un producto que no existe', path: '/products/p-404', status: 404 },
] as const;
// #endregion consumer-contract
