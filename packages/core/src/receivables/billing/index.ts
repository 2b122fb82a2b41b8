export * from './billing-month.ts';
export * from './bill-runs.ts';
export * from './execute-bill-run.ts';
export * from './gl-distribution.ts';
export * from './revenue-schedule.ts';
export * from './plan-recurring-lines.ts';
export * from './plan-usage-lines.ts';
export * from './aggregate-usage.ts';
