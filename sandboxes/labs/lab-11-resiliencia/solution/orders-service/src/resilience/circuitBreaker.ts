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

  // #region execute
  /** Ejecuta `fn` si el circuito lo permite y anota si salió bien o mal. */
  async execute<T>(fn: () => Promise<T>): Promise<T> {
    const isProbe = this.admit();
    try {
      const result = await fn();
      this.recordSuccess(isProbe);
      return result;
    } catch (error) {
      this.recordFailure(isProbe);
      throw error;
    }
  }

  /** Deja pasar la llamada o lanza CircuitOpenError; devuelve si es la llamada de prueba. */
  private admit(): boolean {
    if (this.currentState === 'open') {
      const waited = this.now() - this.openedAt;
      if (waited < this.resetTimeoutMs) {
        throw new CircuitOpenError('circuito abierto', this.resetTimeoutMs - waited);
      }
      this.moveTo('half-open');
    }
    if (this.currentState === 'half-open') {
      if (this.probeInFlight) throw new CircuitOpenError('circuito semiabierto: ya hay una llamada de prueba en curso', 0);
      this.probeInFlight = true;
      return true;
    }
    return false;
  }

  private recordSuccess(isProbe: boolean): void {
    if (isProbe) {
      this.probeInFlight = false;
      this.moveTo('closed');
    } else if (this.currentState === 'closed') {
      this.consecutiveFailures = 0;
    }
  }

  private recordFailure(isProbe: boolean): void {
    if (isProbe) {
      this.probeInFlight = false;
      this.moveTo('open');
    } else if (this.currentState === 'closed') {
      this.consecutiveFailures++;
      if (this.consecutiveFailures >= this.failureThreshold) this.moveTo('open');
    }
    // Una llamada antigua que termina con el circuito ya abierto o en prueba no cambia nada.
  }

  private moveTo(next: CircuitState): void {
    const previous = this.currentState;
    this.currentState = next;
    if (next === 'open') this.openedAt = this.now();
    if (next === 'closed') this.consecutiveFailures = 0;
    this.onStateChange(previous, next);
  }
  // #endregion execute
}
