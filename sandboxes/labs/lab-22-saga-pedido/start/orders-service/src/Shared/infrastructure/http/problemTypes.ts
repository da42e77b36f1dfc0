import { problemType, statusProblem } from './problem.ts';
import type { ProblemType } from './problem.ts';

// Los tipos de problema de orders-service: un catálogo estable que se documenta como parte del contrato.
// El dominio solo conoce sus códigos; la URI y el título son cosa de la capa HTTP.
export const orderProblems = [
  problemType('PRODUCT_NOT_FOUND', 'producto-inexistente', 'Producto inexistente'),
  problemType('OUT_OF_STOCK', 'stock-insuficiente', 'Stock insuficiente'),
  problemType('ORDER_NOT_FOUND', 'pedido-no-encontrado', 'Pedido no encontrado'),
  problemType('EMPTY_ORDER', 'pedido-vacio', 'Pedido vacío'),
  problemType('INVALID_QUANTITY', 'cantidad-no-valida', 'Cantidad no válida'),
  problemType('ORDER_ALREADY_CANCELLED', 'pedido-ya-cancelado', 'Pedido ya cancelado'),
  problemType('ORDER_TOTAL_LIMIT_EXCEEDED', 'importe-maximo-superado', 'Importe máximo superado'),
  problemType('CONCURRENCY_CONFLICT', 'conflicto-de-concurrencia', 'Conflicto de concurrencia'),
  problemType('PRODUCTS_UNAVAILABLE', 'catalogo-no-disponible', 'Catálogo no disponible'),
  problemType('PAYMENTS_UNAVAILABLE', 'pagos-no-disponible', 'Pagos no disponible'),
  problemType('INVALID_ORDER_TRANSITION', 'paso-de-estado-no-valido', 'Paso de estado no válido'),
  // Del contrato HTTP, no del dominio: reintentos con Idempotency-Key, cursores y precondiciones.
  problemType('IDEMPOTENCY_KEY_REUSED', 'clave-de-idempotencia-reutilizada', 'Clave de idempotencia reutilizada'),
  problemType('REQUEST_IN_PROGRESS', 'peticion-en-curso', 'Petición en curso'),
  problemType('INVALID_CURSOR', 'cursor-no-valido', 'Cursor no válido'),
  problemType('ORDER_CHANGED', 'el-pedido-ha-cambiado', 'El pedido ha cambiado'),
];

/** El tipo registrado para un código; si no lo hay, el genérico de su estado, que conserva el código. */
export const problemTypeFor = (code: string, status: number): ProblemType =>
  orderProblems.find((kind) => kind.code === code) ?? statusProblem(status, code);
