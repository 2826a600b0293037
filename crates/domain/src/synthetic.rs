//! Large, valid, deterministic evaluations for benchmarks and load tests (30 offers × 400
//! criteria × 9 evaluators is the size the performance targets are stated for). Scores vary with
//! the offer, criterion and evaluator so that every code path runs: divergences, consensus,
//! abnormally low prices, eliminations.

use chrono::NaiveDate;

use crate::model::*;

/// An evaluation with `offers` offers, `leaves` leaves (one price leaf, the rest scored, in groups
/// of at most 60) and `evaluators` evaluators who scored every cell.
pub fn synthetic_evaluation(offers: usize, leaves: usize, evaluators: usize) -> Evaluation {
    let scored = leaves.saturating_sub(1).max(1);
    let group_count = scored.div_ceil(60);
    let group_weight = 70.0 / group_count as f64;
    let mut criteria = vec![Criterion {
        id: "prix".into(),
        title: "Prix des prestations".into(),
        weight: 30.0,
        environmental: None,
        refs: None,
        body: CriterionBody::Price {
            formula: PriceFormula::Proportional,
        },
    }];
    let mut leaf_ids = Vec::new();
    for g in 0..group_count {
        let first = g * scored / group_count;
        let last = (g + 1) * scored / group_count;
        let children: Vec<Criterion> = (first..last)
            .map(|l| {
                leaf_ids.push(format!("g{g}.c{l}"));
                Criterion {
                    id: format!("g{g}.c{l}"),
                    title: format!("Sous-critère n° {l} : qualité de la réponse"),
                    weight: group_weight / (last - first) as f64,
                    environmental: (l == 0).then_some(true),
                    refs: None,
                    body: CriterionBody::Scored {
                        scale: Scale {
                            min: 0.0,
                            max: 5.0,
                            step: Some(0.5),
                        },
                        levels: None,
                        threshold: None,
                    },
                }
            })
            .collect();
        criteria.push(Criterion {
            id: format!("g{g}"),
            title: format!("Groupe de critères {}", g + 1),
            weight: group_weight,
            environmental: None,
            refs: None,
            body: CriterionBody::Group { children },
        });
    }
    let evaluator_list: Vec<Evaluator> = (0..evaluators)
        .map(|e| Evaluator {
            id: format!("e{e}"),
            name: format!("Évaluateur {}", e + 1),
            role: None,
        })
        .collect();
    let offer_list: Vec<Offer> = (0..offers)
        .map(|o| Offer {
            id: format!("o{o}"),
            bidder: format!("Société {} SAS", o + 1),
            name: None,
            price: Some(
                1_000_000.0 + 37_000.0 * ((o * 7) % 13) as f64
                    - if o == 3 { 600_000.0 } else { 0.0 },
            ),
            irregular: (o == 5).then(|| "Offre remise hors délai".to_owned()),
            certifications: None,
        })
        .collect();
    let mut scores = Vec::with_capacity(offers * leaf_ids.len() * evaluators);
    let mut consensus = Vec::new();
    for (o, offer) in offer_list.iter().enumerate() {
        for (l, leaf) in leaf_ids.iter().enumerate() {
            for (e, evaluator) in evaluator_list.iter().enumerate() {
                // Evaluators mostly agree within half a point, as committees do; about one
                // cell in twenty diverges enough to need a consensus.
                let base = ((o * 7 + l * 3) % 8) as f64 / 2.0 + 0.5;
                let spread = if e == 0 && (o * 13 + l * 7) % 20 == 0 {
                    1.5
                } else {
                    (e % 3) as f64 * 0.5 - 0.5
                };
                scores.push(Score {
                    offer: offer.id.clone(),
                    criterion: leaf.clone(),
                    evaluator: evaluator.id.clone(),
                    answer: Answer::Value((base + spread).clamp(0.0, 5.0)),
                    justification: Some(
                        "Réponse argumentée, conforme au cahier des charges.".to_owned(),
                    ),
                    at: None,
                });
            }
            if (o + l) % 17 == 0 {
                consensus.push(Consensus {
                    offer: offer.id.clone(),
                    criterion: leaf.clone(),
                    answer: Answer::Value(3.0),
                    justification: "Note arrêtée en commission après échange.".to_owned(),
                });
            }
        }
    }
    Evaluation {
        tender: Tender {
            reference: "2026-BENCH-001".into(),
            title: "Consultation de référence pour les mesures de performance".into(),
            buyer: "Ministère de l'Exemple".into(),
            lot: None,
            procedure: Some(Procedure::Open),
            launch_date: NaiveDate::from_ymd_opt(2026, 9, 1),
            deadline: NaiveDate::from_ymd_opt(2026, 10, 15).unwrap_or_default(),
            currency: None,
        },
        settings: Settings::default(),
        criteria,
        evaluators: evaluator_list,
        offers: offer_list,
        scores,
        consensus,
        declarations: Vec::new(),
        prices_opened_at: None,
        price_schedule: None,
        negotiation: None,
        exchanges: Vec::new(),
    }
}

