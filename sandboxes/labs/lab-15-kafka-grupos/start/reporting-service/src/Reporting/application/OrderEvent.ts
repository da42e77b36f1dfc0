/** Lo que reporting entiende de los eventos de pedidos (el `data` de cada sobre CloudEvents). */
export type OrderEvent =
  | { readonly id: string; readonly type: 'com.foodly.order.placed'; readonly orderId: string; readonly customerEmail: string; readonly total: number }
  | { readonly id: string; readonly type: 'com.foodly.order.cancelled'; readonly orderId: string };

/** Dónde estaba el evento en el log: su partición y su offset dentro de ella. */
export type LogPosition = { readonly partition: number; readonly offset: number };
