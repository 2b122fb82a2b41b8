export * from './billable-metric-schemas.ts';
export * from './billable-metric-resource.ts';
export * from './parse-cloud-event.ts';
export * from './resolve-usage-subjects.ts';
export * from './ingest-usage-events.ts';
export * from './list-usage-events.ts';
export * from './usage-file-records.ts';
export * from './usage-billing-lock.ts';
