import { createHash } from 'node:crypto';
import { type CronSpec, nextInstants, parseCron } from '../domain/cron.ts';
import { nextDmInstant } from '../domain/quiet-hours.ts';
import type { DigestDeps, DigestSettings, DigestSig, UnreachableChairsModel } from '../ports/digest.ts';
import type { WithStore } from '../ports/store.ts';
import { type BuildDigestStore, buildDigest, type DigestPass, digestPass } from './build-digest.ts';
import { sigsWithoutKeps } from './list-release-keps.ts';
import { postRendered } from './post-rendered.ts';

/** What `sendDueDigests` takes: the digest ports, with the repos it uses. */
export type DueDigestsDeps = WithStore<DigestDeps, keyof BuildDigestStore>;

/** What happened to one (SIG, instant). */
export interface DigestReport {
  sig: string;
  /** ISO-8601 UTC. */
  at: string;
  outcome: 'sent' | 'skipped' | 'failed';
  note: string;
}

export interface SendDueDigestsResult {
  reports: DigestReport[];
  /** The next digest instant of any SIG; null when none ever comes. */
  nextDueAt: Date | null;
}

const maxAttempts = 5;
const horizonMs = 400 * 86_400_000;

/** The outbox key of the digest of (sig, instant) for one recipient (a Slack user or `channel:<id>`). */
export function digestKey(sig: string, at: Date, recipient: string): string {
  return `digest:${sig}:${at.toISOString()}:${recipient}`;
}

/**
 * One pass of the digest schedule at `now`: every SIG whose digest cron named an instant since the
 * last pass gets its digest, once per recipient whatever restarts happen: the (SIG, instant) is
 * recorded before it runs and when it completes, each recipient is recorded when handed the
 * digest, and outbox keys are deterministic. Several instants missed while the bot was down send
 * only the latest (the others are skipped as superseded); the first pass ever sends nothing
 * scheduled before it. DMs to chairs wait for the end of their quiet hours; a chair without a Slack
 * user (or a channel the bot cannot post in) is reported once to the PM channel. Digests stop at
 * the release instant, where each SIG gets one closing digest that says it is the last.
 */
export async function sendDueDigests(
  deps: DueDigestsDeps,
  input: { settings: DigestSettings; now: Date },
): Promise<SendDueDigestsResult> {
  const { store } = deps;
  const { settings, now } = input;
  const last = store.digests.lastPass();
  const from = last && last < now ? last : new Date(now.getTime() - 1);
  const specs = parseCadences(deps, settings.sigs);
  const reports: DigestReport[] = [];
  const notices: UnreachableChairsModel[] = [];
  const pass = digestPass(store, settings.release, now);
  for (const [sig, at] of collectDue(deps, settings, specs, from, now, reports)) {
    const report = await runOne(deps, { settings, pass }, sig, at, now, notices);
    if (report) reports.push(report);
  }
  if (notices.length > 0) await reportUnreachable(deps, notices, now);
  store.digests.setLastPass(now);
  return { reports, nextDueAt: nextDue(settings, specs, now) };
}

function parseCadences(deps: Omit<DigestDeps, 'store'>, sigs: DigestSig[]): Map<string, CronSpec> {
  const specs = new Map<string, CronSpec>();
  for (const sig of sigs) {
    const parsed = parseCron(sig.cron);
    if (parsed.ok) specs.set(sig.dir, parsed.spec);
    else deps.logger.warn(`digest: no digest for ${sig.dir}: ${parsed.message}`);
  }
  return specs;
}

/** Due (SIG, instant) pairs, oldest first; superseded missed instants are skipped into `reports`. */
function collectDue(
  deps: WithStore<DigestDeps, 'digests'>,
  settings: DigestSettings,
  specs: Map<string, CronSpec>,
  from: Date,
  now: Date,
  reports: DigestReport[],
): Array<[DigestSig, Date]> {
  const due = new Map<string, [DigestSig, Date]>();
  const bySig = new Map(settings.sigs.map((s) => [s.dir, s]));
  for (const run of deps.store.digests.listUnfinished()) {
    const sig = bySig.get(run.sig);
    if (sig) due.set(`${run.sig}|${run.scheduledFor}`, [sig, new Date(run.scheduledFor)]);
    else
      deps.store.digests.skipRun(run.sig, new Date(run.scheduledFor), now, 'the SIG is no longer configured');
  }
  for (const sig of settings.sigs) {
    const spec = specs.get(sig.dir);
    if (!spec) continue;
    const instants = digestInstants(spec, sig.timezone, from, now, settings.releaseAt ?? null);
    const latest = instants.at(-1);
    for (const at of instants.slice(0, -1)) {
      const reason = `missed while the bot was down; superseded by the digest of ${latest!.toISOString()}`;
      if (deps.store.digests.getRun(sig.dir, at)) continue;
      deps.store.digests.skipRun(sig.dir, at, now, reason);
      reports.push({ sig: sig.dir, at: at.toISOString(), outcome: 'skipped', note: reason });
    }
    if (latest) due.set(`${sig.dir}|${latest.toISOString()}`, [sig, latest]);
  }
  return [...due.values()].sort(([a, x], [b, y]) => x.getTime() - y.getTime() || a.dir.localeCompare(b.dir));
}

