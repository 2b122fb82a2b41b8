/**
 * Offline validation of tax identifiers on customers, suppliers and legal entities.
 *
 * These checks catch typos (format and check digits); they cannot tell whether a number
 * is actually registered; that needs VIES/HMRC/ABR lookups, which are not done here.
 */
import {
  austria, belgium, bulgaria, checkVAT, croatia, cyprus, czechRepublic, denmark, estonia, finland,
  france, germany, greece, hungary, ireland, italy, latvia, lithuania, luxembourg, malta,
  netherlands, norway, poland, portugal, romania, slovakiaRepublic, slovenia, spain, sweden,
  switzerland, unitedKingdom,
} from 'jsvat';
import type { Country } from 'jsvat';
import { euVatPrefix, isEuCountry } from './countries.ts';

/** Supported tax id types; apart from `other` the names are Stripe's, so values map 1:1. */
export const TAX_ID_TYPES = Object.freeze([
  'eu_vat', 'gb_vat', 'ch_vat', 'no_vat', 'us_ein', 'au_abn', 'sg_uen', 'sg_gst', 'other',
] as const);

/** One of {@link TAX_ID_TYPES}. */
export type TaxIdType = (typeof TAX_ID_TYPES)[number];

/** Outcome of {@link validateTaxId}: the canonical form to store, or why the value is rejected. */
export type TaxIdValidation = { ok: true; normalized: string } | { ok: false; reason: string };

const TAX_ID_TYPE_SET: ReadonlySet<string> = new Set(TAX_ID_TYPES);

/** True when `value` is one of {@link TAX_ID_TYPES} (for parsing untyped input). */
export function isTaxIdType(value: string): value is TaxIdType {
  return TAX_ID_TYPE_SET.has(value);
}

const ok = (normalized: string): TaxIdValidation => ({ ok: true, normalized });
const fail = (reason: string): TaxIdValidation => ({ ok: false, reason });

/** Removes the separators people type into tax ids (spaces, dots, dashes) and upper-cases. */
function compact(value: string): string {
  return value.replace(/[\s.-]+/g, '').toUpperCase();
}

