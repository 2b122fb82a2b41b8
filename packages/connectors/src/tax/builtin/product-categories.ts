import { notCovered, type LineContext } from './tax-treatment.ts';

/**
 * How the place-of-supply rules see a product:
 * - `electronic`: electronically supplied services (EU Art. 58 and Annex II; UK Schedule 4A):
 *   `saas`, `digital_services`;
 * - `professional`: consultancy, implementation, training delivered as a service
 *   (EU Art. 59(c)): `professional_services`;
 * - `general`: a standard-rated service under the general rules (EU Art. 44/45): `standard`.
 * Goods are not modelled. Any other category is an error, never a guess.
 */
export type ServiceKind = 'electronic' | 'professional' | 'general';

const SERVICE_KINDS: Readonly<Record<string, ServiceKind>> = {
  saas: 'electronic',
  digital_services: 'electronic',
  professional_services: 'professional',
  standard: 'general',
};

/** The product categories the built-in engine knows. */
export const PRODUCT_TAX_CATEGORIES: readonly string[] = Object.keys(SERVICE_KINDS);

/** The line's service kind; throws `TaxCalculationError` for a category the engine does not know. */
export function serviceKindOf(context: LineContext): ServiceKind {
  const category = context.line.productTaxCategory;
  const kind = Object.hasOwn(SERVICE_KINDS, category) ? SERVICE_KINDS[category] : undefined;
  if (kind === undefined) {
    throw notCovered(
      context,
      `product tax category ${JSON.stringify(category)} is not covered by the built-in tax tables; use one of ${PRODUCT_TAX_CATEGORIES.join(', ')}`,
      `/lines/${context.index}/productTaxCategory`,
    );
  }
  return kind;
}
