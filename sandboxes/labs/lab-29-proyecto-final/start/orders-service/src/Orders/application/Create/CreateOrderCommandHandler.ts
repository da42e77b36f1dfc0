import type { DomainError } from '../../../Shared/domain/DomainError.ts';
import type { Result } from '../../../Shared/domain/Result.ts';
import type { OrderResponse } from '../OrderResponse.ts';
import type { CreateOrderCommand } from './CreateOrderCommand.ts';
import { validateCreateOrderCommand } from './CreateOrderCommandValidator.ts';
import type { OrderCreator } from './OrderCreator.ts';
import type { OrderPlacementSaga } from '../Place/OrderPlacementSaga.ts';

// #region create-order-command-handler
/** Manejador del comando: valida, crea el pedido (OrderCreator) y arranca su saga (apartar el stock). */
export class CreateOrderCommandHandler {
  private readonly creator: OrderCreator;
  private readonly saga: OrderPlacementSaga;

  constructor(creator: OrderCreator, saga: OrderPlacementSaga) {
    this.creator = creator;
    this.saga = saga;
  }

  async handle(command: CreateOrderCommand): Promise<Result<OrderResponse, DomainError>> {
    const valid = validateCreateOrderCommand(command);
    if (!valid.ok) return valid;
    const created = await this.creator.run({ customerEmail: command.customerEmail, items: [...command.items] });
    if (!created.ok) return created;
    return this.saga.reserveStock(created.value.id);
  }
}
// #endregion create-order-command-handler
