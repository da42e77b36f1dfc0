import type { CustomerOrderSummary, CustomerOrdersView } from '../application/SearchByCustomer/CustomerOrdersView.ts';

export class InMemoryCustomerOrdersView implements CustomerOrdersView {
  private readonly summaries = new Map<string, CustomerOrderSummary>();

  async upsert(summary: CustomerOrderSummary): Promise<void> {
    this.summaries.set(summary.orderId, { ...summary });
  }

  async byOrderId(orderId: string): Promise<CustomerOrderSummary | undefined> {
    const summary = this.summaries.get(orderId);
    return summary ? { ...summary } : undefined;
  }

  async byCustomer(customerEmail: string): Promise<CustomerOrderSummary[]> {
    return [...this.summaries.values()]
      .filter((summary) => summary.customerEmail === customerEmail)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((summary) => ({ ...summary }));
  }
}
