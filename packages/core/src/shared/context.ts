/**
 * Who is acting and on whose behalf; passed to every use case so that audit rows and
 * authorization decisions name a real actor.
 *
 * Actor strings: `user:<id>`, `apikey:<id>`, `rule:<id>@<version>`,
 * `model:<name>@<version>`, `system`.
 */
export interface ActorContext {
  actor: string;
  requestId?: string | undefined;
}

/** The context for work the system does on its own (migrations, seeding, schedulers). */
export const SYSTEM_CONTEXT: ActorContext = { actor: 'system' };
