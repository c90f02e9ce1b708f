import type { Kep } from './types.ts';

export interface KepInput {
  /** The KEP directory relative to the checkout root, e.g. `keps/sig-node/1287-in-place-update-pod-resources`. */
  path: string;
  /** kep.yaml parsed to plain data (whatever it holds). */
  raw: unknown;
  /** The PRR approval file parsed to plain data, when one exists. */
  prr?: unknown;
}

/** Normalises one kep.yaml (pure, never throws): keeps the raw value, reports what is wrong in `warnings`. */
export function normalizeKep(_input: KepInput): Kep {
  throw new Error('normalizeKep is not built yet');
}
