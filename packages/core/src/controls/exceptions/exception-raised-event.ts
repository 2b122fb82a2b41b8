import type { WebhookEventInput } from '../../integration/webhooks/emit-webhook-events.ts';

/** What an `exception.raised` webhook carries: the problem, its document and its queue. */
export interface RaisedExceptionFacts {
  id: string;
  entityId: string;
  documentType: string;
  documentId: string;
  category: string;
  severity: string;
  title: string;
  ruleId: string | null;
  sourceSystem: string;
  assigneeTeam: string | null;
  dueAt: Date | string;
}

/** The `exception.raised` event of a newly opened exception. */
export function exceptionRaisedEvent(e: RaisedExceptionFacts): WebhookEventInput {
  return {
    type: 'exception.raised',
    data: {
      id: e.id,
      entityId: e.entityId,
      documentType: e.documentType,
      documentId: e.documentId,
      category: e.category,
      severity: e.severity,
      title: e.title,
      ruleId: e.ruleId,
      sourceSystem: e.sourceSystem,
      assigneeTeam: e.assigneeTeam,
      dueAt: typeof e.dueAt === 'string' ? e.dueAt : e.dueAt.toISOString(),
    },
  };
}
