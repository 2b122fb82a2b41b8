/**
 * The simulator's own reading of the journal entry SOAP request, deliberately independent
 * of the connector's XML code (a shared bug would hide itself). Regular expressions are
 * enough: the request's elements of one name never nest.
 */

/** One element found: its attributes (raw) and its inner XML. */
export interface RawElement {
  readonly attributes: string;
  readonly inner: string;
}

const escapeName = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every element named `name` (any namespace prefix), in order. */
export function soapElements(xml: string, name: string): RawElement[] {
  const n = escapeName(name);
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${n}(\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${n}\\s*>)`, 'g');
  return [...xml.matchAll(pattern)].map((match) => ({ attributes: match[1] ?? '', inner: match[2] ?? '' }));
}

/** The decoded text of the first element named `name`, or undefined. */
export function soapText(xml: string, name: string): string | undefined {
  const first = soapElements(xml, name)[0];
  return first === undefined ? undefined : decodeEntities(first.inner).trim();
}

/** An attribute's decoded value. */
export function soapAttribute(element: RawElement, name: string): string | undefined {
  const match = new RegExp(`\\b${escapeName(name)}\\s*=\\s*"([^"]*)"`).exec(element.attributes);
  return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
}

/** Where the XML is not well formed in the ways hand-written XML goes wrong: a bare `&`, or text that is not XML at all. */
export function xmlProblem(xml: string): string | undefined {
  if (!/^\s*(<\?xml[^>]*\?>\s*)?<(?:[\w.-]+:)?Envelope[\s>]/.test(xml)) return 'the request is not a SOAP envelope';
  const bareAmpersand = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(xml);
  if (bareAmpersand) return `an unescaped ampersand at offset ${bareAmpersand.index}`;
  return undefined;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[entity] ?? '';
  });
}
