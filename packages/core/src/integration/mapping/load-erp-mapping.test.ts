import { describe, expect, it } from 'vitest';
import { createReleaseDraft, diffReleases, getEffectiveRelease, listReleases, publishRelease, updateReleaseDraft, type ReleaseActor } from '@invoiceops/core';
import {
  appErrorOf, createGlAccount, createGlDimension, createLegalEntity, createTaxCode, createTaxJurisdiction, testDatabaseKinds, useTestDatabase, withRollback,
} from '@invoiceops/testing';
import { loadErpMapping } from './load-erp-mapping.ts';
import { parseErpMappingContent } from './parse-erp-mapping-content.ts';
import { PASS_THROUGH_TEMPLATE, proposeDefaultMapping } from './propose-default-mapping.ts';
import { seedErpMapping } from './seed-erp-mapping.ts';

const controller = (name: string): ReleaseActor => ({ actor: `user:usr_${name}`, userId: `usr_${name}`, grants: [{ role: 'controller', entityId: null }] });
const ANNA = controller('anna');
const BORIS = controller('boris');

const T0 = new Date('2026-03-02T09:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const DAY = 24 * 60;

const TEMPLATES = { invoice: '{ "externalId": externalId, "subsidiary": { "id": company } }', credit_memo: '{ "externalId": externalId }' };
const tablesOf = (accounts: Record<string, string>, entityId = 'ent_de') => ({ entities: { [entityId]: '3' }, accounts, taxCodes: { S: 'S-DE' }, templates: TEMPLATES });

describe.each(testDatabaseKinds())('erp_mapping releases on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('puts the published version in force from its effective time, a later one from its own, per connection', async () => {
    await withRollback(t.db, async (db) => {
      expect(await loadErpMapping(db, 'netsuite', T0)).toBeNull();
      // What a mapping names must exist when it is published: the entity and the account.
      const entityId = (await createLegalEntity(db)).id as string;
      await createGlAccount(db, { code: '4000', type: 'revenue' });
      const tables = (accounts: Record<string, string>) => tablesOf(accounts, entityId);
      const first = await seedErpMapping(db, { connectionName: 'netsuite', ...tables({ '4000': '401' }), author: ANNA, publisher: BORIS, now: T0, effectiveFrom: T0 });
      expect(first).toMatchObject({ kind: 'erp_mapping', version: 1, status: 'published', author: 'user:usr_anna', publishedBy: 'user:usr_boris' });
      // A second connection is added in version 2 from tomorrow; version 1's netsuite tables are kept.
      await seedErpMapping(db, { connectionName: 'xero', ...tables({ '4000': 'REV' }), author: ANNA, publisher: BORIS, now: later(60), effectiveFrom: later(DAY) });
      await seedErpMapping(db, { connectionName: 'netsuite', ...tables({ '4000': '4010' }), author: BORIS, publisher: ANNA, now: later(61), effectiveFrom: later(2 * DAY) });

      expect(await loadErpMapping(db, 'netsuite', later(-1))).toBeNull();
      const v1 = await loadErpMapping(db, 'netsuite', later(1));
      expect(v1).toMatchObject({ version: 1, accounts: { '4000': '401' }, templates: TEMPLATES, effectiveFrom: T0 });
      expect(await loadErpMapping(db, 'netsuite', later(2))).toBe(v1);
      expect(await loadErpMapping(db, 'xero', later(1))).toBeNull();
      expect(await loadErpMapping(db, 'xero', later(DAY))).toMatchObject({ version: 2, accounts: { '4000': 'REV' } });
      expect(await loadErpMapping(db, 'netsuite', later(DAY + 1))).toMatchObject({ version: 2, accounts: { '4000': '401' } });
      expect(await loadErpMapping(db, 'netsuite', later(2 * DAY))).toMatchObject({ version: 3, accounts: { '4000': '4010' } });
      expect(await loadErpMapping(db, 'constructor', later(2 * DAY))).toBeNull();

      const diff = await diffReleases(db, 'erp_mapping', 2, 3);
      expect(diff.lines).toEqual(['~ /connections/netsuite/accounts/4000: "401" → "4010"']);
    });
  });

  it('goes through the release store: four eyes, and a template that does not compile refused with JSONata’s message at its pointer', async () => {
    await withRollback(t.db, async (db) => {
      const broken = await appErrorOf(createReleaseDraft(db, ANNA, 'erp_mapping', { content: { connections: { netsuite: { ...tablesOf({}), templates: { invoice: '{ "total": $number(total) ', credit_memo: '$' } } } } }, T0));
      expect(broken.code).toBe('validation_failed');
      expect(broken.issues).toEqual([{
        path: '/content/connections/netsuite/templates/invoice',
        code: 'jsonata_expression',
        message: expect.stringMatching(/^the invoice template of connection netsuite is not valid JSONata: S0\d{3} at position \d+: .+/),
      }]);
      expect(await listReleases(db, 'erp_mapping')).toEqual([]);

      const own = await appErrorOf(seedErpMapping(db, { connectionName: 'netsuite', ...tablesOf({}), author: ANNA, publisher: ANNA, now: T0 }));
      expect([own.code, own.extensions.reason]).toEqual(['forbidden', 'four_eyes']);
      expect(await getEffectiveRelease(db, 'erp_mapping', T0)).toBeNull();
    });
    await withRollback(t.db, async (db) => {
      // A first draft without content starts from the empty mapping.
      expect((await createReleaseDraft(db, ANNA, 'erp_mapping', {}, T0)).content).toEqual({ connections: {} });
    });
  });

  it('refuses to publish a mapping that names records which do not exist, each at its pointer, and publishes it once they are right', async () => {
    await withRollback(t.db, async (db) => {
      const entityId = (await createLegalEntity(db)).id as string;
      await createGlAccount(db, { code: '4000', type: 'revenue' });
      const draft = await createReleaseDraft(db, ANNA, 'erp_mapping', {
        content: { connections: { netsuite: { ...tablesOf({ '4000': '401', '4O00': '402', '1100': '110' }, entityId), products: { prd_gone: 'ITEM-1' }, customers: { 'cus_a/b': 'C-1' } } } },
      }, T0);
      const refused = await appErrorOf(publishRelease(db, BORIS, 'erp_mapping', draft.version, { revision: draft.revision }, later(1)));
      expect([refused.code, refused.extensions.reason]).toEqual(['validation_failed', 'publish_check_failed']);
      // 4000 is in the chart, 1100 is where invoices post receivables: both fine; the typo 4O00 is not.
      expect(refused.issues).toEqual([
        { path: '/content/connections/netsuite/accounts/4O00', message: 'connection netsuite maps GL account 4O00, which does not exist', code: 'unknown_reference' },
        { path: '/content/connections/netsuite/products/prd_gone', message: 'connection netsuite maps product prd_gone, which does not exist', code: 'unknown_reference' },
        { path: '/content/connections/netsuite/customers/cus_a~1b', message: 'connection netsuite maps customer cus_a/b, which does not exist', code: 'unknown_reference' },
      ]);
      expect(await getEffectiveRelease(db, 'erp_mapping', later(2))).toBeNull();

      const fixed = await updateReleaseDraft(db, ANNA, 'erp_mapping', draft.version, { revision: draft.revision, content: { connections: { netsuite: tablesOf({ '4000': '401', '1100': '110' }, entityId) } } }, later(2));
      const published = await publishRelease(db, BORIS, 'erp_mapping', draft.version, { revision: fixed.revision }, later(3));
      expect(published.status).toBe('published');
    });
  });

  it('proposes tables from master data, each mapped to itself, that a mapping version accepts', async () => {
    await withRollback(t.db, async (db) => {
      const entity = await createLegalEntity(db);
      const account = await createGlAccount(db, { type: 'revenue' });
      const jurisdiction = await createTaxJurisdiction(db);
      const taxCode = await createTaxCode(db, jurisdiction.code as string);
      const dimension = await createGlDimension(db);

      const proposal = await proposeDefaultMapping(db, 'netsuite');
      expect(proposal.entities[entity.id as string]).toBe(entity.id);
      expect(proposal.accounts[account.code as string]).toBe(account.code);
      expect(proposal.taxCodes[taxCode.code as string]).toBe(taxCode.code);
      expect(proposal.dimensions?.[dimension.code as string]).toEqual({ segment: dimension.code });
      expect(proposal.templates).toEqual({ invoice: PASS_THROUGH_TEMPLATE, credit_memo: PASS_THROUGH_TEMPLATE });
      expect(parseErpMappingContent({ connections: { netsuite: proposal } })).toEqual({ connections: { netsuite: proposal } });
      // Nothing was saved.
      expect(await listReleases(db, 'erp_mapping')).toEqual([]);
    });
  });
});
