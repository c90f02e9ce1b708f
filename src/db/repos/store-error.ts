/** A row the store refused, with what was wrong and how to fix it. */
export class StoreError extends Error {
  readonly code = 'drumbeat_store_error';
}

/**
 * Runs one row's statement; a SQLite constraint failure becomes a StoreError naming the row,
 * so a refused batch says which entry to fix.
 */
export function storeRow<T>(what: string, fix: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError(`${what} was not stored (${reason}); ${fix}. Nothing from this batch was saved.`, {
      cause: error,
    });
  }
}
