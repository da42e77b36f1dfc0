/** Un ticket: vale para abrir una conexión al canal de un pedido, una sola vez y durante unos segundos. */
export type Ticket = { orderId: string; customerEmail: string; expiresAt: number };
export type IssuedTicket = { ticket: string; expiresAt: number };

/** Puerto: dónde viven los tickets (en memoria en una réplica; en Redis si hay varias). */
export type TicketStore = {
  issue(orderId: string, customerEmail: string): Promise<IssuedTicket>;
  /** El ticket si es válido para ese pedido; undefined si no existe, caducó, es de otro pedido o ya se usó. */
  redeem(ticket: string, orderId: string): Promise<Ticket | undefined>;
};

export class InMemoryTicketStore implements TicketStore {
  private readonly tickets = new Map<string, Ticket>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(ttlMs: number, now: () => number = Date.now) {
    this.ttlMs = ttlMs;
    this.now = now;
  }

  async issue(orderId: string, customerEmail: string): Promise<IssuedTicket> {
    this.forgetExpired();
    // 122 bits aleatorios de crypto.randomUUID(): imposible de adivinar en 30 segundos.
    const ticket = crypto.randomUUID();
    const expiresAt = this.now() + this.ttlMs;
    this.tickets.set(ticket, { orderId, customerEmail, expiresAt });
    return { ticket, expiresAt };
  }

  async redeem(_ticket: string, _orderId: string): Promise<Ticket | undefined> {
    // Paso 3: devuelve el ticket solo si existe, no ha caducado y es de ese pedido, y que no sirva dos veces.
    return undefined;
  }

  /** Sin esto, los tickets pedidos y nunca usados se acumularían para siempre. */
  private forgetExpired(): void {
    const now = this.now();
    for (const [ticket, { expiresAt }] of this.tickets) if (expiresAt <= now) this.tickets.delete(ticket);
  }
}
