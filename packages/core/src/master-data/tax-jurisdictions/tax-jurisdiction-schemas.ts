import { z } from 'zod';
import { code, countryCode, pageQuery, patchSchemaOf, requiredText, text } from '../../shared/schemas.ts';

const taxJurisdictionFields = {
  code: code(40).describe('Such as DE, US-CA or US-CA-SF; fixed after creation (tax codes refer to it)'),
  name: requiredText(200),
  country: countryCode,
  region: text(100).nullish().describe('State, province or city below the country, when the tax is local'),
};

/** Body of POST /v1/tax-jurisdictions. */
export const createTaxJurisdictionSchema = z.strictObject(taxJurisdictionFields);

const { code: _code, ...updatableFields } = taxJurisdictionFields;
/** Body of PATCH /v1/tax-jurisdictions/:id. */
export const updateTaxJurisdictionSchema = patchSchemaOf(updatableFields);

/** A tax jurisdiction as the API returns it. */
export const taxJurisdictionSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  country: z.string(),
  region: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Query parameters of GET /v1/tax-jurisdictions. */
export const listTaxJurisdictionsQuery = pageQuery.extend({
  country: countryCode.optional(),
  q: text(100).optional().describe('Case-insensitive match on code or name'),
});

export type TaxJurisdiction = z.output<typeof taxJurisdictionSchema>;
