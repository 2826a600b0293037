//! Negotiated procedures and exchanges with bidders: the rounds of offers (initial, intermediate,
//! final), the offers set aside between rounds, and every clarification, regularisation or
//! negotiation request put to a bidder with its answer.
//!
//! Why a module of its own: a negotiated procedure or a competitive dialogue scores the same
//! offers several times, and a losing bidder's lawyer asks what each round decided, what was
//! asked of whom and when, and what came back. The file keeps it all (`negotiation` and
//! `exchanges`, both absent from files that have neither), and this module gives each round its
//! own *view* — an ordinary [`Evaluation`] holding that round's offers, scores and decisions —
//! which [`crate::evaluate`] scores like any other: `engine.rs` stays the one place that scores.
//!
//! Shape, chosen so that every existing tool keeps working on the evaluation's own lists: the
//! evaluation's `offers`, `scores` and `consensus` are those of the **latest** round (the one
//! that decides once it is the last); each earlier round keeps a frozen copy of its scores and
//! decisions and, per offer, what differed then (`price`, `certifications`), as overrides of the
//! offer. An offer eliminated at a round is scored in that round and absent from every later one.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalogs;
use crate::engine::evaluate;
use crate::model::*;
use crate::results::Results;
use crate::words::Params;

/// The rounds of a negotiated procedure or dialogue, and what its consultation documents
/// announced about them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct Negotiation {
    /// The consultation documents announced that offers may be set aside between rounds by
    /// applying the award criteria (R2161-18): without it no round may eliminate an offer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reduction_announced: Option<bool>,
    /// The notice reserved the right to award on the initial offers without negotiating
    /// (R2161-17).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_award_reserved: Option<bool>,
    /// In order: the initial offers first, the final offers (when invited) last.
    pub rounds: Vec<Round>,
}

/// One round of offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct Round {
    pub id: String,
    pub label: String,
    pub kind: RoundKind,
    /// When the bidders were invited to submit this round's offers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited: Option<NaiveDate>,
    /// The common deadline of this round's offers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
    /// What differed in an offer at this round; only on rounds before the latest (the latest
    /// round's offers are the evaluation's own).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<OfferVersion>>"))]
    pub offers: Vec<OfferVersion>,
    /// This round's scores, frozen when the next round opened; none on the latest round.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<Score>>"))]
    pub scores: Vec<Score>,
    /// This round's committee decisions, frozen likewise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<Consensus>>"))]
    pub consensus: Vec<Consensus>,
    /// Offers set aside at the end of this round: scored here, absent from every later round.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<RoundElimination>>"))]
    pub eliminated: Vec<RoundElimination>,
}

impl Round {
    /// Whether the round holds data of its own (only rounds before the latest may).
    pub fn has_own_data(&self) -> bool {
        !self.offers.is_empty() || !self.scores.is_empty() || !self.consensus.is_empty()
    }
}

/// Initial offers, an intermediate round of negotiation, or the final offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RoundKind {
    Initial,
    Intermediate,
    Final,
}

impl RoundKind {
    pub const ALL: [RoundKind; 3] = [
        RoundKind::Initial,
        RoundKind::Intermediate,
        RoundKind::Final,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RoundKind::Initial => "initial",
            RoundKind::Intermediate => "intermediate",
            RoundKind::Final => "final",
        }
    }

    pub fn from_name(name: &str) -> Option<RoundKind> {
        RoundKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// An offer as it stood at an earlier round: what is given replaces the offer's own value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct OfferVersion {
    pub offer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certifications: Option<Vec<Certification>>,
}

/// An offer set aside at the end of a round, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoundElimination {
    pub offer: String,
    pub reason: String,
}

/// What the buyer asked a bidder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExchangeKind {
    /// *Demande de précisions*: explain the offer, never change it (every procedure).
    Clarification,
    /// *Régularisation* of an irregular offer (R2152-2).
    Regularisation,
    /// Negotiation on an offer before the final offers (negotiated procedures, dialogues).
    Negotiation,
    /// *Demande de justification* of a price or costs that look abnormally low (R2152-3). The
    /// check it opens stays open until the bidder's answer is received: until then the offer is
    /// not asked to regularise (R2152-2 regularises offers that are not abnormally low).
    AbnormallyLow,
}

