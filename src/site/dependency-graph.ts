/**
 * The dependency graph the page draws: open blockers as edges from the waiting KEP to what it
 * waits on (a KEP, a SIG or another party), with the edges of every KEP → KEP cycle marked.
 */
import {
  type DependencyCycle,
  type DependencyEdge,
  describeCycle,
  findCycles,
} from '../domain/escalation-graph.ts';
import { type Blocker, describeBlockerTarget } from '../domain/status.ts';
import type { DependencyGraphModel, GraphEdge, GraphNode } from './site-types.ts';

const kepId = (n: number) => `kep:${n}`;

/** The graph of `blockers` (open ones); `titles` names the KEPs it knows. */
export function dependencyGraph(
  blockers: readonly Blocker[],
  titles: ReadonlyMap<number, string>,
): DependencyGraphModel {
  const open = blockers.filter((b) => b.closedAt === null);
  const kepEdges = open.flatMap((b) =>
    b.target.type === 'kep' ? [{ from: b.kepNumber, to: b.target.kep, blockerId: b.id }] : [],
  );
  const cycles = cyclesOf(kepEdges);
  const inCycle = new Set(cycles.flatMap((c) => c.blockerIds));
  const nodes = new Map<string, GraphNode>();
  const addKep = (n: number) => {
    if (!nodes.has(kepId(n)))
      nodes.set(kepId(n), {
        id: kepId(n),
        label: `KEP-${n}`,
        kind: 'kep',
        kep: n,
        title: titles.get(n) ?? null,
      });
    return kepId(n);
  };
  const edges: GraphEdge[] = open.map((b) => {
    const from = addKep(b.kepNumber);
    let to: string;
    if (b.target.type === 'kep') to = addKep(b.target.kep);
    else {
      to = `${b.target.type}:${describeBlockerTarget(b.target).toLowerCase()}`;
      if (!nodes.has(to))
        nodes.set(to, {
          id: to,
          label: describeBlockerTarget(b.target),
          kind: b.target.type,
          kep: null,
          title: null,
        });
    }
    return { from, to, blockerId: b.id, cycle: inCycle.has(b.id), openedAt: b.openedAt };
  });
  return {
    nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    edges: edges.sort((a, b) => a.blockerId - b.blockerId),
    cycles: cycles.map(describeCycle),
  };
}

const cycleCacheSize = 16;
const cycleCache = new Map<string, DependencyCycle[]>();

/**
 * The cycles among the edges, searched once per distinct set of edges: every page of a release
 * reads the same open blockers, and the search walks the whole graph. The last 16 sets are kept.
 */
function cyclesOf(edges: readonly DependencyEdge[]): DependencyCycle[] {
  const key = edges.map((e) => `${e.from}>${e.to}#${e.blockerId}`).join(',');
  const hit = cycleCache.get(key);
  if (hit) {
    cycleCache.delete(key);
    cycleCache.set(key, hit);
    return hit;
  }
  const cycles = findCycles(edges);
  cycleCache.set(key, cycles);
  if (cycleCache.size > cycleCacheSize) cycleCache.delete(cycleCache.keys().next().value!);
  return cycles;
}

/** The part of the graph touching `keep` (node ids): their edges and the nodes at both ends. */
export function subgraph(
  graph: DependencyGraphModel,
  keep: (node: GraphNode) => boolean,
): DependencyGraphModel {
  const kept = new Set(graph.nodes.filter(keep).map((n) => n.id));
  const edges = graph.edges.filter((e) => kept.has(e.from) || kept.has(e.to));
  const ends = new Set(edges.flatMap((e) => [e.from, e.to]));
  const keps = new Set(
    graph.nodes.filter((n) => ends.has(n.id) && n.kep !== null).map((n) => `KEP-${n.kep}`),
  );
  return {
    nodes: graph.nodes.filter((n) => ends.has(n.id)),
    edges,
    cycles: graph.cycles.filter((c) => c.split(' → ').some((k) => keps.has(k))),
  };
}

/** The most blockers a drawing shows: beyond it the layout is unreadable (and dagre's recursion too deep). */
export const maxDrawnEdges = 150;

/**
 * The part of the graph that is drawn: all of it when small, else the edges of cycles first, then
 * the oldest blockers, up to `max` edges, with the nodes at their ends. `omitted` counts the rest.
 */
export function drawnGraph(
  graph: DependencyGraphModel,
  max = maxDrawnEdges,
): { graph: DependencyGraphModel; omitted: number } {
  if (graph.edges.length <= max) return { graph, omitted: 0 };
  const edges = [...graph.edges]
    .sort((a, b) => Number(b.cycle) - Number(a.cycle) || a.openedAt.localeCompare(b.openedAt))
    .slice(0, max)
    .sort((a, b) => a.blockerId - b.blockerId);
  const ends = new Set(edges.flatMap((e) => [e.from, e.to]));
  const nodes = graph.nodes.filter((n) => ends.has(n.id));
  return { graph: { ...graph, nodes, edges }, omitted: graph.edges.length - max };
}
