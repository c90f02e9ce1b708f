import type { StatusDayRepo } from '../../ports/store.ts';
import type { Db } from '../open.ts';

/** The top-level status post of each SIG and day (table `status_day_posts`). */
export function createStatusDayRepo(db: Db): StatusDayRepo {
  const insert = db.prepare<[string, string, string, string]>(
    'INSERT OR IGNORE INTO status_day_posts (sig, day, parent_key, claimed_at) VALUES (?, ?, ?, ?)',
  );
  const get = db.prepare<[string, string], { parent_key: string }>(
    'SELECT parent_key FROM status_day_posts WHERE sig = ? AND day = ?',
  );
  const update = db.prepare<[string, string, string, string]>(
    'UPDATE status_day_posts SET parent_key = ?, claimed_at = ? WHERE sig = ? AND day = ?',
  );
  return {
    replace: (sig, day, key, at) => {
      update.run(key, at.toISOString(), sig, day);
    },
    claim: (sig, day, key, at) => {
      insert.run(sig, day, key, at.toISOString());
      return get.get(sig, day)!.parent_key;
    },
  };
}
