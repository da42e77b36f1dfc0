import type { CustomerOrderSummary, CustomerOrdersView } from './CustomerOrdersView.ts';
import type { SearchCustomerOrdersQuery } from './SearchCustomerOrdersQuery.ts';

export type CustomerOrdersResponse = {
  customerEmail: string;
  orders: Array<Omit<CustomerOrderSummary, 'customerEmail'>>;
  activeOrders: number;
  totalSpent: number;
};

// #region search-customer-orders-query-handler
/** Consulta: lee solo del modelo de lectura. No carga agregados ni aplica reglas. */
export class SearchCustomerOrdersQueryHandler {
  private readonly view: CustomerOrdersView;

  constructor(view: CustomerOrdersView) {
    this.view = view;
  }

  async handle(query: SearchCustomerOrdersQuery): Promise<CustomerOrdersResponse> {
    const summaries = await this.view.byCustomer(query.customerEmail.toLowerCase());
    const active = summaries.filter((summary) => summary.status !== 'cancelled');
    return {
      customerEmail: query.customerEmail,
      orders: summaries.map(({ customerEmail: _email, ...rest }) => rest),
      activeOrders: active.length,
      totalSpent: Math.round(active.reduce((sum, summary) => sum + summary.total * 100, 0)) / 100,
    };
  }
}
// #endregion search-customer-orders-query-handler
