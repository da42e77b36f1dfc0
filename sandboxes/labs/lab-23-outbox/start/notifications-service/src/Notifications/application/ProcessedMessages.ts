/**
 * Puerto: los ids de mensaje ya procesados. claim reserva un id y devuelve false si ya estaba
 * (procesado o en curso); release lo libera si el procesamiento falló y el mensaje se reintentará.
 * En una base de datos: INSERT … ON CONFLICT DO NOTHING en la misma transacción que el efecto.
 */
export type ProcessedMessages = {
  claim(messageId: string): Promise<boolean>;
  release(messageId: string): Promise<void>;
};
