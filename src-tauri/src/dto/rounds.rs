//! Negotiated procedures on the wire: every round's results, each round compared with the one
//! before and the remarks on rounds and exchanges cross as the domain's own values
//! (`jauge_domain::rounds`, their TypeScript derived under the `ts` feature); a round being
//! opened is the shell's own shape, read into the domain's `RoundOpening`.

use chrono::NaiveDate;
use jauge_api::RoundsOverview;
use jauge_api::domain::rounds::{RoundComparison, RoundNote, RoundResults};
use jauge_api::domain::{RoundKind, RoundOpening};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Every round side by side: `rounds` in order (the last one decides), `comparisons[i]` round
/// `i` against round `i + 1`, and the remarks the buyer must see. Empty lists without rounds.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RoundsView {
    pub rounds: Vec<RoundResults>,
    pub comparisons: Vec<RoundComparison>,
    pub notes: Vec<RoundNote>,
}

impl From<RoundsOverview> for RoundsView {
    fn from(o: RoundsOverview) -> Self {
        RoundsView {
            rounds: o.rounds,
            comparisons: o.comparisons,
            notes: o.notes,
        }
    }
}

/// A round the buyer opens: its id and label, its kind, when the bidders were invited and the
/// round's deadline; the two announcement flags, when given, record what the consultation
/// documents said (setting offers aside between rounds, awarding on the initial offers).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct RoundOpeningDto {
    pub id: String,
    pub label: String,
    pub kind: RoundKind,
    #[ts(type = "string | null")]
    pub invited: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub deadline: Option<NaiveDate>,
    pub reduction_announced: Option<bool>,
    pub initial_award_reserved: Option<bool>,
}

impl From<RoundOpeningDto> for RoundOpening {
    fn from(d: RoundOpeningDto) -> Self {
        RoundOpening {
            id: d.id,
            label: d.label,
            kind: d.kind,
            invited: d.invited,
            deadline: d.deadline,
            reduction_announced: d.reduction_announced,
            initial_award_reserved: d.initial_award_reserved,
        }
    }
}
