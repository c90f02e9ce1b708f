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

/**
 * The chains of KEPs that wait on `kep`, directly or through others: `[[5, 7]]` means KEP-5 waits
 * on KEP-7, which waits on `kep`. Each chain ends at a KEP nobody else waits on (or where going on
 * would repeat a KEP); at most `limit` chains, shortest first.
 */
export function dependentPaths(edges: DependencyEdge[], kep: number, limit = 10): number[][] {
  const waitersOf = new Map<number, number[]>();
  for (const e of edges) waitersOf.set(e.to, [...(waitersOf.get(e.to) ?? []), e.from]);
  const paths: number[][] = [];
  const queue: number[][] = (waitersOf.get(kep) ?? []).filter((w) => w !== kep).map((w) => [w]);
  while (queue.length > 0 && paths.length < limit) {
    const path = queue.shift()!;
    const head = path[0]!;
    const next = (waitersOf.get(head) ?? []).filter((w) => w !== kep && !path.includes(w));
    if (next.length === 0) paths.push(path);
    else for (const w of [...new Set(next)].sort((a, b) => a - b)) queue.push([w, ...path]);
  }
  return paths;
}

/**
 * Every elementary dependency cycle, each once: rotated to start at its smallest KEP, ordered by
 * that KEP. Bounded by the graph's size (Johnson-style search from each start node, in order).
 */
export function findCycles(edges: DependencyEdge[]): DependencyCycle[] {
  const out = new Map<number, DependencyEdge[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort((a, b) => a - b);
  const cycles: DependencyCycle[] = [];
  const seen = new Set<string>();
  for (const start of nodes) {
    const walk = (node: number, path: DependencyEdge[], visited: Set<number>) => {
      for (const e of out.get(node) ?? []) {
        if (e.to < start) continue; // found from a smaller start already
        if (e.to === start) {
          const cycle = [...path, e];
          const key = cycle
            .map((c) => c.blockerId)
            .sort((a, b) => a - b)
            .join(',');
          if (!seen.has(key)) {
            seen.add(key);
            cycles.push({ keps: cycle.map((c) => c.from), blockerIds: cycle.map((c) => c.blockerId) });
          }
        } else if (!visited.has(e.to) && visited.size < 64) {
          visited.add(e.to);
          walk(e.to, [...path, e], visited);
          visited.delete(e.to);
        }
      }
    };
    walk(start, [], new Set([start]));
  }
  return cycles;
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
