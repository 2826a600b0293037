//! Jauge's local store: the evaluations a buyer works on, kept in one SQLite file, with a
//! hash-chained journal of every change.
//!
//! Its job is to keep an evaluation exactly as it was imported and edited: `load_evaluation`
//! gives back a value equal to what was imported plus the changes applied since, optional keys
//! and list order included, so that exporting gives back an equivalent document. It does not
//! judge evaluations (the domain's validation does, before anything reaches the store), but it
//! keeps references whole with foreign keys: a score on an unknown offer is refused.
//!
//! Invariants: every write is one transaction and appends one journal entry in that same
//! transaction; the journal's last entry records the canonical hash of the stored state, so
//! edits made behind Jauge's back are detected by [`Db::verify_journal`]. Migrations are
//! append-only and tracked by `PRAGMA user_version`; a file from a newer Jauge is refused.
//!
//! This crate must not depend on Tauri nor on any Jauge crate other than `jauge-domain`, and it
//! knows no platform paths: the host passes the database path.

#![deny(missing_docs)]

mod change;
mod consultation;
mod db;
mod error;
mod import;
mod journal;
mod rows;
mod tender;

pub use change::Edit;
pub use consultation::{
    ACTION_CONSULTATION_IMPORT, ConsultationVerdict, ConsultationWrite, lot_key,
};
pub use db::{Db, SCHEMA_VERSION, StoreWarning};
pub use error::{Error, OpenFailure, Result};
pub use import::{
    ACTION_OFFERS_IMPORT, ACTION_PACKAGE_EXPORT, ACTION_SCORES_IMPORT, FileSigner, MergedState,
    ReturnOutcome, SourceFile,
};
/// Changes are the domain's; re-exported for hosts that name them through the store.
pub use jauge_domain::{Applied, Change};
pub use journal::{
    BreakReason, GENESIS_HASH, JournalBreak, JournalEntry, JournalVerdict, entry_hash,
};
pub use tender::{ACTION_IMPORT, ACTION_REPLACE, TenderId, TenderSummary};

#[cfg(test)]
mod fixture;
