import type { Contract, Page } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { Link } from '../../app/router.tsx';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { ContractTable } from '../contracts/contract-table.tsx';

/** The customer's contracts (the first 50), with a link to all of them in the contract list. */
export function CustomerContracts({ customerId }: { customerId: string }) {
  const contracts = useApi<Page<Contract>>(`/v1/contracts?customerId=${encodeURIComponent(customerId)}&limit=50`);
  return (
    <section aria-labelledby="contracts-title">
      <h2 id="contracts-title">Contracts</h2>
      {contracts.error && <ErrorNotice error={contracts.error} retry={contracts.reload} title="The contracts could not be loaded." />}
      {!contracts.data && contracts.loading && <Loading what="contracts" />}
      {contracts.data && contracts.data.data.length === 0 && <Empty>This customer has no contracts yet.</Empty>}
      {contracts.data && contracts.data.data.length > 0 && <ContractTable contracts={contracts.data.data} caption="Contracts of this customer" />}
      {contracts.data?.nextCursor && (
        <p>
          <Link to={`/contracts?customerId=${customerId}`}>All contracts of this customer</Link>
        </p>
      )}
    </section>
  );
}
