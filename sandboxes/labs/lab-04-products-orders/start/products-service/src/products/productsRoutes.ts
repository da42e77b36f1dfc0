import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { problem, problemResponse } from '../shared/problem.ts';
import { productProblems } from '../shared/problemTypes.ts';
import { validationErrorResponse, validationHook } from '../shared/validation.ts';
import type { Product } from './Product.ts';
import type { ProductRepository } from './ProductRepository.ts';

// Los esquemas zod validan las peticiones y, con .openapi(), generan el documento /openapi.json.
const ProductInput = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: 'Pizza margarita' }),
    category: z.string().trim().min(1).max(40).openapi({ example: 'pizzas' }),
    price: z.number().positive().max(10_000).multipleOf(0.01).openapi({ example: 9.5 }),
    stock: z.number().int().min(0).max(100_000).openapi({ example: 20 }),
  })
  .openapi('ProductInput');

const ProductSchema = z.object({ id: z.string().openapi({ example: 'p-1' }) }).extend(ProductInput.shape).openapi('Product');
const ProductPatch = ProductInput.partial().openapi('ProductPatch', { example: { price: 10.5 } });

const ProductsPageSchema = z
  .object({ items: z.array(ProductSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() })
  .openapi('ProductsPage');

const ListQuery = z.object({
  category: z.string().optional().openapi({ example: 'pizzas' }),
  q: z.string().optional().openapi({ description: 'Texto que debe aparecer en el nombre', example: 'pizza' }),
  minPrice: z.coerce.number().min(0).optional(),
  maxPrice: z.coerce.number().min(0).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});

const ProductId = z.object({ id: z.string().min(1).openapi({ param: { name: 'id', in: 'path' }, example: 'p-1' }) });

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: json(schema) } });
const notFoundResponse = problemResponse('No existe ese producto');
const badBodyResponses = { 400: problemResponse('El cuerpo no es JSON'), 413: problemResponse('El cuerpo pasa de 64 KB'), 422: validationErrorResponse };
// Con CHAOS_ENABLED, /_chaos puede hacer fallar cualquier ruta de /products con un 500 a propósito.
const chaosResponse = { 500: problemResponse('Fallo simulado con /_chaos (o un error inesperado)') };

const listProducts = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listProducts',
  tags: ['productos'],
  summary: 'Busca en el catálogo (filtros y paginación)',
  request: { query: ListQuery },
  responses: { 200: { description: 'Una página de productos', content: json(ProductsPageSchema) }, 422: validationErrorResponse, ...chaosResponse },
});

const getProduct = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getProduct',
  tags: ['productos'],
  summary: 'Un producto',
  request: { params: ProductId },
  responses: { 200: { description: 'El producto', content: json(ProductSchema) }, 404: notFoundResponse, ...chaosResponse },
});

const createProduct = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createProduct',
  tags: ['productos'],
  summary: 'Da de alta un producto',
  request: body(ProductInput),
  responses: { 201: { description: 'Producto creado', content: json(ProductSchema) }, ...badBodyResponses, ...chaosResponse },
});

const replaceProduct = createRoute({
  method: 'put',
  path: '/{id}',
  operationId: 'replaceProduct',
  tags: ['productos'],
  summary: 'Sustituye un producto entero',
  request: { params: ProductId, ...body(ProductInput) },
  responses: { 200: { description: 'Producto sustituido', content: json(ProductSchema) }, 404: notFoundResponse, ...badBodyResponses, ...chaosResponse },
});

const updateProduct = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateProduct',
  tags: ['productos'],
  summary: 'Cambia algunos campos de un producto (p. ej. el precio)',
  request: { params: ProductId, ...body(ProductPatch) },
  responses: { 200: { description: 'Producto actualizado', content: json(ProductSchema) }, 404: notFoundResponse, ...badBodyResponses, ...chaosResponse },
});

const deleteProduct = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteProduct',
  tags: ['productos'],
  summary: 'Borra un producto',
  request: { params: ProductId },
  responses: { 204: { description: 'Producto borrado' }, 404: notFoundResponse, ...chaosResponse },
});

const notFound = (c: Parameters<typeof problem>[0], id: string) =>
  problem(c, 404, productProblems.productNotFound, `No existe el producto ${id}`);

export function productsRoutes(products: ProductRepository) {
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(listProducts, async (c) => {
      const { page, pageSize, ...filter } = c.req.valid('query');
      return c.json(await products.search(filter, page, pageSize), 200);
    })
    .openapi(getProduct, async (c) => {
      const { id } = c.req.valid('param');
      const product = await products.find(id);
      return product ? c.json(product, 200) : notFound(c, id);
    })
    .openapi(createProduct, async (c) => {
      const product: Product = { id: `p-${crypto.randomUUID().slice(0, 8)}`, ...c.req.valid('json') };
      await products.save(product);
      return c.json(product, 201);
    })
    .openapi(replaceProduct, async (c) => {
      const { id } = c.req.valid('param');
      if (!(await products.find(id))) return notFound(c, id);
      const product: Product = { id, ...c.req.valid('json') };
      await products.save(product);
      return c.json(product, 200);
    })
    .openapi(updateProduct, async (c) => {
      const { id } = c.req.valid('param');
      const current = await products.find(id);
      if (!current) return notFound(c, id);
      const product = { ...current, ...c.req.valid('json') };
      await products.save(product);
      return c.json(product, 200);
    })
    .openapi(deleteProduct, async (c) => {
      const { id } = c.req.valid('param');
      return (await products.delete(id)) ? c.body(null, 204) : notFound(c, id);
    });
}
