import { describe, expect, it } from 'vitest';
import { EU_COUNTRIES, euVatPrefix } from './countries.ts';
import {
  TAX_ID_TYPES, isTaxIdType, isValidEuVatChecksum,
  taxIdTypeForCountry, validateTaxId,
} from './tax-ids.ts';
import { EU_VAT_GENERATOR_COUNTRIES, generateTaxId } from './generate-tax-id.ts';
import type { TaxIdType } from './tax-ids.ts';

/** mulberry32: tiny seeded PRNG so generated ids are reproducible. */
function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Real VAT numbers published online (most collected in python-stdnum's test data), so the
// check-digit rules are exercised on numbers that tax authorities actually issued.
describe('validateTaxId eu_vat: valid', () => {
  it.each([
    ['DE136695976', undefined, 'DE136695976'],
    ['DE 136 695 976', 'DE', 'DE136695976'],
    ['de136.695-976', 'DE', 'DE136695976'],
    ['DE129390950', 'DE', 'DE129390950'],
    ['DE812847601', 'DE', 'DE812847601'],
    ['FR40303265045', 'FR', 'FR40303265045'],
    ['Fr 40 303 265 045', 'FR', 'FR40303265045'],
    ['FR64333266765', 'FR', 'FR64333266765'],
    ['FR82542065479', 'FR', 'FR82542065479'],
    ['IE6433435F', 'IE', 'IE6433435F'],
    ['IE9Y71814N', 'IE', 'IE9Y71814N'], // pre-2013 format with a letter in 2nd place
    ['IE6433435OA', 'IE', 'IE6433435OA'], // 2013+ format with two letters
    ['NL802003217B01', 'NL', 'NL802003217B01'],
    ['NL 8225.69.759 b01', 'NL', 'NL822569759B01'],
    ['NL001545668B01', 'NL', 'NL001545668B01'],
    ['ESA78109592', 'ES', 'ESA78109592'],
    ['ES B-58378431', 'ES', 'ESB58378431'],
    ['ESQ2818015F', 'ES', 'ESQ2818015F'], // public body, letter control character
    ['ESX5277343Q', 'ES', 'ESX5277343Q'], // NIE of a foreign resident
    ['IT00743110157', 'IT', 'IT00743110157'],
    ['IT 02087050155', 'IT', 'IT02087050155'],
    ['IT00118439991', 'IT', 'IT00118439991'],
    ['BE0428759497', 'BE', 'BE0428759497'],
    ['BE 0402 918 402', 'BE', 'BE0402918402'],
    ['BE413562567', 'BE', 'BE0413562567'], // old 9-digit form gets its leading 0
    ['BE1001686633', 'BE', 'BE1001686633'], // 1-series, issued since 2023; jsvat alone rejects it
    ['ATU13585627', 'AT', 'ATU13585627'],
    ['ATU 142 43 102', 'AT', 'ATU14243102'],
    ['ATU61195628', 'AT', 'ATU61195628'],
    ['SE556043606401', 'SE', 'SE556043606401'],
    ['SE-556 644 662 001', 'SE', 'SE556644662001'],
    ['SE556848115301', 'SE', 'SE556848115301'],
    ['EL094501040', 'GR', 'EL094501040'], // Greece: ISO GR, VAT prefix EL
    ['EL 094 012 834', 'GR', 'EL094012834'],
    ['PL5261025421', 'PL', 'PL5261025421'],
    ['PT502448911', 'PT', 'PT502448911'],
    ['DK28107773', 'DK', 'DK28107773'],
    ['CZ25123891', 'CZ', 'CZ25123891'],
    ['LU20981643', 'LU', 'LU20981643'],
  ])('%s (country %s) → %s', (value, country, normalized) => {
    expect(validateTaxId('eu_vat', value, country)).toEqual({ ok: true, normalized });
  });
});

describe('validateTaxId eu_vat: invalid', () => {
  it.each([
    ['', undefined, 'EU VAT number is empty'],
    ['136695976', undefined, 'EU VAT number 136695976 must start with a two-letter country prefix'],
    ['DE123', undefined, 'EU VAT number DE123 does not match the format for DE'],
    ['DE036695976', undefined, 'EU VAT number DE036695976 does not match the format for DE'],
    ['DE136695977', undefined, 'EU VAT number DE136695977 fails the checksum for DE'],
    ['DE125014855', 'DE', 'fails the checksum for DE'],
    ['FR04409414264', 'FR', 'fails the checksum for FR'],
    ['IE4731823H', 'IE', 'fails the checksum for IE'],
    ['ATU13585628', 'AT', 'fails the checksum for AT'],
    ['BE0428759498', 'BE', 'EU VAT number BE0428759498 fails the checksum for BE'],
    ['BE2428759497', 'BE', 'does not match the format for BE'],
    ['EL094501041', 'GR', 'EU VAT number EL094501041 fails the checksum for EL'],
    ['FR40303265045', 'DE', 'prefix FR does not match country DE'],
    ['DE136695976', 'GR', 'prefix DE does not match country GR (expected EL)'],
    ['GR094501040', 'GR', 'uses prefix GR; Greek VAT numbers use EL'],
    ['GB980780684', undefined, 'has prefix GB, which is not an EU member state'],
    ['CHE116274213', undefined, 'has prefix CH, which is not an EU member state'],
    ['DE136695976', 'US', 'country US is not an EU member state'],
    ['DE136695976', 'de', 'country de is not an EU member state'],
    // jsvat silently drops '/', so this would pass it; we reject it before jsvat sees it.
    ['DE136/695976', 'DE', 'does not match the format for DE'],
  ])('%j (country %s) → %s', (value, country, reason) => {
    const result = validateTaxId('eu_vat', value, country);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it.each(EU_COUNTRIES.map((country) => [country]))('knows the VAT format of member state %s', (country) => {
    const prefix = euVatPrefix(country) ?? '';
    const result = validateTaxId('eu_vat', `${prefix}0`, country);
    expect(result).toEqual({ ok: false, reason: `EU VAT number ${prefix}0 does not match the format for ${prefix}` });
  });
});

describe('validateTaxId gb_vat / ch_vat / no_vat', () => {
  it.each([
    ['gb_vat', 'GB980780684', 'GB980780684'],
    ['gb_vat', '980 7806 84', 'GB980780684'],
    ['gb_vat', 'GB 653 599 494', 'GB653599494'],
    ['gb_vat', 'GB 100 1950 75', 'GB100195075'],
    ['gb_vat', 'GB242338087388', 'GB242338087388'], // branch trader, 12 digits
    ['gb_vat', 'GD100', 'GBGD100'], // government department
    ['gb_vat', 'gbha501', 'GBHA501'], // health authority
    ['ch_vat', 'CHE-116.274.213 MWST', 'CHE116274213'],
    ['ch_vat', 'CHE-110.576.236 TVA', 'CHE110576236'],
    ['ch_vat', 'CHE-110.576.236 IVA', 'CHE110576236'],
    ['ch_vat', 'CHE-116.046.681 TPV', 'CHE116046681'], // Romansh suffix, unknown to jsvat
    ['ch_vat', 'CHE100155212', 'CHE100155212'],
    ['no_vat', 'NO 987 008 644 MVA', 'NO987008644MVA'],
    ['no_vat', '965 920 358 MVA', 'NO965920358MVA'],
    ['no_vat', '917313008', 'NO917313008MVA'],
  ] as const)('%s %j → %s', (type, value, normalized) => {
    expect(validateTaxId(type, value)).toEqual({ ok: true, normalized });
  });

  it.each([
    ['gb_vat', '', 'UK VAT number is empty'],
    ['gb_vat', 'GB802311781', 'UK VAT number GB802311781 fails the checksum'],
    ['gb_vat', 'GB000000000', 'UK VAT number GB000000000 fails the checksum'],
    ['gb_vat', 'GB98078068', 'must be 9 or 12 digits'],
    ['gb_vat', 'XI980780684', 'must be 9 or 12 digits'],
    ['gb_vat', 'GBGD600', 'outside the GD 000-499 / HA 500-999 ranges'],
    ['ch_vat', 'CHE-116.274.214 MWST', 'Swiss VAT number CHE116274214 fails the checksum'],
    ['ch_vat', 'CHE-116.274.21', 'must be CHE plus 9 digits'],
    ['ch_vat', 'CHE-107.787.577 ZZZ', 'must be CHE plus 9 digits'],
    ['no_vat', 'NO 987 008 645 MVA', 'Norwegian VAT number NO987008645MVA fails the checksum'],
    ['no_vat', '98700864', 'must be 9 digits'],
  ] as const)('%s %j → %s', (type, value, reason) => {
    const result = validateTaxId(type, value);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});

describe('validateTaxId us_ein / au_abn', () => {
  it.each([
    ['us_ein', '94-2404110', '94-2404110'],
    ['us_ein', '911144442', '91-1144442'],
    ['us_ein', ' 61-1767919 ', '61-1767919'],
    ['us_ein', '98-7654321', '98-7654321'],
    // Published ABNs, the first being the one in the ATO's own examples.
    ['au_abn', '51 824 753 556', '51824753556'],
    ['au_abn', '14007145637', '14007145637'],
    ['au_abn', '43 002 724 334', '43002724334'],
    ['au_abn', '91 010 334 915', '91010334915'],
  ] as const)('%s %j → %s', (type, value, normalized) => {
    expect(validateTaxId(type, value)).toEqual({ ok: true, normalized });
  });

  it.each([
    ['us_ein', '07-1234567', 'US EIN 07-1234567 has prefix 07, which the IRS does not assign'],
    ...['00', '08', '09', '17', '18', '19', '28', '29', '49', '69', '70', '78', '79', '89', '96', '97'].map(
      (prefix) => ['us_ein', `${prefix}1234567`, `has prefix ${prefix}, which the IRS does not assign`] as const,
    ),
    ['us_ein', '12-345678', 'must be 9 digits'],
    ['us_ein', '12 3456789', 'must be 9 digits'],
    ['us_ein', '123-45-6789', 'must be 9 digits'],
    ['us_ein', '', 'must be 9 digits'],
    ['au_abn', '51 824 753 557', 'Australian ABN 51824753557 fails the checksum'],
    ['au_abn', '5182475355', 'must be 11 digits'],
    ['au_abn', '51-824-753-556', 'must be 11 digits'],
    ['au_abn', '01824753556', 'cannot start with 0'],
  ] as const)('%s %j → %s', (type, value, reason) => {
    const result = validateTaxId(type, value);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});

describe('validateTaxId sg_uen / sg_gst / other', () => {
  it.each([
    ['sg_uen', '00192200M', '00192200M'], // business (ROB)
    ['sg_uen', '197401143C', '197401143C'], // local company (ROC)
    ['sg_uen', '196900499K', '196900499K'],
    ['sg_uen', 'T09LL0001B', 'T09LL0001B'], // LLP registered 2009
    ['sg_uen', 'S16FC0121D', 'S16FC0121D'],
    ['sg_uen', 't01fc6132d', 'T01FC6132D'],
    ['sg_gst', 'M90312345A', 'M90312345A'],
    ['sg_gst', 'MR-8500166-8', 'MR85001668'],
    ['sg_gst', 'M2-1234567-X', 'M21234567X'],
    ['sg_gst', '197401143C', '197401143C'], // companies use their UEN
    ['sg_gst', 'T09LL0001B', 'T09LL0001B'],
    ['other', '  123/45-6.7 AB ', '123/45-6.7 AB'],
    ['other', 'A', 'A'],
    ['other', 'x'.repeat(40), 'x'.repeat(40)],
  ] as const)('%s %j → %s', (type, value, normalized) => {
    expect(validateTaxId(type, value)).toEqual({ ok: true, normalized });
  });

  it.each([
    ['sg_uen', '', 'Singapore UEN is empty'],
    ['sg_uen', '12345678', 'matches none of the formats'],
    ['sg_uen', '1974011430', 'matches none of the formats'],
    ['sg_uen', 'A09LL0001B', 'matches none of the formats'],
    ['sg_uen', 'T09L10001B', 'matches none of the formats'],
    ['sg_uen', 'M90312345A', 'matches none of the formats'], // GST number, not a UEN
    ['sg_gst', '', 'Singapore GST registration number is empty'],
    ['sg_gst', 'X90312345A', 'is neither a UEN nor M + 8 characters'],
    ['sg_gst', 'M9031234A', 'is neither a UEN nor M + 8 characters'],
    ['sg_gst', 'M9031234AA', 'is neither a UEN nor M + 8 characters'],
    ['other', '', 'tax id is empty'],
    ['other', '   ', 'tax id is empty'],
    ['other', 'x'.repeat(41), 'is longer than 40 characters'],
    ['other', '12#34', 'may only contain letters, digits, spaces, dots, dashes and slashes'],
    ['other', 'Müller 1', 'may only contain'],
  ] as const)('%s %j → %s', (type, value, reason) => {
    const result = validateTaxId(type, value);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('fails cleanly for a type that untyped callers made up', () => {
    expect(validateTaxId('vat' as TaxIdType, 'DE136695976')).toEqual({ ok: false, reason: 'unknown tax id type vat' });
  });
});

describe('isValidEuVatChecksum', () => {
  it.each([
    ['DE136695976', true],
    ['de 136 695 976', true],
    ['EL094501040', true],
    ['BE1001686633', true],
    ['FR40303265045', true],
    ['DE136695977', false],
    ['GR094501040', false],
    ['GB980780684', false],
    ['DE136/695976', false],
    ['DE', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isValidEuVatChecksum(value)).toBe(expected);
  });
});

describe('taxIdTypeForCountry / TAX_ID_TYPES', () => {
  it.each([
    ['DE', 'eu_vat'],
    ['GR', 'eu_vat'],
    ['HR', 'eu_vat'],
    ['GB', 'gb_vat'],
    ['CH', 'ch_vat'],
    ['NO', 'no_vat'],
    ['US', 'us_ein'],
    ['AU', 'au_abn'],
    ['SG', 'sg_gst'],
    ['JP', 'other'],
    ['EL', 'other'],
    ['de', 'other'],
    ['', 'other'],
  ])('%j → %s', (country, expected) => {
    expect(taxIdTypeForCountry(country)).toBe(expected);
  });

  it('lists every type once and recognises them', () => {
    expect(TAX_ID_TYPES).toEqual(['eu_vat', 'gb_vat', 'ch_vat', 'no_vat', 'us_ein', 'au_abn', 'sg_uen', 'sg_gst', 'other']);
    expect(TAX_ID_TYPES.every((type) => isTaxIdType(type))).toBe(true);
    expect(isTaxIdType('vat')).toBe(false);
  });
});

describe('generateTaxId', () => {
  const cases: [TaxIdType, string][] = [
    ...EU_VAT_GENERATOR_COUNTRIES.map((country): [TaxIdType, string] => ['eu_vat', country]),
    ['gb_vat', 'GB'],
    ['ch_vat', 'CH'],
    ['no_vat', 'NO'],
    ['us_ein', 'US'],
    ['au_abn', 'AU'],
    ['sg_uen', 'SG'],
    ['sg_gst', 'SG'],
    ['other', 'JP'],
  ];

  it('covers at least the EU countries the demo data uses', () => {
    expect(EU_VAT_GENERATOR_COUNTRIES).toEqual(expect.arrayContaining(['DE', 'FR', 'IE', 'NL', 'ES', 'IT', 'BE', 'AT', 'SE']));
  });

  it.each(cases)('%s/%s: 200 generated ids all validate, already normalized', (type, country) => {
    const rng = seededRng(42);
    const ids = Array.from({ length: 200 }, () => generateTaxId(type, country, rng));
    const rejected = ids
      .map((id) => ({ id, result: validateTaxId(type, id, country) }))
      .filter(({ id, result }) => !result.ok || result.normalized !== id);
    expect(rejected).toEqual([]);
    expect(new Set(ids).size).toBeGreaterThan(190);
    if (type === 'eu_vat') {
      expect(ids.every((id) => isValidEuVatChecksum(id) && id.startsWith(euVatPrefix(country) ?? '?'))).toBe(true);
    }
  });

  it.each(cases)('%s/%s: is deterministic for a seed', (type, country) => {
    const first = Array.from({ length: 20 }, ((rng) => () => generateTaxId(type, country, rng))(seededRng(7)));
    const second = Array.from({ length: 20 }, ((rng) => () => generateTaxId(type, country, rng))(seededRng(7)));
    expect(second).toEqual(first);
  });

  it.each(cases)('%s/%s: terminates and stays valid with degenerate rngs', (type, country) => {
    for (const rng of [() => 0, () => 0.999_999_999]) {
      const id = generateTaxId(type, country, rng);
      expect(validateTaxId(type, id, country)).toEqual({ ok: true, normalized: id });
    }
  });

  it('rejects an EU country without a generator and an rng outside [0, 1)', () => {
    expect(() => generateTaxId('eu_vat', 'PL', seededRng(1))).toThrow('no eu_vat generator for PL');
    expect(() => generateTaxId('us_ein', 'US', () => 1)).toThrow(RangeError);
    expect(() => generateTaxId('us_ein', 'US', () => Number.NaN)).toThrow(RangeError);
  });
});
