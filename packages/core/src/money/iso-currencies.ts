import { AppError } from '../errors/app-error.ts';

/** One ISO 4217 currency: alphabetic code, English name and the number of minor-unit digits. */
export interface IsoCurrency {
  /** Three upper-case letters, e.g. `EUR`. */
  readonly code: string;
  /** English name (common usage, close to the ISO "Currency" column). */
  readonly name: string;
  /** Decimal digits of the minor unit per ISO 4217 (`JPY` 0, `EUR` 2, `KWD` 3, `CLF` 4). */
  readonly minorUnits: number;
}

/**
 * All active ISO 4217 "List One" currency and fund codes that have a numeric minor unit,
 * as of the list effective 2026-01-01 (amendments up to 180 applied).
 *
 * Why the table is static: minor units decide how amounts are stored, so they must not
 * change with the ICU/CLDR version of the runtime (CLDR uses display digits, e.g. 0 for
 * IQD or HUF cash, which differ from ISO).
 *
 * Deliberately absent:
 * - Codes whose ISO minor unit is "N.A." (precious metals XAU XAG XPD XPT, bond units
 *   XBA–XBD, XDR, XSU, XUA, the test code XTS and XXX): they cannot be stored as minor units.
 * - Withdrawn codes (moved to List Three): HRK (2023, euro), SLL (redenominated to SLE),
 *   ZWL (replaced by ZWG, 2024), ANG (replaced by XCG, 2025), CUC (monetary unification),
 *   BGN (Bulgaria adopted the euro on 2026-01-01).
 *
 * Keep sorted by code; the tests check order, uniqueness and the non-2 minor units.
 */
