import type { ErpConnectionConfig } from '../connector-definition.ts';

/** The ERP's name in every message a finance user reads. */
export const SAP_SYSTEM = 'SAP';

/** Paths below the tenant's base URL. */
export const SAP_PATHS = {
  journalEntrySoap: '/sap/bc/srt/scs_ext/sap/journalentrycreaterequestconfi',
  journalEntryItems: '/sap/opu/odata/sap/API_JOURNALENTRYITEMBASIC_SRV/A_JournalEntryItemBasic',
  journalEntryItemService: '/sap/opu/odata/sap/API_JOURNALENTRYITEMBASIC_SRV/',
  supplierInvoiceService: '/sap/opu/odata/sap/API_SUPPLIERINVOICE_PROCESS_SRV/',
  supplierInvoices: '/sap/opu/odata/sap/API_SUPPLIERINVOICE_PROCESS_SRV/A_SupplierInvoice',
} as const;

/** `{baseUrl}{path}` without a doubled slash. */
export function sapUrl(config: ErpConnectionConfig, path: string): string {
  return config.baseUrl.replace(/\/+$/, '') + path;
}

/** HTTP Basic with the communication user of the communication arrangement. */
export function sapAuthorization(config: ErpConnectionConfig): string {
  const { username = '', password = '' } = config.credentials;
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** An OData V2 string literal: quoted, inner quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** "invoice INV-1" / "credit memo CN-1": how messages name the document. */
export function documentLabel(documentType: 'invoice' | 'credit_memo', documentNumber: string): string {
  return `${documentType === 'invoice' ? 'invoice' : 'credit memo'} ${documentNumber}`;
}
