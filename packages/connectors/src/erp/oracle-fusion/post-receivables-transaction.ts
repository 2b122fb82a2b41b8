import { ErpCallError, type ErpPostContext, type ErpPostingDocument, type ErpPostResult } from '@invoiceops/core';
import type { ErpConnectionConfig } from '../connector-definition.ts';
import { classifyHttpFailure, erpFetch, type ErpResponse } from '../http/erp-http.ts';
import { findReceivablesTransaction } from './find-receivables-transaction.ts';
import { customerTransactionId, documentLabel, ORACLE_SYSTEM, oracleHeaders, oracleResourceUrl, receivablesResource } from './oracle-connection.ts';
import { readOracleError } from './read-oracle-error.ts';

/** The transaction source when neither the settings nor the template name one. */
export const DEFAULT_TRANSACTION_SOURCE = 'Manual-NES';

// Oracle's words when the transaction number is taken (a race with another attempt).
const DUPLICATE = /already exists|duplicate|must be unique|unique transaction number/i;
const MASTER_DATA = /doesn't exist|does not exist|isn't valid for|not found|_NOT_FOUND/i;

/**
 * Creates a Receivables invoice or credit memo in Oracle Fusion exactly once: it always
 * looks the transaction number up in the business unit first, then creates it. A duplicate
 * refusal on create (another attempt won a race) is looked up again and counts as
 * already posted. The ERP id is Oracle's `CustomerTransactionId`.
 */
export async function postReceivablesTransaction(config: ErpConnectionConfig, document: ErpPostingDocument, body: unknown, context: ErpPostContext): Promise<ErpPostResult> {
  const label = documentLabel(document.documentType, document.documentNumber);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ErpCallError(`The Oracle Fusion template did not produce a JSON object for ${label}`, 'refused', { errorCode: 'template_invalid', exceptionCategory: 'posting_failure' });
  }
  const rendered = body as Record<string, unknown>;
  const fields: Record<string, unknown> = {
    ...rendered,
    BusinessUnit: config.settings.businessUnit || textOf(rendered.BusinessUnit) || document.company,
    TransactionSource: config.settings.transactionSource || textOf(rendered.TransactionSource) || DEFAULT_TRANSACTION_SOURCE,
    TransactionNumber: textOf(rendered.TransactionNumber) || document.documentNumber,
  };
  const resource = receivablesResource(document.documentType);
  const lookup = { resource, transactionNumber: String(fields.TransactionNumber), businessUnit: String(fields.BusinessUnit), label, signal: context.signal };

  const found = await findReceivablesTransaction(config, lookup);
  if (found) return { outcome: 'already_posted', erpDocumentId: found.customerTransactionId, httpStatus: found.httpStatus };

  const action = `creating ${label}`;
  const response = await erpFetch(
    oracleResourceUrl(config, resource),
    { method: 'POST', headers: oracleHeaders(config, true), body: JSON.stringify(fields) },
    { system: ORACLE_SYSTEM, action, timeoutMs: config.timeoutMs, signal: context.signal },
  );
  const id = customerTransactionId(response.text);
  if ((response.status === 201 || response.status === 200) && id !== undefined) return { outcome: 'posted', erpDocumentId: id, httpStatus: response.status };

  const failure = failureOf(response, action, label);
  if (failure.kind === 'refused' && DUPLICATE.test(failure.message)) {
    const winner = await findReceivablesTransaction(config, lookup);
    if (winner) return { outcome: 'already_posted', erpDocumentId: winner.customerTransactionId, httpStatus: winner.httpStatus };
  }
  throw failure;
}

function failureOf(response: ErpResponse, action: string, label: string): ErpCallError {
  const { code, message } = readOracleError(response);
  const failure = classifyHttpFailure(response, { system: ORACLE_SYSTEM, action, errorCode: code, message });
  if (failure.kind !== 'refused') return failure;
  const words = message ?? `HTTP ${response.status}`;
  return new ErpCallError(`Oracle Fusion refused ${label}: ${words}`, 'refused', {
    ...failure.details,
    exceptionCategory: MASTER_DATA.test(`${code ?? ''} ${words}`) ? 'master_data' : 'posting_failure',
  });
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
