import { fail, ok } from '../../Shared/domain/Result.ts';
import type { Result } from '../../Shared/domain/Result.ts';
import type { DomainError } from '../../Shared/domain/DomainError.ts';
import { invalidQuantity } from './OrderErrors.ts';

// #region quantity
/** Value object: cuántas unidades de un producto. Siempre un entero entre 1 y 99. */
export class Quantity {
  static readonly MAX = 99;
  readonly value: number;

  private constructor(value: number) {
    this.value = value;
  }

  static create(value: number): Result<Quantity, DomainError> {
    if (!Number.isInteger(value) || value < 1 || value > Quantity.MAX) return fail(invalidQuantity(value));
    return ok(new Quantity(value));
  }

  add(other: Quantity): Result<Quantity, DomainError> {
    return Quantity.create(this.value + other.value);
  }
}
// #endregion quantity
