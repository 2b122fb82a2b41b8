import type { Invoice } from '@invoiceops/core';
import { taxIdLabel } from './invoice-labels.ts';

type Party = Invoice['seller'];
type Address = Party['address'];

// North-American and Australian addresses put the region and postal code after the city.
const CITY_REGION_POSTCODE = new Set(['US', 'CA', 'AU']);
// British addresses put the postcode on its own line below the town.
const POSTCODE_OWN_LINE = new Set(['GB', 'IE']);

const COUNTRY_NAMES = new Map<string, Intl.DisplayNames>();

/** "Germany" for `DE` in English (or in `locale`); the code itself if Intl does not know it. */
export function countryName(code: string, locale = 'en'): string {
  let names = COUNTRY_NAMES.get(locale);
  if (names === undefined) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    COUNTRY_NAMES.set(locale, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code; // not a well-formed region code; print what was stored
  }
}

const present = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim() !== '';

/** The postal address as printed lines, in the order the country's post expects. */
export function addressLines(address: Address, locale?: string): string[] {
  const country = address.country.toUpperCase();
  const lines = [address.line1, address.line2].filter(present);
  if (CITY_REGION_POSTCODE.has(country)) {
    const regionAndCode = [address.region, address.postalCode].filter(present).join(' ');
    lines.push(regionAndCode === '' ? address.city : `${address.city}, ${regionAndCode}`);
  } else if (POSTCODE_OWN_LINE.has(country)) {
    lines.push(address.city, ...[address.region, address.postalCode].filter(present));
  } else {
    lines.push([address.postalCode, address.city].filter(present).join(' '));
    if (present(address.region)) lines.push(address.region);
  }
  lines.push(countryName(country, locale));
  return lines.filter(present);
}

/** A party's tax id as "VAT ID: DE123456789", or null when it has none (a consumer). */
export function taxIdLine(party: Party): string | null {
  return present(party.taxId) ? `${taxIdLabel(party.taxIdType)}: ${party.taxId}` : null;
}
