import type { OrderRepository } from '../../domain/OrderRepository.ts';
import { toOrderResponse } from '../OrderResponse.ts';
import type { OrderResponse } from '../OrderResponse.ts';

export class OrdersSearcher {
  private readonly repository: OrderRepository;

  constructor(repository: OrderRepository) {
    this.repository = repository;
  }

  async run(): Promise<OrderResponse[]> {
    return (await this.repository.searchAll()).map(toOrderResponse);
  }
}
