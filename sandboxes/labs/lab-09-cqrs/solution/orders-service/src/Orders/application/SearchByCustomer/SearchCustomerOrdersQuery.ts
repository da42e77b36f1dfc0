export type SearchCustomerOrdersQuery = { readonly customerEmail: string };
