import { problemType } from './problem.ts';

// Los tipos de problema de tracking-service: forman parte de su contrato, como los de los otros servicios.
export const trackingProblems = {
  orderNotFound: problemType('ORDER_NOT_FOUND', 'pedido-inexistente', 'Pedido inexistente'),
  notYourOrder: problemType('NOT_YOUR_ORDER', 'pedido-ajeno', 'El pedido es de otro cliente'),
  ordersUnavailable: problemType('ORDERS_UNAVAILABLE', 'pedidos-no-disponible', 'orders-service no responde'),
  forbiddenOrigin: problemType('FORBIDDEN_ORIGIN', 'origen-no-permitido', 'Origen no permitido'),
  upgradeRequired: problemType('UPGRADE_REQUIRED', 'se-necesita-websocket', 'Esta ruta solo acepta WebSocket'),
};
