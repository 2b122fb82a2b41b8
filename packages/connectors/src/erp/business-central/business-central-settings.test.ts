import { describe, expect, it } from 'vitest';
import { ErpCallError } from '@invoiceops/core';
import { readBusinessCentralConnection } from './business-central-settings.ts';

const COMPANY = '5d115c9c-44e3-ea11-bb43-000d3a2feca1';
const config = {
  baseUrl: 'https://api.businesscentral.dynamics.com/',
  credentials: { clientId: 'app', clientSecret: 'secret' },
  settings: { tenant: 'contoso.onmicrosoft.com', environment: 'production', companyId: COMPANY },
};

describe('readBusinessCentralConnection', () => {
  it('derives the company API base and the Entra token URL', () => {
    expect(readBusinessCentralConnection(config)).toMatchObject({
      apiBase: `https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/production/api/v2.0/companies(${COMPANY})/`,
      tokenUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
    });
  });

  it('takes tokens from the base URL (a simulator) or from authorityUrl when set', () => {
    expect(readBusinessCentralConnection({ ...config, baseUrl: 'http://127.0.0.1:4010' }).tokenUrl).toBe('http://127.0.0.1:4010/contoso.onmicrosoft.com/oauth2/v2.0/token');
    expect(readBusinessCentralConnection({ ...config, settings: { ...config.settings, authorityUrl: 'https://login.microsoftonline.us/' } }).tokenUrl).toBe(
      'https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token',
    );
  });

  it('refuses an incomplete connection as an auth problem naming what is missing', () => {
    let caught: unknown;
    try {
      readBusinessCentralConnection({ ...config, credentials: { clientId: 'app' }, settings: { tenant: 'contoso', environment: 'production', companyId: 'CRONUS' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ErpCallError);
    expect((caught as ErpCallError).kind).toBe('auth');
    expect((caught as ErpCallError).message).toMatch(/settings\.companyId, credentials\.clientSecret/);
  });
});
