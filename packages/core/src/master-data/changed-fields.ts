import { canonicalJson } from '../audit/canonical-json.ts';
import type { Row } from './resource.ts';

/**
 * True on create, or when the update changes `field`. Reference checks that refuse
 * inactive targets run only then: an account or entity deactivated later must not block
 * unrelated edits (renaming a product, or deactivating it too).
 */
export function isNewOrChanged(candidate: Row, existing: Row | undefined, field: string): boolean {
  return existing === undefined || canonicalJson(candidate[field]) !== canonicalJson(existing[field]);
}