impl ExchangeKind {
    pub const ALL: [ExchangeKind; 4] = [
        ExchangeKind::Clarification,
        ExchangeKind::Regularisation,
        ExchangeKind::Negotiation,
        ExchangeKind::AbnormallyLow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExchangeKind::Clarification => "clarification",
            ExchangeKind::Regularisation => "regularisation",
            ExchangeKind::Negotiation => "negotiation",
            ExchangeKind::AbnormallyLow => "abnormally_low",
        }
    }

    pub fn from_name(name: &str) -> Option<ExchangeKind> {
        ExchangeKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// One request to a bidder and its answer. The answer's file stays where the buyer keeps it;
/// its SHA-256 ties it to this record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct Exchange {
    pub id: String,
    pub offer: String,
    pub kind: ExchangeKind,
    /// The round it belongs to (required when the evaluation has rounds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    pub question: String,
    /// The criteria the question bears on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<String>>"))]
    pub criteria: Vec<String>,
    pub sent: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<NaiveDate>,
    /// What the bidder answered, in the buyer's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// SHA-256 (lowercase hex) of the answer's file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_sha256: Option<String>,
    /// The scores that rely on this exchange.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<Citation>>"))]
    pub cited_by: Vec<Citation>,
}

/// A score that relies on an exchange: the exchange's offer, this criterion, this evaluator
/// (the committee's decision when absent), in the exchange's round (the latest when the
/// exchange names none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct Citation {
    pub criterion: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluator: Option<String>,
}

impl Negotiation {
    /// The position and round of this id.
    pub fn round(&self, id: &str) -> Option<(usize, &Round)> {
        self.rounds.iter().enumerate().find(|(_, r)| r.id == id)
    }

    /// The round an offer was eliminated at (its position), if any: the first one naming it.
    pub fn eliminated_at(&self, offer: &str) -> Option<usize> {
        self.rounds
            .iter()
            .position(|r| r.eliminated.iter().any(|e| e.offer == offer))
    }

    /// Whether `offer` takes part in round `round` (it was not set aside before it).
    pub fn takes_part(&self, offer: &str, round: usize) -> bool {
        self.eliminated_at(offer).is_none_or(|at| round <= at)
    }
}

impl Evaluation {
    /// The rounds, empty without a negotiation.
    pub fn rounds(&self) -> &[Round] {
        self.negotiation
            .as_ref()
            .map_or(&[], |n| n.rounds.as_slice())
    }
}

/// Round `round` of `evaluation` as an evaluation of its own, without rounds or exchanges: the
/// offers that take part in it (as they stood then), its scores and its decisions. `None` for a
/// round that does not exist.
pub fn round_view(evaluation: &Evaluation, round: usize) -> Option<Evaluation> {
    let negotiation = evaluation.negotiation.as_ref()?;
    let this = negotiation.rounds.get(round)?;
    let latest = round + 1 == negotiation.rounds.len();
    let mut view = Evaluation {
        negotiation: None,
        exchanges: Vec::new(),
        scores: if latest {
            evaluation.scores.clone()
        } else {
            this.scores.clone()
        },
        consensus: if latest {
            evaluation.consensus.clone()
        } else {
            this.consensus.clone()
        },
        ..without_lists(evaluation)
    };
    view.offers.retain(|o| negotiation.takes_part(&o.id, round));
    if !latest {
        let versions: HashMap<&str, &OfferVersion> =
            this.offers.iter().map(|v| (v.offer.as_str(), v)).collect();
        for offer in &mut view.offers {
            if let Some(version) = versions.get(offer.id.as_str()) {
                if version.price.is_some() {
                    offer.price = version.price;
                }
                if version.certifications.is_some() {
                    offer.certifications.clone_from(&version.certifications);
                }
            }
        }
    }
    let ids: HashSet<String> = view.offers.iter().map(|o| o.id.clone()).collect();
    view.declarations.retain(|d| ids.contains(&d.offer));
    if let Some(schedule) = &mut view.price_schedule {
        schedule.offers.retain(|o| ids.contains(&o.offer));
        schedule.corrections.retain(|c| ids.contains(&c.offer));
    }
    Some(view)
}

