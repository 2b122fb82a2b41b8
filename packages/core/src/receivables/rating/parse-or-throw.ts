import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../errors/app-error.ts';

/** JSON pointer (RFC 6901) for a zod issue path below `basePath`. */
function pointer(basePath: string, path: readonly PropertyKey[]): string {
  const segments = path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`);
  return `${basePath}${segments.join('')}` || '/';
}

/**
 * Parses `value` with `schema` or throws one `AppError` (`validation_failed`) listing every
 * issue with its JSON pointer, e.g. `/params/tiers/1/upTo`.
 */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, basePath = ''): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.flatMap((issue) =>
    // Name each unknown field itself, so `/params/unitprice` points at the typo.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: pointer(basePath, [...issue.path, key]), message: 'is not a known field' }))
      : [{ path: pointer(basePath, issue.path), message: issue.message }],
  );
  throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}
