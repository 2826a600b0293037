//! What each bidder is told once the ranking is settled: the facts of the award letter and of
//! every rejection letter, computed once from the evaluation and the engine's results, before
//! any wording or layout.
//!
//! The law (Code de la commande publique): every rejected bidder is told as soon as the choice
//! is made (R2181-1); in the formal procedures, the notice gives the reasons for the rejection
//! and, once the contract is awarded, the awardee's name, why its offer was chosen and the first
//! day on which the contract may be signed (R2181-3, standstill of R2182-1, see
//! [`crate::standstill`]); a bidder whose offer was admissible may also learn the characteristics
//! and relative advantages of the winning offer (R2181-4, R2181-2 for the adapted procedure).
//! A letter therefore holds, for its addressee: its status and reasons, its own points per
//! criterion beside the winner's, the winner's name and total, and the justifications the
//! committee gave for the winner on the criteria where the winner scored higher.
//!
//! **Confidentiality.** A [`Letter`] is built from two offers only, its addressee's and the
//! winner's: nothing of another rejected bidder (name, figures, justifications) can reach it.
//! No price appears either: the letters give points on the price criterion, never amounts
//! (another bidder's price is business information; the awardee's amount is published by the
//! award notice, not by these letters).
//!
//! Only a complete evaluation with a single winner gives letters ([`letters`] refuses otherwise):
//! a letter written on an open ranking would state figures that may still change.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::engine::{abnormally_low_limit, is_below_abnormally_low_limit};
use crate::model::*;
use crate::prices::compared_price;
use crate::results::*;
use crate::standstill::{NotificationChannel, earliest_signature_date};
use crate::{Error, Result};

/// When and how the notices are sent: what the standstill is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Notification {
    pub date: NaiveDate,
    pub channel: NotificationChannel,
}

/// Everything one letter states, for one offer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Letter {
    /// The addressee's offer id (letters are named after it).
    pub offer: String,
    pub bidder: String,
    /// The offer's commercial name, when the file gives one.
    pub offer_name: Option<String>,
    pub notification: Notification,
    /// The first day on which the contract may be signed (R2182-1).
    pub signature_from: NaiveDate,
    pub awardee: Awardee,
    pub decision: Decision,
}

/// The winning offer, as every letter names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Awardee {
    pub offer: String,
    pub bidder: String,
    pub offer_name: Option<String>,
    pub total: f64,
}

/// What was decided about the addressee's offer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decision {
    /// The addressee is the awardee; `rows` are its own points.
    Awarded { total: f64, rows: Vec<PointsRow> },
    /// Ranked but not first.
    Ranked {
        rank: u32,
        total: f64,
        /// The addressee's points beside the awardee's, criterion by criterion.
        rows: Vec<PointsRow>,
        /// The criteria on which the awardee scored higher, with what justified its score.
        advantages: Vec<Advantage>,
    },
    /// Eliminated: never ranked, so no points to compare.
    Eliminated {
        reasons: Vec<Rejection>,
        /// Set when the offer was declared irregular and would otherwise have been flagged as
        /// abnormally low: the letter says so (L2152-6, R2152-4).
        abnormally_low: Option<AbnormallyLowRejection>,
    },
    /// Set aside at the end of an earlier round of a negotiated procedure or dialogue: absent
    /// from the deciding round, so neither ranked nor compared there. Every bidder whose offer
    /// is rejected is told so and why, whatever the round it stopped at.
    SetAside {
        /// The round's id and its label as the buyer named it.
        round: String,
        round_label: String,
        reason: String,
    },
}

/// One criterion of the points table: a weighted node of the tree (requirements, which weigh
/// nothing, are left out).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PointsRow {
    pub criterion: String,
    pub title: String,
    /// 0 for a top-level criterion.
    pub depth: usize,
    pub is_group: bool,
    /// The criterion's weight, i.e. the most points it gives.
    pub weight: f64,
    /// The addressee's points; `None` for a sub-group, whose subtotal the results do not give.
    pub own: Option<f64>,
    /// The awardee's points (equal to `own` in the awardee's own letter).
    pub awardee: Option<f64>,
}

/// A criterion on which the winning offer earned more points than the addressee's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Advantage {
    pub criterion: String,
    pub title: String,
    pub is_price: bool,
    pub awardee_points: f64,
    pub own_points: f64,
    /// What the committee wrote about the winning offer on this criterion: the consensus
    /// justification when there is one, else the evaluators' (each once). Empty for the price.
    pub justifications: Vec<String>,
    pub source: ValueSource,
}

