// ACOPLAMIENTO: una única "base de datos" compartida por todos los módulos. Cualquier módulo
// puede leer y escribir las tablas de los demás; nadie es dueño de sus datos.

export type User = { id: string; email: string; name: string; passwordHash: string };
export type Product = { id: string; name: string; category: string; price: number; stock: number };
// #region order-line
// El pedido guarda una copia del nombre y del precio del momento de la compra: a partir de aquí
// el pedido ya no depende de que el producto siga existiendo ni de su precio actual.
export type OrderLine = { productId: string; name: string; unitPrice: number; quantity: number };
// #endregion order-line
export type Order = {
  id: string;
  userId: string;
  lines: OrderLine[];
  status: 'created' | 'cancelled';
  createdAt: string;
};

export type Database = {
  users: Map<string, User>;
  /** token de sesión → id de usuario */
  sessions: Map<string, string>;
  products: Map<string, Product>;
  orders: Map<string, Order>;
};

const seedProducts: Product[] = [
  { id: 'p-1', name: 'Pizza margarita', category: 'pizzas', price: 9.5, stock: 20 },
  { id: 'p-2', name: 'Pizza cuatro quesos', category: 'pizzas', price: 11, stock: 15 },
  { id: 'p-3', name: 'Hamburguesa clásica', category: 'hamburguesas', price: 8.75, stock: 30 },
  { id: 'p-4', name: 'Ensalada césar', category: 'ensaladas', price: 7.25, stock: 10 },
  { id: 'p-5', name: 'Agua mineral', category: 'bebidas', price: 1.5, stock: 100 },
  { id: 'p-6', name: 'Limonada', category: 'bebidas', price: 2.5, stock: 50 },
  { id: 'p-7', name: 'Tarta de queso', category: 'postres', price: 4.5, stock: 12 },
];

export function createDatabase(): Database {
  return {
    users: new Map(),
    sessions: new Map(),
    products: new Map(seedProducts.map((product) => [product.id, { ...product }])),
    orders: new Map(),
  };
}
