/** Value object de dinero: importes en céntimos (sin errores de coma flotante), inmutable, en euros. */
export class Money {
  readonly cents: number;

  private constructor(cents: number) {
    this.cents = cents;
  }

  static euros(amount: number): Money {
    return new Money(Math.round(amount * 100));
  }

  static zero(): Money {
    return new Money(0);
  }

  add(other: Money): Money {
    return new Money(this.cents + other.cents);
  }

  times(factor: number): Money {
    return new Money(this.cents * factor);
  }

  isGreaterThan(other: Money): boolean {
    return this.cents > other.cents;
  }

  equals(other: Money): boolean {
    return this.cents === other.cents;
  }

  /** En euros, p. ej. 20.5 */
  toNumber(): number {
    return this.cents / 100;
  }
}
