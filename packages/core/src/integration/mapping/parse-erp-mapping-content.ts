import { AppError, type FieldIssue } from '../../errors/app-error.ts';
import { parseOrThrow } from '../../receivables/rating/parse-or-throw.ts';
import { compileErpTemplate, describeJsonataFailure, isJsonataFailure } from './compile-erp-template.ts';
import { ERP_TEMPLATE_TYPES, erpMappingContentSchema, type ErpConnectionMapping, type ErpMappingContent } from './erp-mapping-schema.ts';

const escape = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** A JSONata problem with where it is, as `extensions.problems` lists them. */
export interface ErpTemplateProblem {
  readonly pointer: string;
  readonly connection: string;
  readonly templateType: (typeof ERP_TEMPLATE_TYPES)[number];
  readonly code: string;
  readonly position: number | null;
  readonly message: string;
}

function templateProblems(name: string, tables: ErpConnectionMapping, basePath: string): ErpTemplateProblem[] {
  const problems: ErpTemplateProblem[] = [];
  for (const type of ERP_TEMPLATE_TYPES) {
    try {
      compileErpTemplate(tables.templates[type]);
    } catch (error) {
      problems.push({
        pointer: `${basePath}/connections/${escape(name)}/templates/${type}`,
        connection: name,
        templateType: type,
        code: isJsonataFailure(error) ? error.code : 'unknown',
        position: isJsonataFailure(error) && typeof error.position === 'number' ? error.position : null,
        message: describeJsonataFailure(error),
      });
    }
  }
  return problems;
}

/** Two dimensions sent to the same ERP segment would overwrite each other on every line. */
function segmentClashes(name: string, tables: ErpConnectionMapping, basePath: string): FieldIssue[] {
  const first = new Map<string, string>();
  const issues: FieldIssue[] = [];
  for (const [dimension, mapping] of Object.entries(tables.dimensions ?? {})) {
    const earlier = first.get(mapping.segment);
    if (earlier === undefined) {
      first.set(mapping.segment, dimension);
      continue;
    }
    issues.push({
      path: `${basePath}/connections/${escape(name)}/dimensions/${escape(dimension)}/segment`,
      message: `segment ${mapping.segment} is already the segment of dimension ${earlier}; each dimension needs its own segment`,
      code: 'duplicate_segment',
    });
  }
  return issues;
}

/**
 * Parses the content of an `erp_mapping` version at save: the shape (every table a map of
 * our ids to the ERP's, strict), every connection's `invoice` and `credit_memo` template
 * compiled with JSONata, and no ERP segment used by two dimensions. Everything wrong is
 * reported at once in one `validation_failed` error; a template that does not compile is an
 * issue at `/content/connections/<name>/templates/<type>` (with `basePath` `/content`)
 * whose message carries JSONata's code, position and message, and `extensions.problems`
 * has them as data.
 */
export function parseErpMappingContent(value: unknown, basePath = ''): ErpMappingContent {
  const content = parseOrThrow(erpMappingContentSchema, value, basePath);
  const issues: FieldIssue[] = [];
  const problems: ErpTemplateProblem[] = [];
  for (const [name, tables] of Object.entries(content.connections)) {
    for (const problem of templateProblems(name, tables, basePath)) {
      problems.push(problem);
      issues.push({ path: problem.pointer, message: `the ${problem.templateType.replace('_', ' ')} template of connection ${name} is not valid JSONata: ${problem.message}`, code: 'jsonata_expression' });
    }
    issues.push(...segmentClashes(name, tables, basePath));
  }
  if (issues.length > 0) {
    throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), {
      issues,
      ...(problems.length > 0 ? { extensions: { problems } } : {}),
    });
  }
  return content;
}
