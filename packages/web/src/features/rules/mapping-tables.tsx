import type { ErpConnectionMapping, ErpMappingContent } from '../../api/types.ts';
import { useEntityCode } from '../../app/entities.tsx';
import { Empty } from '../../ui/states.tsx';

/** Rows shown per table; products and customers can be many thousands (the JSON has them all). */
const MAX_ROWS = 200;

/** One table of ours → the ERP's, with how many entries it has. */
function PairTable({ caption, ours, theirs, table, name = (key) => key }: {
  caption: string;
  ours: string;
  theirs: string;
  table: Readonly<Record<string, string>> | undefined;
  name?: (key: string) => string;
}) {
  const entries = Object.entries(table ?? {});
  return (
    <table className="data compact">
      <caption>
        {caption} ({entries.length})
      </caption>
      <thead>
        <tr>
          <th scope="col">{ours}</th>
          <th scope="col">{theirs}</th>
        </tr>
      </thead>
      <tbody>
        {entries.length === 0 && (
          <tr>
            <td colSpan={2} className="muted">
              none listed
            </td>
          </tr>
        )}
        {entries.slice(0, MAX_ROWS).map(([key, value]) => (
          <tr key={key}>
            <td>
              {name(key) === key ? (
                <code>{key}</code>
              ) : (
                <>
                  {name(key)}
                  <div className="muted small">
                    <code>{key}</code>
                  </div>
                </>
              )}
            </td>
            <td>
              <code>{value}</code>
            </td>
          </tr>
        ))}
        {entries.length > MAX_ROWS && (
          <tr>
            <td colSpan={2} className="muted small">
              and {entries.length - MAX_ROWS} more (in the JSON content)
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** Dimensions: the ERP segment each goes to and, when listed, how its values translate. */
function DimensionTable({ dimensions }: { dimensions: ErpConnectionMapping['dimensions'] }) {
  const entries = Object.entries(dimensions ?? {});
  return (
    <table className="data compact">
      <caption>Dimensions ({entries.length})</caption>
      <thead>
        <tr>
          <th scope="col">Dimension</th>
          <th scope="col">ERP segment</th>
          <th scope="col">Values</th>
        </tr>
      </thead>
      <tbody>
        {entries.length === 0 && (
          <tr>
            <td colSpan={3} className="muted">
              none listed
            </td>
          </tr>
        )}
        {entries.map(([code, d]) => (
          <tr key={code}>
            <td>
              <code>{code}</code>
            </td>
            <td>
              <code>{d.segment}</code>
            </td>
            <td className="small">
              {d.values
                ? Object.entries(d.values).map(([ours, theirs]) => `${ours} → ${theirs}`).join(', ')
                : 'sent as they are'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ConnectionMapping({ name, tables }: { name: string; tables: ErpConnectionMapping }) {
  const entityCode = useEntityCode();
  const id = `mapping-${name}`;
  const defaults = [tables.defaults?.account && `account ${tables.defaults.account}`, tables.defaults?.taxCode && `tax code ${tables.defaults.taxCode}`].filter(Boolean);
  return (
    <section aria-labelledby={id} className="card mapping">
      <h3 id={id}>Connection {name}</h3>
      <p className="muted small">
        Fallbacks: {defaults.length > 0 ? defaults.join(', ') : 'none (an account or tax code not listed holds the document)'}.
      </p>
      <div className="mapping-tables">
        <PairTable caption="Entities" ours="Legal entity" theirs="ERP company" table={tables.entities} name={entityCode} />
        <PairTable caption="Accounts" ours="GL account" theirs="ERP account" table={tables.accounts} />
        <PairTable caption="Tax codes" ours="Tax code" theirs="ERP tax code" table={tables.taxCodes} />
        <DimensionTable dimensions={tables.dimensions} />
      </div>
      <details>
        <summary>Products ({Object.keys(tables.products ?? {}).length}) and customers ({Object.keys(tables.customers ?? {}).length})</summary>
        <p className="muted small">Products and customers not listed are looked up in their external ids (system erp:{name}).</p>
        <div className="mapping-tables">
          <PairTable caption="Products" ours="Product" theirs="ERP item" table={tables.products} />
          <PairTable caption="Customers" ours="Customer" theirs="ERP customer" table={tables.customers} />
        </div>
      </details>
      {(['invoice', 'credit_memo'] as const).map((type) => (
        <details key={type}>
          <summary>{type === 'invoice' ? 'Invoice' : 'Credit memo'} template (JSONata)</summary>
          <pre className="json">{tables.templates[type]}</pre>
        </details>
      ))}
    </section>
  );
}

/** An erp_mapping version's content: per connection, its tables (ours → the ERP's) and its request templates. */
export function MappingTables({ content }: { content: ErpMappingContent }) {
  const names = Object.keys(content.connections ?? {}).sort();
  if (names.length === 0) return <Empty>This version maps no connection yet.</Empty>;
  return (
    <>
      {names.map((name) => (
        <ConnectionMapping key={name} name={name} tables={content.connections[name]!} />
      ))}
    </>
  );
}
