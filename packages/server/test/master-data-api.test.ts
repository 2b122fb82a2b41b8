import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeyFor,
  bearer,
  createLegalEntity,
  customerInput,
  fxRateInput,
  glAccountInput,
  glDimensionInput,
  glDimensionValueInput,
  legalEntityInput,
  productInput,
  supplierInput,
  taxCodeInput,
  taxJurisdictionInput,
  testDatabaseKinds,
  unique,
  useTestDatabase,
} from '@invoiceops/testing';
import { buildTestApp } from './build-test-app.ts';

type Json = Record<string, unknown> & { id: string };

describe.each(testDatabaseKinds())('master data API on %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: FastifyInstance;
  let controller: string;
  let apClerk: string;
  let arClerk: string;
  let approver: string;
  let admin: string;
  let entityId: string;

  beforeAll(async () => {
    app = await buildTestApp(t.db);
    controller = (await apiKeyFor(t.db, ['controller'])).token;
    apClerk = (await apiKeyFor(t.db, ['ap_clerk'])).token;
    arClerk = (await apiKeyFor(t.db, ['ar_clerk'])).token;
    approver = (await apiKeyFor(t.db, ['approver'])).token;
    admin = (await apiKeyFor(t.db, ['admin'])).token;
    entityId = (await createLegalEntity(t.db)).id;
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload: payload as object }) });

  /** POSTs, expects 201 with a Location that GETs the same object back. */
  async function created(path: string, token: string, body: Record<string, unknown>): Promise<Json> {
    const response = await call('POST', `/v1/${path}`, token, body);
    expect(response.statusCode, response.body).toBe(201);
    const object = response.json<Json>();
    expect(response.headers.location).toBe(`/v1/${path}/${object.id}`);
    const read = await call('GET', response.headers.location as string, token);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(object);
    return object;
  }

  async function patched(path: string, id: string, token: string, body: Record<string, unknown>): Promise<Json> {
    const response = await call('PATCH', `/v1/${path}/${id}`, token, body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Json>();
  }

  async function listedIds(url: string, token: string): Promise<string[]> {
    const response = await call('GET', url, token);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ data: Json[] }>().data.map((o) => o.id);
  }

  /** Expects a problem+json 422 whose errors name `path`. */
  async function refused(method: 'POST' | 'PATCH', url: string, token: string, body: Record<string, unknown>, path: string): Promise<void> {
    const response = await call(method, url, token, body);
    expect(response.statusCode, response.body).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toContainEqual(expect.objectContaining({ path }));
  }

  it('GL accounts: create, read, rename, list by type; type cannot be changed', async () => {
    const account = await created('gl-accounts', controller, glAccountInput({ type: 'revenue', name: 'Subscription revenue' }));
    expect(await patched('gl-accounts', account.id, controller, { name: 'SaaS subscription revenue' })).toMatchObject({ name: 'SaaS subscription revenue', version: 2 });
    expect(await listedIds('/v1/gl-accounts?type=revenue&q=SaaS%20sub', approver)).toContain(account.id);
    expect(await listedIds('/v1/gl-accounts?type=expense', approver)).not.toContain(account.id);
    await refused('PATCH', `/v1/gl-accounts/${account.id}`, controller, { type: 'expense' }, '/type');
    const forbidden = await call('POST', '/v1/gl-accounts', apClerk, glAccountInput());
    expect(forbidden.statusCode).toBe(403);
  });

  it('products: create on a revenue account, read, update, list; an expense account is refused', async () => {
    const revenue = await created('gl-accounts', controller, glAccountInput({ type: 'revenue' }));
    const expense = await created('gl-accounts', controller, glAccountInput({ type: 'expense' }));
    const sku = unique('SKU-');
    const product = await created('products', controller, productInput(revenue.code as string, { sku, unit: 'hour' }));
    expect(await patched('products', product.id, controller, { description: 'Consulting hour' })).toMatchObject({ description: 'Consulting hour', unit: 'hour' });
    expect(await listedIds(`/v1/products?q=${sku}&active=true`, arClerk)).toEqual([product.id]);
    await refused('POST', '/v1/products', controller, productInput(expense.code as string), '/revenueAccountCode');
  });

  it('GL dimensions and values: create, read, update, list; unknown dimension and bad code are refused', async () => {
    const dimension = await created('gl-dimensions', controller, glDimensionInput({ requiredFor: ['vendor_bill'] }));
    expect(await patched('gl-dimensions', dimension.id, controller, { requiredFor: ['vendor_bill', 'invoice'] })).toMatchObject({ requiredFor: ['vendor_bill', 'invoice'] });
    expect(await listedIds('/v1/gl-dimensions?requiredFor=invoice', approver)).toContain(dimension.id);
    await refused('POST', '/v1/gl-dimensions', controller, glDimensionInput({ code: 'Cost Center' }), '/code');

    const value = await created('gl-dimension-values', controller, glDimensionValueInput(dimension.code as string));
    expect(await patched('gl-dimension-values', value.id, controller, { name: 'Finance' })).toMatchObject({ name: 'Finance', version: 2 });
    expect(await listedIds(`/v1/gl-dimension-values?dimensionCode=${String(dimension.code)}`, approver)).toEqual([value.id]);
    await refused('POST', '/v1/gl-dimension-values', controller, glDimensionValueInput('no_such_dimension'), '/dimensionCode');
  });

  it('tax jurisdictions and codes: create, read, close a period, list in force; rule breaks are refused', async () => {
    const jurisdiction = await created('tax-jurisdictions', controller, taxJurisdictionInput());
    expect(await patched('tax-jurisdictions', jurisdiction.id, controller, { name: 'Federal Republic of Germany' })).toMatchObject({ name: 'Federal Republic of Germany' });
    expect(await listedIds('/v1/tax-jurisdictions?country=DE', approver)).toContain(jurisdiction.id);
    await refused('POST', '/v1/tax-jurisdictions', controller, taxJurisdictionInput({ country: 'XX' }), '/country');

    const code = unique('DE-VAT-');
    const taxCode = await created('tax-codes', controller, taxCodeInput(jurisdiction.code as string, { code, validFrom: '2020-07-01' }));
    expect(taxCode).toMatchObject({ rate: '19.000000', vatCategory: 'S' });
    expect(await patched('tax-codes', taxCode.id, controller, { rate: '16', validTo: '2021-01-01' })).toMatchObject({ rate: '16.000000', validTo: '2021-01-01' });
    expect(await listedIds(`/v1/tax-codes?code=${code}&validOn=2020-12-31`, approver)).toEqual([taxCode.id]);
    expect(await listedIds(`/v1/tax-codes?code=${code}&validOn=2021-01-01`, approver)).toEqual([]);
    await refused('POST', '/v1/tax-codes', controller, taxCodeInput(jurisdiction.code as string, { rate: 19 }), '/rate');
    await refused('POST', '/v1/tax-codes', controller, taxCodeInput(jurisdiction.code as string, { rate: '0' }), '/rate');
    await refused('POST', '/v1/tax-codes', controller, taxCodeInput(jurisdiction.code as string, { code, validFrom: '2020-12-01' }), '/validFrom');
  });

  it('suppliers: create, read, update, list by entity; a BIC from another country is refused', async () => {
    const supplier = await created('suppliers', apClerk, supplierInput([entityId], { bankAccount: { iban: 'de89 3704 0044 0532 0130 00', bic: 'COBADEFF', accountName: 'Cloudhost GmbH' } }));
    expect(supplier.bankAccount).toEqual({ iban: 'DE89370400440532013000', bic: 'COBADEFF', accountName: 'Cloudhost GmbH' });
    expect(await patched('suppliers', supplier.id, apClerk, { paymentTermsDays: 14 })).toMatchObject({ paymentTermsDays: 14, version: 2 });
    expect(await listedIds(`/v1/suppliers?entityId=${entityId}&q=${String(supplier.number)}`, approver)).toEqual([supplier.id]);
    await refused('POST', '/v1/suppliers', apClerk, supplierInput([entityId], {
      bankAccount: { iban: 'DE89370400440532013000', bic: 'BNPAFRPP', accountName: 'Cloudhost GmbH' },
    }), '/bankAccount/bic');
  });

  it('legal entities: bank accounts round-trip normalized, errors name the account field, OpenAPI documents them', async () => {
    const account = { currency: 'EUR', bankName: 'Demobank Berlin AG', accountName: 'Invoiceops Test GmbH', iban: 'de89 3704 0044 0532 0130 00', bic: 'COBADEFF' };
    const entity = await created('legal-entities', admin, legalEntityInput({ bankAccounts: [account] }));
    expect(entity.bankAccounts).toEqual([{ ...account, iban: 'DE89370400440532013000' }]);
    const us = { currency: 'USD', bankName: 'Demo Bank of New York', accountName: 'Invoiceops Test Inc.', accountNumber: '000123456789', routingNumber: '026000990' };
    expect(await patched('legal-entities', entity.id, admin, { bankAccounts: [account, us] })).toMatchObject({ version: 2, bankAccounts: [expect.anything(), us] });
    await refused('PATCH', `/v1/legal-entities/${entity.id}`, admin, { bankAccounts: [{ ...account, iban: 'DE89370400440532013001' }] }, '/bankAccounts/0/iban');
    await refused('PATCH', `/v1/legal-entities/${entity.id}`, admin, { bankAccounts: [account, { ...us, routingNumber: '026000991' }] }, '/bankAccounts/1/routingNumber');
    await refused('POST', '/v1/legal-entities', admin, legalEntityInput({ bankAccounts: [{ ...account, currency: 'EURO' }] }), '/bankAccounts/0/currency');

    const doc = (await app.inject('/openapi.json')).json();
    const bankAccount = doc.paths['/v1/legal-entities'].post.requestBody.content['application/json'].schema.properties.bankAccounts.items;
    expect(Object.keys(bankAccount.properties)).toEqual(['currency', 'bankName', 'accountName', 'iban', 'bic', 'accountNumber', 'routingNumber', 'sortCode', 'bsb']);
  });

  it('FX rates: written by controllers only, read by everyone, corrected by PATCH', async () => {
    const rate = await created('fx-rates', controller, fxRateInput({ baseCurrency: 'GBP', quoteCurrency: 'EUR', rate: '1.1612', effectiveDate: '2026-06-30', source: 'treasury' }));
    expect(rate.rate).toBe('1.161200000000');
    expect(await patched('fx-rates', rate.id, controller, { rate: '1.1613' })).toMatchObject({ rate: '1.161300000000', version: 2 });
    expect(await listedIds('/v1/fx-rates?baseCurrency=GBP&source=treasury', arClerk)).toEqual([rate.id]);
    await refused('POST', '/v1/fx-rates', controller, fxRateInput({ quoteCurrency: 'EUR', baseCurrency: 'EUR' }), '/quoteCurrency');
    expect((await call('POST', '/v1/fx-rates', arClerk, fxRateInput())).statusCode).toBe(403);
  });

  it('external ids: create, read, re-point, list; a taken external id is a 409 on /externalId', async () => {
    const first = (await call('POST', '/v1/customers', arClerk, customerInput(entityId))).json<Json>();
    const second = (await call('POST', '/v1/customers', arClerk, customerInput(entityId))).json<Json>();
    const body = { system: 'crm', objectType: 'customer', externalId: unique('0015g'), objectId: first.id };
    const mapping = await created('external-ids', arClerk, body);
    expect(await patched('external-ids', mapping.id, arClerk, { objectId: second.id })).toMatchObject({ objectId: second.id });
    expect(await listedIds(`/v1/external-ids?system=crm&objectType=customer&externalId=${body.externalId}`, approver)).toEqual([mapping.id]);
    const taken = await call('POST', '/v1/external-ids', arClerk, { ...body, objectId: first.id });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors).toEqual([expect.objectContaining({ path: '/externalId' })]);
    await refused('POST', '/v1/external-ids', arClerk, { ...body, externalId: 'other', objectId: 'cus_01J00000000000000000000000' }, '/objectId');
  });

  it('looks up FX rates: direct, inverted, by source, and a 404 naming the pair', async () => {
    await created('fx-rates', controller, fxRateInput({ baseCurrency: 'EUR', quoteCurrency: 'CAD', rate: '1.5', effectiveDate: '2026-09-30', source: 'ecb' }));
    await created('fx-rates', controller, fxRateInput({ baseCurrency: 'EUR', quoteCurrency: 'CAD', rate: '1.51', effectiveDate: '2026-09-30', source: 'manual' }));
    const direct = await call('GET', '/v1/fx-rates/lookup?base=EUR&quote=CAD&date=2026-10-01', arClerk);
    expect(direct.statusCode).toBe(200);
    expect(direct.json()).toEqual({ rate: '1.510000000000', effectiveDate: '2026-09-30', source: 'manual', inverted: false });
    const ecb = await call('GET', '/v1/fx-rates/lookup?base=EUR&quote=CAD&date=2026-10-01&source=ecb', arClerk);
    expect(ecb.json().rate).toBe('1.500000000000');
    const inverse = await call('GET', '/v1/fx-rates/lookup?base=CAD&quote=EUR&date=2026-10-01&source=ecb', arClerk);
    expect(inverse.json()).toEqual({ rate: '0.666666666667', effectiveDate: '2026-09-30', source: 'ecb', inverted: true });
    const missing = await call('GET', '/v1/fx-rates/lookup?base=EUR&quote=CAD&date=2026-09-29', arClerk);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found', detail: expect.stringContaining('EUR/CAD') });
    expect(missing.json().detail).toContain('2026-09-29');
    const badDate = await call('GET', '/v1/fx-rates/lookup?base=EUR&quote=CAD&date=2026-02-30', arClerk);
    expect(badDate.statusCode).toBe(422);
    expect(badDate.json().errors).toContainEqual(expect.objectContaining({ path: '/querystring/date' }));
  });

  it('currencies: list with minor units, read one, disable and enable again (controllers only)', async () => {
    const list = await call('GET', '/v1/currencies?active=true', approver);
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toContainEqual(expect.objectContaining({ code: 'KWD', minorUnits: 3, active: true }));
    const yen = await call('GET', '/v1/currencies/JPY', approver);
    expect(yen.json()).toMatchObject({ code: 'JPY', minorUnits: 0 });
    expect((await call('GET', '/v1/currencies/ZZZ', approver)).statusCode).toBe(404);

    expect((await call('PATCH', '/v1/currencies/ISK', approver, { active: false })).statusCode).toBe(403);
    await refused('PATCH', '/v1/currencies/ISK', controller, {}, '/active');
    const disabled = await call('PATCH', '/v1/currencies/ISK', controller, { active: false });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ code: 'ISK', active: false, minorUnits: 0 });
    const inactive = (await call('GET', '/v1/currencies?active=false', approver)).json<{ data: { code: string }[] }>().data.map((c) => c.code);
    expect(inactive).toContain('ISK');
    await refused('POST', '/v1/fx-rates', controller, fxRateInput({ quoteCurrency: 'ISK' }), '/quoteCurrency');
    expect((await call('PATCH', '/v1/currencies/ISK', controller, { active: true })).json().active).toBe(true);
  });
});

