import { describe, expect, it } from 'vitest';
import { buildDemoEntities, findEntityBankAccounts, legalEntityResource, listAuditForObject, type Row } from '@invoiceops/core';
import {
  appErrorOf,
  createLegalEntity,
  createThrough,
  testDatabaseKinds,
  unique,
  updateThrough,
  useTestDatabase,
  withRollback,
} from '@invoiceops/testing';

/** A euro account in Germany, as a finance team would type it. */
const EURO_ACCOUNT = {
  currency: 'EUR',
  bankName: 'Commerzbank',
  accountName: 'Invoiceops Test GmbH',
  iban: 'de89 3704 0044 0532 0130 00',
  bic: 'cobadeffxxx',
};

/** A US dollar account: ABA routing number and account number, no IBAN. */
const DOLLAR_ACCOUNT = {
  currency: 'USD',
  bankName: 'Demo Bank of New York',
  accountName: 'Invoiceops Test Inc.',
  accountNumber: '0001 2345 6789',
  routingNumber: '026-000-990',
  iban: '',
  bic: null,
};

/** The bank accounts as the API shows the entity. */
const accountsOf = (row: Row): unknown => (legalEntityResource.toOutput(row) as { bankAccounts: unknown }).bankAccounts;

describe.each(testDatabaseKinds())('legal entity bank accounts on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('stores IBAN, BIC and US routing details normalized, without blank fields, and audits them', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx, { bankAccounts: [EURO_ACCOUNT, DOLLAR_ACCOUNT] });
      const expected = [
        { currency: 'EUR', bankName: 'Commerzbank', accountName: 'Invoiceops Test GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
        { currency: 'USD', bankName: 'Demo Bank of New York', accountName: 'Invoiceops Test Inc.', accountNumber: '000123456789', routingNumber: '026000990' },
      ];
      expect(accountsOf(entity)).toEqual(expected);
      expect(await findEntityBankAccounts(trx, entity.id)).toEqual(expected);
      const [created] = await listAuditForObject(trx, 'legal_entity', entity.id);
      expect((created!.diff as { after: { bankAccounts: unknown } }).after.bankAccounts).toEqual(expected);
    });
  });

  it('gives an entity created without accounts an empty list', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx);
      expect(accountsOf(entity)).toEqual([]);
      expect(await findEntityBankAccounts(trx, entity.id)).toEqual([]);
      expect(await findEntityBankAccounts(trx, 'ent_00000000000000000000000000')).toEqual([]);
    });
  });

  it('names every wrong field by its path: IBAN checksum, BIC length, ABA checksum, and writes nothing', async () => {
    await withRollback(t.db, async (trx) => {
      const code = unique('DE');
      const error = await appErrorOf(createLegalEntity(trx, {
        code,
        bankAccounts: [
          { ...EURO_ACCOUNT, iban: 'DE89370400440532013001', bic: 'COBADEFFX' },
          { ...DOLLAR_ACCOUNT, routingNumber: '026000991' },
        ],
      }));
      expect(error.code).toBe('validation_failed');
      expect(error.issues).toEqual([
        { path: '/bankAccounts/0/iban', message: expect.stringContaining('fails the checksum'), code: 'iban' },
        { path: '/bankAccounts/0/bic', message: 'BIC COBADEFFX must be 8 or 11 characters, not 9', code: 'bic' },
        { path: '/bankAccounts/1/routingNumber', message: 'routing number 026000991 fails the ABA checksum', code: 'routing_number' },
      ]);
      const stored = await trx.selectFrom('legalEntities').select('id').where('code', '=', code).execute();
      expect(stored).toEqual([]);
    });
  });

  it('requires an IBAN or an account number, an account number beside a bank code, and a BIC of the IBAN country', async () => {
    await withRollback(t.db, async (trx) => {
      const error = await appErrorOf(createLegalEntity(trx, {
        bankAccounts: [
          { bankName: 'Demo Bank', accountName: 'Invoiceops Test GmbH', bic: 'COBADEFFXXX' },
          { currency: 'GBP', bankName: 'Demo Bank plc', accountName: 'Invoiceops Test Ltd', sortCode: '20-00-00' },
          { ...EURO_ACCOUNT, bic: 'BNPAFRPP' },
          { currency: 'AUD', bankName: 'Demo Bank Australia', accountName: 'Invoiceops Test Pty Ltd', accountNumber: '12345678', bsb: '062-00' },
        ],
      }));
      expect(error.issues).toEqual([
        { path: '/bankAccounts/0', message: 'needs an iban or a local accountNumber', code: 'required' },
        { path: '/bankAccounts/1/accountNumber', message: 'is required with sortCode', code: 'required' },
        { path: '/bankAccounts/2/bic', message: 'BIC BNPAFRPP is from FR but the IBAN is from DE', code: 'bic_country' },
        { path: '/bankAccounts/3/bsb', message: 'BSB 062-00 must be 6 digits, such as 062-000', code: 'bsb' },
      ]);
    });
  });

  it('refuses a currency that is not an ISO 4217 code, at its path', () => {
    const result = legalEntityResource.createSchema.safeParse({
      code: 'DE99',
      legalName: 'Invoiceops Test GmbH',
      country: 'DE',
      functionalCurrency: 'EUR',
      address: { line1: 'Friedrichstraße 1', city: 'Berlin', country: 'DE' },
      timeZone: 'Europe/Berlin',
      bankAccounts: [{ ...EURO_ACCOUNT, currency: 'EUX' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('/'), i.message])).toEqual([['bankAccounts/0/currency', 'is not an ISO 4217 currency code']]);
  });

  it('checks accounts again when a patch changes them, and not on unrelated edits', async () => {
    await withRollback(t.db, async (trx) => {
      const entity = await createLegalEntity(trx, { bankAccounts: [EURO_ACCOUNT] });
      const renamed = await updateThrough(trx, legalEntityResource, entity.id, { legalName: 'Invoiceops Renamed GmbH' });
      expect(renamed.version).toBe(2);

      const error = await appErrorOf(updateThrough(trx, legalEntityResource, entity.id, {
        bankAccounts: [EURO_ACCOUNT, { ...DOLLAR_ACCOUNT, routingNumber: '12345678' }],
      }));
      expect(error.issues).toEqual([expect.objectContaining({ path: '/bankAccounts/1/routingNumber', message: 'routing number 12345678 must be 9 digits' })]);

      const updated = await updateThrough(trx, legalEntityResource, entity.id, { bankAccounts: [DOLLAR_ACCOUNT] });
      expect(accountsOf(updated)).toEqual([expect.objectContaining({ currency: 'USD', routingNumber: '026000990' })]);
      // The same account typed differently normalizes to what is stored: nothing changes.
      const again = await updateThrough(trx, legalEntityResource, entity.id, { bankAccounts: [{ ...DOLLAR_ACCOUNT, routingNumber: '026000990' }] });
      expect(again.version).toBe(updated.version);
    });
  });

  it('accepts the demo company accounts as they are seeded (checksum-valid and already normalized)', async () => {
    await withRollback(t.db, async (trx) => {
      for (const { id: _id, invoiceSeries: _series, ...definition } of buildDemoEntities(1)) {
        const entity = await createThrough(trx, legalEntityResource, { ...definition, code: unique(definition.code) });
        expect(accountsOf(entity), definition.code).toEqual(definition.bankAccounts);
      }
    });
  });
});
