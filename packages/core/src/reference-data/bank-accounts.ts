/**
 * Offline validation of bank details (IBAN, BIC, ABA routing number, sort code, BSB,
 * account number) on suppliers and legal entities.
 * A passing check means "no typo", not "the account exists".
 */
import { ValidationErrorsIBAN, countrySpecs, isValidBIC, validateIBAN } from 'ibantools';
import { isCountryCode } from './countries.ts';

/** Outcome of {@link validateIban} / {@link validateBic}. */
export type BankDetailValidation = { ok: true; normalized: string } | { ok: false; reason: string };

const ok = (normalized: string): BankDetailValidation => ({ ok: true, normalized });
const fail = (reason: string): BankDetailValidation => ({ ok: false, reason });

/**
 * Electronic format: no separators, upper case. Stricter about whitespace than ibantools'
 * `electronicFormatIBAN` (which strips only ' ' and '-'), because IBANs copied from
 * PDFs and web banking often contain tabs or non-breaking spaces.
 */
function electronicFormat(value: string): string {
  return value.replace(/[\s-]+/g, '').toUpperCase();
}

function quote(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/**
 * Validates an IBAN and returns it in electronic format (`'DE89370400440532013000'`).
 * Spaces, dashes and case are ignored. The reason names the first problem found:
 * unknown country / country without IBANs, wrong length, wrong national format,
 * bad check digits, or a failed national account check (e.g. the French RIB key).
 */
export function validateIban(value: string): BankDetailValidation {
  const iban = electronicFormat(value);
  if (iban === '') return fail('IBAN is empty');
  const country = iban.slice(0, 2);
  if (!/^[A-Z]{2}$/.test(country)) return fail(`IBAN ${quote(iban)} must start with a two-letter country code`);

  const { errorCodes } = validateIBAN(iban, { allowQRIBAN: true });
  if (errorCodes.length === 0) return ok(iban);
  const has = (code: ValidationErrorsIBAN): boolean => errorCodes.includes(code);

  // Most specific cause first: ibantools also reports WrongIBANChecksum whenever the
  // format is wrong, so a checksum error is only "the" reason when nothing else failed.
  if (has(ValidationErrorsIBAN.NoIBANCountry)) {
    return fail(isCountryCode(country)
      ? `IBAN ${quote(iban)}: ${country} does not use IBANs`
      : `IBAN ${quote(iban)} has unknown country code ${country}`);
  }
  if (has(ValidationErrorsIBAN.WrongBBANLength)) {
    const expected = countrySpecs[country]?.chars;
    return fail(`IBAN ${quote(iban)} has ${iban.length} characters; ${country} IBANs have ${expected ?? 'a different number of'}`);
  }
  if (has(ValidationErrorsIBAN.ChecksumNotNumber)) return fail(`IBAN ${quote(iban)}: check digits ${iban.slice(2, 4)} are not two digits`);
  if (has(ValidationErrorsIBAN.WrongBBANFormat)) return fail(`IBAN ${quote(iban)} does not match the ${country} account number format`);
  if (has(ValidationErrorsIBAN.WrongIBANChecksum)) return fail(`IBAN ${quote(iban)} fails the checksum (check digits ${iban.slice(2, 4)})`);
  if (has(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) {
    return fail(`IBAN ${quote(iban)} fails the ${country} national account number check`);
  }
  return fail(`IBAN ${quote(iban)} is invalid`);
}

/**
 * Validates a BIC (SWIFT code) of 8 or 11 characters: 4 letters bank, 2 letters country,
 * 2 letters/digits location, optional 3 letters/digits branch. Returns it upper-cased and
 * without spaces. The 8-character form is kept as given (not padded with `XXX`), since
 * both denote the head office and padding would only make equal values look different.
 */
export function validateBic(value: string): BankDetailValidation {
  const bic = value.replace(/\s+/g, '').toUpperCase();
  if (bic === '') return fail('BIC is empty');
  if (bic.length !== 8 && bic.length !== 11) return fail(`BIC ${quote(bic)} must be 8 or 11 characters, not ${bic.length}`);
  if (isValidBIC(bic)) return ok(bic);
  if (!/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) {
    return fail(`BIC ${bic} must be 4 letters (bank), 2 letters (country), then letters or digits (location, branch)`);
  }
  return fail(`BIC ${bic} has unknown country code ${bic.slice(4, 6)}`);
}

/**
 * BIC countries accepted for an IBAN country besides the same code: banks in the Channel
 * Islands and the Isle of Man issue GB IBANs, French overseas territories FR IBANs, and
 * Åland banks FI IBANs, while their BICs carry the territory's own code.
 */
const BIC_COUNTRIES_FOR_IBAN: Readonly<Record<string, readonly string[]>> = {
  GB: ['JE', 'GG', 'IM'],
  FR: ['GF', 'GP', 'MQ', 'RE', 'YT', 'PM', 'BL', 'MF', 'NC', 'PF', 'WF'],
  FI: ['AX'],
};

/**
 * Why a (valid, normalized) BIC does not belong with a (valid, normalized) IBAN, or null
 * when it does. A BIC from another country than the IBAN is the classic sign of a
 * mistyped or manipulated bank detail, and the bank would reject the transfer anyway.
 */
export function bicCountryMismatch(iban: string, bic: string): string | null {
  const ibanCountry = iban.slice(0, 2);
  const bicCountry = bic.slice(4, 6);
  const accepted = [ibanCountry, ...(BIC_COUNTRIES_FOR_IBAN[ibanCountry] ?? [])];
  return accepted.includes(bicCountry) ? null : `BIC ${bic} is from ${bicCountry} but the IBAN is from ${ibanCountry}`;
}

/** Digits only; spaces, dashes and dots (as people write sort codes and BSBs) are ignored. */
function digitsOf(value: string): string {
  return value.replace(/[\s.-]+/g, '');
}

/**
 * Validates a US ABA routing number: nine digits whose weighted sum (3, 7, 1 repeating)
 * is a multiple of 10. Returns the nine digits.
 */
export function validateAbaRoutingNumber(value: string): BankDetailValidation {
  const digits = digitsOf(value);
  if (!/^\d{9}$/.test(digits)) return fail(`routing number ${quote(value)} must be 9 digits`);
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  const sum = [...digits].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return sum % 10 === 0 ? ok(digits) : fail(`routing number ${digits} fails the ABA checksum`);
}

/** Validates a UK sort code (`12-34-56`, six digits); returns the six digits. */
export function validateSortCode(value: string): BankDetailValidation {
  const digits = digitsOf(value);
  return /^\d{6}$/.test(digits) ? ok(digits) : fail(`sort code ${quote(value)} must be 6 digits, such as 12-34-56`);
}

/** Validates an Australian BSB (`123-456`, six digits); returns the six digits. */
export function validateBsb(value: string): BankDetailValidation {
  const digits = digitsOf(value);
  return /^\d{6}$/.test(digits) ? ok(digits) : fail(`BSB ${quote(value)} must be 6 digits, such as 062-000`);
}

/**
 * Validates a domestic account number loosely (formats differ by country and bank):
 * 4 to 34 letters or digits, dashes kept. Returns it without spaces, upper-cased.
 */
export function validateAccountNumber(value: string): BankDetailValidation {
  const account = value.replace(/\s+/g, '').toUpperCase();
  if (account === '') return fail('account number is empty');
  return /^[A-Z0-9](?:[A-Z0-9-]{2,32})[A-Z0-9]$/.test(account)
    ? ok(account)
    : fail(`account number ${quote(account)} must be 4 to 34 letters or digits`);
}

/**
 * Formats an IBAN for people: electronic format split into groups of four
 * (`'DE89 3704 0044 0532 0130 00'`). Does not validate; pair with {@link validateIban}.
 */
export function formatIbanForDisplay(iban: string): string {
  return electronicFormat(iban).replace(/(.{4})(?!$)/g, '$1 ');
}

// ---------------------------------------------------------------------------------------
// Demo data
// ---------------------------------------------------------------------------------------

type Rng = () => number;

function randomInt(rng: Rng, min: number, max: number): number {
  const x = rng();
  if (!(x >= 0 && x < 1)) throw new RangeError(`rng must return a number in [0, 1), got ${x}`);
  return min + Math.floor(x * (max - min + 1));
}

const randomDigits = (rng: Rng, count: number): string =>
  Array.from({ length: count }, () => String(randomInt(rng, 0, 9))).join('');

const pick = <T>(rng: Rng, items: readonly T[]): T => items[randomInt(rng, 0, items.length - 1)] as T;

/** ISO 13616 mod 97 over a string with letters expanded to 10..35, computed in chunks to stay exact. */
function mod97(value: string): number {
  const numeric = [...value].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('');
  let remainder = 0;
  for (let i = 0; i < numeric.length; i += 7) {
    remainder = Number(`${remainder}${numeric.slice(i, i + 7)}`) % 97;
  }
  return remainder;
}

// Real bank codes so demo IBANs look familiar; the account parts are random.
const BBAN_GENERATORS = {
  // Bankleitzahl (first digit is the clearing area 1-8) + 10-digit account number.
  DE: (rng: Rng): string => `${randomInt(rng, 1, 8)}${randomDigits(rng, 7)}${randomDigits(rng, 10)}`,
  // Bank code + sort code + account number. UK modulus checks on sort code/account are not applied.
  GB: (rng: Rng): string => `${pick(rng, ['NWBK', 'BARC', 'LOYD', 'HBUK', 'MIDL'])}${randomDigits(rng, 6)}${randomDigits(rng, 8)}`,
  // Banque + guichet + compte + clé RIB, which ibantools verifies: 97 - (89b + 15g + 3c) mod 97.
  FR: (rng: Rng): string => {
    const bank = randomDigits(rng, 5);
    const branch = randomDigits(rng, 5);
    const account = randomDigits(rng, 11);
    const key = 97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * Number(account)) % 97);
    return `${bank}${branch}${account}${String(key).padStart(2, '0')}`;
  },
  // Bank code + 10-digit account number.
  NL: (rng: Rng): string => `${pick(rng, ['ABNA', 'INGB', 'RABO', 'TRIO', 'KNAB'])}${randomDigits(rng, 10)}`,
} as const satisfies Record<string, (rng: Rng) => string>;

/** Countries for which {@link generateIban} can produce IBANs. */
export const IBAN_GENERATOR_COUNTRIES: readonly string[] = Object.freeze(Object.keys(BBAN_GENERATORS));

/**
 * Deterministically generates a valid IBAN (electronic format) for demo and test data.
 * `rng` must return numbers in [0, 1); a seeded PRNG makes the output reproducible.
 *
 * @throws Error when `country` is not in {@link IBAN_GENERATOR_COUNTRIES}.
 */
export function generateIban(country: string, rng: Rng): string {
  const generator = Object.hasOwn(BBAN_GENERATORS, country)
    ? BBAN_GENERATORS[country as keyof typeof BBAN_GENERATORS]
    : undefined;
  if (generator === undefined) {
    throw new Error(`generateIban: no generator for ${country} (supported: ${IBAN_GENERATOR_COUNTRIES.join(', ')})`);
  }
  const bban = generator(rng);
  // Check digits: 98 - mod97(BBAN + country + "00"), per ISO 13616.
  const check = 98 - mod97(`${bban}${country}00`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}
