//! Edits: what the buyer changes in an evaluation, one value at a time, and the rules of applying
//! each to an evaluation in memory.
//!
//! A [`Change`] is applied here, to an [`Evaluation`], by [`Change::apply_to`]; the store applies
//! the same change to its rows and must agree exactly (its tests check it does). Before applying,
//! [`Change::check`] tells whether the result would still be valid without validating the whole
//! evaluation again: an evaluation that was valid stays valid except, possibly, where the change
//! touched, so only that part is checked, with the same rules as a file
//! ([`crate::validate_evaluation`]). That is what lets an edit of one score cost the same on a
//! grid of thirty offers as on a grid of three.

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::model::{
    Consensus, Criterion, Declaration, Evaluation, Evaluator, Offer, Score, Settings, Tender,
};
use crate::parse::{Invalid, ProblemCode, validate_evaluation};
use crate::prices::{LinePrice, PriceCorrection, PriceSchedule, ScheduleOffer};
use crate::rounds::{Exchange, Negotiation, OfferVersion, Round, RoundElimination, RoundKind};
use crate::words::Params;
use crate::write::evaluation_to_json;
use crate::{Error, Result};

/// One edit of an evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Records an evaluator's score: replaces the one with the same (offer, criterion,
    /// evaluator) in place, or adds it after the others. Its offer, criterion and evaluator
    /// must exist.
    SetScore(Score),
    /// Removes the score of `evaluator` on (`offer`, `criterion`).
    RemoveScore {
        /// Offer id.
        offer: String,
        /// Criterion id.
        criterion: String,
        /// Evaluator id.
        evaluator: String,
    },
    /// Records a committee decision: replaces the one with the same (offer, criterion) in
    /// place, or adds it after the others. Its offer and criterion must exist.
    SetConsensus(Consensus),
    /// Removes the committee decision on (`offer`, `criterion`).
    RemoveConsensus {
        /// Offer id.
        offer: String,
        /// Criterion id.
        criterion: String,
    },
    /// Replaces the offer with the same id in place, certifications included, or adds it last.
    UpsertOffer(Offer),
    /// Removes an offer together with its scores and consensus decisions.
    RemoveOffer {
        /// Offer id.
        offer: String,
    },
    /// Replaces the evaluator with the same id in place, or adds it last.
    UpsertEvaluator(Evaluator),
    /// Removes an evaluator together with their scores.
    RemoveEvaluator {
        /// Evaluator id.
        evaluator: String,
    },
    /// Replaces the tender data (§2). Changing the reference renames the evaluation; the store
    /// refuses it when another stored tender has the new reference.
    UpdateTender(Tender),
    /// Replaces the settings (§3).
    UpdateSettings(Settings),
    /// Replaces the whole criteria tree. Scores and consensus decisions on criteria that are
    /// no longer in the tree are removed; the others stay.
    ReplaceCriteria(Vec<Criterion>),
    /// Records declarations of interests, each replacing the one of the same (evaluator, offer)
    /// in place or added after the others: what one evaluator declares for the bidders at once.
    /// A declared conflict withdraws the evaluator from the offer: their scores on it are
    /// removed (the journal keeps them).
    Declare(Vec<Declaration>),
    /// Opens the sealed prices at `at` (RFC 3339); from then on every offer needs its price.
    /// Refused when prices are not sealed or were opened already.
    OpenPrices {
        /// RFC 3339.
        at: String,
    },
    /// Opens a round of offers (see [`crate::rounds`]). The first one starts the negotiation
    /// (and must be the initial offers); a later one freezes the latest round — the offers'
    /// prices and certifications, the scores and decisions it was scored on — into that round,
    /// and the new round starts from the same offers, scores and decisions for the committee to
    /// revise. The offers set aside at the frozen round leave with their scores and decisions.
    /// `reduction_announced` and `initial_award_reserved`, when given, set what the
    /// consultation documents announced.
    OpenRound(RoundOpening),
    /// Sets an offer aside at the end of a round, with the reason.
    EliminateAtRound {
        /// Round id.
        round: String,
        /// Offer id.
        offer: String,
        reason: String,
    },
    /// Records a request to a bidder: replaces the exchange with the same id in place (a
    /// correction, or the scores citing it), or adds it last.
    RecordExchange(Exchange),
    /// Records the bidder's answer to exchange `exchange`.
    AnswerExchange {
        /// Exchange id.
        exchange: String,
        received: NaiveDate,
        answer: String,
        /// SHA-256 of the answer's file, which stays with the buyer.
        file_sha256: Option<String>,
    },
    /// Records one offer's price for one line of the price schedule (its unit price and, as
    /// the bidder wrote it, the line total): replaces the one for that line in place, or adds
    /// it after the offer's others (the offer's entry is added last when it has none). The
    /// schedule, the offer and the line must exist.
    SetLinePrice {
        /// Offer id.
        offer: String,
        price: LinePrice,
    },
    /// Removes one offer's price for one line: the line is unpriced again.
    ClearLinePrice {
        /// Offer id.
        offer: String,
        /// Line id.
        line: String,
    },
    /// Records (or, with `None`, removes) the grand total an offer wrote on its schedule. The
    /// offer's entry is added last when it has none.
    SetSubmittedTotal {
        /// Offer id.
        offer: String,
        total: Option<f64>,
    },
    /// Replaces everything one offer returned on the schedule (its prices and grand total, as
    /// a filled workbook gives them) in place, or adds it last. Its lines must exist.
    SetScheduleOffer(ScheduleOffer),
    /// Accepts the correction of one discrepancy (the unit price prevails): replaces the
    /// correction of the same (offer, line) in place, or adds it after the others. The
    /// discrepancy must exist.
    AcceptCorrection(PriceCorrection),
    /// Withdraws the correction of (`offer`, `line`; no line for the grand total): the
    /// discrepancy waits for the buyer's decision again.
    WithdrawCorrection {
        /// Offer id.
        offer: String,
        /// Line id; `None` for the grand total.
        line: Option<String>,
    },
}

/// A round being opened ([`Change::OpenRound`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RoundOpening {
    pub id: String,
    pub label: String,
    pub kind: RoundKind,
    pub invited: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub reduction_announced: Option<bool>,
    pub initial_award_reserved: Option<bool>,
}

/// What [`Change::apply_to`] touched, so that a caller keeping something derived from the
/// evaluation (its canonical text in pieces, say) redoes only that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The score at `index` of `scores` was replaced, or added there (`added`, always last).
    ScoreSet { index: usize, added: bool },
    /// The score that was at `index` of `scores` was removed; the later ones moved up one.
    ScoreRemoved { index: usize },
    /// Only parts outside the list of scores changed (tender, settings, offers, evaluators,
    /// consensus).
    OutsideScores,
    /// The list of scores changed in bulk (an offer, an evaluator or criteria went with their
    /// scores), and possibly everything else.
    Everything,
}

