import { problemType, statusProblem } from '../shared/problem.ts';
import type { ProblemType } from '../shared/problem.ts';

// #region order-problems
// Los tipos de problema de orders-service: un catálogo estable que se documenta como parte del contrato.
export const orderProblems = {
  productNotFound: problemType('PRODUCT_NOT_FOUND', 'producto-inexistente', 'Producto inexistente'),
  outOfStock: problemType('OUT_OF_STOCK', 'stock-insuficiente', 'Stock insuficiente'),
  orderNotFound: problemType('ORDER_NOT_FOUND', 'pedido-no-encontrado', 'Pedido no encontrado'),
  productsUnavailable: problemType('PRODUCTS_UNAVAILABLE', 'catalogo-no-disponible', 'Catálogo no disponible'),
};
// #endregion order-problems

// #region problem-type-for
/** El tipo registrado para un código; si no lo hay, el genérico de su estado, que conserva el código. */
export const problemTypeFor = (code: string, status: number): ProblemType =>
  Object.values(orderProblems).find((kind) => kind.code === code) ?? statusProblem(status, code);
// #endregion problem-type-for
