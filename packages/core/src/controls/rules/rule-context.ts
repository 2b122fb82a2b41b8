import type { RuleDocumentType } from './validation-rule.ts';

/**
 * What a rule's CEL expressions see: the top-level variables `asOf`, `document`, `lines`,
 * `party`, `contract`, `entity`, `history` and `usage`. It is the same for every document
 * type, so payables reuses the rules engine unchanged.
 *
 * Conventions that keep expressions simple and exact (full table: docs/validation-rules.md):
 * - Every field is always present. Absent text is `''`; absent amounts are `0`.
 * - Money comes twice: `xMinor` is a CEL `int` (bigint here) of the currency's minor units
 *   (cents; 0 or 3 digits for JPY or KWD) for comparisons and arithmetic, and `x` is the
 *   same amount as a decimal string ("1234.50") for messages. Never a double.
 * - Quantities, unit prices and rates are decimal strings; compare them with
 *   `decimalCompare` and `exceedsTolerance`, not as numbers.
 * - Dates are `YYYY-MM-DD` strings, which compare correctly as strings.
 *
 * Build one with `buildRuleContext`, which fills the derived fields.
 */
export interface RuleContext {
  /** The day the rules are evaluated for (`YYYY-MM-DD`); rules never read the clock. */
  readonly asOf: string;
  readonly document: RuleDocument;
  readonly lines: readonly RuleLine[];
  /** The customer (receivables) or supplier (payables). */
  readonly party: RuleParty;
  /** The contract the document bills; `id == ''` when there is none. */
  readonly contract: RuleContract;
  /** The legal entity that issues (or receives) the document. */
  readonly entity: RuleEntity;
  readonly history: RuleHistory;
  /** Usage per metric in the billed period; empty when the document bills no usage. */
  readonly usage: readonly RuleUsage[];
}

/** The document header. All amounts are in `currency`. */
export interface RuleDocument {
  readonly id: string;
  readonly type: RuleDocumentType;
  /** Legal number; `''` before finalization allocates it. */
  readonly number: string;
  /** ISO 4217 code. */
  readonly currency: string;
  readonly subtotal: string;
  readonly subtotalMinor: bigint;
  readonly taxTotal: string;
  readonly taxTotalMinor: bigint;
  readonly total: string;
  readonly totalMinor: bigint;
  /** `YYYY-MM-DD`; `''` while not yet issued. */
  readonly issueDate: string;
  /** The purchase-order number on the document; `''` when none. */
  readonly poNumber: string;
  readonly entityId: string;
  /** Customer id (receivables) or supplier id (payables). */
  readonly partyId: string;
  /** `calculated`, `failed` (the tax engine refused) or `not_calculated`. */
  readonly taxStatus: string;
  /** The tax engine's reason when `taxStatus == 'failed'`; `''` otherwise. */
  readonly taxError: string;
  /** Tax breakdown by code and rate. */
  readonly taxLines: readonly RuleTaxLine[];
  /** Credit memo: the invoice it credits; `''` for other documents. */
  readonly creditedDocumentId: string;
  /** Credit memo: what the credited invoice still had creditable (tax included) before this memo; `0` otherwise. */
  readonly creditable: string;
  readonly creditableMinor: bigint;
}

/** One row of the tax breakdown. */
export interface RuleTaxLine {
  readonly taxCode: string;
  /** EN 16931 VAT category: S, Z, E, AE (reverse charge), K (intra-community), G, O, L, M. */
  readonly vatCategory: string;
  /** Percent as a decimal string ("19", "8.875"). */
  readonly rate: string;
  readonly taxable: string;
  readonly taxableMinor: bigint;
  readonly tax: string;
  readonly taxMinor: bigint;
}

/** One document line. */
export interface RuleLine {
  /** 1-based position, as printed. */
  readonly lineNo: bigint;
  /** `recurring`, `usage`, `one_time`, `credit`, … */
  readonly kind: string;
  readonly description: string;
  /** `''` for a line without a product. */
  readonly productId: string;
  /** Decimal string. */
  readonly quantity: string;
  /** Decimal string; `''` when the line has no single unit price (e.g. tiered usage). */
  readonly unitPrice: string;
  readonly amount: string;
  readonly amountMinor: bigint;
  /** Revenue (receivables) or expense (payables) account code; `''` when missing. */
  readonly glAccount: string;
  /** `''` when missing. */
  readonly taxCode: string;
  /** `''` when missing. */
  readonly vatCategory: string;
  /** The contract line it bills (matches `contract.lines[].id`); `''` when none. */
  readonly contractLineId: string;
  /** Billable metric code for usage lines; `''` otherwise. */
  readonly usageMetric: string;
  /** The product has an ERP item mapping. */
  readonly erpItemMapped: boolean;
  /** The GL account has an ERP account mapping. */
  readonly erpGlAccountMapped: boolean;
  /** The tax code has an ERP tax-code mapping. */
  readonly erpTaxCodeMapped: boolean;
}

/** The customer or supplier. */
export interface RuleParty {
  readonly id: string;
  /** `customer` or `supplier`. */
  readonly kind: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** As stored; `''` when none. */
  readonly taxId: string;
  /** `eu_vat`, `gb_vat`, … (see reference-data tax ids); `''` when no tax id. */
  readonly taxIdType: string;
  /** The tax id passes the offline format and check-digit validation (EU VAT checksum included). */
  readonly taxIdValid: boolean;
  /** Master data says documents for this party must carry its tax id. */
  readonly taxIdRequired: boolean;
  /** Documents for this party need a purchase-order number. */
  readonly poRequired: boolean;
  /** Customer segment (`enterprise`, `smb`, …); `''` when none. */
  readonly segment: string;
  /** The party has an ERP customer/vendor mapping. */
  readonly erpMapped: boolean;
}

/** The contract, when the document bills one. */
export interface RuleContract {
  /** `''` when the document bills no contract. */
  readonly id: string;
  readonly number: string;
  /** `''` when the contract carries no PO. */
  readonly poNumber: string;
  readonly lines: readonly RuleContractLine[];
}

/** The agreed price of one contract line. */
export interface RuleContractLine {
  readonly id: string;
  readonly productId: string;
  /** Agreed unit price as a decimal string; `''` when the charge has no single unit price. */
  readonly unitPrice: string;
  /** `contract` (negotiated) or `price_book` (list price). */
  readonly priceSource: string;
}

/** The legal entity. */
export interface RuleEntity {
  readonly id: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly functionalCurrency: string;
  /** Currencies the entity may invoice (or be billed) in. Empty means none. */
  readonly allowedCurrencies: readonly string[];
}

/**
 * Aggregates over the party's earlier documents of the same type and currency in the 12
 * months before `asOf`, excluding this document and void ones.
 */
export interface RuleHistory {
  readonly documentCount: bigint;
  /** `0` when `documentCount == 0`; the average is rounded half up to minor units. */
  readonly averageTotal: string;
  readonly averageTotalMinor: bigint;
  readonly minTotal: string;
  readonly minTotalMinor: bigint;
  readonly maxTotal: string;
  readonly maxTotalMinor: bigint;
  /** Other documents with the same party, currency and total in the same period (billing period, or issue month). */
  readonly sameAmountCount: bigint;
}

/** Usage of one metric in the billed period against the customer's entitlement. */
export interface RuleUsage {
  readonly metric: string;
  readonly unit: string;
  /** Decimal string. */
  readonly quantity: string;
  /** Decimal string; `'0'` when `unlimited`. */
  readonly entitlement: string;
  readonly unlimited: boolean;
}