impl Change {
    /// The (offer, criterion) cell a score or decision edit is about; `None` for the other
    /// edits, which touch more than one cell.
    pub fn cell(&self) -> Option<(&str, &str)> {
        match self {
            Change::SetScore(Score {
                offer, criterion, ..
            })
            | Change::SetConsensus(Consensus {
                offer, criterion, ..
            })
            | Change::RemoveScore {
                offer, criterion, ..
            }
            | Change::RemoveConsensus { offer, criterion } => Some((offer, criterion)),
            _ => None,
        }
    }

    /// The journal's name for this kind of change: `score.set`, `score.remove`,
    /// `consensus.set`, `consensus.remove`, `offer.upsert`, `offer.remove`, `evaluator.upsert`,
    /// `evaluator.remove`, `tender.update`, `settings.update`, `criteria.replace`,
    /// `declarations.set`, `prices.open`, `round.open`, `round.eliminate`, `exchange.record`,
    /// `exchange.answer`, `line_price.set`, `line_price.clear`, `submitted_total.set`,
    /// `schedule_offer.set`, `correction.accept` or `correction.withdraw`.
    pub fn action(&self) -> &'static str {
        match self {
            Change::SetScore(_) => "score.set",
            Change::RemoveScore { .. } => "score.remove",
            Change::SetConsensus(_) => "consensus.set",
            Change::RemoveConsensus { .. } => "consensus.remove",
            Change::UpsertOffer(_) => "offer.upsert",
            Change::RemoveOffer { .. } => "offer.remove",
            Change::UpsertEvaluator(_) => "evaluator.upsert",
            Change::RemoveEvaluator { .. } => "evaluator.remove",
            Change::UpdateTender(_) => "tender.update",
            Change::UpdateSettings(_) => "settings.update",
            Change::ReplaceCriteria(_) => "criteria.replace",
            Change::Declare(_) => "declarations.set",
            Change::OpenPrices { .. } => "prices.open",
            Change::OpenRound(_) => "round.open",
            Change::EliminateAtRound { .. } => "round.eliminate",
            Change::RecordExchange(_) => "exchange.record",
            Change::AnswerExchange { .. } => "exchange.answer",
            Change::SetLinePrice { .. } => "line_price.set",
            Change::ClearLinePrice { .. } => "line_price.clear",
            Change::SetSubmittedTotal { .. } => "submitted_total.set",
            Change::SetScheduleOffer(_) => "schedule_offer.set",
            Change::AcceptCorrection(_) => "correction.accept",
            Change::WithdrawCorrection { .. } => "correction.withdraw",
        }
    }

    /// The change as the JSON object the journal records, in the spellings of the evaluation
    /// format (a set score is written as it would be in `scores`, and so on).
    pub fn payload(&self) -> Value {
        match self {
            Change::SetScore(score) => format_part("scores", |doc| doc.scores.push(score.clone())),
            Change::RemoveScore {
                offer,
                criterion,
                evaluator,
            } => json!({"offer": offer, "criterion": criterion, "evaluator": evaluator}),
            Change::SetConsensus(consensus) => {
                format_part("consensus", |doc| doc.consensus.push(consensus.clone()))
            }
            Change::RemoveConsensus { offer, criterion } => {
                json!({"offer": offer, "criterion": criterion})
            }
            Change::UpsertOffer(offer) => {
                format_part("offers", |doc| doc.offers.push(offer.clone()))
            }
            Change::RemoveOffer { offer } => json!({ "offer": offer }),
            Change::UpsertEvaluator(evaluator) => {
                format_part("evaluators", |doc| doc.evaluators.push(evaluator.clone()))
            }
            Change::RemoveEvaluator { evaluator } => json!({ "evaluator": evaluator }),
            Change::UpdateTender(tender) => {
                format_part("tender", |doc| doc.tender = tender.clone())
            }
            Change::UpdateSettings(settings) => {
                format_part("settings", |doc| doc.settings = settings.clone())
            }
            Change::ReplaceCriteria(criteria) => {
                let mut doc = blank_evaluation();
                doc.criteria = criteria.clone();
                let criteria = evaluation_to_json(&doc)
                    .get("criteria")
                    .cloned()
                    .unwrap_or(Value::Null);
                json!({ "criteria": criteria })
            }
            Change::Declare(declarations) => {
                let mut doc = blank_evaluation();
                doc.declarations = declarations.clone();
                let declarations = evaluation_to_json(&doc)
                    .get("declarations")
                    .cloned()
                    .unwrap_or_else(|| json!([]));
                json!({ "declarations": declarations })
            }
            Change::OpenPrices { at } => json!({ "prices_opened_at": at }),
            Change::OpenRound(opening) => {
                let mut doc = blank_evaluation();
                doc.negotiation = Some(Negotiation {
                    reduction_announced: opening.reduction_announced,
                    initial_award_reserved: opening.initial_award_reserved,
                    rounds: vec![opening.round()],
                });
                evaluation_to_json(&doc)
                    .get("negotiation")
                    .cloned()
                    .unwrap_or(Value::Null)
            }
            Change::EliminateAtRound {
                round,
                offer,
                reason,
            } => json!({"round": round, "offer": offer, "reason": reason}),
            Change::RecordExchange(exchange) => {
                format_part("exchanges", |doc| doc.exchanges.push(exchange.clone()))
            }
            Change::AnswerExchange {
                exchange,
                received,
                answer,
                file_sha256,
            } => {
                let mut payload = json!({
                    "exchange": exchange,
                    "received": received.format("%Y-%m-%d").to_string(),
                    "answer": answer,
                });
                if let (Some(digest), Some(map)) = (file_sha256, payload.as_object_mut()) {
                    map.insert("file_sha256".into(), json!(digest));
                }
                payload
            }
            Change::SetLinePrice { offer, price } => {
                let mut part = schedule_part("offers", |schedule| {
                    schedule.offers.push(ScheduleOffer {
                        offer: offer.clone(),
                        prices: vec![price.clone()],
                        submitted_total: None,
                    })
                });
                let price = part
                    .get_mut("prices")
                    .and_then(|prices| prices.get_mut(0))
                    .map(Value::take)
                    .unwrap_or(Value::Null);
                json!({ "offer": offer, "price": price })
            }
            Change::ClearLinePrice { offer, line } => json!({ "offer": offer, "line": line }),
            Change::SetSubmittedTotal { offer, total } => {
                let part = schedule_part("offers", |schedule| {
                    schedule.offers.push(ScheduleOffer {
                        offer: offer.clone(),
                        prices: Vec::new(),
                        submitted_total: *total,
                    })
                });
                let total = part.get("submitted_total").cloned().unwrap_or(Value::Null);
                json!({ "offer": offer, "submitted_total": total })
            }
            Change::SetScheduleOffer(returned) => {
                schedule_part("offers", |schedule| schedule.offers.push(returned.clone()))
            }
            Change::AcceptCorrection(correction) => schedule_part("corrections", |schedule| {
                schedule.corrections.push(correction.clone())
            }),
            Change::WithdrawCorrection { offer, line } => json!({ "offer": offer, "line": line }),
        }
    }

    /// Whether applying the change to `evaluation`, which must be valid, gives a valid
    /// evaluation, without changing it: the same refusals as [`Change::apply_to`], then the
    /// problems [`validate_evaluation`] would report on the result, with the same paths.
    ///
    /// Only what the change touches is checked. Rules between scores and the rest of the file
    /// depend on the ids of offers and evaluators and on the criteria tree; every change but
    /// [`Change::ReplaceCriteria`] keeps those ids or removes their scores with them, so the
    /// result is checked as the evaluation without its scores and decisions plus the one item
    /// the change sets. Replacing the criteria is checked in full.
    pub fn check(&self, evaluation: &Evaluation) -> Result<()> {
        match self {
            Change::RemoveScore {
                offer,
                criterion,
                evaluator,
            } => {
                let index = score_index(evaluation, offer, criterion, evaluator)
                    .ok_or_else(|| score_not_found(offer, criterion, evaluator))?;
                not_cited(
                    evaluation,
                    offer,
                    criterion,
                    Some(evaluator),
                    "scores",
                    index,
                )
            }
            Change::RemoveConsensus { offer, criterion } => {
                let index = consensus_index(evaluation, offer, criterion)
                    .ok_or_else(|| consensus_not_found(offer, criterion))?;
                not_cited(evaluation, offer, criterion, None, "consensus", index)
            }
            // Rounds and exchanges tie scores, offers and evaluators together across lists: these
            // rare edits are checked on the whole result.
            Change::ReplaceCriteria(_)
            | Change::OpenRound(_)
            | Change::EliminateAtRound { .. }
            | Change::RecordExchange(_)
            | Change::AnswerExchange { .. } => {
                let mut next = evaluation.clone();
                self.apply_to(&mut next)?;
                Ok(validate_evaluation(&next)?)
            }
            Change::RemoveOffer { .. } | Change::RemoveEvaluator { .. }
                if evaluation.negotiation.is_some() || !evaluation.exchanges.is_empty() =>
            {
                let mut next = evaluation.clone();
                self.apply_to(&mut next)?;
                Ok(validate_evaluation(&next)?)
            }
            Change::SetLinePrice { offer, .. }
            | Change::ClearLinePrice { offer, .. }
            | Change::SetSubmittedTotal { offer, .. }
            | Change::SetScheduleOffer(ScheduleOffer { offer, .. })
            | Change::AcceptCorrection(PriceCorrection { offer, .. })
            | Change::WithdrawCorrection { offer, .. } => {
                // The schedule's rules between offers are none: one offer's prices and
                // corrections are checked with the lines, the other offers' left out (a
                // schedule of 2,000 lines × 12 offers is checked on one offer's 2,000 prices).
                let mut frame = schedule_frame(evaluation, offer);
                self.apply_to(&mut frame)?;
                validate_evaluation(&frame)
                    .map_err(|invalid| self.relocate_schedule(invalid, evaluation, offer))?;
                Ok(())
            }
            // A score, a decision, a declaration or an evaluator has nothing to do with the
            // bidders' prices: the frame keeps the schedule's lines (which the price criteria
            // need) without any offer's prices, so that a keystroke in the grid is not checked
            // against 2,000 lines × 12 offers of prices it cannot have changed.
            Change::SetScore(_)
            | Change::SetConsensus(_)
            | Change::Declare(_)
            | Change::UpsertEvaluator(_)
            | Change::RemoveEvaluator { .. } => {
                let mut frame = frame_without_prices(evaluation);
                self.apply_to(&mut frame)?;
                validate_evaluation(&frame)
                    .map_err(|invalid| self.relocate(invalid, evaluation))?;
                Ok(())
            }
            _ => {
                let mut frame = without_scores(evaluation);
                self.apply_to(&mut frame)?;
                validate_evaluation(&frame)
                    .map_err(|invalid| self.relocate(invalid, evaluation))?;
                Ok(())
            }
        }
    }

    /// The problems found on the frame of [`Change::check`], where the item a change sets is
    /// the only one of its list, with the paths it has in `evaluation`.
    fn relocate(&self, mut invalid: Invalid, evaluation: &Evaluation) -> Error {
        let moved = match self {
            Change::SetScore(s) => Some((
                "scores",
                score_index(evaluation, &s.offer, &s.criterion, &s.evaluator)
                    .unwrap_or(evaluation.scores.len()),
            )),
            Change::SetConsensus(c) => Some((
                "consensus",
                consensus_index(evaluation, &c.offer, &c.criterion)
                    .unwrap_or(evaluation.consensus.len()),
            )),
            _ => None,
        };
        if let Some((list, index)) = moved {
            let frame_path = format!("{list}[0]");
            for problem in &mut invalid.problems {
                if let Some(rest) = problem.path.strip_prefix(&frame_path) {
                    problem.path = format!("{list}[{index}]{rest}");
                }
            }
        }
        Error::Invalid(invalid)
    }

    /// The problems found on the frame of a schedule edit (one offer's entry and corrections),
    /// with the paths they have in the evaluation the change leads to.
    fn relocate_schedule(
        &self,
        mut invalid: Invalid,
        evaluation: &Evaluation,
        offer: &str,
    ) -> Error {
        let schedule = evaluation.price_schedule.as_ref();
        let offers = schedule.map_or(&[][..], |s| &s.offers);
        let entry = offers
            .iter()
            .position(|o| o.offer == offer)
            .unwrap_or(offers.len());
        let corrections = schedule.map_or(&[][..], |s| &s.corrections);
        // Where the offer's corrections are once the change is made: a withdrawn one is gone,
        // an accepted new one is last.
        let mut positions: Vec<usize> = corrections
            .iter()
            .enumerate()
            .filter(|(_, c)| c.offer == offer)
            .filter(|(_, c)| match self {
                Change::WithdrawCorrection { line, .. } => &c.line != line,
                _ => true,
            })
            .map(|(i, _)| i)
            .collect();
        if let Change::WithdrawCorrection { line, .. } = self {
            // The ones after the withdrawn correction move up one.
            if let Some(gone) = corrections
                .iter()
                .position(|c| c.offer == offer && &c.line == line)
            {
                for p in &mut positions {
                    if *p > gone {
                        *p -= 1;
                    }
                }
            }
        }
        if let Change::AcceptCorrection(new) = self
            && !corrections
                .iter()
                .any(|c| c.offer == new.offer && c.line == new.line)
        {
            positions.push(corrections.len());
        }
        for problem in &mut invalid.problems {
            let path = &mut problem.path;
            if let Some(rest) = path.strip_prefix("price_schedule.offers[0]") {
                *path = format!("price_schedule.offers[{entry}]{rest}");
            } else if let Some(rest) = path.strip_prefix("price_schedule.corrections[")
                && let Some((index, rest)) = rest.split_once(']')
                && let Ok(index) = index.parse::<usize>()
                && let Some(real) = positions.get(index)
            {
                *path = format!("price_schedule.corrections[{real}]{rest}");
            }
        }
        Error::Invalid(invalid)
    }

    /// Applies the change to an evaluation in memory, exactly as the store applies it to its
    /// rows, with the same refusals ([`Error::UnknownItem`] for a reference to an offer,
    /// evaluator or criterion that does not exist, [`Error::NothingToRemove`] for the removal
    /// of nothing). On a refusal the evaluation is left as it was. Business rules are not
    /// checked: see [`Change::check`].
    pub fn apply_to(&self, evaluation: &mut Evaluation) -> Result<Applied> {
        let applied = match self {
            Change::SetScore(score) => {
                require_offer(evaluation, &score.offer)?;
                require_criterion(evaluation, &score.criterion)?;
                require_evaluator(evaluation, &score.evaluator)?;
                match score_index(evaluation, &score.offer, &score.criterion, &score.evaluator) {
                    Some(index) => {
                        evaluation.scores[index] = score.clone();
                        Applied::ScoreSet {
                            index,
                            added: false,
                        }
                    }
                    None => {
                        evaluation.scores.push(score.clone());
                        Applied::ScoreSet {
                            index: evaluation.scores.len() - 1,
                            added: true,
                        }
                    }
                }
            }
            Change::RemoveScore {
                offer,
                criterion,
                evaluator,
            } => {
                let index = score_index(evaluation, offer, criterion, evaluator)
                    .ok_or_else(|| score_not_found(offer, criterion, evaluator))?;
                evaluation.scores.remove(index);
                Applied::ScoreRemoved { index }
            }
            Change::SetConsensus(consensus) => {
                require_offer(evaluation, &consensus.offer)?;
                require_criterion(evaluation, &consensus.criterion)?;
                match consensus_index(evaluation, &consensus.offer, &consensus.criterion) {
                    Some(index) => evaluation.consensus[index] = consensus.clone(),
                    None => evaluation.consensus.push(consensus.clone()),
                }
                Applied::OutsideScores
            }
            Change::RemoveConsensus { offer, criterion } => {
                let index = consensus_index(evaluation, offer, criterion)
                    .ok_or_else(|| consensus_not_found(offer, criterion))?;
                evaluation.consensus.remove(index);
                Applied::OutsideScores
            }
            Change::UpsertOffer(offer) => {
                match evaluation.offers.iter_mut().find(|o| o.id == offer.id) {
                    Some(slot) => *slot = offer.clone(),
                    None => evaluation.offers.push(offer.clone()),
                }
                Applied::OutsideScores
            }
            Change::RemoveOffer { offer } => {
                require_offer(evaluation, offer)?;
                evaluation.offers.retain(|o| &o.id != offer);
                evaluation.scores.retain(|s| &s.offer != offer);
                evaluation.consensus.retain(|c| &c.offer != offer);
                evaluation.declarations.retain(|d| &d.offer != offer);
                if let Some(schedule) = &mut evaluation.price_schedule {
                    schedule.offers.retain(|o| &o.offer != offer);
                    schedule.corrections.retain(|c| &c.offer != offer);
                }
                Applied::Everything
            }
            Change::UpsertEvaluator(evaluator) => {
                match evaluation
                    .evaluators
                    .iter_mut()
                    .find(|e| e.id == evaluator.id)
                {
                    Some(slot) => *slot = evaluator.clone(),
                    None => evaluation.evaluators.push(evaluator.clone()),
                }
                Applied::OutsideScores
            }
            Change::RemoveEvaluator { evaluator } => {
                require_evaluator(evaluation, evaluator)?;
                evaluation.evaluators.retain(|e| &e.id != evaluator);
                evaluation.scores.retain(|s| &s.evaluator != evaluator);
                evaluation
                    .declarations
                    .retain(|d| &d.evaluator != evaluator);
                Applied::Everything
            }
            Change::UpdateTender(tender) => {
                evaluation.tender = tender.clone();
                Applied::OutsideScores
            }
            Change::UpdateSettings(settings) => {
                evaluation.settings = settings.clone();
                Applied::OutsideScores
            }
            Change::ReplaceCriteria(criteria) => {
                evaluation.criteria = criteria.clone();
                let ids = criterion_ids(criteria);
                evaluation.scores.retain(|s| ids.contains(&s.criterion));
                evaluation.consensus.retain(|c| ids.contains(&c.criterion));
                Applied::Everything
            }
            Change::Declare(declarations) => {
                for d in declarations {
                    require_evaluator(evaluation, &d.evaluator)?;
                    require_offer(evaluation, &d.offer)?;
                }
                let mut withdrew = false;
                for d in declarations {
                    record_declaration(&mut evaluation.declarations, d);
                    if d.conflict {
                        let before = evaluation.scores.len();
                        evaluation
                            .scores
                            .retain(|s| !(s.evaluator == d.evaluator && s.offer == d.offer));
                        withdrew |= evaluation.scores.len() != before;
                    }
                }
                if withdrew {
                    Applied::Everything
                } else {
                    Applied::OutsideScores
                }
            }
            Change::OpenPrices { at } => {
                if !evaluation.settings.sealed_prices() {
                    return Err(Error::Invalid(Invalid::one(
                        "settings.sealed_prices",
                        ProblemCode::PricesNotSealed,
                        Params::new(),
                    )));
                }
                if let Some(opened) = &evaluation.prices_opened_at {
                    return Err(Error::Invalid(Invalid::one(
                        "prices_opened_at",
                        ProblemCode::PricesAlreadyOpened,
                        Params::new().with("at", opened.as_str()),
                    )));
                }
                evaluation.prices_opened_at = Some(at.clone());
                Applied::OutsideScores
            }
            Change::OpenRound(opening) => open_round(evaluation, opening)?,
            Change::EliminateAtRound {
                round,
                offer,
                reason,
            } => {
                require_offer(evaluation, offer)?;
                let slot = evaluation
                    .negotiation
                    .as_mut()
                    .and_then(|n| n.rounds.iter_mut().find(|r| &r.id == round))
                    .ok_or_else(|| unknown("round", round))?;
                slot.eliminated.push(RoundElimination {
                    offer: offer.clone(),
                    reason: reason.clone(),
                });
                Applied::OutsideScores
            }
            Change::RecordExchange(exchange) => {
                require_offer(evaluation, &exchange.offer)?;
                match evaluation
                    .exchanges
                    .iter_mut()
                    .find(|x| x.id == exchange.id)
                {
                    Some(slot) => *slot = exchange.clone(),
                    None => evaluation.exchanges.push(exchange.clone()),
                }
                Applied::OutsideScores
            }
            Change::AnswerExchange {
                exchange,
                received,
                answer,
                file_sha256,
            } => {
                let slot = evaluation
                    .exchanges
                    .iter_mut()
                    .find(|x| &x.id == exchange)
                    .ok_or_else(|| unknown("exchange", exchange))?;
                slot.received = Some(*received);
                slot.answer = Some(answer.clone());
                slot.file_sha256.clone_from(file_sha256);
                Applied::OutsideScores
            }
            Change::SetLinePrice { offer, price } => {
                require_offer(evaluation, offer)?;
                let schedule = require_schedule(evaluation)?;
                require_line(schedule, &price.line)?;
                let entry = schedule_entry(schedule, offer);
                match entry.prices.iter_mut().find(|p| p.line == price.line) {
                    Some(slot) => *slot = price.clone(),
                    None => entry.prices.push(price.clone()),
                }
                Applied::OutsideScores
            }
            Change::ClearLinePrice { offer, line } => {
                let schedule = require_schedule(evaluation)?;
                let prices = schedule
                    .offers
                    .iter_mut()
                    .find(|o| &o.offer == offer)
                    .map(|o| &mut o.prices);
                let found = prices
                    .as_ref()
                    .and_then(|prices| prices.iter().position(|p| &p.line == line));
                match (prices, found) {
                    (Some(prices), Some(index)) => {
                        prices.remove(index);
                    }
                    _ => {
                        return Err(Error::NothingToRemove {
                            what: "line price",
                            key: format!("{offer}/{line}"),
                        });
                    }
                }
                Applied::OutsideScores
            }
            Change::SetSubmittedTotal { offer, total } => {
                require_offer(evaluation, offer)?;
                let schedule = require_schedule(evaluation)?;
                schedule_entry(schedule, offer).submitted_total = *total;
                Applied::OutsideScores
            }
            Change::SetScheduleOffer(returned) => {
                require_offer(evaluation, &returned.offer)?;
                let schedule = require_schedule(evaluation)?;
                for price in &returned.prices {
                    require_line(schedule, &price.line)?;
                }
                *schedule_entry(schedule, &returned.offer) = returned.clone();
                Applied::OutsideScores
            }
            Change::AcceptCorrection(correction) => {
                require_offer(evaluation, &correction.offer)?;
                let schedule = require_schedule(evaluation)?;
                if let Some(line) = &correction.line {
                    require_line(schedule, line)?;
                }
                match schedule
                    .corrections
                    .iter_mut()
                    .find(|c| c.offer == correction.offer && c.line == correction.line)
                {
                    Some(slot) => *slot = correction.clone(),
                    None => schedule.corrections.push(correction.clone()),
                }
                Applied::OutsideScores
            }
            Change::WithdrawCorrection { offer, line } => {
                let schedule = require_schedule(evaluation)?;
                let index = schedule
                    .corrections
                    .iter()
                    .position(|c| &c.offer == offer && &c.line == line)
                    .ok_or_else(|| Error::NothingToRemove {
                        what: "correction",
                        key: correction_key(offer, line.as_deref()),
                    })?;
                schedule.corrections.remove(index);
                Applied::OutsideScores
            }
        };
        Ok(applied)
    }
}

