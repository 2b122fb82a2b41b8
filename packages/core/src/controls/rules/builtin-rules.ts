import type { ExceptionCategory } from './exception-categories.ts';
import type { ValidationRule } from './validation-rule.ts';

/**
 * The built-in rule pack: the checks every deployment starts with. Data, not code: a rule
 * set version copies these and may change them. Each `condition` is true when the document
 * FAILS the rule. The table in docs/validation-rules.md lists them.
 *
 * Rules routed to a neutral queue (master data, accounting, tax) cover supplier bills too;
 * rules routed to receivables queues (billing, sales ops) cover invoices and credit memos
 * only, and payables brings its own with AP queues.
 */

const RECEIVABLES = ['invoice', 'credit_memo'] as const;
const ALL_DOCUMENTS = ['invoice', 'credit_memo', 'supplier_bill'] as const;

/** Line numbers joined with ", " for messages, for the lines matching `predicate` (over `l`). */
const lineNumbers = (predicate: string): string => `{{ lines.filter(l, ${predicate}).map(l, string(l.lineNo)).join(", ") }}`;

const PRICE_OFF = 'l.unitPrice != "" && contract.lines.exists(c, c.id == l.contractLineId && c.unitPrice != "" && exceedsTolerance(l.unitPrice, c.unitPrice, 100))';
const OVER_ENTITLEMENT = '!u.unlimited && decimalCompare(u.quantity, u.entitlement) > 0';
const ERP_UNMAPPED = '!l.erpItemMapped || !l.erpGlAccountMapped || !l.erpTaxCodeMapped';

/** A rule that fails when a line leaves `field` empty, listing those lines. */
function lineFieldMissing(id: string, field: 'glAccount' | 'taxCode', label: string, category: ExceptionCategory, ownerQueue: string): ValidationRule {
  const empty = `l.${field} == ""`;
  return {
    id,
    version: 1,
    description: `A line has no ${label}.`,
    severity: 'block',
    category,
    ownerQueue,
    documentTypes: [...ALL_DOCUMENTS],
    condition: `lines.exists(l, ${empty})`,
    message: `No ${label} on line(s) ${lineNumbers(empty)}.`,
  };
}

