import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database with the settings every part relies on:
 * WAL so readers never block the writer, foreign keys enforced, and a busy timeout so a second
 * process waits instead of failing at once.
 */
export function openDatabase(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}

/**
 * An in-memory copy of the database at `path`, for previews: the file is opened read-only (it must
 * exist), its committed content copied (WAL included, so a running bot's latest writes show), and
 * the copy is what the caller reads, migrates and fills. Nothing the caller does reaches the file.
 */
export function openInMemoryCopy(path: string): Db {
  const source = new Database(path, { readonly: true, fileMustExist: true });
  let image: Buffer;
  try {
    source.pragma('busy_timeout = 5000');
    image = source.serialize();
  } finally {
    source.close();
  }
  // bytes 18-19 say "WAL"; a memory database cannot be in WAL mode, so the copy says "rollback"
  if (image.length >= 20) image.fill(1, 18, 20);
  const db = new Database(image);
  db.pragma('foreign_keys = ON');
  return db;
}
