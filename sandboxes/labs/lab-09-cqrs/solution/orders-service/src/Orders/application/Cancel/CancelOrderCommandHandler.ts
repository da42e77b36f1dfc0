import type { DomainError } from '../../../Shared/domain/DomainError.ts';
import type { Result } from '../../../Shared/domain/Result.ts';
import type { OrderResponse } from '../OrderResponse.ts';
import type { CancelOrderCommand } from './CancelOrderCommand.ts';
import type { OrderCanceller } from './OrderCanceller.ts';

export class CancelOrderCommandHandler {
  private readonly canceller: OrderCanceller;

  constructor(canceller: OrderCanceller) {
    this.canceller = canceller;
  }

  async handle(command: CancelOrderCommand): Promise<Result<OrderResponse, DomainError>> {
    return this.canceller.run(command.orderId);
  }
}
