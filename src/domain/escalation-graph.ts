/**
 * The dependency graph of open blockers between KEPs (A waits on B: an edge A → B): the KEPs that
 * depend on a blocked one (the paths through the graph), dependency cycles, and the relationships
 * kep.yaml already declares. Pure; every walk is bounded, so a cycle never loops.
 */
import type { BlockerRef } from './status-command.ts';
import type { Kep } from './types.ts';

/** `from` waits on `to` (KEP numbers), because of `blockerId`. */
export interface DependencyEdge {
  from: number;
  to: number;
  blockerId: number;
}

/** A dependency cycle: the KEPs in order (each waits on the next, the last on the first) and its blockers. */
export interface DependencyCycle {
  keps: number[];
  blockerIds: number[];
}

/** Who waits on whom (KEP numbers), indexed once per pass and shared by every blocker's description. */
export interface DependencyGraph {
  /** The KEPs that wait on each KEP, ascending, without repeats. */
  waitersOf: ReadonlyMap<number, readonly number[]>;
}

/** Indexes the edges once: O(edges log edges). */
export function dependencyGraph(edges: readonly DependencyEdge[]): DependencyGraph {
  const waitersOf = new Map<number, number[]>();
  for (const e of edges) {
    const list = waitersOf.get(e.to);
    if (list) list.push(e.from);
    else waitersOf.set(e.to, [e.from]);
  }
  for (const [kep, list] of waitersOf)
    waitersOf.set(
      kep,
      [...new Set(list)].sort((a, b) => a - b),
    );
  return { waitersOf };
}

/** How far a chain of dependents is followed: past this the chain is shown up to here. */
const maxChainLength = 20;
/** How many partial chains one search may look at, so a dense graph cannot stall a pass. */
const maxChainSteps = 5_000;

/** A partial chain in the search: its furthest KEP, and the rest through `next` (towards `kep`). */
interface Chain {
  kep: number;
  next: Chain | null;
  length: number;
}

function chainHas(chain: Chain | null, kep: number): boolean {
  for (let c = chain; c; c = c.next) if (c.kep === kep) return true;
  return false;
}

function chainKeps(chain: Chain): number[] {
  const out: number[] = [];
  for (let c: Chain | null = chain; c; c = c.next) out.push(c.kep);
  return out;
}

/**
 * The chains of KEPs that wait on `kep`, directly or through others: `[[5, 7]]` means KEP-5 waits
 * on KEP-7, which waits on `kep`. Each chain ends at a KEP nobody else waits on (or where going on
 * would repeat a KEP, or at 20 KEPs); at most `limit` chains, shortest first. Give the graph built
 * once per pass (`dependencyGraph`); the search is bounded whatever the graph's size.
 */
export function dependentPaths(
  graph: DependencyGraph | readonly DependencyEdge[],
  kep: number,
  limit = 10,
): number[][] {
  const { waitersOf } = 'waitersOf' in graph ? graph : dependencyGraph(graph);
  const paths: number[][] = [];
  const queue: Chain[] = (waitersOf.get(kep) ?? [])
    .filter((w) => w !== kep)
    .map((w) => ({ kep: w, next: null, length: 1 }));
  for (let i = 0; i < queue.length && paths.length < limit; i++) {
    const chain = queue[i]!;
    const next =
      chain.length >= maxChainLength || queue.length >= maxChainSteps
        ? []
        : (waitersOf.get(chain.kep) ?? []).filter((w) => w !== kep && !chainHas(chain, w));
    if (next.length === 0) paths.push(chainKeps(chain));
    else for (const w of next) queue.push({ kep: w, next: chain, length: chain.length + 1 });
  }
  return paths;
}

/**
 * Every elementary dependency cycle, each once: rotated to start at its smallest KEP, ordered by
 * that KEP. Only the strongly connected parts of the graph are searched (found in linear time),
 * so a long chain of blockers with no cycle costs nothing; within them the search is
 * Johnson-style from each start node, in order, and bounded.
 */