/// One reason for an elimination, with what was written about the addressee's own offer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rejection {
    pub elimination: Elimination,
    /// The criterion's title when the reason concerns one.
    pub criterion_title: Option<String>,
    /// The committee's (else the evaluators') justifications on this criterion for this offer.
    pub justifications: Vec<String>,
}

/// An offer set aside after being found abnormally low.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AbnormallyLowRejection {
    pub method: AbnormallyLowMethod,
    /// The follow-up recorded: the evaluation format keeps it as the offer's `irregular` reason.
    pub follow_up: Option<String>,
}

/// The letters of a complete evaluation with a winner: the awardee's first, then one per other
/// offer in the order of the file. Refused ([`Error::NotReady`]) while any offer is incomplete
/// or when no single offer is ranked first.
pub fn letters(
    evaluation: &Evaluation,
    results: &Results,
    notification: Notification,
) -> Result<Vec<Letter>> {
    if !results.complete {
        let open: Vec<&str> = results
            .offers
            .iter()
            .filter(|o| o.status == OfferStatus::Incomplete)
            .map(|o| o.id.as_str())
            .collect();
        return Err(Error::NotReady(format!(
            "the evaluation is not complete (offers still to score: {}); letters are written once every offer is scored",
            open.join(", ")
        )));
    }
    let winner = results
        .winner
        .as_deref()
        .and_then(|id| Some((results.offer(id)?, offer_by_id(evaluation, id)?)))
        .ok_or_else(|| {
            Error::NotReady(
                "the evaluation has no winner (no ranked offer, or a tie for first place); letters need a single awardee"
                    .into(),
            )
        })?;
    let signature_from = earliest_signature_date(notification.date, notification.channel)
        .ok_or_else(|| {
            Error::NotReady(format!(
                "{}: no standstill date can be computed past the end of the calendar",
                notification.date
            ))
        })?;
    let (winner_result, winner_offer) = winner;
    let winner_total = winner_result.total.unwrap_or(0.0);
    let awardee = Awardee {
        offer: winner_offer.id.clone(),
        bidder: winner_offer.bidder.clone(),
        offer_name: winner_offer.name.clone(),
        total: winner_total,
    };
    let index = Justifications::index(evaluation);

    let mut out = Vec::with_capacity(evaluation.offers.len());
    let addressees = std::iter::once(winner_offer)
        .chain(evaluation.offers.iter().filter(|o| o.id != winner_offer.id));
    for offer in addressees {
        let Some(result) = results.offer(&offer.id) else {
            if let Some(set_aside) = set_aside_earlier(evaluation, &offer.id) {
                out.push(Letter {
                    offer: offer.id.clone(),
                    bidder: offer.bidder.clone(),
                    offer_name: offer.name.clone(),
                    notification,
                    signature_from,
                    awardee: awardee.clone(),
                    decision: set_aside,
                });
            }
            continue;
        };
        let decision = if offer.id == winner_offer.id {
            Decision::Awarded {
                total: winner_total,
                rows: points_rows(evaluation, result, winner_result),
            }
        } else {
            match result.status {
                OfferStatus::Ranked => Decision::Ranked {
                    rank: result.rank.unwrap_or(0),
                    total: result.total.unwrap_or(0.0),
                    rows: points_rows(evaluation, result, winner_result),
                    advantages: advantages(evaluation, &index, result, winner_result),
                },
                // `complete` rules incomplete offers out; treat one defensively as eliminated
                // with no reason rather than print figures that do not exist.
                OfferStatus::Eliminated | OfferStatus::Incomplete => Decision::Eliminated {
                    reasons: rejections(evaluation, &index, result),
                    abnormally_low: abnormally_low_rejection(evaluation, results, offer, result),
                },
            }
        };
        out.push(Letter {
            offer: offer.id.clone(),
            bidder: offer.bidder.clone(),
            offer_name: offer.name.clone(),
            notification,
            signature_from,
            awardee: awardee.clone(),
            decision,
        });
    }
    Ok(out)
}