/** Keeps reasons readable when someone pastes a paragraph into the field. */
function quote(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

// ---------------------------------------------------------------------------------------
// EU VAT
// ---------------------------------------------------------------------------------------

// Keyed by VAT prefix, not ISO code: Greece is EL. Each check gets a one-country list,
// because jsvat guesses the country from the list it is given and its Brazil rule claims
// any value that starts with two digits. Known gap: for French numbers whose 2-character
// key contains a letter (old/foreign-company style) jsvat checks the format only.
const JSVAT_BY_EU_PREFIX: ReadonlyMap<string, Country> = new Map([
  ['AT', austria], ['BE', belgium], ['BG', bulgaria], ['CY', cyprus], ['CZ', czechRepublic],
  ['DE', germany], ['DK', denmark], ['EE', estonia], ['EL', greece], ['ES', spain],
  ['FI', finland], ['FR', france], ['HR', croatia], ['HU', hungary], ['IE', ireland],
  ['IT', italy], ['LT', lithuania], ['LU', luxembourg], ['LV', latvia], ['MT', malta],
  ['NL', netherlands], ['PL', poland], ['PT', portugal], ['RO', romania], ['SE', sweden],
  ['SI', slovenia], ['SK', slovakiaRepublic],
]);

type EuCheck = 'valid' | 'bad_format' | 'bad_checksum';

/**
 * Checks a compacted EU VAT number whose prefix is known to be an EU prefix.
 * Also returns the canonical form, which differs from the input only for old 9-digit
 * Belgian numbers (stored with the leading 0 so both spellings compare equal).
 */
function checkEuVat(prefix: string, vat: string): { check: EuCheck; normalized: string } {
  // jsvat strips '/' itself and would accept 'DE136/695976'; only letters and digits
  // (plus '+' and '*' of old Irish numbers) may reach it, so `normalized` is clean.
  if (!/^[A-Z]{2}[0-9A-Z+*]+$/.test(vat)) return { check: 'bad_format', normalized: vat };
  if (prefix === 'BE') return checkBelgianVat(vat);
  const country = JSVAT_BY_EU_PREFIX.get(prefix);
  if (country === undefined) return { check: 'bad_format', normalized: vat };
  const result = checkVAT(vat, [country]);
  // The result is an object, never a boolean: `isValid` = format and check digits pass,
  // `isValidFormat` = the regex alone matched (so false/true means a checksum failure).
  if (result.isValid) return { check: 'valid', normalized: vat };
  return { check: result.isValidFormat ? 'bad_checksum' : 'bad_format', normalized: vat };
}

/**
 * Belgian enterprise numbers: 10 digits, the first 0 or 1, the last two = 97 - (first 8 mod 97).
 * Done here instead of jsvat because jsvat 2.5.4 rejects every number starting with 1,
 * which Belgium has issued since the 0-series ran out in 2023 (se-panfilov/jsvat#129).
 */
function checkBelgianVat(vat: string): { check: EuCheck; normalized: string } {
  const match = /^BE(\d{9}|[01]\d{9})$/.exec(vat);
  if (match?.[1] === undefined) return { check: 'bad_format', normalized: vat };
  const digits = match[1].length === 9 ? `0${match[1]}` : match[1];
  const normalized = `BE${digits}`;
  const base = Number(digits.slice(0, 8));
  const valid = base > 0 && 97 - (base % 97) === Number(digits.slice(8));
  return { check: valid ? 'valid' : 'bad_checksum', normalized };
}

function validateEuVat(value: string, country: string | undefined): TaxIdValidation {
  const vat = compact(value);
  if (vat === '') return fail('EU VAT number is empty');
  const prefix = vat.slice(0, 2);
  if (!/^[A-Z]{2}$/.test(prefix)) {
    return fail(`EU VAT number ${quote(vat)} must start with a two-letter country prefix such as DE`);
  }
  if (prefix === 'GR') return fail(`EU VAT number ${quote(vat)} uses prefix GR; Greek VAT numbers use EL`);
  if (!JSVAT_BY_EU_PREFIX.has(prefix)) {
    return fail(`EU VAT number ${quote(vat)} has prefix ${prefix}, which is not an EU member state`);
  }
  if (country !== undefined) {
    const expected = euVatPrefix(country);
    if (expected === undefined) return fail(`country ${quote(country)} is not an EU member state, so it has no EU VAT number`);
    if (prefix !== expected) {
      return fail(`EU VAT number ${quote(vat)}: prefix ${prefix} does not match country ${country} (expected ${expected})`);
    }
  }
  const { check, normalized } = checkEuVat(prefix, vat);
  if (check === 'bad_format') return fail(`EU VAT number ${quote(vat)} does not match the format for ${prefix}`);
  if (check === 'bad_checksum') return fail(`EU VAT number ${quote(vat)} fails the checksum for ${prefix}`);
  return ok(normalized);
}

/**
 * True when `value` (prefix included, separators allowed) is a well-formed EU VAT number
 * with correct check digits, e.g. `'DE136695976'` or `'EL 094 501 040'`.
 */
export function isValidEuVatChecksum(value: string): boolean {
  const vat = compact(value);
  const prefix = vat.slice(0, 2);
  return JSVAT_BY_EU_PREFIX.has(prefix) && checkEuVat(prefix, vat).check === 'valid';
}

// ---------------------------------------------------------------------------------------
// UK, Switzerland, Norway (jsvat rules, our own prefix handling)
// ---------------------------------------------------------------------------------------

function validateGbVat(value: string): TaxIdValidation {
  const vat = compact(value);
  if (vat === '') return fail('UK VAT number is empty');
  // The GB prefix is optional on UK invoices; store it so the value is usable in EU contexts too.
  const body = vat.startsWith('GB') ? vat.slice(2) : vat;
  if (!/^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/.test(body)) {
    return fail(`UK VAT number ${quote(vat)} must be 9 or 12 digits, or GD/HA plus 3 digits, optionally after GB`);
  }
  const normalized = `GB${body}`;
  if (checkVAT(normalized, [unitedKingdom]).isValid) return ok(normalized);
  if (/^(GD|HA)/.test(body)) {
    return fail(`UK VAT number ${normalized} is outside the GD 000-499 / HA 500-999 ranges`);
  }
  return fail(`UK VAT number ${normalized} fails the checksum`);
}

function validateChVat(value: string): TaxIdValidation {
  const vat = compact(value);
  if (vat === '') return fail('Swiss VAT number is empty');
  // The suffix only names the language of the register entry (TPV is Romansh, which
  // jsvat does not know). Dropping it makes "… MWST" and "… TVA" of one company equal.
  const match = /^(?:CHE)?(\d{9})(?:MWST|TVA|IVA|TPV)?$/.exec(vat);
  if (match === null) {
    return fail(`Swiss VAT number ${quote(vat)} must be CHE plus 9 digits, optionally followed by MWST, TVA, IVA or TPV`);
  }
  const normalized = `CHE${match[1]}`;
  return checkVAT(normalized, [switzerland]).isValid
    ? ok(normalized)
    : fail(`Swiss VAT number ${normalized} fails the checksum`);
}

function validateNoVat(value: string): TaxIdValidation {
  const vat = compact(value);
  if (vat === '') return fail('Norwegian VAT number is empty');
  // Norwegians often write just the organisation number; "NO … MVA" is the VAT-registered form.
  const match = /^(?:NO)?(\d{9})(?:MVA)?$/.exec(vat);
  if (match === null) {
    return fail(`Norwegian VAT number ${quote(vat)} must be 9 digits, optionally as NO … MVA`);
  }
  const normalized = `NO${match[1]}MVA`;
  return checkVAT(normalized, [norway]).isValid
    ? ok(normalized)
    : fail(`Norwegian VAT number ${normalized} fails the checksum`);
}

// ---------------------------------------------------------------------------------------
// US EIN, AU ABN, Singapore
// ---------------------------------------------------------------------------------------

// EIN prefixes the IRS has never assigned to a campus; everything else in 00-99 is in use.
const UNASSIGNED_EIN_PREFIXES: ReadonlySet<string> = new Set([
  '00', '07', '08', '09', '17', '18', '19', '28', '29', '49', '69', '70', '78', '79', '89', '96', '97',
]);
export const EIN_PREFIXES: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))
  .filter((prefix) => !UNASSIGNED_EIN_PREFIXES.has(prefix));

