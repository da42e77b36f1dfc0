import type { OrderStatus } from '../../domain/Order.ts';

/** Fila del modelo de lectura: lo que la pantalla "mis pedidos" necesita, ya calculado. */
export type CustomerOrderSummary = {
  orderId: string;
  customerEmail: string;
  status: OrderStatus;
  total: number;
  itemCount: number;
  createdAt: string;
};

/**
 * Puerto del modelo de lectura (la "Q" de CQRS): separado del repositorio del agregado, con la
 * forma que piden las consultas, y alimentado por los eventos de dominio.
 */
export type CustomerOrdersView = {
  upsert(summary: CustomerOrderSummary): Promise<void>;
  byOrderId(orderId: string): Promise<CustomerOrderSummary | undefined>;
  byCustomer(customerEmail: string): Promise<CustomerOrderSummary[]>;
};
