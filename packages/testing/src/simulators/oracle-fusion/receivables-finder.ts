import type { SimRequest, SimResponse } from '../simulator-server.ts';
import { plainTextError } from './oracle-answers.ts';
import { transactionResource, type SimReceivablesResource, type SimReceivablesTransaction } from './receivables-store.ts';

const QUERYABLE = new Set(['TransactionNumber', 'BusinessUnit', 'TransactionSource', 'BillToCustomerNumber', 'CustomerTransactionId', 'TransactionType']);

/**
 * `GET receivablesInvoices` / `receivablesCreditMemos`: the collection filtered by
 * `q=Attr='value';Attr2="value"` (equality only), with `limit`, `offset` and `onlyData`.
 */
export function findReceivablesTransactions(request: SimRequest, resource: SimReceivablesResource, store: readonly SimReceivablesTransaction[]): SimResponse {
  const q = request.query.get('q') ?? '';
  const conditions = parseQ(q);
  if (typeof conditions === 'string') return plainTextError(400, `URL request parameter q with value ${q} is invalid: ${conditions}`);
  const limit = Number.parseInt(request.query.get('limit') ?? '25', 10) || 25;
  const offset = Number.parseInt(request.query.get('offset') ?? '0', 10) || 0;
  const onlyData = request.query.get('onlyData') === 'true';
  const matching = store.filter((transaction) => transaction.resource === resource && conditions.every(([name, value]) => String((transaction as unknown as Record<string, unknown>)[name]) === value));
  const page = matching.slice(offset, offset + limit).map((transaction) => transactionResource(transaction, !onlyData));
  return {
    status: 200,
    headers: { 'content-type': 'application/vnd.oracle.adf.resourcecollection+json' },
    body: { items: page, count: page.length, hasMore: offset + limit < matching.length, limit, offset, ...(onlyData ? {} : { links: [] }) },
  };
}

// Conditions separated by ';', each Attr='v', Attr="v" or Attr=v ('' inside single quotes).
function parseQ(q: string): Array<[string, string]> | string {
  const conditions: Array<[string, string]> = [];
  const pattern = /\s*(\w+)\s*=\s*(?:'((?:[^']|'')*)'|"([^"]*)"|([^;'"]*))\s*(?:;|$)/y;
  let at = 0;
  while (at < q.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(q);
    if (!match?.[1] || match[0] === '') return `cannot read the condition at character ${at}`;
    if (!QUERYABLE.has(match[1])) return `attribute ${match[1]} is not queryable`;
    conditions.push([match[1], match[2] !== undefined ? match[2].replace(/''/g, "'") : (match[3] ?? match[4] ?? '').trim()]);
    at = pattern.lastIndex;
  }
  return conditions;
}
