//! Opening the database: pragmas, migrations, and the transaction helpers every store function
//! goes through.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, MAIN_DB, OpenFlags, Transaction, TransactionBehavior};

use crate::{Error, Result};

/// The migrations, in order: migration `n` (1-based) brings `user_version` from `n - 1` to `n`.
/// Append-only: a shipped file is never edited, since databases in the field already ran it.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial_schema.sql"),
    include_str!("../migrations/0002_list_positions.sql"),
    include_str!("../migrations/0003_declarations_and_sealed_prices.sql"),
    include_str!("../migrations/0004_evaluator_workspaces.sql"),
    include_str!("../migrations/0005_signed_returns.sql"),
    include_str!("../migrations/0006_price_schedules.sql"),
    include_str!("../migrations/0007_price_correction_routes.sql"),
    include_str!("../migrations/0008_rounds.sql"),
    include_str!("../migrations/0009_consultations.sql"),
    include_str!("../migrations/0010_abnormally_low_requests.sql"),
];

/// The schema version this code writes: the number of migrations it knows.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// An open Jauge database. Open it once per process and keep it: every store operation is a
/// method on it.
pub struct Db {
    pub(crate) conn: Connection,
    warnings: Vec<StoreWarning>,
}

/// Something about the database the host should tell the user; opening went on regardless.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreWarning {
    /// SQLite could not switch the file to write-ahead logging and runs in `mode` instead, which
    /// happens on network shares. Edits are still atomic and durable, but such folders often do
    /// not lock files reliably, and two programs writing at once could then damage the store.
    WalRefused {
        /// The journal mode SQLite kept (`delete`, `truncate`…).
        mode: String,
    },
    /// Opened read-only ([`Db::open_read_only`]): evaluations can be read and exported, every
    /// write is refused.
    ReadOnly,
}

impl std::fmt::Display for StoreWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreWarning::WalRefused { mode } => write!(
                f,
                "the store's folder refused SQLite's write-ahead log (journal mode {mode}): \
                 edits are still saved safely, but this folder (a network share?) may not lock \
                 files reliably; keep the store on a local disk"
            ),
            StoreWarning::ReadOnly => write!(
                f,
                "the store is open read-only: evaluations can be read and exported, not changed"
            ),
        }
    }
}

/// The warning for the journal mode SQLite answered when asked for WAL, if any. An in-memory
/// database answers `memory`, which is expected.
fn journal_mode_warning(mode: &str) -> Option<StoreWarning> {
    (!mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory")).then(|| {
        StoreWarning::WalRefused {
            mode: mode.to_ascii_lowercase(),
        }
    })
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("path", &self.conn.path())
            .finish()
    }
}

impl Db {
    /// Opens (creating if needed) the database file at `path`, sets the pragmas and brings the
    /// schema up to date. Refuses a file written by a newer Jauge ([`Error::SchemaTooNew`]).
    pub fn open(path: impl AsRef<Path>) -> Result<Db> {
        Db::prepare(Connection::open(path)?, None)
    }

    /// Like [`Db::open`], but when the file needs migrating, first writes a copy of it as it
    /// was to `backup` (which must not exist yet): a migration that goes wrong, or a newer Jauge
    /// given back for an older one, then loses nothing. Nothing is copied for a new file or one
    /// already up to date.
    pub fn open_backing_up_before_migration(path: impl AsRef<Path>, backup: &Path) -> Result<Db> {
        Db::prepare(Connection::open(path)?, Some(backup))
    }

    /// Opens an existing file without writing to it: no journal-mode change, no migration.
    /// For a store that cannot be opened as usual (locked by another program, on a read-only
    /// medium, written by a newer Jauge, damaged): what can still be read can be exported.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Db> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // Reading the schema proves the file is a database at all.
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| {
            row.get::<_, i64>(0)
        })?;
        Ok(Db {
            conn,
            warnings: vec![StoreWarning::ReadOnly],
        })
    }

    /// Writes a consistent copy of the whole database to `destination`, which must not exist
    /// (SQLite's `VACUUM INTO`: other connections may go on reading and writing meanwhile).
    pub fn back_up_to(&self, destination: &Path) -> Result<()> {
        let destination = destination.to_string_lossy();
        self.conn
            .execute("VACUUM INTO ?1", [destination.as_ref()])?;
        Ok(())
    }

    /// A fresh database in memory, fully migrated: for tests.
    pub fn open_in_memory() -> Result<Db> {
        Db::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, backup_before_migration: Option<&Path>) -> Result<Db> {
        // The desktop app and the command line may touch the same file; waiting a little beats
        // failing on a lock held for a few milliseconds.
        conn.busy_timeout(Duration::from_secs(5))?;
        // SQLite opens a file it may not write read-only without a word, and every edit would
        // then fail: say it now, when the host can still offer a way out.
        if conn.is_readonly(MAIN_DB)? {
            return Err(Error::ReadOnlyFile);
        }
        // WAL: readers never block the writer, and a crash mid-write leaves the last commit intact.
        // SQLite answers the mode it actually runs in; a refusal is told, not fatal.
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        let warnings = journal_mode_warning(&mode).into_iter().collect();
        // FULL syncs the log at every commit, so an edit the screen showed as saved survives a
        // power cut; NORMAL could lose the last commits (and a report citing them would cite a
        // journal head that no longer exists). The cost, one fsync per edit, is in the README.
        conn.pragma_update(None, "synchronous", "FULL")?;
        // SQLite leaves foreign keys off unless asked, per connection.
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if let Some(backup) = backup_before_migration {
            let current = user_version(&conn)?;
            if current > 0 && current < SCHEMA_VERSION {
                let destination = backup.to_string_lossy();
                conn.execute("VACUUM INTO ?1", [destination.as_ref()])?;
            }
        }
        migrate(&mut conn)?;
        Ok(Db { conn, warnings })
    }

    /// What the host should tell the user about this database (see [`StoreWarning`]).
    pub fn warnings(&self) -> &[StoreWarning] {
        &self.warnings
    }

    /// The schema version of the open file (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(user_version(&self.conn)?)
    }

    /// Runs `f` in one write transaction: committed when `f` succeeds, rolled back otherwise.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        // IMMEDIATE takes the write lock up front: a deferred transaction that reads then writes
        // can fail with SQLITE_BUSY without waiting when another connection wrote meanwhile.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in a read transaction, so that its several queries see one snapshot even when
    /// another connection writes meanwhile.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Applies the migrations the file has not run yet, each in its own transaction together with
