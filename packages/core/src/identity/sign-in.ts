import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction, type Db } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { hashToken, newSecretToken } from './tokens.ts';
import { verifyPassword } from './passwords.ts';

export interface SignInInput {
  email: string;
  password: string;
  requestId?: string | undefined;
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** A dummy hash so an unknown email costs as much time as a wrong password. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Checks a password and opens a session. Returns the session token (to be put in an
 * httpOnly cookie); only its hash is stored. The same error for unknown email and wrong
 * password, so sign-in does not reveal which accounts exist.
 */
export async function signIn(db: Db, input: SignInInput): Promise<{ token: string; userId: string; expiresAt: Date }> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'passwordHash', 'active'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
    .executeTakeFirst();
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.active || !user.passwordHash) {
    throw new AppError('unauthenticated', 'email or password is wrong');
  }
  const token = newSecretToken('ios_');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await inTransaction(db, async (trx) => {
    await trx.insertInto('sessions').values({ tokenHash: hashToken(token), userId: user.id, expiresAt }).execute();
    await recordAudit(trx, { actor: `user:${user.id}`, requestId: input.requestId }, {
      action: 'user.signed_in',
      objectType: 'user',
      objectId: user.id,
      diff: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { token, userId: user.id, expiresAt };
}

/** Ends a session (sign-out); unknown tokens are ignored. */
export async function signOut(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('tokenHash', '=', hashToken(token)).execute();
}
