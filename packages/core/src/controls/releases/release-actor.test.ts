import { describe, expect, it } from 'vitest';
import type { Grant } from '../../access/principal.ts';
import { AppError } from '../../errors/app-error.ts';
import { assertMayDraft, assertMayPublish, type ReleaseActor } from './release-actor.ts';

const actor = (actorString: string, userId: string | null, grants: Grant[]): ReleaseActor => ({ actor: actorString, userId, grants });
const CONTROLLER: Grant[] = [{ role: 'controller', entityId: null }];
const draft = {
  kind: 'rule_set',
  version: 3,
  author: { actor: 'user:usr_anna', userId: 'usr_anna' },
  editors: [{ actor: 'apikey:key_bob', userId: 'usr_bob' }],
};

function reasonOf(work: () => void): string | null {
  try {
    work();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe('forbidden');
    return String(error.extensions.reason ?? error.message);
  }
}

describe('assertMayPublish', () => {
  it.each([
    ['a second controller', actor('user:usr_carl', 'usr_carl', CONTROLLER), null],
    ['the author', actor('user:usr_anna', 'usr_anna', CONTROLLER), 'four_eyes'],
    ['the author through an API key of theirs', actor('apikey:key_anna', 'usr_anna', CONTROLLER), 'four_eyes'],
    ['an editor', actor('user:usr_bob', 'usr_bob', CONTROLLER), 'four_eyes'],
    ['an administrator without the controller role', actor('user:usr_dora', 'usr_dora', [{ role: 'admin', entityId: null }]), 'controller_role_required'],
    ['a controller of one entity only', actor('user:usr_eve', 'usr_eve', [{ role: 'controller', entityId: 'ent_de' }]), 'controller_role_required'],
    ['an approver', actor('user:usr_finn', 'usr_finn', [{ role: 'approver', entityId: null }]), 'controller_role_required'],
  ])('%s → %s', (_name, who, expected) => {
    expect(reasonOf(() => assertMayPublish(who, draft))).toBe(expected);
  });

  it('says who wrote the draft and that another controller must publish it', () => {
    expect(() => assertMayPublish(actor('user:usr_bob', 'usr_bob', CONTROLLER), draft)).toThrow('four-eyes: you edited rule_set v3 (as apikey:key_bob), so another controller must publish it');
  });
});

describe('assertMayDraft', () => {
  it.each([
    ['a controller', CONTROLLER, true],
    ['an administrator', [{ role: 'admin', entityId: null }] as Grant[], true],
    ['a controller of one entity', [{ role: 'controller', entityId: 'ent_de' }] as Grant[], false],
    ['an AR clerk', [{ role: 'ar_clerk', entityId: null }] as Grant[], false],
    ['an auditor', [{ role: 'auditor', entityId: null }] as Grant[], false],
  ])('%s may draft: %s', (_name, grants, allowed) => {
    expect(reasonOf(() => assertMayDraft(actor('user:usr_x', 'usr_x', grants))) === null).toBe(allowed);
  });
});