function validateUsEin(value: string): TaxIdValidation {
  const ein = value.trim();
  const match = /^(\d{2})-?(\d{7})$/.exec(ein);
  if (match?.[1] === undefined) return fail(`US EIN ${quote(ein)} must be 9 digits written NN-NNNNNNN or NNNNNNNNN`);
  const prefix = match[1];
  if (UNASSIGNED_EIN_PREFIXES.has(prefix)) return fail(`US EIN ${ein} has prefix ${prefix}, which the IRS does not assign`);
  return ok(`${prefix}-${match[2]}`);
}

export const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19] as const;

function abnWeightedSum(digits: readonly number[]): number {
  // Official ATO algorithm: subtract 1 from the first digit, weight, sum; valid if sum % 89 === 0.
  return digits.reduce((sum, digit, i) => sum + (i === 0 ? digit - 1 : digit) * (ABN_WEIGHTS[i] ?? 0), 0);
}

function validateAuAbn(value: string): TaxIdValidation {
  const abn = value.replace(/\s+/g, '');
  if (!/^\d{11}$/.test(abn)) return fail(`Australian ABN ${quote(abn)} must be 11 digits`);
  // The leading pair is a check number from 10 to 99, so a leading 0 is always a typo.
  if (abn.startsWith('0')) return fail(`Australian ABN ${abn} cannot start with 0`);
  if (abnWeightedSum([...abn].map(Number)) % 89 !== 0) return fail(`Australian ABN ${abn} fails the checksum`);
  return ok(abn);
}

// UEN formats per uen.gov.sg. The check letter's algorithm is not published, so only the
// shape is checked. Others: T = 20xx / S = 19xx, then the year, a 2-letter entity type.
const UEN_PATTERNS = [
  /^\d{8}[A-Z]$/, // businesses (ROB): nnnnnnnnX
  /^\d{4}\d{5}[A-Z]$/, // local companies (ROC): yyyynnnnnX
  /^[ST]\d{2}[A-Z]{2}\d{4}[A-Z]$/, // all other entities: TyyPQnnnnX
] as const;

// GST numbers issued to entities that are not companies: M, one digit or letter, 7 digits
// and a check character, e.g. M90312345A or MR-8500166-8.
const GST_M_PATTERN = /^M[0-9A-Z]\d{7}[0-9A-Z]$/;

