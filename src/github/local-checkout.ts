import type { Kep, Warning } from '../domain/types.ts';

export interface CheckoutRead {
  keps: Kep[];
  /** Problems that are not about one KEP (unreadable files, a PRR file with no KEP…). */
  warnings: Warning[];
}

/** Reads every `keps/**\/kep.yaml` of a kubernetes/enhancements checkout rooted at `root`. */
export async function readKepsFromCheckout(_root: string): Promise<CheckoutRead> {
  throw new Error('readKepsFromCheckout is not built yet');
}
