export type Product = {
  id: string;
  name: string;
  category: string;
  /** Precio en euros con dos decimales. */
  price: number;
  stock: number;
};

export const seedProducts: readonly Product[] = [
  { id: 'p-1', name: 'Pizza margarita', category: 'pizzas', price: 9.5, stock: 20 },
  { id: 'p-2', name: 'Pizza cuatro quesos', category: 'pizzas', price: 11, stock: 15 },
  { id: 'p-3', name: 'Hamburguesa clásica', category: 'hamburguesas', price: 8.75, stock: 30 },
  { id: 'p-4', name: 'Ensalada césar', category: 'ensaladas', price: 7.25, stock: 10 },
  { id: 'p-5', name: 'Agua mineral', category: 'bebidas', price: 1.5, stock: 100 },
  { id: 'p-6', name: 'Limonada', category: 'bebidas', price: 2.5, stock: 50 },
  { id: 'p-7', name: 'Tarta de queso', category: 'postres', price: 4.5, stock: 12 },
];
