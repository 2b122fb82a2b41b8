import { createHash, randomBytes } from 'node:crypto';

const KEY_BYTES = 32;
const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

/**
 * The vault's master key: 32 bytes that wrap every secret's data key. The bytes sit in a
 * private field, so logging or serialising the object shows only its id and source.
 */
export class MasterKey {
  readonly #bytes: Buffer;

  /** A short fingerprint of the key, stored with each secret it wraps (rotation knows which rows are done). */
  readonly id: string;

  /** Where the key came from (an environment variable or a file path), for messages. */
  readonly source: string;

  constructor(bytes: Buffer, source: string) {
    if (bytes.length !== KEY_BYTES) throw new Error(`a master key has ${KEY_BYTES} bytes, got ${bytes.length}`);
    this.#bytes = Buffer.from(bytes);
    this.source = source;
    this.id = createHash('sha256').update('invoiceops.vault.master-key-id\0').update(bytes).digest('hex').slice(0, 16);
  }

  /** The raw key, for the envelope functions only. */
  bytes(): Buffer {
    return this.#bytes;
  }

  toJSON(): { id: string; source: string } {
    return { id: this.id, source: this.source };
  }

  toString(): string {
    return `MasterKey(${this.id} from ${this.source})`;
  }
}

/**
 * Parses a master key written as base64 of 32 bytes (surrounding whitespace ignored). A
 * malformed key throws one line naming `source` and what is wrong — never the key itself.
 */
export function parseMasterKey(text: string, source: string): MasterKey {
  const value = text.trim();
  if (!BASE64_32_BYTES.test(value)) {
    const what = value.length === 0 ? 'is empty' : `has ${value.length} characters that are not the base64 of 32 bytes`;
    throw new Error(`${source} ${what}: a master key is 44 base64 characters (32 random bytes); make one with \`invoiceops keys generate\``);
  }
  return new MasterKey(Buffer.from(value, 'base64'), source);
}

/** A new random master key as base64 text (what `invoiceops keys generate` prints). */
export function generateMasterKeyText(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}
