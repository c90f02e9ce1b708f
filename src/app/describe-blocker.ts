import {
  type DependencyEdge,
  type DependencyGraph,
  dependencyGraph,
  dependentPaths,
  knownRelationship,
} from '../domain/escalation-graph.ts';
import { blockingParty, describeBlockerAge } from '../domain/escalation-ladder.ts';
import { isInRelease } from '../domain/release-membership.ts';
import { type Blocker, describeBlockerTarget } from '../domain/status.ts';
import type { EscalationItem, EscalationSettings } from '../ports/escalation.ts';
import type { Store } from '../ports/store.ts';

/** The repos the open-blocker graph and the next freeze are read from. */
export type BlockerContextStore = Pick<Store, 'blockers' | 'milestones'>;

/** The repos a blocker's description is read from. */
export type BlockerDescriptionStore = Pick<Store, 'escalations' | 'keps'>;

const freezeKinds = new Set(['prr-freeze', 'enhancements-freeze', 'code-freeze', 'docs-freeze', 'release']);

/** What every blocker description of one pass shares: the graph of open blockers and the next freeze. */
export interface BlockerContext {
  /** Built once per pass: every blocker's dependents are read from it. */
  graph: DependencyGraph;
  milestoneAtRisk: { name: string; at: Date } | null;
  now: Date;
}

/** Edges A → B for each open blocker of KEP A on KEP B. */
export function dependencyEdges(open: Blocker[]): DependencyEdge[] {
  return open.flatMap((b) =>
    b.target.type === 'kep' ? [{ from: b.kepNumber, to: b.target.kep, blockerId: b.id }] : [],
  );
}

/** The open-blocker graph and the next freeze after `now`, read once. */
export function blockerContext(
  store: BlockerContextStore,
  settings: EscalationSettings,
  now: Date,
): BlockerContext {
  const next = store.milestones
    .listByRelease(settings.release)
    .find((m) => m.kind !== null && freezeKinds.has(m.kind) && new Date(m.startsAt) > now);
  return {
    graph: dependencyGraph(dependencyEdges(store.blockers.listOpen({ release: settings.release }))),
    milestoneAtRisk: next ? { name: next.name, at: new Date(next.startsAt) } : null,
    now,
  };
}

/** A KEP's owning SIG by number (the one in the release when numbers repeat). */
export function owningSigOf(store: Pick<Store, 'keps'>, release: string, kep: number): string | null {
  const found = store.keps.findByNumber(kep);
  return (found.find((k) => isInRelease(k, release)) ?? found[0])?.owningSig ?? null;
}

/** A blocker as escalation messages show it. */
export function describeBlocker(
  store: BlockerDescriptionStore,
  settings: EscalationSettings,
  context: BlockerContext,
  blocker: Blocker,
): EscalationItem {
  const kep = store.keps.getByPath(blocker.kepPath);
  const targetKep =
    blocker.target.type === 'kep' ? (store.keps.findByNumber(blocker.target.kep)[0] ?? null) : null;
  const state = store.escalations.get(blocker.id);
  const openedAt = new Date(blocker.openedAt);
  const end = blocker.closedAt ? new Date(blocker.closedAt) : context.now;
  return {
    blockerId: blocker.id,
    kep: { number: blocker.kepNumber, title: kep?.title ?? `KEP-${blocker.kepNumber}`, sig: blocker.sig },
    waitsOn: describeBlockerTarget(blocker.target),
    party: blockingParty(blocker.target, (n) => owningSigOf(store, settings.release, n)),
    declaredBy: blocker.openedBy,
    openedAt,
    age: describeBlockerAge(openedAt, end, settings.businessDays),
    milestoneAtRisk: context.milestoneAtRisk,
    dependents: dependentPaths(context.graph, blocker.kepNumber),
    relationship: kep ? knownRelationship(kep, blocker.target, targetKep) : null,
    open: blocker.closedAt === null,
    closedBy: blocker.closedBy,
    closeReason: blocker.closeReason,
    acknowledgedBy: state?.acknowledgedBy ?? null,
    snoozedUntil: state?.snoozedUntil ? new Date(state.snoozedUntil) : null,
  };
}
