import type { ErpConnectionConfig } from '../connector-definition.ts';
import { classifyHttpFailure, erpFetch } from '../http/erp-http.ts';
import { customerTransactionId, ORACLE_SYSTEM, oracleHeaders, oracleQueryString, oracleResourceUrl, type ReceivablesResource } from './oracle-connection.ts';
import { readOracleError } from './read-oracle-error.ts';

export interface FindReceivablesTransactionInput {
  readonly resource: ReceivablesResource;
  readonly transactionNumber: string;
  readonly businessUnit: string;
  /** For messages ("invoice INV-1"). */
  readonly label: string;
  readonly signal?: AbortSignal;
}

/**
 * Looks a Receivables transaction up by its number in the business unit
 * (`q=TransactionNumber='…';BusinessUnit='…'`): Oracle has no idempotency key, so this
 * lookup is what makes posting exactly once. Undefined when Oracle has no such transaction.
 */
export async function findReceivablesTransaction(config: ErpConnectionConfig, input: FindReceivablesTransactionInput): Promise<{ customerTransactionId: string; httpStatus: number } | undefined> {
  const q = `TransactionNumber=${oracleQueryString(input.transactionNumber)};BusinessUnit=${oracleQueryString(input.businessUnit)}`;
  const action = `looking up ${input.label} in business unit ${input.businessUnit}`;
  const response = await erpFetch(
    `${oracleResourceUrl(config, input.resource)}?q=${encodeURIComponent(q)}&onlyData=true&limit=1`,
    { method: 'GET', headers: oracleHeaders(config, false) },
    { system: ORACLE_SYSTEM, action, timeoutMs: config.timeoutMs, signal: input.signal },
  );
  if (response.status !== 200) {
    const { code, message } = readOracleError(response);
    throw classifyHttpFailure(response, { system: ORACLE_SYSTEM, action, errorCode: code, message });
  }
  const items = (response.json as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) throw classifyHttpFailure(response, { system: ORACLE_SYSTEM, action });
  if (items.length === 0) return undefined;
  const id = customerTransactionId(response.text);
  if (id === undefined) throw classifyHttpFailure(response, { system: ORACLE_SYSTEM, action });
  return { customerTransactionId: id, httpStatus: response.status };
}