impl RoundOpening {
    /// The round as the file writes it, with nothing frozen in it yet.
    pub fn round(&self) -> Round {
        Round {
            id: self.id.clone(),
            label: self.label.clone(),
            kind: self.kind,
            invited: self.invited,
            deadline: self.deadline,
            offers: Vec::new(),
            scores: Vec::new(),
            consensus: Vec::new(),
            eliminated: Vec::new(),
        }
    }
}

/// [`Change::OpenRound`]: freezes the latest round, then adds the new one.
fn open_round(evaluation: &mut Evaluation, opening: &RoundOpening) -> Result<Applied> {
    let negotiation = evaluation.negotiation.get_or_insert_with(|| Negotiation {
        reduction_announced: None,
        initial_award_reserved: None,
        rounds: Vec::new(),
    });
    if opening.reduction_announced.is_some() {
        negotiation.reduction_announced = opening.reduction_announced;
    }
    if opening.initial_award_reserved.is_some() {
        negotiation.initial_award_reserved = opening.initial_award_reserved;
    }
    let latest = negotiation.rounds.len().checked_sub(1);
    let Some(latest) = latest else {
        negotiation.rounds.push(opening.round());
        return Ok(Applied::OutsideScores);
    };
    // The offers of the frozen round, as they stood; those set aside at it leave.
    let taking_part: Vec<bool> = evaluation
        .offers
        .iter()
        .map(|o| negotiation.takes_part(&o.id, latest))
        .collect();
    let leaving: Vec<String> = evaluation
        .offers
        .iter()
        .filter(|o| !negotiation.takes_part(&o.id, latest + 1))
        .map(|o| o.id.clone())
        .collect();
    let frozen = &mut negotiation.rounds[latest];
    frozen.offers = evaluation
        .offers
        .iter()
        .zip(&taking_part)
        .filter(|(_, part)| **part)
        .map(|(o, _)| OfferVersion {
            offer: o.id.clone(),
            price: o.price,
            certifications: o.certifications.clone(),
        })
        .collect();
    frozen.scores = evaluation.scores.clone();
    frozen.consensus = evaluation.consensus.clone();
    negotiation.rounds.push(opening.round());
    evaluation.scores.retain(|s| !leaving.contains(&s.offer));
    evaluation.consensus.retain(|c| !leaving.contains(&c.offer));
    Ok(Applied::Everything)
}