/// the `user_version` bump, so a failure leaves the file at a known version.
fn migrate(conn: &mut Connection) -> Result<()> {
    for (index, sql) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read inside the write lock: two processes opening a new file at once migrate it once.
        let current = user_version(&tx)?;
        if current > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                found: current,
                known: SCHEMA_VERSION,
            });
        }
        if current >= version {
            continue;
        }
        tx.execute_batch(sql)
            .and_then(|()| tx.pragma_update(None, "user_version", version))
            .map_err(|source| Error::Migration { version, source })?;
        tx.commit()?;
    }
    // A file with no migration to run still has to be checked for being too new.
    let current = user_version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: current,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pragma_text(db: &Db, name: &str) -> String {
        db.conn
            .pragma_query_value(None, name, |row| row.get::<_, rusqlite::types::Value>(0))
            .map(|value| match value {
                rusqlite::types::Value::Text(text) => text,
                rusqlite::types::Value::Integer(n) => n.to_string(),
                other => format!("{other:?}"),
            })
            .unwrap()
    }

    #[test]
    fn a_new_file_is_migrated_to_the_latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(dir.path().join("jauge.db")).unwrap();
        assert_eq!(
            db.schema_version().unwrap(),
            SCHEMA_VERSION,
            "user_version after open"
        );
        let tables: i64 = db
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN \
                 ('tenders', 'criteria', 'levels', 'evaluators', 'offers', 'certifications', \
                  'scores', 'consensus', 'journal')",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(tables, 9, "every table exists");
    }

    #[test]
    fn reopening_a_migrated_file_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jauge.db");
        let schema = |db: &Db| -> Vec<String> {
            let mut stmt = db
                .conn
                .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
                .unwrap();
            stmt.query_map([], |row| row.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let first = schema(&Db::open(&path).unwrap());
        let db = Db::open(&path).unwrap();
        assert_eq!(
            db.schema_version().unwrap(),
            SCHEMA_VERSION,
            "version after reopening"
        );
        assert_eq!(schema(&db), first, "schema after reopening");
    }

    #[test]
    fn a_file_from_a_newer_jauge_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jauge.db");
        drop(Db::open(&path).unwrap());
        let raw = Connection::open(&path).unwrap();
        raw.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(raw);
        match Db::open(&path) {
            Err(Error::SchemaTooNew { found, known }) => {
                assert_eq!((found, known), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
            }
            other => panic!("expected SchemaTooNew, got {other:?}"),
        }
        let message = Error::SchemaTooNew { found: 9, known: 1 }.to_string();
        assert!(
            message.contains("update Jauge"),
            "the message says what to do: {message}"
        );
    }

    #[test]
    fn a_real_file_runs_in_wal_mode_with_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(dir.path().join("jauge.db")).unwrap();
        assert_eq!(pragma_text(&db, "journal_mode"), "wal");
        assert_eq!(pragma_text(&db, "foreign_keys"), "1");
        // FULL is 2.
        assert_eq!(pragma_text(&db, "synchronous"), "2");
        assert!(db.warnings().is_empty(), "{:?}", db.warnings());
        assert_eq!(pragma_text(&db, "busy_timeout"), "5000");
    }

    #[test]
    fn a_journal_mode_other_than_wal_is_a_warning() {
        assert_eq!(journal_mode_warning("wal"), None);
        assert_eq!(journal_mode_warning("memory"), None, "in-memory databases");
        let warning = journal_mode_warning("DELETE").unwrap();
        assert_eq!(
            warning,
            StoreWarning::WalRefused {
                mode: "delete".into()
            }
        );
        assert!(warning.to_string().contains("local disk"), "{warning}");
    }

    #[test]
    fn an_in_memory_database_is_migrated() {
        let db = Db::open_in_memory().unwrap();
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(pragma_text(&db, "foreign_keys"), "1");
    }
}
