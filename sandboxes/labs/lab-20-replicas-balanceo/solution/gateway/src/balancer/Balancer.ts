/**
 * Elige la réplica de cada petición: round robin entre las réplicas sanas. Una réplica sale de la
 * rotación cuando falla su probe de salud o una petición (probe pasivo) y vuelve cuando su probe
 * responde 200.
 */
export class Balancer {
  readonly replicas: readonly string[];
  private readonly down = new Set<string>();
  private next = 0;

  constructor(replicas: readonly string[]) {
    this.replicas = replicas;
  }

  // #region round-robin
  pick(exclude: readonly string[] = []): string | undefined {
    const untried = this.replicas.filter((replica) => !exclude.includes(replica));
    const healthy = untried.filter((replica) => !this.down.has(replica));
    // Si todas parecen caídas (p. ej. al arrancar, antes de que respondan), se prueba igual: como NGINX.
    const candidates = healthy.length > 0 ? healthy : untried;
    if (candidates.length === 0) return undefined;
    this.next = (this.next + 1) % candidates.length;
    return candidates[this.next];
  }
  // #endregion round-robin

  markDown(replica: string): void {
    this.down.add(replica);
  }

  // #region probe
  async probe(timeoutMs: number): Promise<void> {
    await Promise.all(
      this.replicas.map(async (replica) => {
        try {
          const response = await fetch(`${replica}/ping`, { signal: AbortSignal.timeout(timeoutMs) });
          await response.arrayBuffer();
          if (response.ok) this.down.delete(replica);
          else this.down.add(replica);
        } catch {
          this.down.add(replica);
        }
      }),
    );
  }
  // #endregion probe
}
