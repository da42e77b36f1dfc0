/** Puerto de salida: enviar el correo de confirmación (SMTP, un proveedor externo, la consola…). */
export type ConfirmationEmailSender = {
  send(message: { to: string; orderId: string; total: number }): Promise<void>;
};