/// Refuses to remove a score or decision that an exchange cites.
fn not_cited(
    evaluation: &Evaluation,
    offer: &str,
    criterion: &str,
    evaluator: Option<&str>,
    list: &str,
    index: usize,
) -> Result<()> {
    match crate::rounds::citations(evaluation, None, offer, criterion, evaluator).first() {
        None => Ok(()),
        Some(exchange) => Err(Error::Invalid(Invalid::one(
            format!("{list}[{index}]"),
            ProblemCode::CitedByExchange,
            Params::new().with("exchange", exchange.id.as_str()),
        ))),
    }
}

/// The ids of every node of `nodes`, groups included: what survives a [`Change::ReplaceCriteria`].
pub fn criterion_ids(nodes: &[Criterion]) -> Vec<String> {
    let mut ids = Vec::new();
    let mut stack: Vec<&Criterion> = nodes.iter().collect();
    while let Some(node) = stack.pop() {
        ids.push(node.id.clone());
        stack.extend(node.children());
    }
    ids
}

/// The evaluation without its scores and decisions: what every change but a new criteria tree
/// is checked on (see [`Change::check`]). The lists it keeps are the short ones.
fn without_scores(evaluation: &Evaluation) -> Evaluation {
    Evaluation {
        price_schedule: evaluation.price_schedule.clone(),
        ..frame_without_prices(evaluation)
    }
}

