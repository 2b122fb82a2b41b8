export * from './enqueue-job.ts';
export * from './claim-jobs.ts';
export * from './dead-letters.ts';
