/**
 * Reads the per-SIG and per-KEP pages' models from the store: a SIG page reads what the SIG's
 * digest reads plus its plan and exception requests; a KEP page reads the KEP, its history and
 * the release's open blockers.
 */

import { resolveKep } from '../app/resolve-kep.ts';
import { freezeNames } from '../domain/exception.ts';
import type { KepState } from '../domain/kep-state.ts';
import type { SigPlan } from '../domain/plan.ts';
import { describeBlockerTarget, type StatusUpdate } from '../domain/status.ts';
import type { DigestSig } from '../ports/digest.ts';
import type { DatedState } from '../ports/digest-store.ts';
import type { Store } from '../ports/store.ts';
import { dependencyGraph, subgraph } from './dependency-graph.ts';
import {
  lastModified,
  readSigDigest,
  type SiteModelSettings,
  sigSummary,
  stateCounts,
  trackingCounter,
} from './release-model.ts';
import type { KepHistoryRow, KepPageModel, SigKepRow, SigPageModel } from './site-types.ts';
import { memoByVersion } from './version-memo.ts';

const historyLimit = 200;

export function buildSigModel(
  store: Store,
  settings: SiteModelSettings,
  sig: DigestSig,
  now: Date,
): SigPageModel {
  const release = settings.digest.release;
  const digest = readSigDigest(store, settings, sig, now);
  const states = store.site.statesOfSig(sig.dir, release);
  const tracking = trackingCounter(store, settings, now);
  const statesByPath = historiesByPath(states);
  const keps: SigKepRow[] = digest.keps.map((r) => ({
    number: r.number,
    title: r.title,
    stage: r.stage,
    tracking: tracking ? (Object.keys(tracking([{ path: r.path, state: r.state }]))[0] ?? null) : null,
    state: r.state,
    confidence: r.confidence,
    updatedAt: r.updatedAt,
    history: statesByPath.get(r.path) ?? [],
  }));
  // the SIG's part of the release's graph (its read included) is the same while the database is
  const graph = memoByVersion(store, `sig graph\n${release}\n${sig.dir}`, () => {
    const titles = new Map(digest.keps.map((r) => [r.number, r.title]));
    const mine = new Set(digest.keps.map((r) => r.number));
    return subgraph(dependencyGraph(store.blockers.listOpen({ release }), titles), (n) =>
      n.kep !== null ? mine.has(n.kep) : n.id === `sig:${sig.dir}`,
    );
  });
  return {
    release,
    generatedAt: now.toISOString(),
    repo: settings.repo,
    lastModified: lastModified([{ updates: states }], [], new Date(0)),
    dir: sig.dir,
    name: sig.name,
    summary: sigSummary(digest, tracking),
    keps,
    byState: stateCounts([digest.stateTotals]),
    votes: [...digest.votes.open, ...digest.votes.closed].map((v) => ({
      question: v.question,
      round: v.round,
      closesAt: v.closesAt,
      outcome: v.outcome ?? (v.closedAt ? 'closed' : 'open'),
      ballots: `${v.ballots} of ${v.electorate}`,
    })),
    plan: planModel(store.planning.latestPlan(release, sig.dir)),
    exceptions: store.planning
      .listExceptions(release)
      .filter((e) => e.sig === sig.dir)
      .map((e) => ({
        id: e.id,
        kep: e.kep,
        title: e.kepTitle,
        freeze: freezeNames[e.freeze],
        status: e.status,
        requestedAt: e.requestedAt,
        missing: settings.showNotes ? e.missing : null,
      })),
    graph,
  };
}

/** Each KEP's reported states, oldest first, from the SIG's updates in time order. */
function historiesByPath(states: readonly DatedState[]): Map<string, Array<{ state: KepState; at: string }>> {
  const out = new Map<string, Array<{ state: KepState; at: string }>>();
  for (const u of states) {
    const list = out.get(u.kepPath);
    if (list) list.push({ state: u.state, at: u.createdAt });
    else out.set(u.kepPath, [{ state: u.state, at: u.createdAt }]);
  }
  return out;
}