/// [`without_scores`], its price schedule (if any) keeping its lines but no offer's prices and
/// no correction: nothing of them is cloned.
fn frame_without_prices(evaluation: &Evaluation) -> Evaluation {
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
        price_schedule: evaluation
            .price_schedule
            .as_ref()
            .map(|schedule| PriceSchedule {
                lines: schedule.lines.clone(),
                abnormally_low_on: schedule.abnormally_low_on.clone(),
                offers: Vec::new(),
                corrections: Vec::new(),
            }),
        negotiation: evaluation.negotiation.clone(),
        // Citations name scores, which the frame has not: the edits checked on it (a score,
        // a decision, an offer's data) cannot make a citation wrong.
        exchanges: evaluation
            .exchanges
            .iter()
            .map(|x| Exchange {
                cited_by: Vec::new(),
                ..x.clone()
            })
            .collect(),
    }
}

/// The evaluation a schedule edit of `offer` is checked on: without scores and decisions, its
/// schedule keeping every line but only that offer's entry and corrections.
fn schedule_frame(evaluation: &Evaluation, offer: &str) -> Evaluation {
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
        price_schedule: evaluation
            .price_schedule
            .as_ref()
            .map(|schedule| PriceSchedule {
                lines: schedule.lines.clone(),
                abnormally_low_on: schedule.abnormally_low_on.clone(),
                offers: schedule
                    .offers
                    .iter()
                    .filter(|o| o.offer == offer)
                    .take(1)
                    .cloned()
                    .collect(),
                corrections: schedule
                    .corrections
                    .iter()
                    .filter(|c| c.offer == offer)
                    .cloned()
                    .collect(),
            }),
        // Rounds and exchanges say nothing about one offer's schedule (a round's own price is
        // refused beside a schedule by the full validation of the file).
        negotiation: None,
        exchanges: Vec::new(),
    }
}

