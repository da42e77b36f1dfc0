export type CancelOrderCommand = { readonly orderId: string };
