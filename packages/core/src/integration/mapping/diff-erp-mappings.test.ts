import { describe, expect, it } from 'vitest';
import { describeReleaseDiff } from '../../controls/releases/describe-release-diff.ts';
import { diffErpMappings } from './diff-erp-mappings.ts';
import { diffTextLines } from './diff-text-lines.ts';

const TEMPLATE = ['{', '  "externalId": externalId,', '  "subsidiary": { "id": company },', '  "entity": { "id": party },', '  "memo": memo', '}'].join('\n');

const content = (changes: Record<string, unknown> = {}, template = TEMPLATE) => ({
  connections: { netsuite: { entities: { ent_de: '3' }, accounts: { '4000': '401' }, taxCodes: { S: 'S-DE' }, templates: { invoice: template, credit_memo: '$' }, ...changes } },
});

describe('diffTextLines', () => {
  it.each([
    ['equal texts', 'a\nb', 'a\nb', []],
    ['one line changed', 'a\nb\nc', 'a\nB\nc', [{ line: 2, removed: ['b'], added: ['B'] }]],
    ['a line added at the end', 'a\nb', 'a\nb\nc', [{ line: 3, removed: [], added: ['c'] }]],
    ['a line removed at the start', 'a\nb\nc', 'b\nc', [{ line: 1, removed: ['a'], added: [] }]],
    ['two separate edits', 'a\nb\nc\nd\ne', 'a\nX\nc\nd\nY\nZ', [{ line: 2, removed: ['b'], added: ['X'] }, { line: 5, removed: ['e'], added: ['Y', 'Z'] }]],
  ])('%s', (_name, before, after, hunks) => {
    expect(diffTextLines(before, after)).toEqual(hunks);
  });
});

describe('diffErpMappings', () => {
  it('reports table changes at JSON pointers', () => {
    const diff = diffErpMappings(content(), content({ accounts: { '4000': '4010', '1100': '120' }, products: { prd_1: '1200' } }));
    expect(diff).toEqual({
      type: 'structural',
      changes: [
        { path: '/connections/netsuite/accounts/1100', change: 'added', new: '120' },
        { path: '/connections/netsuite/accounts/4000', change: 'changed', old: '401', new: '4010' },
        { path: '/connections/netsuite/products', change: 'added', new: { prd_1: '1200' } },
      ],
    });
  });

  it('shows a changed template as the lines that changed, numbered, not as two long strings', () => {
    const edited = TEMPLATE.replace('"subsidiary": { "id": company }', '"subsidiary": { "id": company, "type": "subsidiary" }').replace('  "memo": memo', '  "memo": memo,\n  "otherRefNum": poNumber');
    const diff = diffErpMappings(content(), content({}, edited));
    expect(diff.changes).toEqual([
      { path: '/connections/netsuite/templates/invoice', change: 'changed', old: 'L3:   "subsidiary": { "id": company },', new: 'L3:   "subsidiary": { "id": company, "type": "subsidiary" },' },
      { path: '/connections/netsuite/templates/invoice', change: 'changed', old: 'L5:   "memo": memo', new: 'L5:   "memo": memo,\nL6:   "otherRefNum": poNumber' },
    ]);
    expect(describeReleaseDiff(diff)[0]).toBe('~ /connections/netsuite/templates/invoice: "L3:   \\"subsidiary\\": { \\"id\\": company }," → "L3:   \\"subsidiary\\": { \\"id\\": company, \\"type\\": \\"subsidiary\\" },"');
  });

  it('shows a new connection whole, and no changes between equal versions', () => {
    expect(diffErpMappings({ connections: {} }, content()).changes).toEqual([{ path: '/connections/netsuite', change: 'added', new: content().connections.netsuite }]);
    expect(diffErpMappings(content(), content()).changes).toEqual([]);
  });
});
