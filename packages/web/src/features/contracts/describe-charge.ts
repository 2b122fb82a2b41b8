import { groupDigits } from '../../ui/format.ts';

type Params = Record<string, unknown>;
interface Tier {
  upTo: string | null;
  unitPrice: string;
  flatFee?: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : String(value ?? '—'));
const price = (value: unknown, currency: string): string => `${currency} ${groupDigits(text(value))}`;

function tiers(list: unknown, currency: string): string {
  const rows = Array.isArray(list) ? (list as Tier[]) : [];
  let from = '1';
  return rows
    .map((t) => {
      const range = t.upTo === null ? `${groupDigits(from)}+` : `${groupDigits(from)}–${groupDigits(t.upTo)}`;
      if (t.upTo !== null) from = addOne(t.upTo);
      return `${range}: ${price(t.unitPrice, currency)}${t.flatFee ? ` + ${price(t.flatFee, currency)}` : ''}`;
    })
    .join('; ');
}

/** "1000" → "1001" for whole-number tier bounds; a decimal bound is shown as "above 10.5". */
function addOne(bound: string): string {
  if (!/^\d+$/.test(bound)) return `above ${bound}`;
  return (BigInt(bound) + 1n).toString();
}

/**
 * A contract line's charge in words, with prices as the exact decimal strings the API
 * stores (never through a float): "EUR 30.00 per unit", "10,000 included, then …".
 */
export function describeCharge(charge: Record<string, unknown>, currency: string): string {
  const params = (charge.params ?? {}) as Params;
  switch (charge.model) {
    case 'flat':
      return `${price(params.amount, currency)} per period`;
    case 'per_unit':
      return `${price(params.unitPrice, currency)} per unit`;
    case 'graduated':
      return `Graduated: ${tiers(params.tiers, currency)}`;
    case 'volume':
      return `Volume: ${tiers(params.tiers, currency)}`;
    case 'package':
      return `${price(params.blockPrice, currency)} per block of ${groupDigits(text(params.blockSize))}${params.freeUnits ? `, ${groupDigits(text(params.freeUnits))} free` : ''}`;
    case 'percentage':
      return `${text(params.rate)} % per transaction${params.fixedFee ? ` + ${price(params.fixedFee, currency)}` : ''}`;
    case 'one_time':
      return `${price(params.unitPrice, currency)} once`;
    case 'milestone': {
      const milestones = Array.isArray(params.milestones) ? (params.milestones as { description: string; amount: string }[]) : [];
      return `Milestones: ${milestones.map((m) => `${m.description} ${price(m.amount, currency)}`).join('; ')}`;
    }
    case 'minimum_commitment':
      return `Minimum commitment of ${price(params.amount, currency)} per period`;
    case 'included_allowance': {
      const inner = describeCharge((params.charge ?? {}) as Record<string, unknown>, currency);
      const review = params.overage === 'review' ? ' (beyond it held for review)' : '';
      return `${groupDigits(text(params.includedQuantity))} included per period${review}, then ${inner}`;
    }
    default:
      return text(charge.model);
  }
}