/// Sets every score of `scores` as [`Change::SetScore`] does (each replaces the one with the same
/// offer, criterion and evaluator in place, or is added after the others), for imports that
/// set many at once and validate the whole evaluation afterwards.
pub fn set_scores(evaluation: &mut Evaluation, scores: &[Score]) {
    let mut index: std::collections::HashMap<(String, String, String), usize> = evaluation
        .scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                (s.offer.clone(), s.criterion.clone(), s.evaluator.clone()),
                i,
            )
        })
        .collect();
    for score in scores {
        let key = (
            score.offer.clone(),
            score.criterion.clone(),
            score.evaluator.clone(),
        );
        match index.get(&key) {
            Some(&i) => evaluation.scores[i] = score.clone(),
            None => {
                index.insert(key, evaluation.scores.len());
                evaluation.scores.push(score.clone());
            }
        }
    }
}

fn score_index(
    evaluation: &Evaluation,
    offer: &str,
    criterion: &str,
    evaluator: &str,
) -> Option<usize> {
    // Criterion first: it is the field that differs most often between neighbouring scores.
    evaluation
        .scores
        .iter()
        .position(|s| s.criterion == criterion && s.offer == offer && s.evaluator == evaluator)
}

fn consensus_index(evaluation: &Evaluation, offer: &str, criterion: &str) -> Option<usize> {
    evaluation
        .consensus
        .iter()
        .position(|c| c.criterion == criterion && c.offer == offer)
}

/// An evaluation with nothing in it, used to spell one part of the format through the
/// domain's canonical writer rather than a second, drifting copy of it.
fn blank_evaluation() -> Evaluation {
    Evaluation {
        tender: Tender {
            reference: String::new(),
            title: String::new(),
            buyer: String::new(),
            lot: None,
            procedure: None,
            launch_date: None,
            deadline: NaiveDate::MIN,
            currency: None,
        },
        settings: Settings::default(),
        criteria: Vec::new(),
        evaluators: Vec::new(),
        offers: Vec::new(),
        scores: Vec::new(),
        consensus: Vec::new(),
        declarations: Vec::new(),
        prices_opened_at: None,
        price_schedule: None,
        negotiation: None,
        exchanges: Vec::new(),
    }
}

/// The JSON of one part of an evaluation: `key` of a blank evaluation that `fill` completed;
/// for a list, its only item. Default settings, which the writer omits, give `{}`.
fn format_part(key: &str, fill: impl FnOnce(&mut Evaluation)) -> Value {
    let mut doc = blank_evaluation();
    fill(&mut doc);
    match evaluation_to_json(&doc).get(key) {
        Some(Value::Array(items)) => items.first().cloned().unwrap_or(Value::Null),
        Some(value) => value.clone(),
        None => json!({}),
    }
}

/// The JSON of one part of a price schedule: `key` of a schedule with no lines that `fill`
/// completed; for a list, its only item.
fn schedule_part(key: &str, fill: impl FnOnce(&mut PriceSchedule)) -> Value {
    let mut schedule = PriceSchedule {
        lines: Vec::new(),
        abnormally_low_on: None,
        offers: Vec::new(),
        corrections: Vec::new(),
    };
    fill(&mut schedule);
    let mut doc = blank_evaluation();
    doc.price_schedule = Some(schedule);
    match evaluation_to_json(&doc)
        .get("price_schedule")
        .and_then(|s| s.get(key))
    {
        Some(Value::Array(items)) => items.first().cloned().unwrap_or(Value::Null),
        Some(value) => value.clone(),
        None => Value::Null,
    }
}

/// The key of a price correction as the user knows it: `offer/line`, or `offer/total` for the
/// grand total.
pub fn correction_key(offer: &str, line: Option<&str>) -> String {
    format!("{offer}/{}", line.unwrap_or("total"))
}

/// The key of a score as the user knows it: `offer/criterion/evaluator`.
pub fn score_key(offer: &str, criterion: &str, evaluator: &str) -> String {
    format!("{offer}/{criterion}/{evaluator}")
}

