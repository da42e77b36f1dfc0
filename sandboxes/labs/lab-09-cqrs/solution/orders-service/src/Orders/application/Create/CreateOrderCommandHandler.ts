import type { DomainError } from '../../../Shared/domain/DomainError.ts';
import type { Result } from '../../../Shared/domain/Result.ts';
import type { OrderResponse } from '../OrderResponse.ts';
import type { CreateOrderCommand } from './CreateOrderCommand.ts';
import { validateCreateOrderCommand } from './CreateOrderCommandValidator.ts';
import type { OrderCreator } from './OrderCreator.ts';

// #region create-order-command-handler
/** Manejador del comando: valida y delega en el caso de uso OrderCreator. */
export class CreateOrderCommandHandler {
  private readonly creator: OrderCreator;

  constructor(creator: OrderCreator) {
    this.creator = creator;
  }

  async handle(command: CreateOrderCommand): Promise<Result<OrderResponse, DomainError>> {
    const valid = validateCreateOrderCommand(command);
    if (!valid.ok) return valid;
    return this.creator.run({ customerEmail: command.customerEmail, items: [...command.items] });
  }
}
// #endregion create-order-command-handler
