import { z } from 'zod';
import { isCurrencyCode } from '../money/iso-currencies.ts';
import { isCountryCode } from '../reference-data/countries.ts';
import { isTimeZone } from '../reference-data/time-zones.ts';

/**
 * Building blocks for request schemas. Every text field has a length limit and refuses
 * NUL and other control characters (PostgreSQL cannot store NUL; the others are never
 * legitimate in master data). Everything else is stored verbatim and escaped on output.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function text(max = 200) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !CONTROL_CHARS.test(v), 'must not contain control characters');
}

/** Text that must contain something besides spaces. */
export function requiredText(max = 200) {
  return text(max).refine((v) => v.trim().length > 0, 'must not be empty');
}

/** A short code: letters, digits, `_`, `-`, `.`. */
export function code(max = 40) {
  return z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be letters, digits, "_", "-" or "." (starting with a letter or digit)').max(max);
}

export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code in capitals, such as EUR')
  .refine(isCurrencyCode, 'is not an ISO 4217 currency code');

export const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166-1 code in capitals, such as DE')
  .refine(isCountryCode, 'is not an ISO 3166-1 country code');

export const timeZone = z.string().max(64).refine(isTimeZone, 'is not an IANA time zone such as Europe/Berlin');

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'is not a calendar date');

/** A positive decimal written as a string (rates are never floats). */
export const decimalString = z
  .string()
  .regex(/^\d{1,18}(\.\d{1,12})?$/, 'must be a decimal number written as a string, such as "1.0825"');

export const email = z.string().max(254).email('is not an email address');

export const postalAddress = z.strictObject({
  line1: requiredText(200),
  line2: text(200).nullish(),
  city: requiredText(100),
  region: text(100).nullish(),
  postalCode: text(20).nullish(),
  country: countryCode,
});

export const contact = z.strictObject({
  name: requiredText(200),
  email,
  role: text(60).nullish(),
  phone: z.string().regex(/^\+?[0-9 ()-]{4,30}$/, 'must be a phone number such as +49 30 1234567').nullish(),
});

export const paymentTermsDays = z.number().int('must be a whole number of days').min(0).max(365);

/** An object id with the given prefix, such as `cus_01J…`. */
export function idOf(prefix: string) {
  return z.string().regex(new RegExp(`^${prefix}_[0-9A-Z]{26}$`), `must be an id starting with ${prefix}_`);
}

/** Cursor pagination parameters shared by every list route. */
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

/**
 * The PATCH schema for a set of create fields: every field optional, defaults removed (a
 * missing field means "leave as is", never "reset to the default"), unknown fields refused.
 */
export function patchSchemaOf<T extends z.ZodRawShape>(shape: T) {
  const entries = Object.entries(shape).map(([key, schema]) => {
    const field = schema instanceof z.ZodDefault ? (schema.removeDefault() as z.ZodType) : (schema as z.ZodType);
    return [key, field.optional()];
  });
  return z.strictObject(Object.fromEntries(entries)) as unknown as z.ZodType<Partial<z.output<z.ZodObject<T>>>>;
}
