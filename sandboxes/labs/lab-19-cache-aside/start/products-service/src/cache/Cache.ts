// #region cache-port
/**
 * Puerto de caché: lo que la aplicación necesita de Redis, y nada más. Los valores son texto (JSON);
 * el adaptador decide cómo se guardan. Un test puede usar una implementación en memoria.
 */
export type Cache = {
  get(key: string): Promise<string | null>;
  /** Guarda `value` con caducidad: ninguna entrada vive para siempre. */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Toma un cerrojo que caduca solo; devuelve su token, o null si otro lo tiene. */
  tryLock(key: string, ttlMs: number): Promise<string | null>;
  /** Suelta el cerrojo solo si sigue siendo nuestro (mismo token). */
  unlock(key: string, token: string): Promise<void>;
};
// #endregion cache-port
