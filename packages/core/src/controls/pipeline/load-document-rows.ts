import { sql } from 'kysely';
import type { Charge } from '../../receivables/rating/charge-schema.ts';
import type { EntityBankAccount, TaxRegistration } from '../../db/schema.ts';
import type { Db } from '../../db/transaction.ts';
import type { LifecycleState } from '../lifecycle/document-lifecycle.ts';
import { periodOf } from './load-document-history.ts';
import { selectJsonRows } from '../../db/select-json-rows.ts';
import { idList } from '../../db/id-list.ts';


/** One document with its customer, contract, bill run and credited invoice: one row per document. */
export interface DocumentHeaderRow {
  id: string;
  kind: 'invoice' | 'credit_memo';
  entityId: string;
  customerId: string;
  contractId: string | null;
  creditedInvoiceId: string | null;
  currency: string;
  status: string;
  lifecycle: LifecycleState;
  number: string | null;
  issueDate: string | null;
  poNumber: string | null;
  subtotalMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
  finalizedAt: Date | null;
  createdBy: string | null;
  billRunActor: string | null;
  customerName: string;
  customerCountry: string;
  customerTaxId: string | null;
  customerTaxIdType: string | null;
  customerPoRequired: boolean;
  customerSegment: string;
  contractNumber: string | null;
  contractPoNumber: string | null;
  /** Credit memo: the credited invoice's total less the OTHER finalized memos crediting it; null otherwise. */
  creditableMinor: bigint | null;
  /** The period the document belongs to, for duplicate suspicion: the billing period, else the issue month, else the creation month (UTC). */
  period: string;
}

/**
 * The documents' headers in one query (by primary key), joined to their customer,
 * contract and bill run. A credit memo's creditable amount deducts the other finalized
 * memos of the same invoice, found through the customer index (`credited_invoice_id` has none);
 * the credited invoice is looked up by key for credit memos only (a join to it would make
 * the planner hash the whole invoices table for every chunk of a bill run's invoices).
 */
export async function loadDocumentHeaders(db: Db, ids: readonly string[]): Promise<DocumentHeaderRow[]> {
  return selectJsonRows<DocumentHeaderRow>(db, sql`
    SELECT d.id, d.kind, d.entity_id, d.customer_id, d.contract_id, d.credited_invoice_id, d.currency, d.status, d.lifecycle, d.number,
      d.issue_date, d.po_number, d.subtotal_minor, d.tax_minor, d.total_minor, d.finalized_at, d.created_by, r.actor AS bill_run_actor,
      c.name AS customer_name, c.billing_address->>'country' AS customer_country, c.tax_id AS customer_tax_id,
      c.tax_id_type AS customer_tax_id_type, c.po_required AS customer_po_required, c.segment AS customer_segment,
      k.number AS contract_number, k.po_number AS contract_po_number, ${periodOf('d')} AS period,
      CASE WHEN d.kind = 'credit_memo' THEN (
        SELECT ci.total_minor - (
          SELECT coalesce(sum(o.total_minor), 0) FROM invoices o
          WHERE o.customer_id = d.customer_id AND o.credited_invoice_id = d.credited_invoice_id
            AND o.kind = 'credit_memo' AND o.status = 'finalized' AND o.id <> d.id)
        FROM invoices ci WHERE ci.id = d.credited_invoice_id) END AS creditable_minor
    FROM ${idList(ids)}
    JOIN invoices d ON d.id = p.id
    JOIN customers c ON c.id = d.customer_id
    LEFT JOIN contracts k ON k.id = d.contract_id
    LEFT JOIN bill_runs r ON r.id = d.bill_run_id`, {
    id: 'text', kind: 'text', entityId: 'text', customerId: 'text', contractId: 'text', creditedInvoiceId: 'text', currency: 'text', status: 'text',
    lifecycle: 'text', number: 'text', issueDate: 'date', poNumber: 'text', subtotalMinor: 'bigint', taxMinor: 'bigint', totalMinor: 'bigint',
    finalizedAt: 'timestamp', createdBy: 'text', billRunActor: 'text', customerName: 'text', customerCountry: 'text', customerTaxId: 'text',
    customerTaxIdType: 'text', customerPoRequired: 'boolean', customerSegment: 'text', contractNumber: 'text', contractPoNumber: 'text',
    creditableMinor: 'bigint', period: 'text',
  });
}

/** What the controls need of a legal entity. */
export interface EntityRow {
  id: string;
  country: string;
  functionalCurrency: string;
  timeZone: string;
  roundingMode: string;
  taxRegistrations: TaxRegistration[];
  bankAccounts: EntityBankAccount[];
}

