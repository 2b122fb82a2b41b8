import { z } from 'zod';
import { pageQuery, patchSchemaOf, requiredText, text } from '../../shared/schemas.ts';

export const AGGREGATIONS = ['sum', 'count', 'max', 'unique_count', 'latest'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** The CloudEvents `type` a metric listens to: reverse-DNS style, e.g. `com.acme.api.calls`. */
export const metricCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'must be lowercase letters, digits, ".", "_" or "-", such as api.calls');

const propertyName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a property name in the event data, such as quantity');

const metricFields = {
  code: metricCode.describe('Matches the CloudEvents type of the usage events'),
  name: requiredText(200),
  aggregation: z.enum(AGGREGATIONS).describe('sum, count, max, unique_count (of a property) or latest value'),
  property: propertyName.nullish().describe('The data property aggregated (sum/max/latest: the number; unique_count: the value counted). Defaults to quantity; unused for count.'),
  unit: requiredText(40).describe('What one unit is, e.g. "API call", "GB", "seat"'),
  active: z.boolean().default(true),
};

export const createBillableMetricSchema = z.strictObject(metricFields);
const { code: _code, aggregation: _aggregation, ...updatable } = metricFields;
export const updateBillableMetricSchema = patchSchemaOf(updatable);

export const billableMetricSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  aggregation: z.enum(AGGREGATIONS),
  property: z.string().nullable(),
  unit: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listBillableMetricsQuery = pageQuery.extend({
  aggregation: z.enum(AGGREGATIONS).optional(),
  active: z.enum(['true', 'false']).optional(),
  q: text(100).optional(),
});

export type BillableMetric = z.output<typeof billableMetricSchema>;