/// The decision for an offer the deciding round does not hold because an earlier round set it
/// aside.
fn set_aside_earlier(evaluation: &Evaluation, offer: &str) -> Option<Decision> {
    let negotiation = evaluation.negotiation.as_ref()?;
    let round = &negotiation.rounds[negotiation.eliminated_at(offer)?];
    let reason = round.eliminated.iter().find(|e| e.offer == offer)?;
    Some(Decision::SetAside {
        round: round.id.clone(),
        round_label: round.label.clone(),
        reason: reason.reason.clone(),
    })
}

fn offer_by_id<'a>(evaluation: &'a Evaluation, id: &str) -> Option<&'a Offer> {
    evaluation.offers.iter().find(|o| o.id == id)
}

/// The justifications of every (offer, criterion), indexed once.
struct Justifications<'a> {
    consensus: HashMap<(&'a str, &'a str), &'a str>,
    scores: HashMap<(&'a str, &'a str), Vec<&'a str>>,
}

impl<'a> Justifications<'a> {
    fn index(evaluation: &'a Evaluation) -> Justifications<'a> {
        let mut consensus = HashMap::new();
        for c in &evaluation.consensus {
            consensus.insert(
                (c.offer.as_str(), c.criterion.as_str()),
                c.justification.as_str(),
            );
        }
        let mut scores: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
        for s in &evaluation.scores {
            if let Some(text) = s.justification.as_deref().map(str::trim)
                && !text.is_empty()
            {
                let list = scores
                    .entry((s.offer.as_str(), s.criterion.as_str()))
                    .or_default();
                if !list.contains(&text) {
                    list.push(text);
                }
            }
        }
        Justifications { consensus, scores }
    }

    /// The committee's word when there is one, else every evaluator's, with where it comes from.
    fn of(&self, offer: &str, criterion: &str) -> (Vec<String>, ValueSource) {
        if let Some(text) = self.consensus.get(&(offer, criterion))
            && !text.trim().is_empty()
        {
            return (vec![text.trim().to_owned()], ValueSource::Consensus);
        }
        match self.scores.get(&(offer, criterion)) {
            Some(list) => (
                list.iter().map(|t| (*t).to_owned()).collect(),
                ValueSource::Evaluators,
            ),
            None => (Vec::new(), ValueSource::None),
        }
    }
}

/// Every weighted node, depth first, with the addressee's and the awardee's points.
fn points_rows(
    evaluation: &Evaluation,
    own: &OfferResult,
    awardee: &OfferResult,
) -> Vec<PointsRow> {
    let mut rows = Vec::new();
    fn walk(
        nodes: &[Criterion],
        depth: usize,
        own: &OfferResult,
        awardee: &OfferResult,
        rows: &mut Vec<PointsRow>,
    ) {
        for node in nodes {
            if node.weight <= TOLERANCE {
                continue;
            }
            let (is_group, own_points, awardee_points) = match &node.body {
                CriterionBody::Group { .. } => (true, own.group(&node.id), awardee.group(&node.id)),
                CriterionBody::Requirement { .. } => continue,
                _ => (
                    false,
                    own.leaf(&node.id).and_then(|l| l.outcome.points()),
                    awardee.leaf(&node.id).and_then(|l| l.outcome.points()),
                ),
            };
            rows.push(PointsRow {
                criterion: node.id.clone(),
                title: node.title.clone(),
                depth,
                is_group,
                weight: node.weight,
                own: own_points,
                awardee: awardee_points,
            });
            walk(node.children(), depth + 1, own, awardee, rows);
        }
    }
    walk(&evaluation.criteria, 0, own, awardee, &mut rows);
    rows
}

/// The leaves on which the awardee earned more points, in tree order.
fn advantages(
    evaluation: &Evaluation,
    index: &Justifications,
    own: &OfferResult,
    awardee: &OfferResult,
) -> Vec<Advantage> {
    evaluation
        .leaves()
        .into_iter()
        .filter_map(|leaf| {
            let own_points = own.leaf(&leaf.id)?.outcome.points()?;
            let awardee_points = awardee.leaf(&leaf.id)?.outcome.points()?;
            if awardee_points - own_points <= TOLERANCE {
                return None;
            }
            let is_price = matches!(leaf.body, CriterionBody::Price { .. });
            let (justifications, source) = if is_price {
                (Vec::new(), ValueSource::None)
            } else {
                index.of(&awardee.id, &leaf.id)
            };
            Some(Advantage {
                criterion: leaf.id.clone(),
                title: leaf.title.clone(),
                is_price,
                awardee_points,
                own_points,
                justifications,
                source,
            })
        })
        .collect()
}

fn rejections(
    evaluation: &Evaluation,
    index: &Justifications,
    own: &OfferResult,
) -> Vec<Rejection> {
    own.eliminated_because
        .iter()
        .map(|elimination| {
            let criterion = elimination
                .criterion
                .as_deref()
                .and_then(|id| evaluation.criterion(id));
            let justifications = match (elimination.reason, &elimination.criterion) {
                (EliminationReason::Irregular, _) | (_, None) => Vec::new(),
                (_, Some(id)) => index.of(&own.id, id).0,
            };
            Rejection {
                elimination: elimination.clone(),
                criterion_title: criterion.map(|c| c.title.clone()),
                justifications,
            }
        })
        .collect()
}

/// Spec §8.4 never flags an eliminated offer, so an offer rejected as abnormally low (declared
/// irregular after the bidder's justifications, R2152-3/R2152-4) carries no flag. It is
/// recognised here as an offer whose only reasons are the buyer's declaration and whose price is
/// under the limit computed on the admitted offers together with its own.
fn abnormally_low_rejection(
    evaluation: &Evaluation,
    results: &Results,
    offer: &Offer,
    own: &OfferResult,
) -> Option<AbnormallyLowRejection> {
    let only_declared = !own.eliminated_because.is_empty()
        && own
            .eliminated_because
            .iter()
            .all(|e| e.reason == EliminationReason::Irregular);
    if !only_declared || evaluation.price_leaf().is_none() {
        return None;
    }
    let price = compared_price(evaluation, offer)?;
    let mut prices: Vec<f64> = results
        .offers
        .iter()
        .filter(|o| o.status != OfferStatus::Eliminated)
        .filter_map(|o| compared_price(evaluation, offer_by_id(evaluation, &o.id)?))
        .collect();
    prices.push(price);
    if prices.len() < 3 {
        return None;
    }
    let method = evaluation.settings.abnormally_low();
    let limit = abnormally_low_limit(method, &prices)?;
    is_below_abnormally_low_limit(price, limit).then(|| AbnormallyLowRejection {
        method,
        follow_up: offer.irregular.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalogs;

    const DEMO: &str = include_str!("../../../assets/demo/cloud-de-confiance.json");

    fn demo() -> (Evaluation, Results) {
        let evaluation = match crate::parse_evaluation(DEMO) {
            Ok(e) => e,
            Err(invalid) => panic!("{invalid}"),
        };
        let catalogs = match Catalogs::bundled() {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        let results = crate::evaluate(&evaluation, &catalogs);
        (evaluation, results)
    }

    fn notification() -> Notification {
        Notification {
            date: NaiveDate::from_ymd_opt(2026, 12, 25).unwrap_or_default(),
            channel: NotificationChannel::Other,
        }
    }

    fn demo_letters() -> (Evaluation, Results, Vec<Letter>) {
        let (evaluation, results) = demo();
        match letters(&evaluation, &results, notification()) {
            Ok(l) => (evaluation, results, l),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn one_letter_per_offer_the_awardee_first() {
        let (evaluation, results, letters) = demo_letters();
        assert_eq!(letters.len(), evaluation.offers.len());
        assert_eq!(Some(letters[0].offer.as_str()), results.winner.as_deref());
        assert!(matches!(letters[0].decision, Decision::Awarded { .. }));
        for letter in &letters {
            assert_eq!(
                Some(letter.awardee.offer.as_str()),
                results.winner.as_deref()
            );
            assert_eq!(
                letter.signature_from,
                NaiveDate::from_ymd_opt(2027, 1, 10).unwrap_or_default()
            );
        }
    }

    #[test]
    fn figures_are_the_engines() {
        let (_, results, letters) = demo_letters();
        let winner = results.offer(&letters[0].offer).map(|o| o.total);
        for letter in &letters {
            assert_eq!(Some(Some(letter.awardee.total)), winner);
            let own = results.offer(&letter.offer);
            match &letter.decision {
                Decision::Ranked {
                    rank, total, rows, ..
                } => {
                    assert_eq!(own.and_then(|o| o.rank), Some(*rank));
                    assert_eq!(own.and_then(|o| o.total), Some(*total));
                    for row in rows.iter().filter(|r| !r.is_group) {
                        let expected = own
                            .and_then(|o| o.leaf(&row.criterion))
                            .and_then(|l| l.outcome.points());
                        assert_eq!(row.own, expected, "{}", row.criterion);
                    }
                }
                Decision::Awarded { total, .. } => assert_eq!(winner, Some(Some(*total))),
                Decision::Eliminated { reasons, .. } => {
                    assert_eq!(reasons.len(), own.map_or(0, |o| o.eliminated_because.len()));
                }
                // The demo has no rounds: no offer stops before the deciding one.
                Decision::SetAside { .. } => {
                    panic!("{} set aside in a file without rounds", letter.offer)
                }
            }
        }
    }

    #[test]
    fn advantages_are_where_the_awardee_scored_higher_with_its_justifications() {
        let (evaluation, results, letters) = demo_letters();
        let winner = letters[0].offer.clone();
        for letter in &letters {
            let Decision::Ranked { advantages, .. } = &letter.decision else {
                continue;
            };
            for advantage in advantages {
                assert!(advantage.awardee_points > advantage.own_points);
                for text in &advantage.justifications {
                    let from_winner = evaluation.consensus.iter().any(|c| {
                        c.offer == winner
                            && c.criterion == advantage.criterion
                            && c.justification.trim() == text
                    }) || evaluation.scores.iter().any(|s| {
                        s.offer == winner
                            && s.criterion == advantage.criterion
                            && s.justification.as_deref().map(str::trim) == Some(text.as_str())
                    });
                    assert!(from_winner, "{text} is not the awardee's");
                }
            }
            assert!(results.offer(&letter.offer).is_some());
        }
    }

    #[test]
    fn refused_while_incomplete_or_without_winner() {
        let (mut evaluation, results) = demo();
        let ranked = results
            .ranking()
            .last()
            .map(|o| o.id.clone())
            .unwrap_or_default();
        evaluation.scores.retain(|s| s.offer != ranked);
        evaluation.consensus.retain(|c| c.offer != ranked);
        let catalogs = match Catalogs::bundled() {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        let results = crate::evaluate(&evaluation, &catalogs);
        assert!(!results.complete);
        let refused = letters(&evaluation, &results, notification());
        assert!(
            matches!(&refused, Err(Error::NotReady(m)) if m.contains(ranked.as_str())),
            "{refused:?}"
        );

        let (evaluation, mut results) = demo();
        results.winner = None;
        assert!(matches!(
            letters(&evaluation, &results, notification()),
            Err(Error::NotReady(_))
        ));
    }

    #[test]
    fn an_offer_declared_irregular_for_its_low_price_is_told_so() {
        let (mut evaluation, results) = demo();
        // The cheapest offer still ranked, found abnormally low later and declared irregular.
        let lowest = evaluation
            .offers
            .iter()
            .filter(|o| {
                results
                    .offer(&o.id)
                    .is_some_and(|r| r.status == OfferStatus::Ranked)
            })
            .filter(|o| results.winner.as_deref() != Some(o.id.as_str()))
            .filter_map(|o| Some((o.id.clone(), o.price?)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(id, _)| id)
            .unwrap_or_default();
        let reason = "Offre anormalement basse : justifications du 02/11/2026 insuffisantes";
        let mut cheap_price = 0.0;
        for offer in &mut evaluation.offers {
            if offer.id == lowest {
                offer.price = offer.price.map(|p| p * 0.4);
                cheap_price = offer.price.unwrap_or_default();
                offer.irregular = Some(reason.into());
            }
        }
        assert!(cheap_price > 0.0);
        let catalogs = match Catalogs::bundled() {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        let results = crate::evaluate(&evaluation, &catalogs);
        let letters = match letters(&evaluation, &results, notification()) {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        };
        let letter = letters.iter().find(|l| l.offer == lowest);
        match letter.map(|l| &l.decision) {
            Some(Decision::Eliminated {
                abnormally_low: Some(al),
                ..
            }) => assert_eq!(al.follow_up.as_deref(), Some(reason)),
            other => panic!("{other:?}"),
        }
        // Any other offer declared irregular at an ordinary price is not called abnormally low.
        for l in &letters {
            if l.offer != lowest
                && let Decision::Eliminated { abnormally_low, .. } = &l.decision
            {
                assert!(abnormally_low.is_none());
            }
        }
    }
}
