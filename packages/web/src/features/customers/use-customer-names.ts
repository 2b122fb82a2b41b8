import type { CustomerSummary, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';

/** Names the customers of a page of rows in one call (`GET /v1/customers?ids=…`); the id shows until it loads. */
export function useCustomerNames(ids: readonly string[]): (id: string) => string {
  const unique = [...new Set(ids)].sort().slice(0, 100);
  const customers = useApi<Page<CustomerSummary>>(unique.length ? `/v1/customers?ids=${unique.join(',')}&limit=100` : null);
  return (id) => customers.data?.data.find((c) => c.id === id)?.name ?? id;
}