/// The key of a consensus decision as the user knows it: `offer/criterion`.
pub fn consensus_key(offer: &str, criterion: &str) -> String {
    format!("{offer}/{criterion}")
}

fn score_not_found(offer: &str, criterion: &str, evaluator: &str) -> Error {
    Error::NothingToRemove {
        what: "score",
        key: score_key(offer, criterion, evaluator),
    }
}

fn consensus_not_found(offer: &str, criterion: &str) -> Error {
    Error::NothingToRemove {
        what: "consensus",
        key: consensus_key(offer, criterion),
    }
}

fn unknown(what: &'static str, key: &str) -> Error {
    Error::UnknownItem {
        what,
        key: key.to_owned(),
    }
}

fn require_offer(evaluation: &Evaluation, id: &str) -> Result<()> {
    match evaluation.offers.iter().any(|o| o.id == id) {
        true => Ok(()),
        false => Err(unknown("offer", id)),
    }
}

fn require_schedule(evaluation: &mut Evaluation) -> Result<&mut PriceSchedule> {
    evaluation
        .price_schedule
        .as_mut()
        .ok_or_else(|| unknown("price schedule", &evaluation.tender.reference))
}

fn require_line(schedule: &PriceSchedule, id: &str) -> Result<()> {
    match schedule.lines.iter().any(|l| l.id == id) {
        true => Ok(()),
        false => Err(unknown("line", id)),
    }
}

/// The offer's entry in the schedule, added last when it has none.
fn schedule_entry<'a>(schedule: &'a mut PriceSchedule, offer: &str) -> &'a mut ScheduleOffer {
    let index = match schedule.offers.iter().position(|o| o.offer == offer) {
        Some(index) => index,
        None => {
            schedule.offers.push(ScheduleOffer {
                offer: offer.to_owned(),
                prices: Vec::new(),
                submitted_total: None,
            });
            schedule.offers.len() - 1
        }
    };
    &mut schedule.offers[index]
}

fn require_evaluator(evaluation: &Evaluation, id: &str) -> Result<()> {
    match evaluation.evaluators.iter().any(|e| e.id == id) {
        true => Ok(()),
        false => Err(unknown("evaluator", id)),
    }
}

fn require_criterion(evaluation: &Evaluation, id: &str) -> Result<()> {
    match evaluation.criterion(id) {
        Some(_) => Ok(()),
        None => Err(unknown("criterion", id)),
    }
}

