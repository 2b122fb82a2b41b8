import { query } from '../../api/client.ts';
import type { Contract, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { EntitySelect } from '../../app/entities.tsx';
import { navigate, useLocation } from '../../app/router.tsx';
import { Pager, useCursorPages } from '../../ui/pager.tsx';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { CustomerPicker } from '../customers/customer-picker.tsx';
import { useCustomerNames } from '../customers/use-customer-names.ts';
import { ContractTable } from './contract-table.tsx';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['customerId', 'entityId', 'status'] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;

/** Contracts filtered by customer, entity and status, with cursor pagination; filters live in the URL. */
export function ContractListPage() {
  const { search } = useLocation();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, search.get(k) ?? ''])) as Filters;
  const pages = useCursorPages(FILTER_KEYS.map((k) => filters[k]).join('|'));
  const list = useApi<Page<Contract>>(`/v1/contracts${query({ ...filters, limit: PAGE_SIZE, cursor: pages.cursor })}`);
  const customerName = useCustomerNames(list.data?.data.map((c) => c.customerId) ?? []);
  const set = (key: keyof Filters) => (value: string) => navigate(`/contracts${query({ ...filters, [key]: value })}`, { replace: true });

  return (
    <>
      <header className="page-header">
        <h1>Contracts</h1>
        {FILTER_KEYS.some((k) => filters[k]) && (
          <button type="button" className="secondary" onClick={() => navigate('/contracts', { replace: true })}>
            Clear filters
          </button>
        )}
      </header>
      <form className="filters" role="search" aria-label="Filter contracts" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="k-entity">Entity</label>
          <EntitySelect id="k-entity" value={filters.entityId} onChange={set('entityId')} />
        </div>
        <div className="field">
          <label htmlFor="k-status">Status</label>
          <select id="k-status" value={filters.status} onChange={(e) => set('status')(e.target.value)}>
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="cancelled">Cancelled</option>
            <option value="ended">Ended</option>
            <option value="renewed">Renewed</option>
          </select>
        </div>
        <CustomerPicker id="k-customer" value={filters.customerId} onChange={set('customerId')} entityId={filters.entityId} />
      </form>
      {list.error && <ErrorNotice error={list.error} retry={list.reload} title="The contracts could not be loaded." />}
      {!list.data && list.loading && <Loading what="contracts" />}
      {list.data && list.data.data.length === 0 && <Empty>No contracts match these filters.</Empty>}
      {list.data && list.data.data.length > 0 && <ContractTable contracts={list.data.data} caption={`Contracts, page ${pages.page}`} customerName={customerName} />}
      {list.data && <Pager page={pages.page} nextCursor={list.data.nextCursor} onNext={pages.next} onPrevious={pages.previous} />}
    </>
  );
}
