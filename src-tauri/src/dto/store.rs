//! The list of stored evaluations and their journal.

use jauge_api::store::{BreakReason, JournalEntry, JournalVerdict, OpenFailure, TenderSummary};
use jauge_api::{Backup, BackupKind, StartupProblem};

use crate::state::StoreStatus;
use serde::Serialize;
use ts_rs::TS;

/// One line of the evaluations list.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct TenderSummaryDto {
    pub reference: String,
    pub title: String,
    pub buyer: String,
    /// `YYYY-MM-DD`.
    pub deadline: String,
    #[ts(type = "number")]
    pub offers: usize,
    #[ts(type = "number")]
    pub evaluators: usize,
    #[ts(type = "number")]
    pub scores: usize,
    /// RFC 3339 time of the last change.
    pub changed_at: Option<String>,
    /// The consultation this evaluation is a lot of (its overview opens with
    /// `open_consultation`); `null` for an evaluation on its own.
    pub consultation: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntryDto {
    #[ts(type = "number")]
    pub seq: u64,
    /// RFC 3339.
    pub at: String,
    pub actor: String,
    /// `evaluation.import`, `score.set`, `consensus.set`…
    pub action: String,
    /// The change as compact JSON, in the spellings of the evaluation format.
    pub payload: String,
    pub state_hash: String,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct JournalVerdictDto {
    #[ts(type = "number")]
    pub entries: usize,
    /// The last entry's hash, printed in the report.
    pub head_hash: Option<String>,
    /// The chain is whole and the stored data is the state its last entry recorded.
    pub intact: bool,
    pub broken: Option<JournalBreakDto>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct JournalBreakDto {
    #[ts(type = "number")]
    pub seq: u64,
    pub reason: BreakReasonDto,
    /// In English; the UI words it from `reason`.
    pub message: String,
}

#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BreakReasonDto {
    HashMismatch,
    PrevHashMismatch,
    MissingEntry,
    StateEditedAfter,
}

impl From<&TenderSummary> for TenderSummaryDto {
    fn from(t: &TenderSummary) -> Self {
        TenderSummaryDto {
            reference: t.reference.clone(),
            title: t.title.clone(),
            buyer: t.buyer.clone(),
            deadline: t.deadline.format("%Y-%m-%d").to_string(),
            offers: t.offers,
            evaluators: t.evaluators,
            scores: t.scores,
            changed_at: t.changed_at.map(|at| at.to_rfc3339()),
            consultation: t.consultation.clone(),
        }
    }
}

impl From<&JournalEntry> for JournalEntryDto {
    fn from(e: &JournalEntry) -> Self {
        JournalEntryDto {
            seq: e.seq,
            at: e.at.to_rfc3339(),
            actor: e.actor.clone(),
            action: e.action.clone(),
            payload: e.payload.clone(),
            state_hash: e.state_hash.clone(),
            prev_hash: e.prev_hash.clone(),
            hash: e.hash.clone(),
        }
    }
}

impl From<&JournalVerdict> for JournalVerdictDto {
    fn from(v: &JournalVerdict) -> Self {
        JournalVerdictDto {
            entries: v.entries,
            head_hash: v.head_hash.clone(),
            intact: v.is_intact(),
            broken: v.broken.as_ref().map(|b| JournalBreakDto {
                seq: b.seq,
                reason: match b.reason {
                    BreakReason::HashMismatch => BreakReasonDto::HashMismatch,
                    BreakReason::PrevHashMismatch => BreakReasonDto::PrevHashMismatch,
                    BreakReason::MissingEntry => BreakReasonDto::MissingEntry,
                    BreakReason::StateEditedAfter => BreakReasonDto::StateEditedAfter,
                },
                message: b.to_string(),
            }),
        }
    }
}

/// Why the store could not be opened for work (`jauge_api::store::OpenFailure`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StartupKindDto {
    Damaged,
    Locked,
    ReadOnly,
    TooNew,
    Other,
}

impl From<OpenFailure> for StartupKindDto {
    fn from(kind: OpenFailure) -> Self {
        match kind {
            OpenFailure::Damaged => StartupKindDto::Damaged,
            OpenFailure::Locked => StartupKindDto::Locked,
            OpenFailure::ReadOnly => StartupKindDto::ReadOnly,
            OpenFailure::TooNew => StartupKindDto::TooNew,
            OpenFailure::Other => StartupKindDto::Other,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StartupProblemDto {
    pub kind: StartupKindDto,
    /// The store's file.
    pub path: String,
    /// What SQLite or the store said.
    pub detail: String,
}

impl From<&StartupProblem> for StartupProblemDto {
    fn from(problem: &StartupProblem) -> Self {
        StartupProblemDto {
            kind: problem.kind.into(),
            path: problem.path.display().to_string(),
            detail: problem.detail.clone(),
        }
    }
}

/// How the store is open: what the app shows before anything else.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct StoreStatusDto {
    /// Set while the store could not be opened for work: the screens show it with the ways out.
    pub problem: Option<StartupProblemDto>,
    /// Open read-only: evaluations can be read and exported, not changed.
    pub read_only: bool,
    /// Where the store set aside (or replaced by a backup) went.
    pub set_aside: Option<String>,
}

impl From<&StoreStatus> for StoreStatusDto {
    fn from(status: &StoreStatus) -> Self {
        StoreStatusDto {
            problem: status.problem.as_ref().map(Into::into),
            read_only: status.read_only,
            set_aside: status.set_aside.as_ref().map(|p| p.display().to_string()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKindDto {
    Daily,
    BeforeMigration,
}

/// One automatic backup of the store.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupDto {
    /// What `restore_backup` takes.
    pub file_name: String,
    /// RFC 3339.
    pub taken_at: String,
    pub kind: BackupKindDto,
    #[ts(type = "number")]
    pub bytes: u64,
}

impl From<&Backup> for BackupDto {
    fn from(backup: &Backup) -> Self {
        BackupDto {
            file_name: backup.file_name.clone(),
            taken_at: backup.taken_at.to_rfc3339(),
            kind: match backup.kind {
                BackupKind::Daily => BackupKindDto::Daily,
                BackupKind::BeforeMigration => BackupKindDto::BeforeMigration,
            },
            bytes: backup.bytes,
        }
    }
}
