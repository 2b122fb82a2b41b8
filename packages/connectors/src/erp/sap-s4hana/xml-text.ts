/**
 * Writing XML by hand, correctly escaped: the few helpers the SAP SOAP request needs (no
 * XML library, on purpose: the request is small and fixed in shape).
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// XML 1.0 cannot carry most control characters, not even as character references.
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe inside an element or a quoted attribute: markup characters escaped, characters XML cannot hold dropped. */
export function escapeXml(value: string): string {
  return value.replace(NOT_XML_CHARACTER, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** `<name attr="…">text</name>` with the text and attributes escaped; '' when the text is undefined (an optional field left out). */
export function textElement(name: string, text: string | undefined, attributes: Readonly<Record<string, string>> = {}): string {
  if (text === undefined) return '';
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  return `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}

/** `<name>…children…</name>` from already-built XML fragments; '' when every child is empty. */
export function parentElement(name: string, children: readonly string[]): string {
  const inner = children.join('');
  return inner === '' ? '' : `<${name}>${inner}</${name}>`;
}