/** The built-in pack, frozen: compiled rules are cached per rule object. */
export const BUILTIN_RULES: readonly ValidationRule[] = Object.freeze(([
  {
    id: 'builtin.tax_id_missing_or_invalid',
    version: 1,
    description: 'The party\'s tax id is missing or fails validation (EU VAT checksum included) where the document needs it: the party requires it, or a line is reverse charge (AE) or an intra-community supply (K).',
    severity: 'block',
    category: 'master_data',
    ownerQueue: 'master-data',
    documentTypes: [...ALL_DOCUMENTS],
    when: 'party.taxIdRequired || document.taxLines.exists(t, t.vatCategory == "AE" || t.vatCategory == "K")',
    condition: 'party.taxId == "" || !party.taxIdValid',
    message: '{{ party.taxId == "" ? "Tax id is missing" : "Tax id " + party.taxId + " is not valid" }} for {{ party.name }}, and this document requires one.',
  },
  {
    id: 'builtin.po_missing',
    version: 1,
    description: 'The party requires a purchase-order number and the document has none.',
    severity: 'block',
    category: 'po_reference',
    ownerQueue: 'billing',
    documentTypes: [...RECEIVABLES],
    when: 'party.poRequired',
    condition: 'document.poNumber == ""',
    message: '{{ party.name }} requires a PO number on every document; this one has none.',
  },
  {
    id: 'builtin.po_differs_from_contract',
    version: 1,
    description: 'The contract carries a PO number and the document\'s PO number is missing or different.',
    severity: 'block',
    category: 'po_reference',
    ownerQueue: 'billing',
    documentTypes: [...RECEIVABLES],
    when: 'contract.poNumber != ""',
    condition: 'document.poNumber != contract.poNumber',
    message: 'PO number "{{ document.poNumber }}" differs from PO "{{ contract.poNumber }}" of contract {{ contract.number }}.',
  },
  {
    id: 'builtin.price_differs_from_contract',
    version: 1,
    description: 'A line\'s unit price differs from its contract line\'s agreed (or price-book) unit price by more than 1%.',
    severity: 'block',
    category: 'pricing',
    ownerQueue: 'billing',
    documentTypes: ['invoice'],
    condition: `lines.exists(l, ${PRICE_OFF})`,
    message: `Unit price differs from the contract price by more than 1% on line(s) ${lineNumbers(PRICE_OFF)}.`,
  },
  {
    id: 'builtin.usage_above_entitlement',
    version: 1,
    description: 'Usage of a metric in the billed period is above the customer\'s entitlement.',
    severity: 'warn',
    category: 'entitlement',
    ownerQueue: 'sales-ops',
    documentTypes: ['invoice'],
    condition: `usage.exists(u, ${OVER_ENTITLEMENT})`,
    message: `Usage above entitlement: {{ usage.filter(u, ${OVER_ENTITLEMENT}).map(u, u.metric + " " + u.quantity + " of " + u.entitlement + " " + u.unit).join("; ") }}.`,
  },
  {
    id: 'builtin.currency_not_allowed',
    version: 1,
    description: 'The document currency is not one the legal entity may use.',
    severity: 'block',
    category: 'master_data',
    ownerQueue: 'master-data',
    documentTypes: [...ALL_DOCUMENTS],
    condition: '!(document.currency in entity.allowedCurrencies)',
    message: 'Currency {{ document.currency }} is not allowed for entity {{ entity.id }} (allowed: {{ entity.allowedCurrencies }}).',
  },
  lineFieldMissing('builtin.gl_account_missing', 'glAccount', 'GL account', 'master_data', 'accounting'),
  lineFieldMissing('builtin.tax_code_missing', 'taxCode', 'tax code', 'tax', 'tax'),
  {
    id: 'builtin.erp_mapping_missing',
    version: 1,
    description: 'The party, a product, a GL account or a tax code has no ERP mapping, so the posting would be refused.',
    severity: 'block',
    category: 'master_data',
    ownerQueue: 'accounting',
    documentTypes: [...ALL_DOCUMENTS],
    condition: `!party.erpMapped || lines.exists(l, ${ERP_UNMAPPED})`,
    message: `ERP mapping missing for {{ (party.erpMapped ? [] : ["party " + party.name]) + lines.filter(l, ${ERP_UNMAPPED}).map(l, "line " + string(l.lineNo)) }}.`,
  },
  {
    id: 'builtin.tax_calculation_failed',
    version: 1,
    description: 'Tax was not calculated, or the tax engine refused the document.',
    severity: 'block',
    category: 'tax',
    ownerQueue: 'tax',
    documentTypes: [...ALL_DOCUMENTS],
    condition: 'document.taxStatus != "calculated"',
    message: 'Tax calculation {{ document.taxStatus == "failed" ? "failed: " + document.taxError : "has not run" }}.',
  },
  {
    id: 'builtin.duplicate_suspected',
    version: 1,
    description: 'Another document has the same party, currency and total in the same period.',
    severity: 'block',
    category: 'duplicate',
    ownerQueue: 'billing',
    documentTypes: [...RECEIVABLES],
    condition: 'history.sameAmountCount > 0',
    message: 'Possible duplicate: {{ history.sameAmountCount }} other document(s) for {{ party.name }} total {{ document.currency }} {{ document.total }} in the same period.',
  },
  {
    id: 'builtin.credit_above_creditable',
    version: 1,
    description: 'A credit memo credits more than remained creditable on the invoice it credits.',
    severity: 'block',
    category: 'match_variance',
    ownerQueue: 'billing',
    documentTypes: ['credit_memo'],
    condition: 'document.totalMinor > document.creditableMinor',
    message: 'Credit memo total {{ document.currency }} {{ document.total }} exceeds the {{ document.creditable }} still creditable on invoice {{ document.creditedDocumentId }}.',
  },
  {
    id: 'builtin.total_outside_history',
    version: 1,
    description: 'With at least 3 earlier documents in 12 months, the total is above 3× the largest or below 1/3 of the smallest.',
    severity: 'warn',
    category: 'anomaly',
    ownerQueue: 'billing',
    documentTypes: ['invoice'],
    when: 'history.documentCount >= 3',
    condition: 'document.totalMinor > 3 * history.maxTotalMinor || 3 * document.totalMinor < history.minTotalMinor',
    message: 'Total {{ document.currency }} {{ document.total }} is far outside the last 12 months ({{ history.documentCount }} documents, {{ history.minTotal }} to {{ history.maxTotal }}).',
  },
] satisfies ValidationRule[]).map((rule) => Object.freeze(rule)));
