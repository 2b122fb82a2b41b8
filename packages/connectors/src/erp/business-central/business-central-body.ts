import { z } from 'zod';
import { businessCentralRefusal } from './business-central-errors.ts';

/** What the template must render: one header and the lines, each sent as is. */
export interface BusinessCentralBody {
  readonly header: Readonly<Record<string, unknown>> & { readonly externalDocumentNumber: string };
  readonly lines: readonly Readonly<Record<string, unknown>>[];
}

/** "External Document No." is a Code[35] field. */
export const EXTERNAL_DOCUMENT_NUMBER_MAX = 35;

const bodySchema = z.object({
  header: z.looseObject({ externalDocumentNumber: z.string().trim().min(1, 'header.externalDocumentNumber is missing').max(EXTERNAL_DOCUMENT_NUMBER_MAX, `header.externalDocumentNumber is longer than the ${EXTERNAL_DOCUMENT_NUMBER_MAX} characters Business Central keeps`) }),
  lines: z.array(z.record(z.string(), z.unknown())).min(1, 'the document has no lines (Business Central posts nothing without lines)'),
});

/**
 * Checks the rendered body before anything is sent. The external document number is the
 * key the connector looks documents up by (Business Central has no idempotency key), so
 * a body without a usable one is refused: sending it could never be made exactly-once.
 */
export function readBusinessCentralBody(body: unknown, subject: string): BusinessCentralBody {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => (issue.code === 'custom' || issue.code === 'too_small' || issue.code === 'too_big' ? issue.message : `${issue.path.join('.') || 'the body'}: ${issue.message}`));
    throw businessCentralRefusal(subject, `the mapping template rendered an unusable request (${reasons.join('; ')})`, 'invalid_template_output');
  }
  return parsed.data as BusinessCentralBody;
}
