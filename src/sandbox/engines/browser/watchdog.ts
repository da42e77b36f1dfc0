// Runaway detection: each worker sends a heartbeat; one silent for too long (an infinite loop, a
// huge allocation) is crashed with a message that says which phase it was in. Armed only while
// some service runs.
import type { ServiceHost } from './service-host.ts';

export interface WatchdogLimits {
  /** A running worker silent this long is stopped. */
  silenceLimitMs: number;
  /** Longest silence while a worker evaluates its modules. */
  loadSilenceLimitMs: number;
  /** Longest wait for a new worker's first message. */
  bootTimeoutMs: number;
}

export class Watchdog {
  readonly #hosts: () => Iterable<[string, ServiceHost]>;
  readonly #limits: WatchdogLimits;
  #timer: ReturnType<typeof setInterval> | undefined;
  #lastTick = performance.now();

  constructor(hosts: () => Iterable<[string, ServiceHost]>, limits: WatchdogLimits) {
    this.#hosts = hosts;
    this.#limits = limits;
  }

  arm(): void {
    if (this.#timer) return;
    this.#lastTick = performance.now();
    this.#timer = setInterval(() => this.#check(), 250);
  }

  disarm(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #check(): void {
    const now = performance.now();
    // If this page itself was frozen (or throttled), silence proves nothing about the workers.
    const pageWasBusy = now - this.#lastTick > 1000;
    this.#lastTick = now;
    if (pageWasBusy) return;
    for (const [name, host] of this.#hosts()) {
      if (!host.alive) continue;
      const phase = !host.hasBooted ? 'boot' : host.isReady ? 'running' : 'loading';
      const limit = { boot: this.#limits.bootTimeoutMs, loading: this.#limits.loadSilenceLimitMs, running: this.#limits.silenceLimitMs }[phase];
      if (host.silenceMs(now) <= limit) continue;
      const seconds = Math.round(limit / 1000);
      host.crash(
        {
          boot: `El servicio ${name} no arrancó en ${seconds} s. Se detuvo el worker; vuelve a pulsar Ejecutar.`,
          loading: `El servicio ${name} no terminó de cargar sus módulos en ${seconds} s: ¿hay un bucle infinito fuera de una función? Se detuvo el worker; corrige el código y pulsa Ejecutar.`,
          running: `El servicio ${name} no respondió en ${seconds} s: probablemente un bucle infinito. Se detuvo el worker; corrige el código y pulsa Ejecutar.`,
        }[phase],
      );
    }
  }
}
