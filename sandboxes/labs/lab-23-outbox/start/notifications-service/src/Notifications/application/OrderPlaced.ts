/**
 * OrderPlaced tal como lo entiende notifications: solo los campos que usa. Lo que el productor
 * añada mañana se ignora (lector tolerante); lo que falte hace el mensaje inválido.
 */
export type OrderPlaced = {
  /** Los atributos del sobre CloudEvents con que llegó. */
  readonly event: { id: string; type: string; source: string; specversion: string; time: string; datacontenttype?: string };
  readonly orderId: string;
  readonly customerEmail: string;
  readonly total: number;
};