const isUen = (value: string): boolean => UEN_PATTERNS.some((pattern) => pattern.test(value));

function validateSgUen(value: string): TaxIdValidation {
  const uen = value.replace(/\s+/g, '').toUpperCase();
  if (uen === '') return fail('Singapore UEN is empty');
  return isUen(uen)
    ? ok(uen)
    : fail(`Singapore UEN ${quote(uen)} matches none of the formats nnnnnnnnX, yyyynnnnnX or TyyPQnnnnX`);
}

function validateSgGst(value: string): TaxIdValidation {
  const gst = value.replace(/[\s-]+/g, '').toUpperCase();
  if (gst === '') return fail('Singapore GST registration number is empty');
  if (isUen(gst) || GST_M_PATTERN.test(gst)) return ok(gst);
  return fail(`Singapore GST registration number ${quote(gst)} is neither a UEN nor M + 8 characters + check character (e.g. M90312345A)`);
}

function validateOther(value: string): TaxIdValidation {
  const id = value.trim();
  if (id === '') return fail('tax id is empty');
  if (id.length > 40) return fail(`tax id ${quote(id)} is longer than 40 characters`);
  if (!/^[A-Za-z0-9 ./-]+$/.test(id)) {
    return fail(`tax id ${quote(id)} may only contain letters, digits, spaces, dots, dashes and slashes`);
  }
  return ok(id);
}

/**
 * Validates and normalizes a tax id.
 *
 * - `eu_vat`: prefix included (`'DE136695976'`, `'EL094501040'`); separators and case are
 *   ignored. When `country` (ISO code) is given, the prefix must be that country's (EL for GR).
 * - `gb_vat`: 9/12 digits or GD/HA numbers, `GB` optional; normalized with `GB`.
 * - `ch_vat`: `CHE-123.456.789 MWST` style; normalized to `CHE123456789`.
 * - `no_vat`: 9 digits, `NO`/`MVA` optional; normalized to `NO123456789MVA`.
 * - `us_ein`: `NN-NNNNNNN` or 9 digits with an IRS-assigned prefix; normalized to `NN-NNNNNNN`.
 * - `au_abn`: 11 digits with the ABN checksum; normalized without spaces.
 * - `sg_uen` / `sg_gst`: format only (no published check algorithm).
 * - `other`: 1-40 of letters, digits, space, `.`, `-`, `/`; trimmed.
 *
 * `country` is the country that issued the id (not necessarily the party's address
 * country: a US company can hold a German VAT number). Only `eu_vat` uses it, since that
 * is the only type shared by several countries.
 */
export function validateTaxId(type: TaxIdType, value: string, country?: string): TaxIdValidation {
  switch (type) {
    case 'eu_vat': return validateEuVat(value, country);
    case 'gb_vat': return validateGbVat(value);
    case 'ch_vat': return validateChVat(value);
    case 'no_vat': return validateNoVat(value);
    case 'us_ein': return validateUsEin(value);
    case 'au_abn': return validateAuAbn(value);
    case 'sg_uen': return validateSgUen(value);
    case 'sg_gst': return validateSgGst(value);
    case 'other': return validateOther(value);
    default: {
      // Reachable from untyped callers (JSON, CSV imports); fail like any other bad input.
      const unknown: never = type;
      return fail(`unknown tax id type ${String(unknown)}`);
    }
  }
}

/**
 * The tax id type a party in `country` (ISO code) most likely has: EU member → `eu_vat`,
 * GB → `gb_vat`, CH → `ch_vat`, NO → `no_vat`, US → `us_ein`, AU → `au_abn`,
 * SG → `sg_gst`, anything else → `other`.
 */
export function taxIdTypeForCountry(country: string): TaxIdType {
  if (isEuCountry(country)) return 'eu_vat';
  switch (country) {
    case 'GB': return 'gb_vat';
    case 'CH': return 'ch_vat';
    case 'NO': return 'no_vat';
    case 'US': return 'us_ein';
    case 'AU': return 'au_abn';
    // A finance product cares about the GST registration (it goes on invoices), not the UEN.
    case 'SG': return 'sg_gst';
    default: return 'other';
  }
}
