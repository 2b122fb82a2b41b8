/** Bigints anywhere in a value travel as digit strings. */
const bigintAsText = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/**
 * JSON text of a value whose bigints (amounts in minor units) become digit strings. A
 * replacer makes `JSON.stringify` several times slower, so it is used only for values that
 * hold a bigint (plain JSON refuses them with a TypeError); the text is the same either way.
 */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof TypeError) return JSON.stringify(value, bigintAsText);
    throw error;
  }
}