function planModel(plan: SigPlan | null): SigPageModel['plan'] {
  if (!plan) return null;
  const byIncrement = new Map<number, Array<{ number: number; title: string; confidence: number }>>();
  for (const entry of plan.entries) {
    for (const inc of entry.increments) {
      const list = byIncrement.get(inc.increment) ?? [];
      list.push({ number: entry.kep, title: entry.title, confidence: inc.confidence });
      byIncrement.set(inc.increment, list);
    }
  }
  return {
    version: plan.version,
    savedAt: plan.savedAt,
    approvedAt: plan.approvedAt,
    increments: [...byIncrement.entries()]
      .sort(([a], [b]) => a - b)
      .map(([increment, keps]) => ({ increment, keps })),
  };
}

/** The KEP page's model; null when no KEP has this number. */
export function buildKepModel(
  store: Store,
  settings: SiteModelSettings,
  number: number,
  now: Date,
): KepPageModel | null {
  const release = settings.digest.release;
  const found = resolveKep(store, number, release, settings.repo);
  if (!found.ok) return null;
  const kep = found.kep;
  const history = store.statusUpdates
    .history(kep.path, release, historyLimit)
    .map((u) => historyRow(u, settings));
  const open = store.blockers.listOpen({ release });
  const graph = subgraph(
    dependencyGraph(open, new Map([[kep.number, kep.title]])),
    (n) => n.kep === kep.number,
  );
  const exceptions = store.planning.listExceptions(release).filter((e) => e.kep === kep.number);
  const repoUrl = `https://github.com/${settings.repo}`;
  const latest = history[0] ?? null;
  return {
    release,
    generatedAt: now.toISOString(),
    repo: settings.repo,
    lastModified: history[0]?.at ?? kep.updatedAt,
    number: kep.number,
    title: kep.title,
    path: kep.path,
    owningSig: kep.owningSig,
    owningSigName: settings.digest.sigs.find((s) => s.dir === kep.owningSig)?.name ?? null,
    participatingSigs: kep.participatingSigs,
    status: kep.status,
    stage: kep.stage,
    milestones: Object.entries(kep.milestones).map(([stage, r]) => ({ stage, release: r })),
    prrApprovals: Object.entries(kep.prrApprovals).map(([stage, approver]) => ({ stage, approver })),
    tracking: settings.trackingStatus ? settings.trackingStatus(kep, latest?.state ?? null, now) : null,
    latest,
    history,
    blockedBy: open
      .filter((b) => b.kepPath === kep.path)
      .map((b) => ({
        id: b.id,
        target: describeBlockerTarget(b.target),
        kep: b.target.type === 'kep' ? b.target.kep : null,
        openedAt: b.openedAt,
        openedBy: b.openedBy,
      })),
    waitingOnIt: open
      .filter((b) => b.target.type === 'kep' && b.target.kep === kep.number)
      .map((b) => ({ id: b.id, kep: b.kepNumber, title: null, openedAt: b.openedAt })),
    cycles: graph.cycles,
    links: {
      issue: `${repoUrl}/issues/${kep.number}`,
      kepYaml: `${repoUrl}/blob/master/${kep.path}/kep.yaml`,
      directory: `${repoUrl}/tree/master/${kep.path}`,
    },
    pullRequests: [...new Set(exceptions.flatMap((e) => e.pullRequests))],
    exceptions: exceptions.map((e) => ({
      id: e.id,
      freeze: freezeNames[e.freeze],
      status: e.status,
      requestedAt: e.requestedAt,
    })),
    warnings: kep.warnings,
    graph,
  };
}

/** Notes are shown only when the site shows notes, and never for updates that came by DM. */
function historyRow(u: StatusUpdate, settings: SiteModelSettings): KepHistoryRow {
  return {
    at: u.createdAt,
    state: u.state,
    confidence: u.confidence,
    increment: u.increment,
    note: settings.showNotes && u.source !== 'dm' && u.note !== '' ? u.note : null,
    by: u.authorGithub ?? 'a facilitator',
  };
}