/** The entities by id (a handful per chunk: loaded once, not repeated on every document). */
export async function loadEntities(db: Db, ids: readonly string[]): Promise<Map<string, EntityRow>> {
  const rows = await db
    .selectFrom('legalEntities')
    .select(['id', 'country', 'functionalCurrency', 'timeZone', 'roundingMode', 'taxRegistrations', 'bankAccounts'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((e) => [e.id, e]));
}

/** One document line with what the rules need of its contract line and metric. */
export interface DocumentLineRow {
  invoiceId: string;
  lineNo: number;
  kind: string;
  description: string;
  productId: string | null;
  contractLineId: string | null;
  quantity: string;
  unitPrice: string | null;
  amountMinor: bigint;
  taxCode: string;
  vatCategory: string;
  taxRate: string;
  taxMinor: bigint;
  /** The line carries the tax engine's decision (its rule and table version). */
  taxDecided: boolean;
  revenueAccountCode: string;
  department: string | null;
  costCenter: string | null;
  metricCode: string | null;
  metricUnit: string | null;
  /** The contract line's included allowance per period, when its charge is `included_allowance`. */
  includedQuantity: string | null;
  /** The contract line's stable key (its versions share it), or null. */
  contractLineKey: string | null;
}

/** The documents' lines in one query through the `(invoice_id, line_no)` index, by document and line number. */
export async function loadDocumentLines(db: Db, ids: readonly string[]): Promise<DocumentLineRow[]> {
  const rows = await selectJsonRows<DocumentLineRow>(db, sql`
    SELECT l.invoice_id, l.line_no, l.kind, l.description, l.product_id, l.contract_line_id, l.quantity, l.unit_price, l.amount_minor,
      l.tax_code, l.vat_category, l.tax_rate, l.tax_minor, (l.tax_rule <> '' AND l.tax_table_version <> '') AS tax_decided,
      l.revenue_account_code, l.dimensions->>'department' AS department, l.dimensions->>'cost_center' AS cost_center,
      cl.metric_code, m.unit AS metric_unit, cl.line_key AS contract_line_key,
      CASE WHEN cl.charge->>'model' = 'included_allowance' THEN cl.charge->'params'->>'includedQuantity' END AS included_quantity
    FROM ${idList(ids)}
    JOIN invoice_lines l ON l.invoice_id = p.id
    LEFT JOIN contract_lines cl ON cl.id = l.contract_line_id
    LEFT JOIN billable_metrics m ON m.code = cl.metric_code`, {
    invoiceId: 'text', lineNo: 'int', kind: 'text', description: 'text', productId: 'text', contractLineId: 'text', quantity: 'numeric',
    unitPrice: 'numeric', amountMinor: 'bigint', taxCode: 'text', vatCategory: 'text', taxRate: 'numeric', taxMinor: 'bigint', taxDecided: 'boolean',
    revenueAccountCode: 'text', department: 'text', costCenter: 'text', metricCode: 'text', metricUnit: 'text', includedQuantity: 'text',
    contractLineKey: 'text',
  });
  return rows.sort((a, b) => (a.invoiceId === b.invoiceId ? a.lineNo - b.lineNo : a.invoiceId < b.invoiceId ? -1 : 1));
}

/** A contract line version and its charge. */
export interface ContractLineRow {
  id: string;
  contractId: string;
  lineKey: string;
  startDate: string;
  productId: string;
  charge: Charge;
}

/** Every line version of the contracts in one query, by contract, line key, start date and id. */
export async function loadContractLines(db: Db, contractIds: readonly string[]): Promise<ContractLineRow[]> {
  if (contractIds.length === 0) return [];
  const rows = await selectJsonRows<ContractLineRow>(
    db,
    sql`SELECT cl.id, cl.contract_id, cl.line_key, cl.start_date, cl.product_id, cl.charge FROM ${idList(contractIds)} JOIN contract_lines cl ON cl.contract_id = p.id`,
    { id: 'text', contractId: 'text', lineKey: 'text', startDate: 'date', productId: 'text', charge: 'json' },
  );
  return rows.sort(compareContractLineRows);
}

/** The order contract line versions are read in: by contract, line key, start date and id. */
export function compareContractLineRows(a: ContractLineRow, b: ContractLineRow): number {
  const [ka, kb] = [[a.contractId, a.lineKey, a.startDate, a.id], [b.contractId, b.lineKey, b.startDate, b.id]];
  for (let i = 0; i < ka.length; i += 1) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
  return 0;
}
