import { loadReferenceData } from '../app/load-reference-data.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import { createStore } from '../db/create-store.ts';
import { migrate } from '../db/migrate.ts';
import { type Db, openDatabase, openInMemoryCopy } from '../db/open.ts';
import { readKepsFromCheckout } from '../github/local-checkout.ts';
import type { Store } from '../ports/store.ts';
import { referenceDataFrom } from './reference-data.ts';

/**
 * The store a preview (`drumbeat digest`, `plan`, `notes`, `exceptions`) reads: an in-memory copy
 * of the bot's database at `file` (opened read-only), or an empty one when `file` is null. It is
 * migrated in memory, so an older database previews too; whatever the preview loads or writes
 * stays in the copy and the bot's file is never changed.
 */
export function openPreviewStore(file: string | null, now: () => Date): { db: Db; store: Store } {
  const db = file === null ? openDatabase(':memory:') : openInMemoryCopy(file);
  try {
    migrate(db, undefined, now);
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, store: createStore(db) };
}

/**
 * Loads what the bot would load at start (the config's people, SIGs, release and calendar, and the
 * local checkout's KEPs) into a preview's store, keeping the channels the bot resolved.
 */
export async function loadPreviewReference(store: Store, config: ResolvedConfig, now: Date): Promise<void> {
  const keps = config.github.localCheckout
    ? (await readKepsFromCheckout(config.github.localCheckout, { knownSigs: config.sigs.map((s) => s.dir) }))
        .keps
    : null;
  const existing = new Map(store.sigs.list().map((s) => [s.dir, s]));
  loadReferenceData(store, referenceDataFrom(config, keps, existing), now);
}
