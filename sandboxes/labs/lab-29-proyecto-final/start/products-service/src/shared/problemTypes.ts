import { problemType } from './problem.ts';

// Los tipos de problema de products-service: un catálogo estable que se documenta como parte del contrato.
export const productProblems = {
  productNotFound: problemType('PRODUCT_NOT_FOUND', 'producto-inexistente', 'Producto inexistente'),
  chaosFailure: problemType('CHAOS_FAILURE', 'fallo-simulado', 'Fallo simulado'),
  outOfStock: problemType('OUT_OF_STOCK', 'stock-insuficiente', 'Stock insuficiente'),
  reservationReleased: problemType('RESERVATION_RELEASED', 'reserva-liberada', 'Reserva ya liberada'),
  reservationNotFound: problemType('RESERVATION_NOT_FOUND', 'reserva-inexistente', 'Reserva inexistente'),
};