/// Records one declaration of interests as [`Change::Declare`] does: in place of the one of the
/// same (evaluator, offer), or after the others.
pub(crate) fn record_declaration(declarations: &mut Vec<Declaration>, d: &Declaration) {
    match declarations
        .iter_mut()
        .find(|x| x.evaluator == d.evaluator && x.offer == d.offer)
    {
        Some(slot) => *slot = d.clone(),
        None => declarations.push(d.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answer, CriterionBody};
    use crate::synthetic::synthetic_evaluation;

    fn set(evaluation: &Evaluation, index: usize, answer: Answer) -> Change {
        Change::SetScore(Score {
            answer,
            ..evaluation.scores[index].clone()
        })
    }

    /// `change.check` agrees with validating the result in full, problem for problem.
    fn agrees(evaluation: &Evaluation, change: &Change) -> Result<()> {
        let checked = change.check(evaluation);
        let mut next = evaluation.clone();
        let full = change
            .apply_to(&mut next)
            .and_then(|_| Ok(validate_evaluation(&next)?));
        assert_eq!(
            format!("{checked:?}"),
            format!("{full:?}"),
            "{}: the check and a full validation agree",
            change.action()
        );
        checked
    }

    #[test]
    fn checking_one_score_agrees_with_validating_everything() {
        let evaluation = synthetic_evaluation(3, 6, 2);
        assert!(agrees(&evaluation, &set(&evaluation, 4, Answer::Value(2.5))).is_ok());
        // Off the scale, off the step, `met` on a scale: the path is where the score is.
        for answer in [Answer::Value(9.0), Answer::Value(0.25), Answer::Met(true)] {
            let error = agrees(&evaluation, &set(&evaluation, 4, answer)).unwrap_err();
            assert!(error.to_string().contains("scores[4]"), "{error}");
        }
        // A new score on the price leaf: refused where it would be added, last.
        let mut on_price = evaluation.scores[0].clone();
        on_price.criterion = "prix".into();
        let error = agrees(&evaluation, &Change::SetScore(on_price)).unwrap_err();
        let last = evaluation.scores.len();
        assert!(
            error.to_string().contains(&format!("scores[{last}]")),
            "{error}"
        );
        // Unknown offer: refused before the rules, as when applying.
        let mut unknown = evaluation.scores[0].clone();
        unknown.offer = "o99".into();
        let error = agrees(&evaluation, &Change::SetScore(unknown)).unwrap_err();
        assert!(
            matches!(error, Error::UnknownItem { what: "offer", .. }),
            "{error:?}"
        );
    }

    #[test]
    fn checking_other_changes_agrees_with_validating_everything() {
        let evaluation = synthetic_evaluation(3, 6, 2);
        let mut offer = evaluation.offers[1].clone();
        offer.price = Some(-1.0);
        assert!(agrees(&evaluation, &Change::UpsertOffer(offer)).is_err());
        let mut offer = evaluation.offers[1].clone();
        offer.bidder = "Autre société".into();
        assert!(agrees(&evaluation, &Change::UpsertOffer(offer)).is_ok());
        let offer = evaluation.offers[0].id.clone();
        assert!(agrees(&evaluation, &Change::RemoveOffer { offer }).is_ok());
        let evaluator = evaluation.evaluators[0].id.clone();
        assert!(agrees(&evaluation, &Change::RemoveEvaluator { evaluator }).is_ok());
        let mut tender = evaluation.tender.clone();
        tender.buyer = " ".into();
        assert!(agrees(&evaluation, &Change::UpdateTender(tender)).is_err());
        let mut criteria = evaluation.criteria.clone();
        if let CriterionBody::Group { children } = &mut criteria[1].body {
            children.truncate(1);
        }
        assert!(agrees(&evaluation, &Change::ReplaceCriteria(criteria)).is_err());
        let score = &evaluation.scores[2];
        let removal = Change::RemoveScore {
            offer: score.offer.clone(),
            criterion: score.criterion.clone(),
            evaluator: score.evaluator.clone(),
        };
        assert!(agrees(&evaluation, &removal).is_ok());
        let missing = Change::RemoveConsensus {
            offer: "o99".into(),
            criterion: "prix".into(),
        };
        assert!(matches!(
            agrees(&evaluation, &missing),
            Err(Error::NothingToRemove {
                what: "consensus",
                ..
            })
        ));
    }

    #[test]
    fn applying_says_what_it_touched_and_refusals_change_nothing() {
        let mut evaluation = synthetic_evaluation(2, 3, 2);
        let original = evaluation.clone();
        let change = set(&evaluation, 1, Answer::Value(1.0));
        assert_eq!(
            change.apply_to(&mut evaluation).unwrap(),
            Applied::ScoreSet {
                index: 1,
                added: false
            }
        );
        let score = &original.scores[1];
        let removal = Change::RemoveScore {
            offer: score.offer.clone(),
            criterion: score.criterion.clone(),
            evaluator: score.evaluator.clone(),
        };
        assert_eq!(
            removal.apply_to(&mut evaluation).unwrap(),
            Applied::ScoreRemoved { index: 1 }
        );
        let before = evaluation.clone();
        assert!(removal.apply_to(&mut evaluation).is_err());
        assert_eq!(evaluation, before, "a refusal changes nothing");
        let added = Change::SetScore(score.clone());
        assert_eq!(
            added.apply_to(&mut evaluation).unwrap(),
            Applied::ScoreSet {
                index: original.scores.len() - 1,
                added: true
            }
        );
    }

    #[test]
    fn checking_a_schedule_edit_agrees_with_validating_everything() {
        use crate::prices::CorrectionRoute;
        use crate::synthetic::synthetic_schedule_evaluation;
        let evaluation = synthetic_schedule_evaluation(6, 3);
        let price = |line: &str, unit_price: f64, total: Option<f64>| LinePrice {
            line: line.into(),
            unit_price,
            submitted_total: total,
        };
        let set = |offer: &str, p: LinePrice| Change::SetLinePrice {
            offer: offer.into(),
            price: p,
        };
        assert!(agrees(&evaluation, &set("o0", price("l1", 0.5, None))).is_ok());
        // Refused where the price is: the third offer's entry, its second line.
        let error = agrees(&evaluation, &set("o2", price("l1", -1.0, None))).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("price_schedule.offers[2].prices[1].unit_price"),
            "{error}"
        );
        let error = agrees(
            &evaluation,
            &set("o2", price("l1", 0.123_456_789_012_345_6, None)),
        )
        .unwrap_err();
        assert!(error.to_string().contains("offers[2].prices[1]"), "{error}");
        assert!(matches!(
            agrees(&evaluation, &set("o2", price("nope", 1.0, None))),
            Err(Error::UnknownItem { what: "line", .. })
        ));
        assert!(matches!(
            agrees(&evaluation, &set("o9", price("l1", 1.0, None))),
            Err(Error::UnknownItem { what: "offer", .. })
        ));
        let clear = Change::ClearLinePrice {
            offer: "o1".into(),
            line: "l0".into(),
        };
        assert!(agrees(&evaluation, &clear).is_ok());
        let total = Change::SetSubmittedTotal {
            offer: "o2".into(),
            total: Some(12.0),
        };
        assert!(agrees(&evaluation, &total).is_ok());
        // A correction needs a discrepancy: none yet on o1's line l3.
        let correction = PriceCorrection {
            offer: "o1".into(),
            line: Some("l3".into()),
            note: "Erreur de multiplication".into(),
            at: "2026-12-06T10:00:00Z".into(),
            route: Some(CorrectionRoute::TenderRules),
        };
        let accept = Change::AcceptCorrection(correction.clone());
        let error = agrees(&evaluation, &accept).unwrap_err();
        assert!(
            error.to_string().contains("price_schedule.corrections[0]"),
            "{error}"
        );
        // Once o1 wrote a wrong total on l3 it is accepted; a blank note is not.
        let mut wrong = evaluation.clone();
        set("o1", price("l3", 0.5, Some(1.0)))
            .apply_to(&mut wrong)
            .unwrap();
        assert!(agrees(&wrong, &accept).is_ok());
        let blank = Change::AcceptCorrection(PriceCorrection {
            note: " ".into(),
            ..correction.clone()
        });
        assert!(agrees(&wrong, &blank).is_err());
        accept.apply_to(&mut wrong).unwrap();
        // The unit price that made the discrepancy cannot be set right under its correction.
        let error = agrees(&wrong, &set("o1", price("l3", 0.5, None))).unwrap_err();
        assert!(
            error.to_string().contains("price_schedule.corrections[0]"),
            "{error}"
        );
        let withdraw = Change::WithdrawCorrection {
            offer: "o1".into(),
            line: Some("l3".into()),
        };
        assert!(agrees(&wrong, &withdraw).is_ok());
        withdraw.apply_to(&mut wrong).unwrap();
        assert!(matches!(
            withdraw.apply_to(&mut wrong),
            Err(Error::NothingToRemove {
                what: "correction",
                ..
            })
        ));
        // Without a schedule, a schedule edit is refused.
        let plain = synthetic_evaluation(2, 3, 1);
        assert!(matches!(
            set("o1", price("l1", 1.0, None)).check(&plain),
            Err(Error::UnknownItem {
                what: "price schedule",
                ..
            })
        ));
    }

    #[test]
    fn schedule_payloads_use_the_spellings_of_the_format() {
        let change = Change::SetLinePrice {
            offer: "o1".into(),
            price: LinePrice {
                line: "vcpu".into(),
                unit_price: 0.042,
                submitted_total: Some(14716.8),
            },
        };
        assert_eq!(
            change.payload().to_string(),
            r#"{"offer":"o1","price":{"line":"vcpu","unit_price":0.042,"submitted_total":14716.8}}"#
        );
        let change = Change::AcceptCorrection(PriceCorrection {
            offer: "o2".into(),
            line: None,
            note: "Total mal additionné".into(),
            at: "2026-12-06T10:00:00Z".into(),
            route: Some(crate::prices::CorrectionRoute::BidderConfirmed),
        });
        let payload = change.payload();
        assert_eq!(payload["route"], "bidder_confirmed");
        assert_eq!(payload["offer"], "o2");
        assert!(payload.get("line").is_none());
        let total = Change::SetSubmittedTotal {
            offer: "o1".into(),
            total: Some(1000.0),
        };
        assert_eq!(
            total.payload().to_string(),
            r#"{"offer":"o1","submitted_total":1000}"#
        );
    }

    #[test]
    fn payloads_use_the_spellings_of_the_format() {
        let payload = Change::SetScore(Score {
            offer: "o1".into(),
            criterion: "tech.sec".into(),
            evaluator: "e1".into(),
            answer: Answer::Value(4.0),
            justification: None,
            at: None,
        })
        .payload();
        assert_eq!(
            payload.to_string(),
            r#"{"offer":"o1","criterion":"tech.sec","evaluator":"e1","value":4}"#
        );
        assert_eq!(
            Change::UpdateSettings(Settings::default())
                .payload()
                .to_string(),
            "{}"
        );
    }
}