export const ISO_CURRENCIES: readonly IsoCurrency[] = Object.freeze(
  (
    [
      ['AED', 'United Arab Emirates Dirham', 2],
      ['AFN', 'Afghan Afghani', 2],
      ['ALL', 'Albanian Lek', 2],
      ['AMD', 'Armenian Dram', 2],
      ['AOA', 'Angolan Kwanza', 2],
      ['ARS', 'Argentine Peso', 2],
      ['AUD', 'Australian Dollar', 2],
      ['AWG', 'Aruban Florin', 2],
      ['AZN', 'Azerbaijani Manat', 2],
      ['BAM', 'Bosnia-Herzegovina Convertible Mark', 2],
      ['BBD', 'Barbados Dollar', 2],
      ['BDT', 'Bangladeshi Taka', 2],
      ['BHD', 'Bahraini Dinar', 3],
      ['BIF', 'Burundian Franc', 0],
      ['BMD', 'Bermudian Dollar', 2],
      ['BND', 'Brunei Dollar', 2],
      ['BOB', 'Bolivian Boliviano', 2],
      ['BOV', 'Bolivian Mvdol (funds code)', 2],
      ['BRL', 'Brazilian Real', 2],
      ['BSD', 'Bahamian Dollar', 2],
      ['BTN', 'Bhutanese Ngultrum', 2],
      ['BWP', 'Botswana Pula', 2],
      ['BYN', 'Belarusian Ruble', 2],
      ['BZD', 'Belize Dollar', 2],
      ['CAD', 'Canadian Dollar', 2],
      ['CDF', 'Congolese Franc', 2],
      ['CHE', 'WIR Euro (complementary currency)', 2],
      ['CHF', 'Swiss Franc', 2],
      ['CHW', 'WIR Franc (complementary currency)', 2],
      ['CLF', 'Unidad de Fomento (funds code)', 4],
      ['CLP', 'Chilean Peso', 0],
      ['CNY', 'Chinese Yuan Renminbi', 2],
      ['COP', 'Colombian Peso', 2],
      ['COU', 'Unidad de Valor Real (funds code)', 2],
      ['CRC', 'Costa Rican Colon', 2],
      ['CUP', 'Cuban Peso', 2],
      ['CVE', 'Cape Verdean Escudo', 2],
      ['CZK', 'Czech Koruna', 2],
      ['DJF', 'Djiboutian Franc', 0],
      ['DKK', 'Danish Krone', 2],
      ['DOP', 'Dominican Peso', 2],
      ['DZD', 'Algerian Dinar', 2],
      ['EGP', 'Egyptian Pound', 2],
      ['ERN', 'Eritrean Nakfa', 2],
      ['ETB', 'Ethiopian Birr', 2],
      ['EUR', 'Euro', 2],
      ['FJD', 'Fiji Dollar', 2],
      ['FKP', 'Falkland Islands Pound', 2],
      ['GBP', 'Pound Sterling', 2],
      ['GEL', 'Georgian Lari', 2],
      ['GHS', 'Ghanaian Cedi', 2],
      ['GIP', 'Gibraltar Pound', 2],
      ['GMD', 'Gambian Dalasi', 2],
      ['GNF', 'Guinean Franc', 0],
      ['GTQ', 'Guatemalan Quetzal', 2],
      ['GYD', 'Guyanese Dollar', 2],
      ['HKD', 'Hong Kong Dollar', 2],
      ['HNL', 'Honduran Lempira', 2],
      ['HTG', 'Haitian Gourde', 2],
      ['HUF', 'Hungarian Forint', 2],
      ['IDR', 'Indonesian Rupiah', 2],
      ['ILS', 'Israeli New Shekel', 2],
      ['INR', 'Indian Rupee', 2],
      ['IQD', 'Iraqi Dinar', 3],
      ['IRR', 'Iranian Rial', 2],
      ['ISK', 'Icelandic Krona', 0],
      ['JMD', 'Jamaican Dollar', 2],
      ['JOD', 'Jordanian Dinar', 3],
      ['JPY', 'Japanese Yen', 0],
      ['KES', 'Kenyan Shilling', 2],
      ['KGS', 'Kyrgyzstani Som', 2],
      ['KHR', 'Cambodian Riel', 2],
      ['KMF', 'Comorian Franc', 0],
      ['KPW', 'North Korean Won', 2],
      ['KRW', 'South Korean Won', 0],
      ['KWD', 'Kuwaiti Dinar', 3],
      ['KYD', 'Cayman Islands Dollar', 2],
      ['KZT', 'Kazakhstani Tenge', 2],
      ['LAK', 'Lao Kip', 2],
      ['LBP', 'Lebanese Pound', 2],
      ['LKR', 'Sri Lankan Rupee', 2],
      ['LRD', 'Liberian Dollar', 2],
      ['LSL', 'Lesotho Loti', 2],
      ['LYD', 'Libyan Dinar', 3],
      ['MAD', 'Moroccan Dirham', 2],
      ['MDL', 'Moldovan Leu', 2],
      ['MGA', 'Malagasy Ariary', 2],
      ['MKD', 'Macedonian Denar', 2],
      ['MMK', 'Myanmar Kyat', 2],
      ['MNT', 'Mongolian Tugrik', 2],
      ['MOP', 'Macanese Pataca', 2],
      ['MRU', 'Mauritanian Ouguiya', 2],
      ['MUR', 'Mauritian Rupee', 2],
      ['MVR', 'Maldivian Rufiyaa', 2],
      ['MWK', 'Malawian Kwacha', 2],
      ['MXN', 'Mexican Peso', 2],
      ['MXV', 'Mexican Unidad de Inversion (funds code)', 2],
      ['MYR', 'Malaysian Ringgit', 2],
      ['MZN', 'Mozambican Metical', 2],
      ['NAD', 'Namibian Dollar', 2],
      ['NGN', 'Nigerian Naira', 2],
      ['NIO', 'Nicaraguan Cordoba Oro', 2],
      ['NOK', 'Norwegian Krone', 2],
      ['NPR', 'Nepalese Rupee', 2],
      ['NZD', 'New Zealand Dollar', 2],
      ['OMR', 'Omani Rial', 3],
      ['PAB', 'Panamanian Balboa', 2],
      ['PEN', 'Peruvian Sol', 2],
      ['PGK', 'Papua New Guinean Kina', 2],
      ['PHP', 'Philippine Peso', 2],
      ['PKR', 'Pakistani Rupee', 2],
      ['PLN', 'Polish Zloty', 2],
      ['PYG', 'Paraguayan Guarani', 0],
      ['QAR', 'Qatari Riyal', 2],
      ['RON', 'Romanian Leu', 2],
      ['RSD', 'Serbian Dinar', 2],
      ['RUB', 'Russian Ruble', 2],
      ['RWF', 'Rwandan Franc', 0],
      ['SAR', 'Saudi Riyal', 2],
      ['SBD', 'Solomon Islands Dollar', 2],
      ['SCR', 'Seychelles Rupee', 2],
      ['SDG', 'Sudanese Pound', 2],
      ['SEK', 'Swedish Krona', 2],
      ['SGD', 'Singapore Dollar', 2],
      ['SHP', 'Saint Helena Pound', 2],
      ['SLE', 'Sierra Leonean Leone', 2],
      ['SOS', 'Somali Shilling', 2],
      ['SRD', 'Surinamese Dollar', 2],
      ['SSP', 'South Sudanese Pound', 2],
      ['STN', 'Sao Tome and Principe Dobra', 2],
      ['SVC', 'Salvadoran Colon', 2],
      ['SYP', 'Syrian Pound', 2],
      ['SZL', 'Swazi Lilangeni', 2],
      ['THB', 'Thai Baht', 2],
      ['TJS', 'Tajikistani Somoni', 2],
      ['TMT', 'Turkmenistan Manat', 2],
      ['TND', 'Tunisian Dinar', 3],
      ['TOP', "Tongan Pa'anga", 2],
      ['TRY', 'Turkish Lira', 2],
      ['TTD', 'Trinidad and Tobago Dollar', 2],
      ['TWD', 'New Taiwan Dollar', 2],
      ['TZS', 'Tanzanian Shilling', 2],
      ['UAH', 'Ukrainian Hryvnia', 2],
      ['UGX', 'Ugandan Shilling', 0],
      ['USD', 'US Dollar', 2],
      ['USN', 'US Dollar Next Day (funds code)', 2],
      ['UYI', 'Uruguay Peso en Unidades Indexadas (funds code)', 0],
      ['UYU', 'Uruguayan Peso', 2],
      ['UYW', 'Unidad Previsional (Uruguay)', 4],
      ['UZS', 'Uzbekistani Sum', 2],
      ['VED', 'Venezuelan Digital Bolivar', 2],
      ['VES', 'Venezuelan Sovereign Bolivar', 2],
      ['VND', 'Vietnamese Dong', 0],
      ['VUV', 'Vanuatu Vatu', 0],
      ['WST', 'Samoan Tala', 2],
      ['XAD', 'Arab Accounting Dinar (funds code)', 2],
      ['XAF', 'CFA Franc BEAC', 0],
      ['XCD', 'East Caribbean Dollar', 2],
      ['XCG', 'Caribbean Guilder', 2],
      ['XOF', 'CFA Franc BCEAO', 0],
      ['XPF', 'CFP Franc', 0],
      ['YER', 'Yemeni Rial', 2],
      ['ZAR', 'South African Rand', 2],
      ['ZMW', 'Zambian Kwacha', 2],
      ['ZWG', 'Zimbabwe Gold', 2],
    ] as const
  ).map(([code, name, minorUnits]): IsoCurrency => Object.freeze({ code, name, minorUnits })),
);

// A Map keeps lookups O(1) and, unlike a plain object, cannot be fooled by `__proto__` or `toString`.
const BY_CODE: ReadonlyMap<string, IsoCurrency> = new Map(ISO_CURRENCIES.map((c) => [c.code, c]));

/**
 * Looks up an active ISO 4217 currency by its alphabetic code.
 * Matching is exact (upper case): codes are normalised at the input boundary, not here,
 * so that "usd" in stored data is noticed instead of silently accepted.
 */
export function findCurrency(code: string): IsoCurrency | undefined {
  return typeof code === 'string' ? BY_CODE.get(code) : undefined;
}

/** True when `code` is an active ISO 4217 code with numeric minor units (exact, upper case). */
export function isCurrencyCode(code: string): boolean {
  return findCurrency(code) !== undefined;
}

/**
 * Like {@link findCurrency} but throws `AppError` (`validation_failed`) for unknown codes.
 * @param path JSON pointer of the offending input field, for the error's `issues`.
 */
export function getCurrency(code: string, path = '/currency'): IsoCurrency {
  const currency = findCurrency(code);
  if (currency === undefined) {
    throw AppError.invalid(path, `unknown currency code ${String(code)} (ISO 4217)`, 'unknown_currency');
  }
  return currency;
}
