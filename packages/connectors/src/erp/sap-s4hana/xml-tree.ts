/**
 * A tolerant XML reader for answers we only need a few elements of (SOAP confirmations,
 * faults, OData XML errors). It never throws: mismatched or unclosed tags are closed where
 * they can be, and anything that is not markup is text. Names are kept without their
 * namespace prefix (`n0:JournalEntryBulkCreateConfirmation` → `JournalEntryBulkCreateConfirmation`).
 */

/** An element: its local name, attributes, child elements and its own text (entities decoded). */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

// Linear on hostile or cut-off input: nothing in a tag may contain '<' (XML forbids it), so
// a tag that never closes fails at the next '<'; names and unquoted values hold no quotes,
// so a tag splits into attributes one way only; an unclosed comment, CDATA section or
// processing instruction runs to the end in one step.
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<![^>]*(?:>|$)|<\/\s*([^\s<>]+)\s*>|<([A-Za-z_][^\s/<>"']*)((?:\s+[^\s=/<>"']+(?:\s*=\s*(?:"[^"<]*"|'[^'<]*'|[^\s<>"']+))?)*)\s*(\/?)>|([^<]+)|</g;
const ATTRIBUTE = /([^\s=/<>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s<>"']+)))?/g;

// Deeper elements are kept as leaves of the deepest one: the readers recurse, and no answer
// we read nests anywhere near this deep.
const MAX_DEPTH = 200;

const localName = (qualified: string): string => qualified.slice(qualified.indexOf(':') + 1);

/** Decodes the five named entities and numeric character references. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return safeCodePoint(parseInt(entity.slice(2), 16), whole);
    if (entity.startsWith('#')) return safeCodePoint(parseInt(entity.slice(1), 10), whole);
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

function readAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1];
    if (name) attributes[localName(name)] = decodeXmlEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/** Reads `xml` into a tree under a synthetic `#document` element. */
export function parseXml(xml: string): XmlElement {
  const document: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [document];
  const current = (): XmlElement => stack[stack.length - 1] ?? document;
  for (const token of xml.matchAll(TOKEN)) {
    const [whole, cdata, closing, opening, attributes, selfClosing, text] = token;
    if (cdata !== undefined) current().text += cdata;
    else if (text !== undefined) current().text += decodeXmlEntities(text);
    else if (closing !== undefined) {
      const name = localName(closing);
      const at = stack.findLastIndex((element, index) => index > 0 && element.name === name);
      if (at > 0) stack.length = at;
    } else if (opening !== undefined) {
      const element: XmlElement = { name: localName(opening), attributes: readAttributes(attributes ?? ''), children: [], text: '' };
      current().children.push(element);
      if (selfClosing !== '/' && stack.length <= MAX_DEPTH) stack.push(element);
    } else if (whole === '<') current().text += '<';
  }
  return document;
}

/** The first child element named `name`. */
export function childElement(parent: XmlElement | undefined, name: string): XmlElement | undefined {
  return parent?.children.find((child) => child.name === name);
}

/** Every child element named `name`. */
export function childElements(parent: XmlElement | undefined, name: string): XmlElement[] {
  return parent ? parent.children.filter((child) => child.name === name) : [];
}

/** The trimmed text of the first child named `name`, or undefined when there is no such child. */
export function childText(parent: XmlElement | undefined, name: string): string | undefined {
  return childElement(parent, name)?.text.trim();
}

/** The first element named `name` at any depth below `root` (depth first, document order). */
export function findElement(root: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!root) return undefined;
  for (const child of root.children) {
    if (child.name === name) return child;
    const found = findElement(child, name);
    if (found) return found;
  }
  return undefined;
}

/** Every element named `name` at any depth below `root`, in document order. */
export function findElements(root: XmlElement | undefined, name: string): XmlElement[] {
  if (!root) return [];
  return root.children.flatMap((child) => [...(child.name === name ? [child] : []), ...findElements(child, name)]);
}
