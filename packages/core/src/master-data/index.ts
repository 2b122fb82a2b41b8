import { customerResource } from './customers/customer-resource.ts';
import { legalEntityResource } from './legal-entities/legal-entity-resource.ts';
import type { ResourceDefinition } from './resource.ts';

/** Every master-data resource, in the order the API reference lists them. */
export const MASTER_DATA_RESOURCES: ResourceDefinition[] = [legalEntityResource, customerResource];

export { customerResource, legalEntityResource };
export * from './create-record.ts';
export * from './update-record.ts';
export * from './get-record.ts';
export * from './list-records.ts';
export * from './pagination.ts';
export type * from './resource.ts';
