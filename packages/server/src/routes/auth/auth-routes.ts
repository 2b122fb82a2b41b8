import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getUser, signIn, signOut, userSchema, type Db } from '@invoiceops/core';
import { SESSION_COOKIE, principalOfRequest } from '../../auth/authenticate-request.ts';

export interface SessionCookieOptions {
  /** Send the cookie only over HTTPS (browsers treat http://localhost as secure too). */
  secure: boolean;
}

/** Sign-in with email and password (sets an httpOnly session cookie), sign-out, and "who am I". */
export function registerAuthRoutes(app: FastifyInstance, db: Db, cookie: SessionCookieOptions): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post('/v1/auth/sign-in', {
    config: { permission: 'public' },
    schema: {
      tags,
      summary: 'Sign in with email and password',
      security: [],
      body: z.strictObject({ email: z.string().max(254), password: z.string().max(200) }),
      response: { 200: z.object({ userId: z.string(), expiresAt: z.string() }) },
    },
  }, async (request, reply) => {
    const session = await signIn(db, { ...request.body, requestId: request.id });
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      secure: cookie.secure,
      sameSite: 'lax',
      path: '/',
      expires: session.expiresAt,
    });
    return { userId: session.userId, expiresAt: session.expiresAt.toISOString() };
  });

  r.post('/v1/auth/sign-out', {
    config: { permission: 'public' },
    schema: { tags, summary: 'End the current session', security: [], response: { 204: z.null() } },
  }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await signOut(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  r.get('/v1/me', {
    config: { permission: 'authenticated' },
    schema: {
      tags,
      summary: 'The signed-in user or API key, with its grants',
      response: { 200: z.object({ kind: z.string(), id: z.string(), actor: z.string(), name: z.string(), grants: z.array(z.object({ role: z.string(), entityId: z.string().nullable() })), user: userSchema }) },
    },
  }, async (request) => {
    const principal = principalOfRequest(request);
    return { ...principal, user: await getUser(db, principal.userId) };
  });
}
