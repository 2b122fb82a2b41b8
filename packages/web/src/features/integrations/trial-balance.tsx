import { useState } from 'react';
import { query } from '../../api/client.ts';
import type { TrialBalance } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useEntities } from '../../app/entities.tsx';
import { groupDigits } from '../../ui/format.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';

/** The built-in ledger's trial balance for one entity, whether it balances, and the journal as CSV or hledger. */
export function TrialBalancePanel() {
  const entities = useEntities();
  const [chosen, setChosen] = useState('');
  const entityId = chosen || entities[0]?.id || '';
  const balance = useApi<TrialBalance>(entityId ? `/v1/ledger/trial-balance${query({ entityId })}` : null);

  return (
    <section aria-labelledby="ledger-title">
      <h2 id="ledger-title">Built-in ledger: trial balance</h2>
      <div className="inline-form">
        <label htmlFor="tb-entity">Entity</label>
        <select id="tb-entity" value={entityId} onChange={(e) => setChosen(e.target.value)}>
          {entities.map((e) => (
            <option key={e.id} value={e.id}>
              {e.code} — {e.legalName}
            </option>
          ))}
        </select>
        {entityId && (
          <>
            <a href={`/v1/ledger/export${query({ entityId, format: 'csv' })}`} download>
              Download CSV
            </a>
            <a href={`/v1/ledger/export${query({ entityId, format: 'hledger' })}`} download>
              Download hledger journal
            </a>
          </>
        )}
      </div>
      {!entityId && <Loading what="entities" />}
      {balance.error && <ErrorNotice error={balance.error} retry={balance.reload} title="The trial balance could not be loaded." />}
      {!balance.data && balance.loading && <Loading what="the trial balance" />}
      {balance.data && balance.data.rows.length === 0 && <Empty>Nothing has been posted to the built-in ledger for this entity yet.</Empty>}
      {balance.data && balance.data.rows.length > 0 && (
        <>
          <p role="status" className={`state ${balance.data.balanced ? 'notice' : 'error'}`}>
            {balance.data.balanced ? 'Balanced: per currency, debits equal credits.' : 'Not balanced: debits and credits differ in at least one currency.'}
          </p>
          <table className="data compact trial-balance">
            <caption className="sr-only">Trial balance per account and currency</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Currency</th>
                <th scope="col" className="num">Debit</th>
                <th scope="col" className="num">Credit</th>
                <th scope="col" className="num">Balance</th>
              </tr>
            </thead>
            <tbody>
              {balance.data.rows.map((row) => (
                <tr key={`${row.accountCode}-${row.currency}`}>
                  <td>{row.accountCode}</td>
                  <td>{row.currency}</td>
                  <td className="num">{groupDigits(row.debit)}</td>
                  <td className="num">{groupDigits(row.credit)}</td>
                  <td className="num">{groupDigits(row.balance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
