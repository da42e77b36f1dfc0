import { DomainError } from '../../../Shared/domain/DomainError.ts';
import { fail, ok } from '../../../Shared/domain/Result.ts';
import type { Result } from '../../../Shared/domain/Result.ts';
import type { CreateOrderCommand } from './CreateOrderCommand.ts';

const MAX_ITEMS = 20;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// #region validate-create-order-command
/**
 * Validador del comando: comprueba la forma de la petición antes de tocar el dominio, venga de
 * HTTP, de una cola o de un test. Las reglas de negocio siguen en el agregado.
 */
export function validateCreateOrderCommand(command: CreateOrderCommand): Result<CreateOrderCommand, DomainError> {
  if (!EMAIL.test(command.customerEmail)) return fail(new DomainError('INVALID_COMMAND', 'invalid', 'customerEmail no es un email válido'));
  if (command.items.length === 0 || command.items.length > MAX_ITEMS) {
    return fail(new DomainError('INVALID_COMMAND', 'invalid', `Un pedido lleva entre 1 y ${MAX_ITEMS} líneas`));
  }
  if (command.items.some((item) => item.productId.trim() === '')) return fail(new DomainError('INVALID_COMMAND', 'invalid', 'Cada línea necesita un productId'));
  return ok(command);
}
// #endregion validate-create-order-command
