import type { ApprovalRequestStatus, ApprovalStepStatus } from '../../db/controls-tables.ts';
import type { LifecycleDocumentType } from '../lifecycle/document-lifecycle.ts';
import type { Candidate } from './route-document.ts';

/** One step as the API shows it; `overdue`: open and past `dueAt` at the time of reading. */
export interface ApprovalStepRecord {
  id: string;
  stage: number;
  position: number;
  name: string;
  mode: 'any' | 'all';
  status: ApprovalStepStatus;
  candidates: Candidate[];
  slaHours: number;
  approvedBy: string[];
  carriedOver: boolean;
  openedAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  remindedAt: string | null;
  escalatedAt: string | null;
  completedAt: string | null;
}

/** One human approval or rejection. */
export interface ApprovalActionRecord {
  id: string;
  stepId: string;
  action: 'approve' | 'reject';
  actor: string;
  actorUserId: string;
  onBehalfOfUserId: string | null;
  comment: string | null;
  at: string;
}

/** An approval request with its steps (and, from `getApprovalRequest`, its actions). */
export interface ApprovalRequestRecord {
  id: string;
  documentType: LifecycleDocumentType;
  documentId: string;
  entityId: string;
  policyVersion: number | null;
  routeId: string;
  /** Functional-currency amount as a decimal string. */
  amount: string;
  currency: string;
  status: ApprovalRequestStatus;
  submission: number;
  previousRequestId: string | null;
  createdBy: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  rejectionReason: string | null;
  steps: ApprovalStepRecord[];
  actions?: ApprovalActionRecord[];
}
