//! The store's one error type.

/// Every way the store can refuse or fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No stored item with that key: a tender reference, an offer id, a score key…
    #[error("{what} not found: {key}")]
    NotFound {
        /// What was looked for (`tender`, `offer`, `score`…).
        what: &'static str,
        /// Its key as the user knows it, e.g. `2026-EX-001` or `o1/tech.sec/e1`.
        key: String,
    },
    /// A tender with this reference is already stored.
    #[error("tender {reference} is already stored")]
    Conflict {
        /// The consultation reference already in use.
        reference: String,
    },
    /// The tender is one lot of a consultation of several lots: it goes with its consultation.
    #[error("{key} is a lot of the consultation {consultation}: delete the consultation")]
    PartOfConsultation {
        /// The key the lot is filed under.
        key: String,
        /// The consultation's reference.
        consultation: String,
    },
    /// An edit was prepared on a copy of the evaluation that another program has changed since
    /// (its journal head moved); nothing was written.
    #[error("{reference} was changed by another program since it was read")]
    Stale {
        /// The consultation reference.
        reference: String,
    },
    /// The database was written by a newer Jauge; opening it could corrupt it.
    #[error(
        "the database has schema version {found} but this version of Jauge knows only up to \
         {known}: update Jauge to open it"
    )]
    SchemaTooNew {
        /// `PRAGMA user_version` of the file.
        found: i64,
        /// The last migration this code knows.
        known: i64,
    },
    /// A migration failed; the database stays at the previous version.
    #[error("migration {version} failed: {source}")]
    Migration {
        /// The number of the migration that failed.
        version: i64,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// A stored row cannot be read back as an evaluation (edited outside Jauge, most likely).
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    /// The file cannot be written (read-only medium or permissions): opening it for work would
    /// only fail at the first edit.
    #[error("the database file cannot be written (read-only medium or permissions)")]
    ReadOnlyFile,
    /// SQLite refused or failed (locked file, disk full, broken constraint…).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Why a database could not be opened, as a host tells its user and chooses a way out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenFailure {
    /// Not a database, or damaged inside.
    Damaged,
    /// Another program holds it locked.
    Locked,
    /// It cannot be written.
    ReadOnly,
    /// A newer Jauge wrote it.
    TooNew,
    /// Anything else (a folder that cannot be created, a disk that is full…).
    Other,
}

impl Error {
    /// What kind of failure this is, when it happened while opening the database.
    pub fn open_failure(&self) -> OpenFailure {
        use rusqlite::ErrorCode as Code;
        let sqlite = match self {
            Error::SchemaTooNew { .. } => return OpenFailure::TooNew,
            Error::ReadOnlyFile => return OpenFailure::ReadOnly,
            Error::Corrupt(_) => return OpenFailure::Damaged,
            Error::Migration { source, .. } | Error::Sqlite(source) => source,
            Error::NotFound { .. }
            | Error::Conflict { .. }
            | Error::Stale { .. }
            | Error::PartOfConsultation { .. } => {
                return OpenFailure::Other;
            }
        };
        match sqlite.sqlite_error_code() {
            Some(Code::NotADatabase | Code::DatabaseCorrupt) => OpenFailure::Damaged,
            Some(Code::DatabaseBusy | Code::DatabaseLocked) => OpenFailure::Locked,
            Some(Code::ReadOnly) => OpenFailure::ReadOnly,
            _ => OpenFailure::Other,
        }
    }
}

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
