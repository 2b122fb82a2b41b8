/**
 * Rule messages are templates: literal text with `{{ expr }}` placeholders holding CEL
 * expressions over the rule context, e.g. `PO {{ document.poNumber }} is not the
 * contract's PO {{ contract.poNumber }}`. A placeholder ends at the first `}}`.
 */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'expression'; readonly source: string; readonly offset: number };

/** Where a template is malformed, as an offset into it. */
export interface TemplateSyntaxError {
  readonly offset: number;
  readonly message: string;
}

/** Splits a template into text and placeholder parts, or says where it is malformed. */
export function splitMessageTemplate(template: string): { parts: TemplatePart[] } | { error: TemplateSyntaxError } {
  const parts: TemplatePart[] = [];
  let position = 0;
  while (position < template.length) {
    const open = template.indexOf('{{', position);
    if (open === -1) {
      parts.push({ kind: 'text', text: template.slice(position) });
      break;
    }
    if (open > position) parts.push({ kind: 'text', text: template.slice(position, open) });
    const close = template.indexOf('}}', open + 2);
    if (close === -1) return { error: { offset: open, message: 'placeholder "{{" is never closed with "}}"' } };
    const raw = template.slice(open + 2, close);
    const leading = raw.length - raw.trimStart().length;
    if (raw.trim() === '') return { error: { offset: open, message: 'placeholder "{{ }}" is empty' } };
    parts.push({ kind: 'expression', source: raw.trim(), offset: open + 2 + leading });
    position = close + 2;
  }
  return { parts };
}

/**
 * Text for a placeholder's value: ints and decimals as digits, lists joined with ", ".
 * Deterministic (no locale), so the same context always renders the same message.
 */
export function renderTemplateValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(renderTemplateValue).join(', ');
  return String(value);
}

/** CEL result types a placeholder may have: scalars, and lists of them. */
export function isRenderableType(type: string): boolean {
  const item = /^list<(.+)>$/.exec(type)?.[1];
  if (item !== undefined) return isRenderableType(item);
  return ['string', 'int', 'uint', 'double', 'bool', 'dyn', 'null_type', 'list'].includes(type);
}
