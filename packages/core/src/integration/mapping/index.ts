/**
 * ERP mappings (docs/erp-mappings.md): the versioned `erp_mapping` release kind, the builder
 * that turns an issued document into an `ErpPostingDocument`, and the JSONata renderer of
 * the vendor's request body.
 */
export {
  ERP_MAPPING_KIND, ERP_TEMPLATE_TYPES, MAX_MAPPING_ENTRIES, MAX_TEMPLATE_LENGTH, erpConnectionMappingSchema, erpDimensionMappingSchema, erpMappingContentSchema, lookupMapping,
  type ErpConnectionMapping, type ErpDimensionMapping, type ErpMappingContent,
} from './erp-mapping-schema.ts';
export { compileErpTemplate, describeJsonataFailure, isJsonataFailure, type CompiledErpTemplate, type JsonataFailure } from './compile-erp-template.ts';
export { parseErpMappingContent, type ErpTemplateProblem } from './parse-erp-mapping-content.ts';
export { diffErpMappings } from './diff-erp-mappings.ts';
export { diffTextLines, type TextHunk } from './diff-text-lines.ts';
export { erpMappingKind } from './erp-mapping-kind.ts';
export { describeMissingMapping, mappingRefKey, summarizeMissingMappings, type MappingLabels, type MissingMapping, type MissingMappingKind, type MissingMappingRef } from './missing-mapping.ts';
export type { ErpPostingSource } from './erp-posting-source.ts';
export { findReceivableAccountCode, translateErpPosting, type ErpTranslation } from './translate-erp-posting.ts';
export { loadErpPostingSource, loadErpPostingSources } from './load-erp-posting-source.ts';
export { loadMappingLabels } from './load-mapping-labels.ts';
export { buildErpPostingDocument, buildErpPostingDocuments, type BuildErpPostingDocumentOptions, type BuildErpPostingDocumentResult } from './build-erp-posting-document.ts';
export { ErpTemplateError, renderErpBody, type RenderErpBodyOptions } from './render-erp-body.ts';
export { loadErpMapping, type ErpMappingInForce } from './load-erp-mapping.ts';
export { seedErpMapping, type SeedErpMappingInput } from './seed-erp-mapping.ts';
export { PASS_THROUGH_TEMPLATE, proposeDefaultMapping } from './propose-default-mapping.ts';
