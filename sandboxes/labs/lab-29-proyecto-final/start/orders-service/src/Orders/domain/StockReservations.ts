import type { OrderLine } from './OrderLine.ts';

/** Cómo acabó pedir la reserva: apartada, o rechazada porque no llega el stock. */
export type ReservationResult = { status: 'reserved' } | { status: 'rejected'; reason: 'OUT_OF_STOCK'; detail: string };

/**
 * Puerto: el stock lo guarda products-service (otro servicio, otra base de datos). Las dos
 * operaciones van por el id del pedido, así repetirlas no reserva ni libera dos veces.
 */
export type StockReservations = {
  reserve(orderId: string, lines: readonly OrderLine[]): Promise<ReservationResult>;
  /** La compensación de reserve: devuelve las unidades al stock. Liberar una reserva que no existe no es un error. */
  release(orderId: string): Promise<void>;
};
