import { describe, expect, it } from 'vitest';
import { countrySpecs } from 'ibantools';
import { COUNTRY_CODES, EU_COUNTRIES, countryName, euVatPrefix, isCountryCode, isEuCountry } from './countries.ts';

describe('COUNTRY_CODES', () => {
  it('holds the 249 officially assigned codes, sorted and unique', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect([...COUNTRY_CODES].sort()).toEqual(COUNTRY_CODES);
    expect(COUNTRY_CODES.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
  });

  it('matches the independent list in ibantools minus Kosovo (XK is user-assigned, not ISO)', () => {
    const ibantoolsCodes = Object.keys(countrySpecs).filter((code) => code !== 'XK').sort();
    expect(COUNTRY_CODES).toEqual(ibantoolsCodes);
  });

  it('has a non-empty name for every code', () => {
    expect(COUNTRY_CODES.filter((code) => !countryName(code))).toEqual([]);
  });
});

describe('isCountryCode', () => {
  it.each([
    ['DE', true],
    ['GR', true],
    ['SG', true],
    ['AX', true],
    ['EL', false], // Greek VAT prefix, not an ISO code
    ['UK', false], // exceptionally reserved, not assigned
    ['XK', false], // Kosovo: user-assigned
    ['EU', false],
    ['de', false], // exact match only
    ['DEU', false],
    ['', false],
    ['toString', false],
  ])('%j → %s', (code, expected) => {
    expect(isCountryCode(code)).toBe(expected);
  });
});

describe('countryName', () => {
  it.each([
    ['DE', 'Germany'],
    ['GB', 'United Kingdom'],
    ['US', 'United States'],
    ['CI', "Côte d'Ivoire"],
    ['KR', 'South Korea'],
    ['TR', 'Türkiye'],
    ['XX', undefined],
    ['de', undefined],
  ])('%s → %s', (code, expected) => {
    expect(countryName(code)).toBe(expected);
  });
});

describe('EU_COUNTRIES', () => {
  it('lists the 27 member states by ISO code', () => {
    expect(EU_COUNTRIES).toHaveLength(27);
    expect(new Set(EU_COUNTRIES).size).toBe(27);
    expect(EU_COUNTRIES.every((code) => isCountryCode(code))).toBe(true);
  });

  it.each([
    ['DE', true],
    ['GR', true],
    ['HR', true],
    ['CY', true],
    ['EL', false], // VAT prefix, not the ISO code
    ['GB', false],
    ['CH', false],
    ['NO', false],
    ['IS', false],
    ['de', false],
  ])('isEuCountry(%s) → %s', (code, expected) => {
    expect(isEuCountry(code)).toBe(expected);
  });

  it.each([
    ['GR', 'EL'],
    ['DE', 'DE'],
    ['AT', 'AT'],
    ['GB', undefined],
    ['EL', undefined],
  ])('euVatPrefix(%s) → %s', (code, expected) => {
    expect(euVatPrefix(code)).toBe(expected);
  });
});
