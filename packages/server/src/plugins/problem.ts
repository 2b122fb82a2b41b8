import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isAppError, type AppErrorCode, type FieldIssue } from '@invoiceops/core';

/** AppError code → HTTP status, in one place (CONVENTIONS 9). */
export const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  validation_failed: 422,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  illegal_transition: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
};

/** RFC 9457 problem details, with `errors` naming each field by JSON pointer. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extra: { errors?: FieldIssue[]; [key: string]: unknown } = {},
): FastifyReply {
  const problem: Problem = {
    type: `https://invoiceops.dev/problems/${code.replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: request.url.split('?')[0] ?? request.url,
    code,
    requestId: request.id,
    ...extra,
  };
  return reply.code(status).type('application/problem+json').send(problem);
}

interface ZodValidationLike {
  keyword: string;
  instancePath: string;
  message: string;
  params?: { keys?: string[] };
}

/** JSON pointers for the failed fields; an unknown key points at the key itself. */
function issuesFrom(validation: ZodValidationLike[], context: string): FieldIssue[] {
  const prefix = context === 'body' ? '' : `/${context}`;
  return validation.flatMap((v) => {
    const at = v.instancePath === '/' ? '' : v.instancePath;
    if (v.keyword === 'unrecognized_keys' && v.params?.keys) {
      return v.params.keys.map((k) => ({ path: `${prefix}${at}/${k}`, message: 'is not a known field', code: 'unknown_field' }));
    }
    return [{ path: `${prefix}${at}` || '/', message: v.message, code: v.keyword }];
  });
}

/** The error handler and the 404 handler: every error leaves as problem+json. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = issuesFrom(error.validation as unknown as ZodValidationLike[], error.validationContext ?? 'body');
      const first = errors[0];
      return sendProblem(request, reply, 422, 'validation_failed', first ? `${first.path}: ${first.message}` : 'the request is not valid', { errors });
    }
    if (isAppError(error)) {
      const status = STATUS_BY_CODE[error.code];
      if (status >= 500) request.log.error({ err: error }, 'internal error');
      return sendProblem(request, reply, status, error.code, status >= 500 ? 'an internal error occurred; quote the request id when reporting it' : error.message, {
        ...(error.issues.length > 0 ? { errors: error.issues } : {}),
        ...error.extensions,
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendProblem(request, reply, 500, 'internal', 'an internal error occurred; quote the request id when reporting it');
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(request, reply, 500, 'internal', 'an internal error occurred; quote the request id when reporting it');
    }
    const code = fastifyCode(error, status);
    return sendProblem(request, reply, status, code, describe(error, status));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
  );
}

function fastifyCode(error: FastifyError, status: number): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'payload_too_large';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'unsupported_media_type';
  if (status === 400) return 'bad_request';
  if (status === 429) return 'rate_limited';
  return 'bad_request';
}

function describe(error: FastifyError, status: number): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'the request body is larger than the limit';
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) return `the body is not valid JSON: ${error.message}`;
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'the body is empty but the content type is application/json';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return `unsupported content type; send application/json`;
  return status < 500 ? error.message : 'error';
}