/// The evaluation without its scores, decisions, rounds and exchanges (cloned once).
fn without_lists(evaluation: &Evaluation) -> Evaluation {
    Evaluation {
        tender: evaluation.tender.clone(),
        settings: evaluation.settings.clone(),
        criteria: evaluation.criteria.clone(),
        evaluators: evaluation.evaluators.clone(),
        offers: evaluation.offers.clone(),
        scores: Vec::new(),
        consensus: Vec::new(),
        declarations: evaluation.declarations.clone(),
        prices_opened_at: evaluation.prices_opened_at.clone(),
        price_schedule: evaluation.price_schedule.clone(),
        negotiation: None,
        exchanges: Vec::new(),
    }
}

/// The evaluation that decides: the latest round's view, or the evaluation itself when it has
/// no rounds (borrowed, so that a file without rounds is scored exactly as before).
pub fn deciding_view(evaluation: &Evaluation) -> Cow<'_, Evaluation> {
    match evaluation.negotiation.as_ref().map(|n| n.rounds.len()) {
        Some(count) if count > 0 => match round_view(evaluation, count - 1) {
            Some(view) => Cow::Owned(view),
            None => Cow::Borrowed(evaluation),
        },
        _ => Cow::Borrowed(evaluation),
    }
}

/// The results that decide the award: those of the latest round (see [`deciding_view`]).
pub fn deciding_results(evaluation: &Evaluation, catalogs: &Catalogs) -> Results {
    evaluate(&deciding_view(evaluation), catalogs)
}

/// One round's results, computed by [`crate::evaluate`] on its view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoundResults {
    pub round: String,
    pub label: String,
    pub kind: RoundKind,
    /// The offers set aside at the end of this round, with the reason.
    pub eliminated: Vec<RoundElimination>,
    pub results: Results,
}

/// Every round's results, in order; empty without rounds. The last one decides.
pub fn evaluate_rounds(evaluation: &Evaluation, catalogs: &Catalogs) -> Vec<RoundResults> {
    evaluation
        .rounds()
        .iter()
        .enumerate()
        .filter_map(|(i, round)| {
            let view = round_view(evaluation, i)?;
            Some(RoundResults {
                round: round.id.clone(),
                label: round.label.clone(),
                kind: round.kind,
                eliminated: round.eliminated.clone(),
                results: evaluate(&view, catalogs),
            })
        })
        .collect()
}

/// What changed for one offer between two rounds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OfferChange {
    pub offer: String,
    /// `None` when the offer is not in that round (set aside before it).
    pub rank_before: Option<u32>,
    pub rank_after: Option<u32>,
    pub total_before: Option<f64>,
    pub total_after: Option<f64>,
    /// The criteria whose value or points differ, in leaf order.
    pub criteria: Vec<CriterionChange>,
    /// The offer took part in the first round and not in the second.
    pub left: bool,
}

/// One criterion of one offer in two rounds: its value (price, scale value, or 1/0 for a
/// requirement met or not) and its points.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CriterionChange {
    pub criterion: String,
    pub value_before: Option<f64>,
    pub value_after: Option<f64>,
    pub points_before: Option<f64>,
    pub points_after: Option<f64>,
}

/// Two rounds side by side: per offer and criterion what changed, and the effect on the
/// ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoundComparison {
    pub before: String,
    pub after: String,
    pub winner_before: Option<String>,
    pub winner_after: Option<String>,
    /// Every offer of the earlier round, in its order.
    pub offers: Vec<OfferChange>,
}

impl RoundComparison {
    pub fn winner_changed(&self) -> bool {
        self.winner_before != self.winner_after
    }
}

fn leaf_value(outcome: &crate::results::LeafOutcome) -> Option<f64> {
    use crate::results::LeafOutcome;
    match outcome {
        LeafOutcome::Scored { value, .. } => *value,
        LeafOutcome::Price { price, .. } => *price,
        LeafOutcome::Requirement { met, .. } => met.map(|m| if m { 1.0 } else { 0.0 }),
    }
}

