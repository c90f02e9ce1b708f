import type { ExceptionAnswers, ExceptionRequest, ExceptionStatus } from '../domain/exception.ts';
import type { PlanEntry, SigPlan } from '../domain/plan.ts';

/** What a use case passes to save a plan version; the store numbers the version. */
export interface NewPlan {
  release: string;
  sig: string;
  entries: PlanEntry[];
  author: string;
  savedAt: string;
  /** Unique per intended save (the modal's view id and hash): a retried submission saves once. */
  idempotencyKey: string;
}

/** The planning readout of a release: its thread, and the vote on the whole plan. */
export interface ReadoutRecord {
  release: string;
  channel: string;
  /** Outbox key of the parent message. */
  parentKey: string;
  postedAt: string;
  voteId: number | null;
  approvedAt: string | null;
  /** The vote round that approved it. */
  approvedRound: number | null;
}

/** What a use case passes to record an exception request. */
export interface NewExceptionRequest extends ExceptionAnswers {
  release: string;
  kepTitle: string;
  sig: string | null;
  requester: string;
  requestedAt: string;
  /** Unique per intended request (the modal's view id): a retried submission records one. */
  idempotencyKey: string;
}

/** Plans, readouts and exception requests (migration 0009). */
export interface PlanningRepo {
  /** Saves the next version of the SIG's plan; a known idempotency key returns the stored one. */
  savePlan(plan: NewPlan): { plan: SigPlan; created: boolean };
  /** The latest version of a SIG's plan in a release, or null. */
  latestPlan(release: string, sig: string): SigPlan | null;
  /** Every version of a release's plans (of one SIG when given), by SIG then version. */
  listPlans(release: string, sig?: string): SigPlan[];
  /** The latest version of each SIG's plan, by SIG. */
  latestPlans(release: string): SigPlan[];
  /** Marks plan versions approved (those not approved yet); returns how many it marked. */
  approvePlans(ids: number[], at: string): number;

  /** Records the readout once per release (`created` false returns the stored one). */
  createReadout(readout: Omit<ReadoutRecord, 'voteId' | 'approvedAt' | 'approvedRound'>): {
    readout: ReadoutRecord;
    created: boolean;
  };
  getReadout(release: string): ReadoutRecord | null;
  setReadoutVote(release: string, voteId: number): void;
  /** Marks the readout approved once; false when it already was. */
  approveReadout(release: string, at: string, round: number): boolean;

  /** Records a request once per idempotency key. */
  addException(request: NewExceptionRequest): { request: ExceptionRequest; created: boolean };
  getException(id: number): ExceptionRequest | null;
  /** Requests of a release (only those with `status` when given), oldest first. */
  listExceptions(release: string, status?: ExceptionStatus): ExceptionRequest[];
  /** Decides an open request once; false when it was already decided (the first decision stands). */
  decideException(
    id: number,
    decision: { status: 'approved' | 'rejected'; by: string; at: string; threadUrl: string | null },
  ): boolean;
}
