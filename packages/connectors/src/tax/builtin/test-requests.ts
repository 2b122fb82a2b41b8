import type { TaxRequest, TaxRequestLine } from '@invoiceops/core';

/** Options for {@link taxRequest}; everything not given gets a plain B2C default. */
export interface TaxRequestOptions {
  date?: string;
  currency?: string;
  roundingMode?: TaxRequest['roundingMode'];
  seller: string;
  buyer: string;
  region?: string | null;
  business?: boolean;
  taxIdValid?: boolean;
  exempt?: boolean;
  certificate?: string | null;
  lines?: TaxRequestLine[];
  /** Shorthand for one line `l1` of this amount and category `saas`. */
  amount?: bigint;
  category?: string;
}

/** A tax request for tests: one 100.00 `saas` line from a seller to a consumer by default. */
export function taxRequest(options: TaxRequestOptions): TaxRequest {
  const business = options.business ?? false;
  return {
    documentDate: options.date ?? '2026-03-31',
    currency: options.currency ?? 'EUR',
    roundingMode: options.roundingMode ?? 'half_up',
    seller: { entityId: 'ent_test', country: options.seller, registrations: [] },
    buyer: {
      country: options.buyer,
      region: options.region ?? null,
      taxId: business ? 'X123' : null,
      taxIdValid: options.taxIdValid ?? business,
      isBusiness: business,
      taxExempt: options.exempt ?? false,
      exemptionCertificateRef: options.certificate ?? null,
    },
    lines: options.lines ?? [{ lineId: 'l1', amount: options.amount ?? 10000n, productTaxCategory: options.category ?? 'saas' }],
  };
}