/// Compares two rounds' results (an earlier `before`, a later `after`).
pub fn compare_rounds(before: &RoundResults, after: &RoundResults) -> RoundComparison {
    let offers = before
        .results
        .offers
        .iter()
        .map(|was| {
            let now = after.results.offer(&was.id);
            let criteria = was
                .criteria
                .iter()
                .filter_map(|leaf| {
                    let later = now.and_then(|n| n.leaf(&leaf.criterion));
                    let change = CriterionChange {
                        criterion: leaf.criterion.clone(),
                        value_before: leaf_value(&leaf.outcome),
                        value_after: later.and_then(|l| leaf_value(&l.outcome)),
                        points_before: leaf.outcome.points(),
                        points_after: later.and_then(|l| l.outcome.points()),
                    };
                    let same = change.value_before == change.value_after
                        && change.points_before == change.points_after;
                    (now.is_some() && !same).then_some(change)
                })
                .collect();
            OfferChange {
                offer: was.id.clone(),
                rank_before: was.rank,
                rank_after: now.and_then(|n| n.rank),
                total_before: was.total,
                total_after: now.and_then(|n| n.total),
                criteria,
                left: now.is_none(),
            }
        })
        .collect();
    RoundComparison {
        before: before.round.clone(),
        after: after.round.clone(),
        winner_before: before.results.winner.clone(),
        winner_after: after.results.winner.clone(),
        offers,
    }
}

/// The exchanges a score relies on: those of `offer` that cite (`criterion`, `evaluator`) in
/// round `round` (`None`: the latest round, or an evaluation without rounds).
pub fn citations<'a>(
    evaluation: &'a Evaluation,
    round: Option<&str>,
    offer: &str,
    criterion: &str,
    evaluator: Option<&str>,
) -> Vec<&'a Exchange> {
    let latest = evaluation.rounds().last().map(|r| r.id.as_str());
    let wanted = round.or(latest);
    evaluation
        .exchanges
        .iter()
        .filter(|x| x.offer == offer && x.round.as_deref().or(latest) == wanted)
        .filter(|x| {
            x.cited_by
                .iter()
                .any(|c| c.criterion == criterion && c.evaluator.as_deref() == evaluator)
        })
        .collect()
}

/// A remark on the rounds and exchanges that does not make the file invalid but that the buyer
/// must see (worded by [`crate::words::ROUNDS`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoundNote {
    pub code: &'static str,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string>"))]
    pub params: Params,
}

/// The fewest offers a final round should keep for real competition (R2161-18).
pub const MIN_FINAL_OFFERS: usize = 2;

/// The remarks on an evaluation's rounds and exchanges.
pub fn notes(evaluation: &Evaluation) -> Vec<RoundNote> {
    let mut notes = Vec::new();
    if let Some(negotiation) = &evaluation.negotiation {
        let count = negotiation.rounds.len();
        if let Some((i, last)) = negotiation.rounds.iter().enumerate().next_back() {
            let remaining = evaluation
                .offers
                .iter()
                .filter(|o| negotiation.takes_part(&o.id, i))
                .count();
            if last.kind == RoundKind::Final && remaining < MIN_FINAL_OFFERS {
                notes.push(RoundNote {
                    code: "few_final_offers",
                    params: Params::new()
                        .with("round", last.label.as_str())
                        .with("count", remaining.to_string()),
                });
            }
            let negotiated = matches!(evaluation.tender.procedure, Some(Procedure::Negotiated));
            if count == 1
                && last.kind == RoundKind::Initial
                && negotiated
                && negotiation.initial_award_reserved != Some(true)
            {
                notes.push(RoundNote {
                    code: "initial_award_not_reserved",
                    params: Params::new().with("round", last.label.as_str()),
                });
            }
        }
    }
    // Regularisation is offered to every bidder in the same situation (R2152-2).
    let regularised: Vec<&str> = evaluation
        .exchanges
        .iter()
        .filter(|x| x.kind == ExchangeKind::Regularisation)
        .map(|x| x.offer.as_str())
        .collect();
    if !regularised.is_empty() {
        let left_out: Vec<&str> = evaluation
            .offers
            .iter()
            .filter(|o| o.irregular.is_some() && !regularised.contains(&o.id.as_str()))
            .map(|o| o.bidder.as_str())
            .collect();
        if !left_out.is_empty() {
            notes.push(RoundNote {
                code: "regularisation_not_offered_to_all",
                params: Params::new().with("bidders", left_out.join(", ")),
            });
        }
    }
    notes
}
