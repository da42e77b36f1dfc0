import type { Order } from '../domain/Order.ts';
import type { OrderRepository } from '../domain/OrderRepository.ts';

/**
 * Solo para el laboratorio: espera `delayMs` antes de cada escritura, como una red o un disco
 * lentos. Abre a propósito la ventana entre leer y escribir en la que dos peticiones ven el mismo
 * pedido: sin ella la carrera existe igual, pero se ve una vez de cada mil.
 */
export class DelayedOrderRepository implements OrderRepository {
  private readonly inner: OrderRepository;
  private readonly delayMs: number;

  constructor(inner: OrderRepository, delayMs: number) {
    this.inner = inner;
    this.delayMs = delayMs;
  }

  async save(order: Order): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    await this.inner.save(order);
  }

  search(id: string): Promise<Order | undefined> {
    return this.inner.search(id);
  }

  searchAll(): Promise<Order[]> {
    return this.inner.searchAll();
  }
}
