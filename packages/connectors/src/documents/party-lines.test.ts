import { describe, expect, it } from 'vitest';
import { addressLines, taxIdLine } from './party-lines.ts';

describe('addressLines: in the order the country post expects', () => {
  it.each([
    [{ line1: 'Friedrichstraße 100', city: 'Berlin', postalCode: '10117', country: 'DE' }, undefined, ['Friedrichstraße 100', '10117 Berlin', 'Germany']],
    [{ line1: '1 Market St', line2: 'Suite 300', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' }, undefined, ['1 Market St', 'Suite 300', 'San Francisco, CA 94105', 'United States']],
    [{ line1: '10 Downing Street', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' }, undefined, ['10 Downing Street', 'London', 'SW1A 2AA', 'United Kingdom']],
    [{ line1: '12 rue de la Paix', city: 'Paris', postalCode: '75002', country: 'fr' }, 'de-DE', ['12 rue de la Paix', '75002 Paris', 'Frankreich']],
    [{ line1: 'Somewhere 1', city: 'Nowhere', postalCode: null, country: 'XK' }, undefined, ['Somewhere 1', 'Nowhere', 'Kosovo']],
  ])('%j (%s)', (address, locale, expected) => {
    expect(addressLines(address, locale)).toEqual(expected);
  });
});

describe('taxIdLine', () => {
  it.each([
    ['DE136695976', 'eu_vat', 'VAT ID: DE136695976'],
    ['GB980780684', 'gb_vat', 'VAT reg. no.: GB980780684'],
    ['51824753556', 'au_abn', 'ABN: 51824753556'],
    ['12-3456789', null, 'Tax ID: 12-3456789'],
    [null, null, null],
    ['  ', 'eu_vat', null],
  ])('%s (%s) → %s', (taxId, taxIdType, expected) => {
    expect(taxIdLine({ name: 'X', address: { line1: 'a', city: 'b', country: 'DE' }, taxId, taxIdType })).toBe(expected);
  });
});
