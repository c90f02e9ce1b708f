import type { Store } from '../ports/store.ts';

/** The repos a status update's SIG and KEP are checked against. */
export type StatusReferenceStore = Pick<Store, 'keps' | 'sigs'>;

/** Whether a typed SIG dir and KEP number are ones Drumbeat knows (the status form's checks). */
export function knownStatusReferences(store: StatusReferenceStore): {
  isKnownSig: (dir: string) => boolean;
  isKnownKep: (kep: number) => boolean;
} {
  return {
    isKnownSig: (dir) => store.sigs.get(dir) !== null,
    isKnownKep: (kep) => store.keps.findByNumber(kep).length > 0,
  };
}
