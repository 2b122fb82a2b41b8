export * from './enqueue-job.ts';
export * from './claim-jobs.ts';
