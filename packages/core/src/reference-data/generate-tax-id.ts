import { ABN_WEIGHTS, EIN_PREFIXES, type TaxIdType } from './tax-ids.ts';

/**
 * Generators of checksum-valid tax ids for demo data and tests. They compute check
 * digits independently of the validators (which use jsvat), so tests that generate and
 * validate compare two implementations.
 */
type Rng = () => number;

function randomInt(rng: Rng, min: number, max: number): number {
  const x = rng();
  // A bad PRNG would otherwise produce "NaN" digits that fail far from the cause.
  if (!(x >= 0 && x < 1)) throw new RangeError(`rng must return a number in [0, 1), got ${x}`);
  return min + Math.floor(x * (max - min + 1));
}

const randomDigits = (rng: Rng, count: number): number[] =>
  Array.from({ length: count }, () => randomInt(rng, 0, 9));

const randomLetter = (rng: Rng): string => String.fromCharCode(65 + randomInt(rng, 0, 25));

const pick = <T>(rng: Rng, items: readonly T[]): T => items[randomInt(rng, 0, items.length - 1)] as T;

const pad2 = (n: number): string => String(n).padStart(2, '0');

// No I or O: demo ids should not look like they contain 1 and 0.
const OTHER_ID_ALPHABET = [...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'];

/** Luhn check digit for `payload` (the digit that makes payload + digit Luhn-valid). */
function luhnCheckDigit(payload: readonly number[]): number {
  let sum = 0;
  payload.forEach((digit, i) => {
    // Doubling starts at the rightmost payload digit, because the check digit follows it.
    const doubled = (payload.length - i) % 2 === 1 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  });
  return (10 - (sum % 10)) % 10;
}

/**
 * Some mod-11 schemes have a remainder that yields no valid check digit. Rather than
 * drawing again (which never ends for a constant rng), nudge one digit until it works;
 * a single step always suffices because the weight on that digit is non-zero mod 11.
 */
function withCheck(digits: number[], bumpIndex: number, check: (d: readonly number[]) => number | undefined): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const result = check(digits);
    if (result !== undefined) return digits.join('') + String(result);
    digits[bumpIndex] = ((digits[bumpIndex] ?? 0) + 1) % 10;
  }
  throw new Error('unreachable: no check digit found');
}

const weightedSum = (digits: readonly number[], weights: readonly number[]): number =>
  digits.reduce((sum, digit, i) => sum + digit * (weights[i] ?? 0), 0);

/** Sum of the digits of each product (the "cross sum" step of Luhn-like schemes). */
const crossSum = (digits: readonly number[], weights: readonly number[]): number =>
  digits.reduce((sum, digit, i) => {
    const product = digit * (weights[i] ?? 0);
    return sum + Math.floor(product / 10) + (product % 10);
  }, 0);

