//! The list of stored evaluations and their journal.

use jauge_api::store::{BreakReason, JournalEntry, JournalVerdict, TenderSummary};
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
