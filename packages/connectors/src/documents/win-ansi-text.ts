/**
 * Text for the PDF standard fonts (Helvetica), which can only show WinAnsiEncoding
 * (Windows-1252): ASCII, Latin-1 and a few typographic characters such as € – “ ”.
 *
 * Why this exists: pdfkit writes any other character as a wrong byte pair and the reader
 * shows garbage, silently. Embedding a Unicode font would fix it but needs a font file in
 * the repository and a font per script (CJK alone is 10+ MB); invoices from this platform
 * are mostly Latin-script, so names are transliterated where that is faithful and every
 * remaining character becomes "?". See docs/invoice-pdf.md.
 */

/** Characters above Latin-1 that WinAnsiEncoding has (its 0x80–0x9F block). */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Replacements for characters that have no WinAnsi form and no Unicode decomposition
 * to one: letters with strokes, dashes, minus signs and the many widths of space
 * (Intl uses U+202F as a thousands separator in fr-FR and U+2212 as minus in sv-SE).
 */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŧ: 'T', ŧ: 't',
  Ŋ: 'N', ŋ: 'n', ĸ: 'k', Ə: 'E', ə: 'e', ſ: 's', ŉ: "'n", Ɨ: 'I', ƚ: 'l',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2015': '—', '\u2212': '-',
  '\u2032': "'", '\u2033': '"', '\u2039': '‹', '\u2044': '/',
  // Non-breaking spaces keep numbers on one line; WinAnsi has exactly one (0xA0).
  '\u202F': '\u00A0', '\u2007': '\u00A0', '\u2060': '', '\u200B': '', '\u200C': '', '\u200D': '', '\uFEFF': '',
  '\u2028': '\n', '\u2029': '\n', '\t': ' ',
};

function isWinAnsiChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x0a) return true;
  if (code >= 0x20 && code <= 0x7e) return true;
  if (code >= 0xa0 && code <= 0xff) return true;
  return WIN_ANSI_EXTRAS.has(char);
}

function transliterate(char: string): string {
  const replacement = REPLACEMENTS[char];
  if (replacement !== undefined) return replacement;
  // Other spaces (U+2000–U+200A, U+3000 ideographic space …) read as a plain space.
  if (/^\s$/u.test(char)) return ' ';
  // A combining mark NFC could not fold into its letter: dropping it keeps the letter.
  if (/^\p{M}$/u.test(char)) return '';
  // Compatibility decomposition, then drop accents from the last until the letter fits:
  // ễ → ê, ź → z, ő → o, ﬁ → fi, Ａ → A.
  const decomposed = char.normalize('NFKD');
  const base = decomposed.replace(/\p{M}/gu, '');
  const marks = decomposed.match(/\p{M}/gu) ?? [];
  for (let kept = marks.length; kept >= 0 && base !== ''; kept--) {
    const candidate = (base + marks.slice(0, kept).join('')).normalize('NFC');
    if ([...candidate].every(isWinAnsiChar)) return candidate;
  }
  if (/^\p{Cc}$/u.test(char)) return '';
  return '?';
}

/**
 * `text` with every character the standard PDF fonts cannot show transliterated or
 * replaced by "?": `Łódź` → `Lódz`, `Zürich` unchanged, `東京` → `??`. Line breaks are
 * kept (`\r\n` → `\n`), other control characters dropped. Pure and total: never throws.
 */
export function toWinAnsi(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').normalize('NFC');
  let out = '';
  for (const char of normalized) out += isWinAnsiChar(char) ? char : transliterate(char);
  return out;
}

/** True when every character of `text` can be drawn with a standard PDF font. */
export function isWinAnsi(text: string): boolean {
  return [...text].every(isWinAnsiChar);
}