/**
 * A SIG's digest instants in (from, to]: its cron instants up to the release instant, and the
 * release instant itself (the closing digest, the last one of the release).
 */
function digestInstants(
  spec: CronSpec,
  timezone: string,
  from: Date,
  to: Date,
  releaseAt: Date | null,
): Date[] {
  const end = releaseAt && releaseAt < to ? releaseAt : to;
  const instants = end > from ? nextInstants(spec, timezone, from, end) : [];
  const closing = releaseAt && releaseAt > from && releaseAt <= to;
  if (closing && instants.at(-1)?.getTime() !== releaseAt.getTime()) instants.push(releaseAt);
  return instants;
}

/** The settings of a pass, and what its digests read of the whole release once. */
interface PassInput {
  settings: DigestSettings;
  pass: DigestPass;
}

async function runOne(
  deps: DueDigestsDeps,
  { settings, pass }: PassInput,
  sig: DigestSig,
  at: Date,
  now: Date,
  notices: UnreachableChairsModel[],
): Promise<DigestReport | null> {
  const { digests } = deps.store;
  const iso = at.toISOString();
  const existing = digests.getRun(sig.dir, at);
  if (existing && existing.status !== 'started') return null;
  if (existing && existing.attempts >= maxAttempts) {
    const reason = `failed ${existing.attempts} times; see the earlier errors in the log`;
    digests.skipRun(sig.dir, at, now, reason);
    return { sig: sig.dir, at: iso, outcome: 'skipped', note: reason };
  }
  if (sigsWithoutKeps(deps.store, settings.release, [sig.dir]).length > 0) {
    const reason = `${sig.dir} has no KEP in ${settings.release}`;
    const notice = freshNotice(deps, sig, [], {
      code: 'no-keps',
      text: `${reason}: no round, nudge or digest`,
    });
    if (notice) notices.push(notice);
    digests.skipRun(sig.dir, at, now, reason);
    return { sig: sig.dir, at: iso, outcome: 'skipped', note: reason };
  }
  if (!digests.beginRun(sig.dir, at, now)) return null;
  try {
    const note = await deliver(deps, { settings, pass }, sig, at, now, notices);
    digests.completeRun(sig.dir, at, now, note);
    return { sig: sig.dir, at: iso, outcome: 'sent', note };
  } catch (error) {
    deps.logger.error(`digest: ${sig.dir} at ${iso} failed; it runs again on the next pass`, { error });
    return {
      sig: sig.dir,
      at: iso,
      outcome: 'failed',
      note: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Why nobody gets a SIG's digest: `code` keys the one report, `text` says what to fix. */
interface Problem {
  code: string;
  text: string;
}

interface Recipient {
  /** Slack user id, or `channel:<id>`. */
  id: string;
  target: { user: string } | { channel: string };
  notBefore?: Date;
}

async function deliver(
  deps: DueDigestsDeps,
  { settings, pass }: PassInput,
  sig: DigestSig,
  at: Date,
  now: Date,
  notices: UnreachableChairsModel[],
): Promise<string> {
  const { recipients, unreachable, problem } = recipientsOf(deps, sig, now);
  const notice = freshNotice(deps, sig, unreachable, problem);
  if (notice) notices.push(notice);
  if (recipients.length === 0) return `nobody to send to${problem ? `: ${problem.text}` : ''}`;
  const built = buildDigest(
    deps.store,
    { settings, sig, now, channel: deps.channels.sig(sig.dir), since: previousSince(deps, sig, at) },
    pass,
  );
  const closing = settings.releaseAt?.getTime() === at.getTime();
  const digest = closing ? { ...built, closing: true } : built;
  const message = deps.messages.digest(digest);
  let sent = 0;
  for (const r of recipients) {
    if (deps.store.digests.deliveries(sig.dir, at).some((d) => d.recipient === r.id)) continue;
    const key = digestKey(sig.dir, at, r.id);
    await postRendered(deps.chat, r.target, key, message, {
      lane: 'scheduled',
      ...(r.notBefore ? { notBefore: r.notBefore } : {}),
    });
    deps.store.digests.recordDelivery(sig.dir, at, r.id, key, now);
    sent += 1;
  }
  const parts = message.parts.length;
  return `sent to ${sent} of ${recipients.length} recipient(s) in ${parts} message(s)${unreachable.length > 0 ? `; unreachable: ${unreachable.join(', ')}` : ''}`;
}

/** The previous digest's instant, else one interval before this one. */
function previousSince(deps: WithStore<DigestDeps, 'digests'>, sig: DigestSig, at: Date): Date | undefined {
  const previous = deps.store.digests.previousRun(sig.dir, at);
  return previous ? new Date(previous.scheduledFor) : undefined;
}

function recipientsOf(
  deps: WithStore<DigestDeps, 'people'>,
  sig: DigestSig,
  now: Date,
): { recipients: Recipient[]; unreachable: string[]; problem: Problem | null } {
  if (sig.to !== 'chairs') {
    const channel = deps.channels.resolve(sig.to);
    if (!channel)
      return {
        recipients: [],
        unreachable: [],
        problem: {
          code: `channel-${sig.to}`,
          text: `the digest channel ${sig.to} was not found or the bot is not in it; /invite the bot there, or fix sigs.overrides.${sig.dir}.digest.to`,
        },
      };
    return {
      recipients: [{ id: `channel:${channel}`, target: { channel } }],
      unreachable: [],
      problem: null,
    };
  }
  if (sig.chairs.length === 0)
    return {
      recipients: [],
      unreachable: [],
      problem: {
        code: 'no-chairs',
        text: `${sig.dir} has no chairs; set sigs.overrides.${sig.dir}.chairs or send the digest to a channel`,
      },
    };
  const recipients: Recipient[] = [];
  const unreachable: string[] = [];
  for (const login of sig.chairs) {
    const person = deps.store.people.getByGithub(login);
    if (!person?.slack) {
      unreachable.push(login);
      continue;
    }
    if (recipients.some((r) => r.id === person.slack)) continue;
    const timing = nextDmInstant(now, { ...person, outOfOfficeUntil: null });
    const notBefore = timing.kind === 'send' && timing.deferred ? timing.at : undefined;
    recipients.push({
      id: person.slack,
      target: { user: person.slack },
      ...(notBefore ? { notBefore } : {}),
    });
  }
  return { recipients, unreachable, problem: null };
}

const noticeKey = (sig: string, what: string) => `digest:unreachable:${sig}:${what.toLowerCase()}`;

/** What has not been reported yet about a SIG whose digest cannot reach its chairs (or anyone). */
function freshNotice(
  deps: WithStore<DigestDeps, 'digests'>,
  sig: DigestSig,
  chairs: string[],
  problem: Problem | null,
): UnreachableChairsModel | null {
  const { digests } = deps.store;
  const fresh = chairs.filter((c) => !digests.hasNotice(noticeKey(sig.dir, c)));
  const freshProblem = problem && !digests.hasNotice(noticeKey(sig.dir, problem.code)) ? problem : null;
  if (fresh.length === 0 && !freshProblem) return null;
  return {
    sig: sig.dir,
    sigName: sig.name,
    chairs: fresh,
    problem: freshProblem?.text ?? null,
    problemCode: freshProblem?.code ?? null,
  };
}

/**
 * Tells the PM channel, once and in one post per pass, about every SIG whose digest cannot reach
 * its chairs (or anyone). The post's key is made of what it reports, and each item is recorded as
 * reported after the post is queued, so a rerun after a crash queues the same key (sent once) and
 * later passes say nothing.
 */
async function reportUnreachable(
  deps: WithStore<DigestDeps, 'digests'>,
  notices: UnreachableChairsModel[],
  now: Date,
): Promise<void> {
  const keys = notices.flatMap((n) => [
    ...n.chairs.map((c) => noticeKey(n.sig, c)),
    ...(n.problemCode ? [noticeKey(n.sig, n.problemCode)] : []),
  ]);
  if (!deps.channels.pm) {
    deps.logger.warn(`digest: cannot reach: ${keys.join(', ')} (no PM channel to report it in)`);
  } else {
    const key = `digest:unreachable:${createHash('sha256').update(keys.sort().join('\n')).digest('hex').slice(0, 24)}`;
    await postRendered(deps.chat, { channel: deps.channels.pm }, key, deps.messages.unreachable(notices), {
      lane: 'scheduled',
    });
  }
  for (const n of notices) {
    for (const c of n.chairs)
      deps.store.digests.recordNotice(noticeKey(n.sig, c), n.sig, `chair ${c} has no Slack user`, now);
    if (n.problemCode)
      deps.store.digests.recordNotice(noticeKey(n.sig, n.problemCode), n.sig, n.problem ?? '', now);
  }
}

function nextDue(settings: DigestSettings, specs: Map<string, CronSpec>, now: Date): Date | null {
  let next: number | null = null;
  const horizon = new Date(now.getTime() + horizonMs);
  const releaseAt = settings.releaseAt ?? null;
  for (const sig of settings.sigs) {
    const spec = specs.get(sig.dir);
    const at = spec ? digestInstants(spec, sig.timezone, now, horizon, releaseAt)[0] : undefined;
    if (at && (next === null || at.getTime() < next)) next = at.getTime();
  }
  return next === null ? null : new Date(next);
}