// Each generator implements the national check-digit rule itself rather than asking
// jsvat, so the tests comparing against validateTaxId check two independent sources.
const EU_VAT_GENERATORS = {
  AT(rng: Rng): string {
    const digits = randomDigits(rng, 7);
    const check = (10 - ((crossSum(digits, [1, 2, 1, 2, 1, 2, 1]) + 4) % 10)) % 10;
    return `ATU${digits.join('')}${check}`;
  },
  BE(rng: Rng): string {
    const base = [0, randomInt(rng, 1, 9), ...randomDigits(rng, 6)].join('');
    return `BE${base}${pad2(97 - (Number(base) % 97))}`;
  },
  DE(rng: Rng): string {
    const digits = [randomInt(rng, 1, 9), ...randomDigits(rng, 7)];
    // ISO 7064 MOD 11,10.
    let product = 10;
    for (const digit of digits) {
      const sum = (digit + product) % 10 || 10;
      product = (2 * sum) % 11;
    }
    return `DE${digits.join('')}${(11 - product) % 10}`;
  },
  ES(rng: Rng): string {
    // CIF of an S.A. (A) or S.L. (B): letter, 7 digits, numeric control digit.
    const digits = randomDigits(rng, 7);
    const control = (10 - (crossSum(digits, [2, 1, 2, 1, 2, 1, 2]) % 10)) % 10;
    return `ES${pick(rng, ['A', 'B'])}${digits.join('')}${control}`;
  },
  FR(rng: Rng): string {
    // The SIREN itself is Luhn-valid; the 2-digit key is (12 + 3 × (SIREN mod 97)) mod 97.
    const payload = randomDigits(rng, 8);
    const siren = Number(payload.join('') + String(luhnCheckDigit(payload)));
    return `FR${pad2((12 + 3 * (siren % 97)) % 97)}${String(siren).padStart(9, '0')}`;
  },
  IE(rng: Rng): string {
    const digits = randomDigits(rng, 7);
    const remainder = weightedSum(digits, [8, 7, 6, 5, 4, 3, 2]) % 23;
    return `IE${digits.join('')}${remainder === 0 ? 'W' : String.fromCharCode(64 + remainder)}`;
  },
  IT(rng: Rng): string {
    // 7-digit taxpayer number (not all zero) + 3-digit provincial office + Luhn check digit.
    const taxpayer = randomDigits(rng, 7);
    if (Number(taxpayer.join('')) === 0) taxpayer[6] = 1;
    const office = [...String(randomInt(rng, 1, 100)).padStart(3, '0')].map(Number);
    const payload = [...taxpayer, ...office];
    return `IT${payload.join('')}${luhnCheckDigit(payload)}`;
  },
  NL(rng: Rng): string {
    const number = withCheck(randomDigits(rng, 8), 7, (d) => {
      const remainder = weightedSum(d, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
      return remainder === 10 ? undefined : remainder;
    });
    return `NL${number}B01`;
  },
  SE(rng: Rng): string {
    // Organisation number of an aktiebolag (556…) with Luhn check, plus the "01" VAT suffix.
    const payload = [5, 5, 6, ...randomDigits(rng, 6)];
    return `SE${payload.join('')}${luhnCheckDigit(payload)}01`;
  },
} as const satisfies Record<string, (rng: Rng) => string>;

/** EU countries (ISO codes) for which {@link generateTaxId} can produce `eu_vat` numbers. */
export const EU_VAT_GENERATOR_COUNTRIES: readonly string[] = Object.freeze(Object.keys(EU_VAT_GENERATORS));

function generateGbVat(rng: Rng): string {
  // Post-2010 "9755" scheme: check = (old mod-97 check - 55) mod 97, for numbers above 1000000.
  const digits = [randomInt(rng, 1, 9), ...randomDigits(rng, 6)];
  if (Number(digits.join('')) <= 1_000_000) digits[6] = 1;
  const old = (97 - (weightedSum(digits, [8, 7, 6, 5, 4, 3, 2]) % 97)) % 97;
  return `GB${digits.join('')}${pad2((old + 42) % 97)}`;
}

function mod11Check(weights: readonly number[]): (d: readonly number[]) => number | undefined {
  return (d) => {
    const check = (11 - (weightedSum(d, weights) % 11)) % 11;
    return check === 10 ? undefined : check;
  };
}

function generateUen(rng: Rng): string {
  const letter = randomLetter(rng);
  switch (randomInt(rng, 0, 2)) {
    case 0: return `${randomDigits(rng, 8).join('')}${letter}`;
    case 1: return `${randomInt(rng, 1970, 2024)}${randomDigits(rng, 5).join('')}${letter}`;
    default: return `T${randomDigits(rng, 2).join('')}${pick(rng, ['LL', 'LP', 'FC', 'SS', 'CC'])}${randomDigits(rng, 4).join('')}${letter}`;
  }
}

/**
 * Deterministically generates a valid tax id for demo and test data, in the normalized
 * form `validateTaxId` returns. `rng` must return numbers in [0, 1) (a seeded PRNG makes
 * the output reproducible).
 *
 * `country` selects the member state for `eu_vat` (see {@link EU_VAT_GENERATOR_COUNTRIES})
 * and is ignored for the single-country types. `sg_uen`/`sg_gst` ids are format-valid
 * only (their check letter is random). `other` yields a 10-character alphanumeric id.
 *
 * @throws Error for `eu_vat` with a country that has no generator.
 */
export function generateTaxId(type: TaxIdType, country: string, rng: Rng): string {
  switch (type) {
    case 'eu_vat': {
      const generator = Object.hasOwn(EU_VAT_GENERATORS, country)
        ? EU_VAT_GENERATORS[country as keyof typeof EU_VAT_GENERATORS]
        : undefined;
      if (generator === undefined) {
        throw new Error(`generateTaxId: no eu_vat generator for ${country} (supported: ${EU_VAT_GENERATOR_COUNTRIES.join(', ')})`);
      }
      return generator(rng);
    }
    case 'gb_vat': return generateGbVat(rng);
    case 'ch_vat': return `CHE${withCheck(randomDigits(rng, 8), 7, mod11Check([5, 4, 3, 2, 7, 6, 5, 4]))}`;
    case 'no_vat': {
      // Norwegian organisation numbers start with 8 or 9.
      const digits = [randomInt(rng, 8, 9), ...randomDigits(rng, 7)];
      return `NO${withCheck(digits, 7, mod11Check([3, 2, 7, 6, 5, 4, 3, 2]))}MVA`;
    }
    case 'us_ein': return `${pick(rng, EIN_PREFIXES)}-${randomDigits(rng, 7).join('')}`;
    case 'au_abn': {
      const digits = randomDigits(rng, 9);
      // Choose the leading check pair C (10..99) so that C - 10 + Σ weights·digits ≡ 0 (mod 89).
      const rest = weightedSum(digits, ABN_WEIGHTS.slice(2));
      let check = (((10 - rest) % 89) + 89) % 89;
      if (check < 10) check += 89;
      return `${check}${digits.join('')}`;
    }
    case 'sg_uen': return generateUen(rng);
    case 'sg_gst':
      return randomInt(rng, 0, 1) === 0
        ? generateUen(rng)
        : `M${randomInt(rng, 2, 9)}${randomDigits(rng, 7).join('')}${randomLetter(rng)}`;
    case 'other':
      return Array.from({ length: 10 }, () => pick(rng, OTHER_ID_ALPHABET)).join('');
    default: {
      const unknown: never = type;
      throw new Error(`generateTaxId: unknown tax id type ${String(unknown)}`);
    }
  }
}