/// An evaluation priced by a schedule of `lines` lines, with `offers` offers that each price
/// every line (and write their line totals right, so every offer ranks) and 60 scored leaves
/// scored by 5 evaluators: the size of the price-schedule targets is 2,000 lines × 12 offers.
pub fn synthetic_schedule_evaluation(lines: usize, offers: usize) -> Evaluation {
    use crate::prices::{LinePrice, PriceSchedule, ScheduleLine, ScheduleOffer, line_amount};
    let mut evaluation = synthetic_evaluation(offers, 61, 5);
    let schedule_lines: Vec<ScheduleLine> = (0..lines)
        .map(|l| ScheduleLine {
            id: format!("l{l}"),
            label: format!("Ligne de prix n° {l}"),
            unit: if l % 3 == 0 { "vCPU·h" } else { "Go·mois" }.into(),
            // Quantities from 1 to 100,000, some with decimals.
            quantity: ((l * 7919) % 100_000 + 1) as f64 / if l % 5 == 0 { 4.0 } else { 1.0 },
            group: Some(format!("Année {}", l % 4 + 1)),
            criterion: None,
        })
        .collect();
    let schedule_offers: Vec<ScheduleOffer> = evaluation
        .offers
        .iter_mut()
        .enumerate()
        .map(|(o, offer)| {
            offer.price = None;
            let prices = schedule_lines
                .iter()
                .enumerate()
                .map(|(l, line)| {
                    // Unit prices in cents and tenths of cents.
                    let unit_price = ((l * 31 + o * 17) % 5_000 + 1) as f64 / 1000.0;
                    let written = line_amount(line.quantity, unit_price)
                        .map(|a| crate::prices::to_f64(crate::prices::to_cents(a)));
                    LinePrice {
                        line: line.id.clone(),
                        unit_price,
                        submitted_total: written,
                    }
                })
                .collect();
            ScheduleOffer {
                offer: offer.id.clone(),
                prices,
                submitted_total: None,
            }
        })
        .collect();
    evaluation.price_schedule = Some(PriceSchedule {
        lines: schedule_lines,
        abnormally_low_on: None,
        offers: schedule_offers,
        corrections: Vec::new(),
    });
    evaluation
}

/// A consultation of `lots` lots, each [`synthetic_evaluation`]`(offers, leaves, evaluators)`,
/// the same `offers` bidders bidding on every lot (offer `o{i}` is bidder `b{i}`'s), lots
/// alternately single awards and frameworks of three holders, at most two lots per bidder: the
/// size the consultation's performance target is stated for (8 × 12 × 60 × 5).
pub fn synthetic_consultation(
    lots: usize,
    offers: usize,
    leaves: usize,
    evaluators: usize,
) -> crate::lots::Consultation {
    use crate::lots::{AwardRules, Bidder, Consultation, ConsultationInfo, Lot, LotAward};
    let base = synthetic_evaluation(offers, leaves, evaluators);
    let info = ConsultationInfo {
        reference: "2026-BENCH-LOTS".into(),
        title: "Consultation en lots de référence pour les mesures de performance".into(),
        buyer: base.tender.buyer.clone(),
        procedure: base.tender.procedure,
        launch_date: base.tender.launch_date,
        deadline: base.tender.deadline,
        currency: None,
    };
    let bidders: Vec<Bidder> = base
        .offers
        .iter()
        .enumerate()
        .map(|(i, offer)| Bidder {
            id: format!("b{i}"),
            company: offer.bidder.clone(),
            siret: None,
            certifications: None,
            preferences: Vec::new(),
        })
        .collect();
    let lots = (0..lots)
        .map(|l| {
            let id = format!("lot{}", l + 1);
            let mut evaluation = base.clone();
            evaluation.tender = info.tender_of(&id);
            Lot {
                number: u32::try_from(l + 1).unwrap_or(u32::MAX),
                title: format!("Lot {} de référence", l + 1),
                estimated_value: 100_000.0 * (l + 1) as f64,
                award: if l % 2 == 0 {
                    LotAward::Single
                } else {
                    LotAward::Holders(3)
                },
                sans_suite: None,
                offer_bidders: bidders.iter().map(|b| b.id.clone()).collect(),
                evaluation,
                id,
            }
        })
        .collect();
    Consultation {
        info,
        bidders,
        rules: AwardRules {
            max_lots_awarded_per_bidder: Some(2),
            over_cap_rule: None,
        },
        lots,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_benchmark_evaluation_is_valid_and_has_the_stated_size() {
        let evaluation = synthetic_evaluation(30, 400, 9);
        crate::validate_evaluation(&evaluation).expect("valid");
        assert_eq!(evaluation.leaves().len(), 400);
        assert_eq!(evaluation.scores.len(), 30 * 399 * 9);
    }
}
