import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { ID_PREFIX, MASTER_DATA_RESOURCES, billableMetricResource, newId, type Db, type MasterKey } from '@invoiceops/core';
import { registerAuthentication } from './auth/authenticate-request.ts';
import { registerIdempotency } from './plugins/idempotency.ts';
import { registerMetrics } from './plugins/metrics.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerProblemHandlers } from './plugins/problem.ts';
import { registerApprovalRoutes } from './routes/approvals/approval-routes.ts';
import { registerAuditRoutes } from './routes/audit/audit-routes.ts';
import { registerAuthRoutes } from './routes/auth/auth-routes.ts';
import { registerContractRoutes } from './routes/contracts/contract-routes.ts';
import { registerContractScheduleRoutes } from './routes/contracts/contract-schedule-routes.ts';
import { registerExceptionRoutes } from './routes/exceptions/exception-routes.ts';
import { registerReleaseRoutes } from './routes/controls/release-routes.ts';
import { registerPaymentRoutes } from './routes/payments/payment-routes.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerInvoiceRoutes } from './routes/invoices/invoice-routes.ts';
import { registerConnectionRoutes } from './routes/integration/connection-routes.ts';
import { registerIntegrationRoutes } from './routes/integration/integration-routes.ts';
import { registerMetricsRoutes } from './routes/metrics/metrics-routes.ts';
import { registerResourceRoutes } from './routes/master-data/register-resource-routes.ts';
import { registerExtraRoutes } from './routes/extra-routes.ts';
import { registerUsageRoutes } from './routes/usage/usage-routes.ts';
import { registerUsageSummaryRoute } from './routes/usage/usage-summary-route.ts';
import { registerUserRoutes } from './routes/users/user-routes.ts';
import { registerCrmWebhookRoute } from './routes/webhooks/crm-webhook-route.ts';
import { registerDeliveryRoutes } from './routes/webhooks/delivery-routes.ts';
import { registerInboundRejectionRoutes } from './routes/webhooks/inbound-rejection-routes.ts';
import { registerSubscriptionRoutes } from './routes/webhooks/subscription-routes.ts';
import { createMasterKeyProvider } from './routes/vault/master-key-provider.ts';
import { registerSecretRoutes } from './routes/vault/secret-routes.ts';
import { registerWebUi } from './routes/web-ui.ts';

export interface AppOptions {
  db: Db;
  /** A pino logger (see LOG_REDACT), or omitted for no logs (tests). */
  logger?: FastifyBaseLogger;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Serve the web UI at `/` (the `start` and `serve` commands do). */
  serveWebUi?: boolean;
  /** Set the Secure flag on the session cookie (default true). */
  secureCookies?: boolean;
  /** Signing secrets of inbound webhooks; when omitted, CRM_WEBHOOK_SECRET and STRIPE_WEBHOOK_SECRET from the environment. */
  webhookSecrets?: { crm?: string | undefined; stripe?: string | undefined };
  /**
   * The credential vault's master key (`loadMasterKey`); null: no vault (its routes answer
   * 503); omitted: read from the environment on first use.
   */
  masterKey?: MasterKey | null;
  /** Bearer token `/metrics` requires; omitted: `INVOICEOPS_METRICS_TOKEN` (unset: no token needed). */
  metricsToken?: string | undefined;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Secrets that never reach a log line. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
];

/**
 * Builds the HTTP API. Thin: validation from zod schemas, then use cases from core.
 * Every route declares its permission; one that does not fails at start-up.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : newId(ID_PREFIX.request);
    },
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerProblemHandlers(app);
  await app.register(cookie);
  registerAuthentication(app, options.db);
  registerIdempotency(app, options.db);
  registerMetrics(app, options.db, 'metricsToken' in options ? options.metricsToken : process.env.INVOICEOPS_METRICS_TOKEN?.trim() || undefined);
  await registerOpenApi(app);
  registerHealthRoutes(app, options.db);
  registerAuthRoutes(app, options.db, { secure: options.secureCookies ?? true });
  for (const definition of [...MASTER_DATA_RESOURCES, billableMetricResource]) registerResourceRoutes(app, options.db, definition);
  registerUsageRoutes(app, options.db);
  registerUsageSummaryRoute(app, options.db);
  registerContractRoutes(app, options.db);
  registerContractScheduleRoutes(app, options.db);
  registerPaymentRoutes(app, options.db, options.webhookSecrets ? options.webhookSecrets.stripe : process.env.STRIPE_WEBHOOK_SECRET || undefined);
  registerInvoiceRoutes(app, options.db);
  registerIntegrationRoutes(app, options.db);
  registerConnectionRoutes(app, options.db);
  registerExceptionRoutes(app, options.db);
  registerMetricsRoutes(app, options.db);
  registerReleaseRoutes(app, options.db);
  registerApprovalRoutes(app, options.db);
  registerCrmWebhookRoute(app, options.db, options.webhookSecrets ? options.webhookSecrets.crm : process.env.CRM_WEBHOOK_SECRET || undefined);
  const masterKey = createMasterKeyProvider(options.masterKey);
  registerSecretRoutes(app, options.db, masterKey);
  registerSubscriptionRoutes(app, options.db, masterKey);
  registerDeliveryRoutes(app, options.db);
  registerInboundRejectionRoutes(app, options.db);
  registerExtraRoutes(app, options.db);
  registerUserRoutes(app, options.db);
  registerAuditRoutes(app, options.db);
  if (options.serveWebUi) await registerWebUi(app);
  await app.ready();
  return app;
}
