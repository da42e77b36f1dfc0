import { afterEach, describe, it, vi } from 'vitest';

// Tests unitarios del agregado: las reglas que el lab 8 dejó sin probar. Sin HTTP ni red: Order y
// los Object Mothers de esta carpeta. Escribe cada `it.todo` como un test (quita `.todo` y añade la
// función) y ejecútalos en la pestaña Tests. La comprobación del lab los pasa también contra
// mutantes: copias de Order.ts rotas a propósito que tus tests deben detectar.
afterEach(() => {
  vi.useRealTimers();
});

describe('Order: límites y reconstrucción', () => {
  it.todo('admite un pedido de exactamente 500 € (el límite es «más de 500»)');
  it.todo('rechaza un pedido de 500,01 € con ORDER_TOTAL_LIMIT_EXCEEDED');
  it.todo('reconstruido desde sus eventos (created, cancelled), el pedido sigue cancelado y no se cancela otra vez');
  it.todo('order.created lleva la hora del reloj (fíjala con vi.useFakeTimers y vi.setSystemTime)');
});
