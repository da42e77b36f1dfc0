import type { ProductRepository } from '../products/ProductRepository.ts';

export type ReservationItem = { productId: string; quantity: number };
export type Reservation = { orderId: string; items: ReservationItem[]; status: 'reserved' | 'released'; updatedAt: string };

export type ReserveOutcome =
  | { kind: 'reserved'; reservation: Reservation; created: boolean }
  | { kind: 'out-of-stock'; detail: string }
  | { kind: 'unknown-product'; productId: string }
  | { kind: 'already-released'; reservation: Reservation };

// #region reservations
/**
 * Reservas de stock por pedido. Reservar resta las unidades del catálogo; liberar (la compensación)
 * las devuelve. Las dos son idempotentes por orderId: la saga puede repetirlas sin descuadrar el stock.
 */
export class StockReservations {
  private readonly products: ProductRepository;
  private readonly reservations = new Map<string, Reservation>();
  // Leer el stock, comprobar y escribir no es atómico (hay awaits en medio): una cola evita que dos
  // reservas a la vez vendan la misma unidad. Vale para un proceso; con réplicas, haría falta la base de datos.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(products: ProductRepository) {
    this.products = products;
  }

  reserve(orderId: string, items: readonly ReservationItem[]): Promise<ReserveOutcome> {
    return this.serialized(async () => {
      const existing = this.reservations.get(orderId);
      // Un reintento de la misma reserva devuelve la que ya hay; una reserva liberada no revive.
      if (existing?.status === 'reserved') return { kind: 'reserved', reservation: existing, created: false };
      if (existing?.status === 'released') return { kind: 'already-released', reservation: existing };
      const wanted = sumByProduct(items);
      const products = [];
      for (const [productId, quantity] of wanted) {
        const product = await this.products.find(productId);
        if (!product) return { kind: 'unknown-product', productId };
        if (product.stock < quantity) return { kind: 'out-of-stock', detail: `Solo quedan ${product.stock} unidades de ${product.name}` };
        products.push({ ...product, stock: product.stock - quantity });
      }
      for (const product of products) await this.products.save(product);
      const reservation: Reservation = { orderId, items: [...wanted].map(([productId, quantity]) => ({ productId, quantity })), status: 'reserved', updatedAt: new Date().toISOString() };
      this.reservations.set(orderId, reservation);
      console.log(`[stock] reservado para ${orderId}: ${reservation.items.map((item) => `${item.quantity}×${item.productId}`).join(', ')}`);
      return { kind: 'reserved', reservation, created: true };
    });
  }

  /** Devuelve las unidades una sola vez. Sin reserva previa, deja constancia para que una reserva tardía no se aplique. */
  release(orderId: string): Promise<Reservation> {
    return this.serialized(async () => {
      const existing = this.reservations.get(orderId);
      if (existing?.status === 'released') return existing;
      for (const item of existing?.items ?? []) {
        const product = await this.products.find(item.productId);
        if (product) await this.products.save({ ...product, stock: product.stock + item.quantity });
      }
      const released: Reservation = { orderId, items: existing?.items ?? [], status: 'released', updatedAt: new Date().toISOString() };
      this.reservations.set(orderId, released);
      console.log(`[stock] liberada la reserva de ${orderId}`);
      return released;
    });
  }
  // #endregion reservations

  find(orderId: string): Reservation | undefined {
    return this.reservations.get(orderId);
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function sumByProduct(items: readonly ReservationItem[]): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const item of items) wanted.set(item.productId, (wanted.get(item.productId) ?? 0) + item.quantity);
  return wanted;
}
