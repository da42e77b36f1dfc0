// Reintentos con backoff exponencial y "full jitter". Sin dependencias de Node ni de Hono: sirve
// para envolver cualquier operación asíncrona.

/** Cuántas veces y con qué esperas se reintenta. */
export type RetryPolicy = {
  /** Reintentos además del primer intento (2 → hasta 3 intentos en total). */
  retries: number;
  /** Techo de la espera antes del primer reintento; se duplica en cada reintento. */
  baseDelayMs: number;
  /** La espera nunca supera este valor, por muchos reintentos que lleve. */
  maxDelayMs: number;
  /** Número al azar en [0, 1); se inyecta para que los tests sean deterministas. */
  random?: () => number;
};

export type RetryOptions = RetryPolicy & {
  /** ¿Merece la pena reintentar este error? Por defecto, sí. */
  shouldRetry?: (error: unknown) => boolean;
  /** Aviso antes de cada espera (para el log): qué intento falló y cuánto se esperará. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  sleep?: (ms: number) => Promise<void>;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// #region full-jitter-delay
/** Espera antes del reintento número `attempt + 1` (attempt empieza en 0). */
export function fullJitterDelay(attempt: number, policy: RetryPolicy): number {
  const random = policy.random ?? Math.random;
  // El techo crece exponencialmente hasta maxDelayMs; la espera es un valor al azar bajo el
  // techo, para que los clientes que fallaron a la vez no vuelvan todos a la vez.
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** Ejecuta `fn`; si falla con un error reintentable, espera y lo vuelve a intentar. */
export async function retry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const retryable = options.shouldRetry?.(error) ?? true;
      if (attempt >= options.retries || !retryable) throw error;
      const delayMs = fullJitterDelay(attempt, options);
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs);
    }
  }
}
// #endregion full-jitter-delay
