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

/** Espera antes del reintento número `attempt + 1` (attempt empieza en 0). */
export function fullJitterDelay(attempt: number, policy: RetryPolicy): number {
  // TODO (Lab 11): backoff exponencial con "full jitter": un número al azar entre 0 y
  // min(maxDelayMs, baseDelayMs * 2 ** attempt), redondeado hacia abajo. Usa policy.random
  // (o Math.random si no viene) para el azar.
  return 0;
}

/** Ejecuta `fn`; si falla con un error reintentable, espera y lo vuelve a intentar. */
export async function retry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  // TODO (Lab 11): ahora solo se intenta una vez. Si fn falla, quedan reintentos
  // (options.retries) y options.shouldRetry(error) lo permite (por defecto, sí): avisa con
  // options.onRetry, espera fullJitterDelay(...) con options.sleep (o defaultSleep) y vuelve a
  // intentarlo. Si no, relanza el error tal cual.
  return fn();
}
