//! The store's file as a whole: opening it for the day's work with its automatic backups, and
//! the ways out when it cannot be opened (read it only, set it aside and start afresh, restore a
//! backup).
//!
//! Backups are SQLite's own consistent copies (`VACUUM INTO`), kept in a `backups` folder beside
//! the store: one before every migration (so that a Jauge update that goes wrong, or an update
//! undone, loses nothing) and one a day, at the first opening of the day. The last
//! [`BACKUPS_KEPT`] are kept. Nothing here ever deletes a store: a store set aside or replaced by
//! a backup is renamed, with its write-ahead log, beside the new one.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use jauge_store::{Db, OpenFailure, SCHEMA_VERSION};

use crate::{Error, Result, Store};

/// The folder, beside the store, that holds its backups.
pub const BACKUPS_FOLDER: &str = "backups";
/// How many backups are kept (the oldest go first).
pub const BACKUPS_KEPT: usize = 7;
/// A daily backup is taken when the last one is older than this.
const DAILY: Duration = Duration::hours(24);
/// The companions SQLite keeps beside a database in WAL mode; they move with it.
const COMPANIONS: [&str; 2] = ["-wal", "-shm"];

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupKind {
    /// The first opening of the day.
    Daily,
    /// Before the store's format was brought up to this version of Jauge.
    BeforeMigration,
}

impl BackupKind {
    fn suffix(self) -> &'static str {
        match self {
            BackupKind::Daily => "daily",
            BackupKind::BeforeMigration => "before-migration",
        }
    }
}

/// One backup of the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// The file's name in the backups folder: what [`restore_backup`] takes.
    pub file_name: String,
    pub taken_at: DateTime<Utc>,
    pub kind: BackupKind,
    pub bytes: u64,
}

/// Why the store could not be opened for work, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartupProblem {
    pub kind: OpenFailure,
    /// The store's file.
    pub path: PathBuf,
    /// What SQLite or the store said, for the curious and for support.
    pub detail: String,
}

fn backups_folder(store: &Path) -> PathBuf {
    store
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(BACKUPS_FOLDER)
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn backup_name(at: DateTime<Utc>, kind: BackupKind) -> String {
    format!("jauge-{}-{}.sqlite3", stamp(at), kind.suffix())
}

/// Reads a backup's file name back (`jauge-20261201T081500Z-daily.sqlite3`); `None` for any
/// other file, which the backups folder may hold and which is left alone.
fn parse_backup_name(name: &str) -> Option<(DateTime<Utc>, BackupKind)> {
    let rest = name.strip_prefix("jauge-")?.strip_suffix(".sqlite3")?;
    let (when, kind) = rest.split_once('-')?;
    let kind = match kind {
        "daily" => BackupKind::Daily,
        "before-migration" => BackupKind::BeforeMigration,
        _ => return None,
    };
    let when = NaiveDateTime::parse_from_str(when, "%Y%m%dT%H%M%SZ").ok()?;
    Some((when.and_utc(), kind))
}

/// The store's backups, newest first.
pub fn list_backups(store: &Path) -> Result<Vec<Backup>> {
    let folder = backups_folder(store);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&folder, e)),
    };
    let mut backups = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(&folder, e))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if let Some((taken_at, kind)) = parse_backup_name(&name) {
            let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
            backups.push(Backup {
                file_name: name,
                taken_at,
                kind,
                bytes,
            });
        }
    }
    backups.sort_by(|a, b| {
        b.taken_at
            .cmp(&a.taken_at)
            .then(b.file_name.cmp(&a.file_name))
    });
    Ok(backups)
}

