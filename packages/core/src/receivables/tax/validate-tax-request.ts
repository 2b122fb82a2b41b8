import { z } from 'zod';
import { AppError, type FieldIssue } from '../../errors/app-error.ts';
import { ROUNDING_MODES } from '../../money/rounding.ts';
import { countryCode, currencyCode, isoDate, text } from '../../shared/schemas.ts';
import type { TaxRequest } from './tax-engine.ts';

const region = z.string().regex(/^[A-Z0-9]{1,3}$/, 'must be a region code in capitals, such as NY or ON').nullish();

const registration = z.object({ country: countryCode, type: text(40), number: text(60) });

const line = z.object({
  lineId: z.string().min(1, 'must not be empty').max(100),
  amount: z.bigint({ error: 'must be a bigint count of minor units' }),
  productTaxCategory: z.string().regex(/^[a-z0-9_]{1,40}$/, 'must be a tax category code such as saas or standard'),
});

/**
 * The shape every engine may rely on. Engines validate their own coverage (countries,
 * categories, dates) and raise `TaxCalculationError` for what they cannot decide.
 */
export const taxRequestSchema = z.object({
  documentDate: isoDate,
  currency: currencyCode,
  roundingMode: z.enum(ROUNDING_MODES),
  seller: z.object({
    entityId: z.string().min(1, 'must not be empty').max(100),
    country: countryCode,
    region,
    registrations: z.array(registration).max(100),
  }),
  buyer: z.object({
    country: countryCode,
    region,
    postalCode: text(20).nullish(),
    taxId: text(40).nullish(),
    taxIdValid: z.boolean(),
    isBusiness: z.boolean(),
    taxExempt: z.boolean(),
    exemptionCertificateRef: text(100).nullish(),
  }),
  lines: z.array(line).max(10_000),
});

/**
 * Checks a `TaxRequest` from any caller (typed or not) and returns it unchanged, or throws
 * one `AppError` (`validation_failed`) naming every bad field by JSON pointer
 * (`/lines/2/amount`). Also refuses duplicate line ids, since decisions are matched by id.
 */
export function validateTaxRequest(request: TaxRequest): TaxRequest {
  const parsed = taxRequestSchema.safeParse(request);
  const issues: FieldIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: `/${issue.path.map(String).join('/')}`, message: issue.message }));
  if (parsed.success) {
    const seen = new Set<string>();
    request.lines.forEach((l, index) => {
      if (seen.has(l.lineId)) issues.push({ path: `/lines/${index}/lineId`, message: `duplicate line id ${JSON.stringify(l.lineId)}` });
      seen.add(l.lineId);
    });
  }
  if (issues.length > 0) {
    throw new AppError('validation_failed', `invalid tax request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  }
  return request;
}
