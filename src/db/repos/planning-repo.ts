import type { ExceptionFreeze, ExceptionRequest, ExceptionStatus } from '../../domain/exception.ts';
import type { PlanEntry, SigPlan } from '../../domain/plan.ts';
import type { PlanningRepo, ReadoutRecord } from '../../ports/planning-store.ts';
import type { Db } from '../open.ts';
import { fromJson, toJson } from './json-columns.ts';
import { storeRow } from './store-error.ts';

interface PlanRow {
  id: number;
  release: string;
  sig: string;
  version: number;
  entries: string;
  author: string;
  saved_at: string;
  approved_at: string | null;
}

interface ReadoutRow {
  release: string;
  channel: string;
  parent_key: string;
  posted_at: string;
  vote_id: number | null;
  approved_at: string | null;
  approved_round: number | null;
}

interface ExceptionRow {
  id: number;
  release: string;
  kep_number: number;
  kep_title: string;
  sig: string | null;
  freeze: string;
  missing: string;
  additional_time: string;
  risk: string;
  pull_requests: string;
  requester: string;
  requested_at: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  post_key: string;
  thread_url: string | null;
}

/** Plans, readouts and exception requests (tables of migration 0009). */
export function createPlanningRepo(db: Db): PlanningRepo {
  const planByKey = db.prepare<[string], PlanRow>('SELECT * FROM plans WHERE idempotency_key = ?');
  const nextVersion = db.prepare<[string, string], { v: number }>(
    'SELECT COALESCE(MAX(version), 0) + 1 AS v FROM plans WHERE release = ? AND sig = ?',
  );
  const insertPlan = db.prepare(`INSERT INTO plans
      (release, sig, version, entries, author, saved_at, idempotency_key)
    VALUES (@release, @sig, @version, @entries, @author, @savedAt, @idempotencyKey)`);
  const planById = db.prepare<[number], PlanRow>('SELECT * FROM plans WHERE id = ?');
  const latest = db.prepare<[string, string], PlanRow>(
    'SELECT * FROM plans WHERE release = ? AND sig = ? ORDER BY version DESC LIMIT 1',
  );
  const all = db.prepare<[string], PlanRow>('SELECT * FROM plans WHERE release = ? ORDER BY sig, version');
  const allOfSig = db.prepare<[string, string], PlanRow>(
    'SELECT * FROM plans WHERE release = ? AND sig = ? ORDER BY version',
  );
  const latestAll = db.prepare<[string], PlanRow>(`SELECT p.* FROM plans p
    WHERE p.release = ? AND p.version = (SELECT MAX(version) FROM plans q WHERE q.release = p.release AND q.sig = p.sig)
    ORDER BY p.sig`);
  const approve = db.prepare('UPDATE plans SET approved_at = ? WHERE id = ? AND approved_at IS NULL');

  const insertReadout = db.prepare(`INSERT INTO planning_readouts (release, channel, parent_key, posted_at)
    VALUES (@release, @channel, @parentKey, @postedAt) ON CONFLICT (release) DO NOTHING`);
  const readout = db.prepare<[string], ReadoutRow>('SELECT * FROM planning_readouts WHERE release = ?');
  const readoutVote = db.prepare('UPDATE planning_readouts SET vote_id = ? WHERE release = ?');
  const readoutApprove = db.prepare(
    'UPDATE planning_readouts SET approved_at = ?, approved_round = ? WHERE release = ? AND approved_at IS NULL',
  );

  const exceptionByKey = db.prepare<[string], ExceptionRow>(
    'SELECT * FROM exception_requests WHERE idempotency_key = ?',
  );
  const insertException = db.prepare(`INSERT INTO exception_requests
      (release, kep_number, kep_title, sig, freeze, missing, additional_time, risk, pull_requests,
       requester, requested_at, post_key, idempotency_key)
    VALUES (@release, @kep, @kepTitle, @sig, @freeze, @missing, @additionalTime, @risk, @pullRequests,
       @requester, @requestedAt, @postKey, @idempotencyKey)`);
  const exceptionById = db.prepare<[number], ExceptionRow>('SELECT * FROM exception_requests WHERE id = ?');
  const exceptions = db.prepare<[string], ExceptionRow>(
    'SELECT * FROM exception_requests WHERE release = ? ORDER BY requested_at, id',
  );
  const exceptionsByStatus = db.prepare<[string, string], ExceptionRow>(
    'SELECT * FROM exception_requests WHERE release = ? AND status = ? ORDER BY requested_at, id',
  );
  const decide = db.prepare(`UPDATE exception_requests
    SET status = @status, decided_by = @by, decided_at = @at, thread_url = @threadUrl
    WHERE id = @id AND status = 'open'`);

  const savePlan = db.transaction((plan: Parameters<PlanningRepo['savePlan']>[0]) => {
    const known = planByKey.get(plan.idempotencyKey);
    if (known) return { plan: toPlan(known), created: false };
    const version = nextVersion.get(plan.release, plan.sig)!.v;
    const result = storeRow(
      `plan v${version} of ${plan.sig} for ${plan.release}`,
      'a plan needs a release, a SIG, an author and its entries',
      () => insertPlan.run({ ...plan, version, entries: toJson(plan.entries) }),
    );
    return { plan: toPlan(planById.get(Number(result.lastInsertRowid))!), created: true };
  });

  return {
    savePlan: (plan) => savePlan(plan),
    latestPlan(release, sig) {
      const row = latest.get(release, sig);
      return row ? toPlan(row) : null;
    },
    listPlans: (release, sig) =>
      (sig === undefined ? all.all(release) : allOfSig.all(release, sig)).map(toPlan),
    latestPlans: (release) => latestAll.all(release).map(toPlan),
    approvePlans: db.transaction((ids: number[], at: string) =>
      ids.reduce((n, id) => n + approve.run(at, id).changes, 0),
    ),
    createReadout(input) {
      const result = storeRow(
        `readout of ${input.release}`,
        'a readout needs a release, a channel and a unique parent key',
        () => insertReadout.run(input),
      );
      return { readout: toReadout(readout.get(input.release)!), created: result.changes > 0 };
    },
    getReadout(release) {
      const row = readout.get(release);
      return row ? toReadout(row) : null;
    },
    setReadoutVote(release, voteId) {
      readoutVote.run(voteId, release);
    },
    approveReadout: (release, at, round) => readoutApprove.run(at, round, release).changes > 0,
    addException(request) {
      const known = exceptionByKey.get(request.idempotencyKey);
      if (known) return { request: toException(known), created: false };
      const result = storeRow(
        `exception request for #${request.kep}`,
        'a request needs the KEP, the freeze, every answer and a pull request link',
        () =>
          insertException.run({
            ...request,
            pullRequests: toJson(request.pullRequests),
            postKey: `exception:${request.idempotencyKey}`,
          }),
      );
      return { request: toException(exceptionById.get(Number(result.lastInsertRowid))!), created: true };
    },
    getException(id) {
      const row = exceptionById.get(id);
      return row ? toException(row) : null;
    },
    listExceptions: (release, status) =>
      (status === undefined ? exceptions.all(release) : exceptionsByStatus.all(release, status)).map(
        toException,
      ),
    decideException: (id, d) => decide.run({ id, ...d }).changes > 0,
  };
}

function toPlan(row: PlanRow): SigPlan {
  return {
    id: row.id,
    release: row.release,
    sig: row.sig,
    version: row.version,
    entries: fromJson<PlanEntry[]>(row.entries),
    author: row.author,
    savedAt: row.saved_at,
    approvedAt: row.approved_at,
  };
}

function toReadout(row: ReadoutRow): ReadoutRecord {
  return {
    release: row.release,
    channel: row.channel,
    parentKey: row.parent_key,
    postedAt: row.posted_at,
    voteId: row.vote_id,
    approvedAt: row.approved_at,
    approvedRound: row.approved_round,
  };
}

function toException(row: ExceptionRow): ExceptionRequest {
  return {
    id: row.id,
    release: row.release,
    kep: row.kep_number,
    kepTitle: row.kep_title,
    sig: row.sig,
    freeze: row.freeze as ExceptionFreeze,
    missing: row.missing,
    additionalTime: row.additional_time,
    risk: row.risk,
    pullRequests: fromJson<string[]>(row.pull_requests),
    requester: row.requester,
    requestedAt: row.requested_at,
    status: row.status as ExceptionStatus,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    postKey: row.post_key,
    threadUrl: row.thread_url,
  };
}