export function findCycles(edges: readonly DependencyEdge[]): DependencyCycle[] {
  const component = cyclicComponents(edges);
  const out = new Map<number, DependencyEdge[]>();
  for (const e of edges) {
    if (component.get(e.from) === undefined || component.get(e.from) !== component.get(e.to)) continue;
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  const cycles: DependencyCycle[] = [];
  const seen = new Set<string>();
  const budget = { steps: maxCycleSteps };
  for (const start of [...out.keys()].sort((a, b) => a - b)) {
    walkCycles(out, start, budget, (cycle) => {
      const key = cycle
        .map((c) => c.blockerId)
        .sort((a, b) => a - b)
        .join(',');
      if (seen.has(key)) return;
      seen.add(key);
      cycles.push({ keps: cycle.map((c) => c.from), blockerIds: cycle.map((c) => c.blockerId) });
    });
  }
  return cycles;
}

/** How many edges the cycle search may follow in one call (a pathological graph stops here). */
const maxCycleSteps = 200_000;

/** Depth-first from `start` through KEPs not smaller than it, reporting each path back to it. */
function walkCycles(
  out: ReadonlyMap<number, DependencyEdge[]>,
  start: number,
  budget: { steps: number },
  found: (cycle: DependencyEdge[]) => void,
): void {
  const path: DependencyEdge[] = [];
  const visited = new Set<number>([start]);
  const walk = (node: number) => {
    for (const e of out.get(node) ?? []) {
      if (budget.steps-- <= 0) return;
      if (e.to < start) continue; // found from a smaller start already
      if (e.to === start) found([...path, e]);
      else if (!visited.has(e.to) && visited.size < 64) {
        visited.add(e.to);
        path.push(e);
        walk(e.to);
        path.pop();
        visited.delete(e.to);
      }
    }
  };
  walk(start);
}

/** `KEP-1 → KEP-2 → KEP-1`. */
export function describeCycle(cycle: DependencyCycle): string {
  return [...cycle.keps, cycle.keps[0]!].map((k) => `KEP-${k}`).join(' → ');
}

/**
 * What kep.yaml already says about a blocker, shown as context: the blocking SIG is listed in the
 * blocked KEP's `participating-sigs`, or the KEPs name each other in `see-also` / `replaces`.
 */
export function knownRelationship(
  blocked: Pick<Kep, 'participatingSigs' | 'seeAlso' | 'replaces' | 'path'>,
  target: BlockerRef,
  targetKep: Pick<Kep, 'path' | 'owningSig' | 'seeAlso' | 'replaces'> | null,
): string | null {
  if (target.type === 'sig')
    return blocked.participatingSigs.includes(target.sig)
      ? `${target.sig} is listed in participating-sigs`
      : null;
  if (target.type !== 'kep' || !targetKep) return null;
  if (blocked.seeAlso.includes(targetKep.path) || targetKep.seeAlso.includes(blocked.path))
    return 'the KEPs are linked in see-also';
  if (blocked.replaces.includes(targetKep.path) || targetKep.replaces.includes(blocked.path))
    return 'one KEP replaces the other';
  if (targetKep.owningSig && blocked.participatingSigs.includes(targetKep.owningSig))
    return `${targetKep.owningSig} (its owner) is listed in participating-sigs`;
  return null;
}

/** Tarjan's bookkeeping: discovery order, lowest reachable order, and the open stack. */
interface TarjanState {
  succ: ReadonlyMap<number, number[]>;
  index: Map<number, number>;
  low: Map<number, number>;
  stack: number[];
  onStack: Set<number>;
  /** Each KEP on a cycle → its component's root. */
  result: Map<number, number>;
  selfLoops: ReadonlySet<number>;
}

/**
 * The strongly connected component of each KEP that lies on a cycle (a component of two or more
 * KEPs, or one that waits on itself), by Tarjan's algorithm without recursion: O(nodes + edges).
 */
function cyclicComponents(edges: readonly DependencyEdge[]): Map<number, number> {
  const succ = new Map<number, number[]>();
  for (const e of edges) {
    const list = succ.get(e.from);
    if (list) list.push(e.to);
    else succ.set(e.from, [e.to]);
  }
  const state: TarjanState = {
    succ,
    index: new Map(),
    low: new Map(),
    stack: [],
    onStack: new Set(),
    result: new Map(),
    selfLoops: new Set(edges.filter((e) => e.from === e.to).map((e) => e.from)),
  };
  for (const root of succ.keys()) if (!state.index.has(root)) visitFrom(state, root);
  return state.result;
}

function discover(state: TarjanState, node: number): { node: number; next: number } {
  state.index.set(node, state.index.size);
  state.low.set(node, state.index.get(node)!);
  state.stack.push(node);
  state.onStack.add(node);
  return { node, next: 0 };
}

/** Depth-first from `root` with an explicit stack of frames (a long chain cannot overflow). */
function visitFrom(state: TarjanState, root: number): void {
  const lower = (node: number, value: number) => state.low.set(node, Math.min(state.low.get(node)!, value));
  const work = [discover(state, root)];
  while (work.length > 0) {
    const frame = work[work.length - 1]!;
    const to = state.succ.get(frame.node)?.[frame.next++];
    if (to !== undefined) {
      if (!state.index.has(to)) work.push(discover(state, to));
      else if (state.onStack.has(to)) lower(frame.node, state.index.get(to)!);
      continue;
    }
    work.pop();
    const parent = work[work.length - 1];
    if (parent) lower(parent.node, state.low.get(frame.node)!);
    if (state.low.get(frame.node) === state.index.get(frame.node)) closeComponent(state, frame.node);
  }
}

/** Pops the component rooted at `root`; records it when it holds a cycle. */
function closeComponent(state: TarjanState, root: number): void {
  const members: number[] = [];
  let member: number;
  do {
    member = state.stack.pop()!;
    state.onStack.delete(member);
    members.push(member);
  } while (member !== root);
  if (members.length > 1 || state.selfLoops.has(root)) for (const m of members) state.result.set(m, root);
}
