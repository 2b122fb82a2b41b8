import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * OpenAPI 3.1 generated from the zod schemas beside the routes, served at
 * `/openapi.json`, with a reference page at `/docs` (assets shipped in the npm package,
 * nothing loaded from the internet).
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'invoiceops API',
        version: '1',
        description:
          'Invoice automation for SaaS finance operations. Errors are RFC 9457 problem+json; every POST accepts an Idempotency-Key; lists use cursor pagination.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (iok_…) issued by an admin' },
          session: { type: 'apiKey', in: 'cookie', name: 'invoiceops_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
