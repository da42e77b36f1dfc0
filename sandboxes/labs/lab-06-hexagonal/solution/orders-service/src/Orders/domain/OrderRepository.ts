import type { Order } from './Order.ts';

/** Puerto de persistencia del agregado: guarda y recupera pedidos enteros, nunca trozos. */
export type OrderRepository = {
  save(order: Order): Promise<void>;
  search(id: string): Promise<Order | undefined>;
  searchAll(): Promise<Order[]>;
};
