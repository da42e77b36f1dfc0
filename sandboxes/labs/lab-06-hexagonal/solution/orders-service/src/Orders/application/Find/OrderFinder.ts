import type { DomainError } from '../../../Shared/domain/DomainError.ts';
import { fail, ok } from '../../../Shared/domain/Result.ts';
import type { Result } from '../../../Shared/domain/Result.ts';
import { orderNotFound } from '../../domain/OrderErrors.ts';
import type { OrderRepository } from '../../domain/OrderRepository.ts';
import { toOrderResponse } from '../OrderResponse.ts';
import type { OrderResponse } from '../OrderResponse.ts';

export class OrderFinder {
  private readonly repository: OrderRepository;

  constructor(repository: OrderRepository) {
    this.repository = repository;
  }

  async run(id: string): Promise<Result<OrderResponse, DomainError>> {
    const order = await this.repository.search(id);
    return order ? ok(toOrderResponse(order)) : fail(orderNotFound(id));
  }
}
