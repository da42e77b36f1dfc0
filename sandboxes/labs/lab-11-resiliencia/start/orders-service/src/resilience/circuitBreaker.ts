// Circuit breaker: si una dependencia falla una y otra vez, deja de llamarla durante un rato y
// responde al momento con CircuitOpenError. Pasado ese rato deja pasar una sola llamada de
// prueba: si sale bien, vuelve a la normalidad; si falla, otro rato sin llamar.
//   closed ──(failureThreshold fallos seguidos)──▶ open ──(resetTimeoutMs)──▶ half-open
//   half-open ──(la prueba sale bien)──▶ closed     half-open ──(la prueba falla)──▶ open

export type CircuitState = 'closed' | 'open' | 'half-open';

/** Rechazo inmediato: el circuito está abierto (o semiabierto con la prueba ya en curso). */
export class CircuitOpenError extends Error {
  /** Cuánto falta para que se permita una llamada de prueba. */
  readonly retryInMs: number;

  constructor(message: string, retryInMs: number) {
    super(message);
    this.name = 'CircuitOpenError';
    this.retryInMs = retryInMs;
  }
}

export type CircuitBreakerOptions = {
  /** Fallos seguidos (en estado cerrado) que abren el circuito. */
  failureThreshold: number;
  /** Tiempo con el circuito abierto antes de probar de nuevo. */
  resetTimeoutMs: number;
  /** Reloj inyectable: los tests lo controlan en vez de esperar de verdad. */
  now?: () => number;
  /** Aviso en cada cambio de estado (para el log y las métricas). */
  onStateChange?: (from: CircuitState, to: CircuitState) => void;
};

export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly resetTimeoutMs: number;
  private readonly now: () => number;
  private readonly onStateChange: (from: CircuitState, to: CircuitState) => void;
  private currentState: CircuitState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probeInFlight = false;

  constructor(options: CircuitBreakerOptions) {
    this.failureThreshold = options.failureThreshold;
    this.resetTimeoutMs = options.resetTimeoutMs;
    this.now = options.now ?? Date.now;
    this.onStateChange = options.onStateChange ?? (() => {});
  }

  get state(): CircuitState {
    return this.currentState;
  }

  get failures(): number {
    return this.consecutiveFailures;
  }

  /** Ejecuta `fn` si el circuito lo permite y anota si salió bien o mal. */
  async execute<T>(fn: () => Promise<T>): Promise<T> {
    // TODO (Lab 11): ahora siempre llama a fn y el circuito nunca se abre. Implementa:
    // - closed: llama; cada fallo suma en consecutiveFailures y al llegar a failureThreshold
    //   pasa a open (guarda openedAt = this.now()); cada éxito pone el contador a 0.
    // - open: si no ha pasado resetTimeoutMs desde openedAt, lanza CircuitOpenError SIN llamar;
    //   si ya pasó, pasa a half-open y esta llamada es la prueba.
    // - half-open: solo una prueba a la vez (probeInFlight); las demás, CircuitOpenError.
    //   Si la prueba sale bien, closed; si falla, open otra vez.
    // Cada cambio de estado se avisa con this.onStateChange(from, to).
    return fn();
  }
}
