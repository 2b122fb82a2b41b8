import type { ErpConnectionConfig } from '../connector-definition.ts';

/** The ERP's name in every message a finance user reads. */
export const ORACLE_SYSTEM = 'Oracle Fusion';

const RESOURCES_PATH = '/fscmRestApi/resources/11.13.18.05';

/** The Receivables resource of a document type. */
export type ReceivablesResource = 'receivablesInvoices' | 'receivablesCreditMemos';

/** Invoices go to `receivablesInvoices`, credit memos to `receivablesCreditMemos`. */
export function receivablesResource(documentType: 'invoice' | 'credit_memo'): ReceivablesResource {
  return documentType === 'invoice' ? 'receivablesInvoices' : 'receivablesCreditMemos';
}

/** `{baseUrl}/fscmRestApi/resources/11.13.18.05/{resource}`. */
export function oracleResourceUrl(config: ErpConnectionConfig, resource: ReceivablesResource): string {
  return `${config.baseUrl.replace(/\/+$/, '')}${RESOURCES_PATH}/${resource}`;
}

/** HTTP Basic and the ADF REST framework version every call carries. */
export function oracleHeaders(config: ErpConnectionConfig, write: boolean): Record<string, string> {
  const { username = '', password = '' } = config.credentials;
  return {
    Authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`,
    'REST-Framework-Version': '4',
    Accept: 'application/json',
    ...(write ? { 'Content-Type': 'application/vnd.oracle.adf.resourceitem+json' } : {}),
  };
}

/** A value in a `q=` query: single-quoted, inner quotes doubled. */
export function oracleQueryString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** "invoice INV-1" / "credit memo CN-1": how messages name the document. */
export function documentLabel(documentType: 'invoice' | 'credit_memo', documentNumber: string): string {
  return `${documentType === 'invoice' ? 'invoice' : 'credit memo'} ${documentNumber}`;
}

/**
 * The `CustomerTransactionId` of the first resource in a body, read from the text so a
 * 15-digit id never loses a digit in a JavaScript number.
 */
export function customerTransactionId(text: string): string | undefined {
  return /"CustomerTransactionId"\s*:\s*"?(\d+)/.exec(text)?.[1];
}
