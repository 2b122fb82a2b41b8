import { diffErpMappings } from './diff-erp-mappings.ts';
import { ERP_MAPPING_KIND, type ErpMappingContent } from './erp-mapping-schema.ts';
import { findUnknownMappingKeys } from './find-unknown-mapping-keys.ts';
import { parseErpMappingContent } from './parse-erp-mapping-content.ts';
import type { Db } from '../../db/transaction.ts';

/**
 * `erp_mapping`: how documents are translated for each ERP connection (docs/erp-mappings.md)
 * — entities, accounts, tax codes, products, customers and dimensions to the ERP's ids, and
 * the JSONata templates that render the vendor's request body. Released like rule sets:
 * drafts, four-eyes publishing, an effective time, a diff (templates as changed lines).
 * Checked at save down to each template compiling, and at publish that every entity,
 * account, product and customer it maps exists. Not simulated: a mapping changes what is
 * sent, not how controls decide.
 *
 * Registered in the release store's kinds (`release-kinds.ts`). This module must not import
 * anything that imports the registry back.
 */
export const erpMappingKind = {
  kind: ERP_MAPPING_KIND,
  description: 'ERP mappings: per connection, our entities, accounts, tax codes, products, customers and dimensions to the ERP’s, and the JSONata request templates',
  parseContent: (value: unknown, basePath: string): ErpMappingContent => parseErpMappingContent(value, basePath),
  emptyContent: (): ErpMappingContent => ({ connections: {} }),
  findPublishProblems: (db: Db, content: ErpMappingContent) => findUnknownMappingKeys(db, content),
  diff: (from: ErpMappingContent, to: ErpMappingContent) => diffErpMappings(from, to),
} as const;
