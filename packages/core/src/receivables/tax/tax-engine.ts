import type { VatCategory } from '../../master-data/tax-codes/tax-code-schemas.ts';
import type { RoundingMode } from '../../money/rounding.ts';
import type { TaxRegistration } from '../../db/schema.ts';

/**
 * The tax port. Core asks a `TaxEngine` for a decision per invoice line and stores every
 * decision with the rule and table version that made it; `connectors` implements the port
 * (the built-in table engine, or an adapter to an external tax service) and a factory picks
 * one from configuration.
 *
 * Rates are percentages written as decimal strings ("19", "8.875", "25.5"), never floats.
 * Amounts are bigint minor units of `TaxRequest.currency`.
 */
export interface TaxEngine {
  /** Stable engine name, stored with every decision (e.g. `builtin`). */
  readonly name: string;
  /** Engine (and, for table engines, table) version, stored with every decision. */
  readonly version: string;
  /**
   * Decides the tax of every line of one document. Rejects with `TaxCalculationError`
   * (`validation_failed`) when it cannot decide a line; it never returns a silent zero.
   */
  calculate(request: TaxRequest): Promise<TaxResult>;
}

/** The selling legal entity. */
export interface TaxSeller {
  readonly entityId: string;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string;
  /** Sub-national region where it matters: US state or Canadian province code (`NY`, `ON`). */
  readonly region?: string | null;
  readonly registrations: readonly TaxRegistration[];
}

/** The customer, as tax sees it. */
export interface TaxBuyer {
  /** ISO 3166-1 alpha-2, upper case: where the customer is established or resides. */
  readonly country: string;
  /** US state or Canadian province code (`NY`, `ON`); required for US and Canadian buyers. */
  readonly region?: string | null;
  readonly postalCode?: string | null;
  readonly taxId?: string | null;
  /** True only when `taxId` was verified (checksum and, for EU VAT ids, VIES). */
  readonly taxIdValid: boolean;
  /** True for a business customer (B2B), false for a consumer (B2C). */
  readonly isBusiness: boolean;
  /** True when the customer claims exemption; needs `exemptionCertificateRef`. */
  readonly taxExempt: boolean;
  readonly exemptionCertificateRef?: string | null;
}

/** One invoice or credit-memo line. */
export interface TaxRequestLine {
  readonly lineId: string;
  /** Net amount in minor units; negative for credits. */
  readonly amount: bigint;
  /** The product's tax category: `saas`, `digital_services`, `professional_services`, `standard`. */
  readonly productTaxCategory: string;
}

/** Everything an engine needs to decide the tax of one document. */
export interface TaxRequest {
  /** The tax point used to pick rates, as `YYYY-MM-DD` (normally the invoice date). */
  readonly documentDate: string;
  /** ISO 4217 code of every amount in the request and the result. */
  readonly currency: string;
  /** The billing entity's named rounding rule; tax is rounded once per line with it. */
  readonly roundingMode: RoundingMode;
  readonly seller: TaxSeller;
  readonly buyer: TaxBuyer;
  readonly lines: readonly TaxRequestLine[];
}

/**
 * The decision for one line. `taxAmount` is rounded once, from the exact
 * `amount × rate / 100 (× taxable portion)`; invoice totals are sums of these.
 */
export interface TaxLineDecision {
  readonly lineId: string;
  /** The jurisdiction whose tax the line is about: `DE`, `US-NY`, `CA-ON`. */
  readonly jurisdiction: string;
  /** The engine's tax code, e.g. `DE-STD`, `FR-STD`, `DE-RC`, `US-NY-SAAS`, `CA-ON-HST`. */
  readonly taxCode: string;
  /**
   * EN 16931 VAT category (UNCL5305). These are VAT concepts; sales-tax engines map onto
   * them (S taxed, E not taxable, O outside the tax) so one invoice model fits all.
   */
  readonly vatCategory: VatCategory;
  /** Percent as a decimal string without trailing zeros ("19", "25.5", "0"). */
  readonly rate: string;
  /** The base the rate applies to: the line net, or the taxable part of it. */
  readonly taxableAmount: bigint;
  readonly taxAmount: bigint;
  /** Id of the rule that decided, e.g. `eu.reverse_charge.b2b`. */
  readonly rule: string;
  /** Version of the tables the rule read, e.g. `2026.1`. */
  readonly tableVersion: string;
  /** Why no tax is charged (EN 16931 BT-120), for E, AE, O, Z lines. */
  readonly exemptionReason?: string;
  /** VATEX code for the reason (EN 16931 BT-121), e.g. `VATEX-EU-AE`. */
  readonly exemptionReasonCode?: string;
}

/** An engine's answer for one document. */
export interface TaxResult {
  readonly engine: { readonly name: string; readonly version: string };
  /** One decision per request line, in request order. */
  readonly lines: readonly TaxLineDecision[];
  /** `taxAmount` is the sum of the lines' rounded taxes (see `sumTaxLines`). */
  readonly totals: { readonly taxAmount: bigint };
  /** Legal wording the invoice must print, each once, e.g. the reverse-charge statement. */
  readonly notes: readonly string[];
}
