/**
 * Almacén clave-valor mínimo (como Redis, DynamoDB o el localStorage del navegador): guarda
 * textos bajo una clave. Es un detalle de infraestructura: el dominio nunca lo ve.
 */
export type KeyValueStore = {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  keys(prefix: string): Promise<string[]>;
};