/// Removes all but the newest [`BACKUPS_KEPT`] backups.
fn prune_backups(store: &Path) -> Result<()> {
    let folder = backups_folder(store);
    for old in list_backups(store)?.iter().skip(BACKUPS_KEPT) {
        let path = folder.join(&old.file_name);
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// A path in the backups folder for a backup taken `now`, created if needed.
fn new_backup_path(store: &Path, now: DateTime<Utc>, kind: BackupKind) -> Result<PathBuf> {
    let folder = backups_folder(store);
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    Ok(folder.join(backup_name(now, kind)))
}

/// Opens the store at `path` for the day's work: created when absent; backed up before a
/// migration and at the first opening of the day; the last [`BACKUPS_KEPT`] backups kept. When
/// it cannot be opened, says why ([`StartupProblem`]) so that the host can offer a way out.
pub fn open_store_for_work(
    path: &Path,
    now: DateTime<Utc>,
) -> std::result::Result<Store, StartupProblem> {
    let problem = |kind: OpenFailure, detail: String| StartupProblem {
        kind,
        path: path.to_path_buf(),
        detail,
    };
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .map_err(|e| problem(OpenFailure::Other, format!("{}: {e}", folder.display())))?;
    }
    let existed = path.exists();
    let before_migration = new_backup_path(path, now, BackupKind::BeforeMigration)
        .map_err(|e| problem(OpenFailure::Other, e.to_string()))?;
    let db = Db::open_backing_up_before_migration(path, &before_migration)
        .map_err(|e| problem(e.open_failure(), e.to_string()))?;
    let store = Store::from_db(db);
    if existed {
        // A failed daily backup (a full disk, say) must not keep the buyer from working; the
        // next opening tries again.
        let _ = back_up_if_due(&store, path, now);
    }
    Ok(store)
}

/// Takes the daily backup when the last backup is older than a day, then prunes old ones.
fn back_up_if_due(store: &Store, path: &Path, now: DateTime<Utc>) -> Result<()> {
    let last = list_backups(path)?.first().map(|b| b.taken_at);
    if last.is_none_or(|taken| now - taken >= DAILY) {
        let destination = new_backup_path(path, now, BackupKind::Daily)?;
        store.db().back_up_to(&destination)?;
    }
    prune_backups(path)
}

/// Opens the store at `path` read-only: evaluations can be listed, opened and exported; every
/// edit is refused with a storage error.
pub fn open_store_read_only(path: &Path) -> Result<Store> {
    Ok(Store::from_db(Db::open_read_only(path)?))
}

/// Renames the store at `path` (with its write-ahead log) to `jauge-set-aside-<when>.sqlite3`
/// beside it, so that a fresh store can be created in its place; returns the new name. The
/// store must be closed (Windows refuses to rename an open file).
pub fn set_store_aside(path: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let aside = path.with_file_name(format!("jauge-set-aside-{}.sqlite3", stamp(now)));
    if aside.exists() {
        return Err(Error::Conflict(format!(
            "{} already exists",
            aside.display()
        )));
    }
    // The log first: a crash between the two renames leaves the main file where it was, and
    // SQLite would then only miss the log's last commits, never mix two files.
    for companion in COMPANIONS {
        let from = companion_path(path, companion);
        if from.exists() {
            let to = companion_path(&aside, companion);
            std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
        }
    }
    std::fs::rename(path, &aside).map_err(|e| Error::io(path, e))?;
    Ok(aside)
}

fn companion_path(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Puts the backup `file_name` in place of the store at `path`, after setting the current store
/// aside (when there is one); returns where the current store went. The store must be closed.
/// The restored store is checked before anything moves: a backup that is not a readable Jauge
/// store is refused and the current store stays.
pub fn restore_backup(path: &Path, file_name: &str, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    if parse_backup_name(file_name).is_none() {
        return Err(Error::NotFound(format!("no backup named {file_name}")));
    }
    let backup = backups_folder(path).join(file_name);
    if !backup.is_file() {
        return Err(Error::NotFound(format!("no backup named {file_name}")));
    }
    let version = Db::open_read_only(&backup)?.schema_version()?;
    if version > SCHEMA_VERSION {
        return Err(Error::Storage(format!(
            "{file_name} was written by a newer Jauge (schema version {version})"
        )));
    }
    let aside = if path.exists() {
        Some(set_store_aside(path, now)?)
    } else {
        None
    };
    std::fs::copy(&backup, path).map_err(|e| Error::io(&backup, e))?;
    Ok(aside)
}
