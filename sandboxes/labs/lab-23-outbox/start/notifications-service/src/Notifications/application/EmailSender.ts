/** Puerto de salida: entregar un correo (SMTP, un proveedor externo, la consola…). */
export type EmailSender = {
  send(message: { to: string; subject: string }): Promise<void>;
};
