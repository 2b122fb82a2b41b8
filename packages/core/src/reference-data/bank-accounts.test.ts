import { describe, expect, it } from 'vitest';
import { isValidIBAN } from 'ibantools';
import {
  IBAN_GENERATOR_COUNTRIES, bicCountryMismatch, formatIbanForDisplay, generateIban, validateAbaRoutingNumber,
  validateAccountNumber, validateBic, validateBsb, validateIban, validateSortCode,
} from './bank-accounts.ts';

/** mulberry32: tiny seeded PRNG so generated IBANs are reproducible. */
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

describe('validateIban', () => {
  // Sample IBANs from the SWIFT IBAN registry.
  it.each([
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['GB29NWBK60161331926819', 'GB29NWBK60161331926819'],
    ['fr14 2004 1010 0505 0001 3m02 606', 'FR1420041010050500013M02606'],
    ['NL91-ABNA-0417-1643-00', 'NL91ABNA0417164300'],
    ['BE68539007547034', 'BE68539007547034'],
    ['CH9300762011623852957', 'CH9300762011623852957'],
    ['NO9386011117947', 'NO9386011117947'],
    ['DE89\u00a03704\t0044 0532 0130 00', 'DE89370400440532013000'], // pasted from a PDF
  ])('%j → %s', (value, normalized) => {
    expect(validateIban(value)).toEqual({ ok: true, normalized });
  });

  it.each([
    ['', 'IBAN is empty'],
    ['  ', 'IBAN is empty'],
    ['12345678', 'IBAN 12345678 must start with a two-letter country code'],
    ['XX89370400440532013000', 'has unknown country code XX'],
    ['US64SVBKUS6S3300958879', 'US does not use IBANs'],
    ['DE8937040044053201300', 'IBAN DE8937040044053201300 has 21 characters; DE IBANs have 22'],
    ['DE893704004405320130001', 'has 23 characters; DE IBANs have 22'],
    ['DE88370400440532013000', 'IBAN DE88370400440532013000 fails the checksum (check digits 88)'],
    ['NL91ABNA041716430A', 'does not match the NL account number format'],
    ['DEAB370400440532013000', 'check digits AB are not two digits'],
    // Correct IBAN check digits around a BBAN whose French RIB key is wrong.
    ['FR8420041010050500013M02607', 'fails the FR national account number check'],
  ])('%j → %s', (value, reason) => {
    const result = validateIban(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});

describe('validateBic', () => {
  it.each([
    ['DEUTDEFF', 'DEUTDEFF'],
    ['DEUTDEFF500', 'DEUTDEFF500'],
    ['deut de ff', 'DEUTDEFF'],
    ['NWBKGB2L', 'NWBKGB2L'],
    ['ABNANL2A', 'ABNANL2A'],
    ['NEDSZAJJXXX', 'NEDSZAJJXXX'],
  ])('%j → %s', (value, normalized) => {
    expect(validateBic(value)).toEqual({ ok: true, normalized });
  });

  it.each([
    ['', 'BIC is empty'],
    ['DEUTDEF', 'BIC DEUTDEF must be 8 or 11 characters, not 7'],
    ['DEUTDEFF5', 'must be 8 or 11 characters, not 9'],
    ['DEUT-DEFF', 'must be 8 or 11 characters, not 9'],
    ['DEU1DEFF', 'BIC DEU1DEFF must be 4 letters (bank), 2 letters (country)'],
    ['DEUTDEF_', 'must be 4 letters (bank)'],
    ['DEUTQQFF', 'BIC DEUTQQFF has unknown country code QQ'],
  ])('%j → %s', (value, reason) => {
    const result = validateBic(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});

describe('bicCountryMismatch', () => {
  it.each([
    ['DE89370400440532013000', 'COBADEFFXXX', null],
    ['GB29NWBK60161331926819', 'RBOSJESH', null], // Jersey bank, GB IBAN
    ['FR1420041010050500013M02606', 'BNPAGPGP', null], // Guadeloupe, FR IBAN
    ['DE89370400440532013000', 'BNPAFRPP', 'BIC BNPAFRPP is from FR but the IBAN is from DE'],
  ])('%s with %s → %s', (iban, bic, expected) => {
    expect(bicCountryMismatch(iban, bic)).toBe(expected);
  });
});

describe('US, UK and AU bank codes and account numbers', () => {
  const VALIDATORS = {
    routingNumber: validateAbaRoutingNumber,
    sortCode: validateSortCode,
    bsb: validateBsb,
    accountNumber: validateAccountNumber,
  };
  const valid = (normalized: string) => ({ ok: true, normalized });
  const invalid = (reason: string) => ({ ok: false, reason });

  it.each([
    // ABA: 3·d1 + 7·d2 + d3 + 3·d4 + 7·d5 + d6 + 3·d7 + 7·d8 + d9 ≡ 0 (mod 10)
    ['routingNumber', '021000021', valid('021000021')],
    ['routingNumber', '011000015', valid('011000015')],
    ['routingNumber', '0260-0099-0', valid('026000990')],
    ['routingNumber', ' 121000358 ', valid('121000358')],
    ['routingNumber', '021000022', invalid('routing number 021000022 fails the ABA checksum')],
    ['routingNumber', '12345678', invalid('routing number 12345678 must be 9 digits')],
    ['routingNumber', '0210000210', invalid('routing number 0210000210 must be 9 digits')],
    ['routingNumber', '02100002A', invalid('routing number 02100002A must be 9 digits')],
    ['sortCode', '20-00-00', valid('200000')],
    ['sortCode', '20 00 00', valid('200000')],
    ['sortCode', '2O-00-00', invalid('sort code 2O-00-00 must be 6 digits, such as 12-34-56')],
    ['bsb', '062-000', valid('062000')],
    ['bsb', '0620001', invalid('BSB 0620001 must be 6 digits, such as 062-000')],
    ['accountNumber', '0001 2345 6789', valid('000123456789')],
    ['accountNumber', '123-456-7', valid('123-456-7')],
    ['accountNumber', '123', invalid('account number 123 must be 4 to 34 letters or digits')],
    ['accountNumber', '-1234', invalid('account number -1234 must be 4 to 34 letters or digits')],
    ['accountNumber', '  ', invalid('account number is empty')],
  ] as const)('%s %j → %j', (field, value, expected) => {
    expect(VALIDATORS[field](value)).toEqual(expected);
  });
});

describe('formatIbanForDisplay', () => {
  it.each([
    ['DE89370400440532013000', 'DE89 3704 0044 0532 0130 00'],
    ['nl91abna0417164300', 'NL91 ABNA 0417 1643 00'],
    ['GB29 NWBK 6016 1331 9268 19', 'GB29 NWBK 6016 1331 9268 19'],
    ['FR1420041010050500013M02606', 'FR14 2004 1010 0505 0001 3M02 606'],
    ['DE89-3704-0044', 'DE89 3704 0044'],
    ['', ''],
  ])('%j → %j', (value, expected) => {
    expect(formatIbanForDisplay(value)).toBe(expected);
  });
});

describe('generateIban', () => {
  const lengths: Record<string, number> = { DE: 22, GB: 22, FR: 27, NL: 18 };

  it('supports DE, GB, FR and NL', () => {
    expect([...IBAN_GENERATOR_COUNTRIES].sort()).toEqual(['DE', 'FR', 'GB', 'NL']);
  });

  it.each(['DE', 'GB', 'FR', 'NL'])('%s: 200 generated IBANs all validate, already normalized', (country) => {
    const rng = seededRng(2024);
    const ibans = Array.from({ length: 200 }, () => generateIban(country, rng));
    const rejected = ibans.filter((iban) => {
      const result = validateIban(iban);
      return !result.ok || result.normalized !== iban || !isValidIBAN(iban);
    });
    expect(rejected).toEqual([]);
    expect(ibans.every((iban) => iban.startsWith(country) && iban.length === lengths[country])).toBe(true);
    expect(new Set(ibans).size).toBe(200);
  });

  it.each(['DE', 'GB', 'FR', 'NL'])('%s: is deterministic for a seed and valid for degenerate rngs', (country) => {
    const a = seededRng(9);
    const b = seededRng(9);
    expect(generateIban(country, a)).toBe(generateIban(country, b));
    for (const rng of [() => 0, () => 0.999_999_999]) {
      expect(validateIban(generateIban(country, rng)).ok).toBe(true);
    }
  });

  it('rejects unsupported countries and an rng outside [0, 1)', () => {
    expect(() => generateIban('PL', seededRng(1))).toThrow('generateIban: no generator for PL');
    expect(() => generateIban('toString', seededRng(1))).toThrow('no generator');
    expect(() => generateIban('DE', () => 1)).toThrow(RangeError);
  });
});
