//! A proptest generator of valid evaluations, for the store's round trips and the engine's
//! property tests.
//!
//! [`evaluation`] produces documents that obey every rule of the spec, §1–§7: unique ids of the
//! allowed pattern, weights that add up exactly (built from whole half-points, so sums are exact
//! in binary), requirements of weight 0, at most one price leaf, values within their scale and on
//! its step, scores only where a score is allowed, at most one per key. Optional keys are
//! sometimes present and sometimes absent, lists sometimes empty, so that a consumer that drops
//! or defaults something is caught. Sizes stay small: 256 cases run in well under a second of
//! generation.

use chrono::{Days, NaiveDate};
use jauge_domain::{
    AbnormallyLowMethod, Answer, AutoCheck, Certification, CertificationStatus, Consensus,
    Consolidation, Criterion, CriterionBody, Declaration, Evaluation, Evaluator, Level, Offer,
    PriceFormula, Procedure, Scale, Score, Settings, TOLERANCE, Tender,
};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};

/// Deepest level of the criteria tree (1 = top level).
const MAX_DEPTH: u32 = 3;

/// Certification schemes used both by `auto` checks and by offers, so that checks match often.
const SCHEMES: [&str; 7] = [
    "secnumcloud",
    "gaia-x",
    "eucs",
    "hds",
    "iso27001",
    "c5",
    "cispe",
];

/// A valid evaluation (spec §1–§7): 0–6 offers, 0–4 evaluators, a small criteria tree.
pub fn evaluation() -> impl Strategy<Value = Evaluation> {
    (tender(), settings(), criteria())
        .prop_flat_map(|(tender, settings, criteria)| {
            let has_price = has_price_leaf(&criteria);
            let deadline = tender.deadline;
            (
                Just(tender),
                Just(settings),
                Just(criteria),
                proptest::collection::vec(evaluator(), 0..=4),
                proptest::collection::vec(offer(has_price, deadline), 0..=6),
                select(vec!["e", "eval-", "E_"]),
                select(vec!["o", "offre-", "OFR_", "lot1.o"]),
            )
        })
        .prop_map(
            |(tender, settings, criteria, mut evaluators, mut offers, e_prefix, o_prefix)| {
                for (i, evaluator) in evaluators.iter_mut().enumerate() {
                    evaluator.id = format!("{e_prefix}{}", i + 1);
                }
                for (i, offer) in offers.iter_mut().enumerate() {
                    offer.id = format!("{o_prefix}{}", i + 1);
                }
                Evaluation {
                    tender,
                    settings,
                    criteria,
                    evaluators,
                    offers,
                    scores: Vec::new(),
                    consensus: Vec::new(),
                    declarations: Vec::new(),
                    prices_opened_at: None,
                    price_schedule: None,
                    negotiation: None,
                    exchanges: Vec::new(),
                }
            },
        )
        .prop_flat_map(|evaluation| {
            let scores = scores(&evaluation);
            let consensus = consensus(&evaluation);
            (Just(evaluation), scores, consensus, option::of(timestamp()))
        })
        .prop_map(|(mut evaluation, scores, consensus, opened)| {
            evaluation.scores = scores;
            evaluation.consensus = consensus;
            evaluation.prices_opened_at = opened;
            evaluation
        })
        .prop_flat_map(|evaluation| {
            let declarations = declarations(&evaluation);
            (Just(evaluation), declarations)
        })
        .prop_map(|(mut evaluation, declarations)| {
            evaluation.declarations = declarations;
            evaluation
        })
}

// ---- text, dates ----------------------------------------------------------------------------

/// Non-empty human text, accents included, never starting with a space.
fn text() -> impl Strategy<Value = String> {
    "[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 '.,()-]{0,24}"
}

fn date_around(
    day: NaiveDate,
    min_offset: i64,
    max_offset: i64,
) -> impl Strategy<Value = NaiveDate> {
    (min_offset..=max_offset).prop_map(move |offset| shift(day, offset))
}

fn shift(day: NaiveDate, offset: i64) -> NaiveDate {
    let days = Days::new(offset.unsigned_abs());
    let shifted = if offset < 0 {
        day.checked_sub_days(days)
    } else {
        day.checked_add_days(days)
    };
    shifted.unwrap_or(day)
}

/// An RFC 3339 timestamp, in various offsets and precisions.
fn timestamp() -> impl Strategy<Value = String> {
    (
        date_around(
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            0,
            700,
        ),
        0u32..24,
        0u32..60,
        0u32..60,
        select(vec!["Z", "+02:00", "-05:00", "+00:00", ".5Z", ".123+01:00"]),
    )
        .prop_map(|(day, h, m, s, zone)| format!("{day}T{h:02}:{m:02}:{s:02}{zone}"))
}

// ---- tender and settings ------------------------------------------------------------------

fn tender() -> impl Strategy<Value = Tender> {
    (
        "[A-Z0-9][A-Z0-9-]{2,15}",
        text(),
        text(),
        option::of(text()),
        option::of(select(Procedure::ALL.to_vec())),
        date_around(
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
            0,
            1500,
        ),
        option::of(10i64..=120),
        option::of(select(vec!["EUR", "CHF", "USD"])),
    )
        .prop_map(
            |(reference, title, buyer, lot, procedure, deadline, launch, currency)| Tender {
                reference,
                title,
                buyer,
                lot,
                procedure,
                launch_date: launch.map(|days| shift(deadline, -days)),
                deadline,
                currency: currency.map(str::to_owned),
            },
        )
}

fn settings() -> impl Strategy<Value = Settings> {
    let threshold = prop_oneof![select(vec![0.1, 0.25, 0.3, 0.5, 1.0]), 0.001f64..=1.0];
    let percent = option::of(prop_oneof![select(vec![10.0, 20.0, 25.0]), 0.5f64..99.5]);
    let method = prop_oneof![
        Just(AbnormallyLowMethod::None),
        Just(AbnormallyLowMethod::MeanMinusSigma),
        percent.prop_map(|percent| AbnormallyLowMethod::PercentBelowMean { percent }),
        Just(AbnormallyLowMethod::TrimmedMean),
    ];
    (
        option::of(select(vec![Consolidation::Mean, Consolidation::Median])),
        option::of(threshold),
        option::of(method),
        option::of(any::<bool>()),
        option::of(any::<bool>()),
        option::of(any::<bool>()),
    )
        .prop_map(
            |(
                consolidation,
                divergence_threshold,
                abnormally_low,
                sealed_prices,
                declarations_required,
                signed_returns_required,
            )| Settings {
                consolidation,
                divergence_threshold,
                abnormally_low,
                sealed_prices,
                declarations_required,
                signed_returns_required,
            },
        )
}

// ---- criteria -----------------------------------------------------------------------------

/// Splits `total` half-points into `parts` positive whole parts that add up to it exactly.
fn split(total: u32, parts: usize) -> impl Strategy<Value = Vec<u32>> {
    proptest::collection::vec(1u32..=10, parts).prop_map(move |shares| {
        let count = u32::try_from(shares.len()).unwrap_or(1);
        let spare = total - count;
        let sum: u32 = shares.iter().sum();
        let mut out: Vec<u32> = shares.iter().map(|s| 1 + spare * s / sum).collect();
        let assigned: u32 = out.iter().sum();
        if let Some(last) = out.last_mut() {
            *last += total - assigned;
        }
        out
    })
}

/// Points as the spec writes them: half-points make sums exact in binary floating point.
fn points(halves: u32) -> f64 {
    f64::from(halves) / 2.0
}

/// A node without its id (ids are given once the tree is built, see [`assign_ids`]).
fn bare(weight: f64, body: CriterionBody) -> impl Strategy<Value = Criterion> {
    (
        text(),
        option::of(any::<bool>()),
        option::of(proptest::collection::vec(
            select(vec![
                "secnumcloud@3.2:19.6",
                "secnumcloud@3.2:19.6.b",
                "gaia-x@24.11:P5.1.4",
                "eucs@2024:OPS-05",
            ]),
            0..=2,
        )),
    )
        .prop_map(move |(title, environmental, refs)| Criterion {
            id: String::new(),
            title,
            weight,
            environmental,
            refs: refs.map(|list| list.into_iter().map(str::to_owned).collect()),
            body: body.clone(),
        })
}

fn scale() -> impl Strategy<Value = Scale> {
    (
        select(vec![-2.0, 0.0, 1.0]),
        select(vec![1.0, 4.0, 5.0, 10.0, 20.0]),
    )
        .prop_flat_map(|(min, span)| {
            // Steps that divide the span, so that max is on the step too.
            let mut steps = vec![0.1, 0.25, 0.5, 1.0];
            if span % 2.0 == 0.0 {
                steps.push(2.0);
            }
            option::of(select(steps)).prop_map(move |step| Scale {
                min,
                max: min + span,
                step,
            })
        })
}

/// A value within `scale` and on its step.
fn value_on(scale: Scale) -> BoxedStrategy<f64> {
    let span = scale.max - scale.min;
    match scale.step {
        Some(step) => {
            // Whole number of steps in the span; the cast is of a small positive number.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let steps = (span / step + TOLERANCE).floor() as u32;
            (0..=steps)
                .prop_map(move |k| scale.min + f64::from(k) * step)
                .boxed()
        }
        None => {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let whole = span as u32;
            prop_oneof![
                (0..=whole).prop_map(move |k| scale.min + f64::from(k)),
                (0.0f64..=1.0).prop_map(move |f| scale.min + f * span),
            ]
            .boxed()
        }
    }
}

fn scored_leaf(halves: u32) -> BoxedStrategy<Criterion> {
    scale()
        .prop_flat_map(|scale| {
            let levels = option::of(proptest::collection::vec((value_on(scale), text()), 0..=3));
            (Just(scale), levels, option::of(value_on(scale)))
        })
        .prop_flat_map(move |(scale, levels, threshold)| {
            let levels = levels.map(|mut levels| {
                levels.sort_by(|a, b| a.0.total_cmp(&b.0));
                levels.dedup_by(|a, b| a.0 == b.0);
                levels
                    .into_iter()
                    .map(|(value, label)| Level { value, label })
                    .collect()
            });
            bare(
                points(halves),
                CriterionBody::Scored {
                    scale,
                    levels,
                    threshold,
                },
            )
        })
        .boxed()
}

fn auto_check() -> impl Strategy<Value = AutoCheck> {
    (
        select(SCHEMES.to_vec()),
        option::of(select(vec![0.0, 1.0, 2.0, 3.0])),
        option::of(subsequence(CertificationStatus::ALL.to_vec(), 1..=3)),
    )
        .prop_map(|(scheme, min_level, status)| AutoCheck {
            scheme: scheme.to_owned(),
            min_level,
            status,
        })
}

fn requirement_leaf() -> BoxedStrategy<Criterion> {
    option::of(auto_check())
        .prop_flat_map(|auto| bare(0.0, CriterionBody::Requirement { auto }))
        .boxed()
}

/// A node of weight 0: a requirement, or a group of requirements.
fn zero_node(depth: u32) -> BoxedStrategy<Criterion> {
    if depth >= MAX_DEPTH {
        return requirement_leaf();
    }
    prop_oneof![
        3 => requirement_leaf(),
        1 => proptest::collection::vec(requirement_leaf(), 1..=2)
            .prop_flat_map(|children| bare(0.0, CriterionBody::Group { children })),
    ]
    .boxed()
}

/// `parts` positive nodes sharing `halves` half-points, plus up to `extra` nodes of weight 0,
/// in random order.
fn siblings(
    halves: u32,
    max_parts: u32,
    extra: usize,
    depth: u32,
) -> BoxedStrategy<Vec<Criterion>> {
    (1..=max_parts.min(halves))
        .prop_flat_map(move |parts| split(halves, parts as usize))
        .prop_flat_map(move |parts| {
            let positive: Vec<BoxedStrategy<Criterion>> =
                parts.into_iter().map(|p| node(p, depth)).collect();
            (
                positive,
                proptest::collection::vec(zero_node(depth), 0..=extra),
            )
        })
        .prop_map(|(mut nodes, zeros)| {
            nodes.extend(zeros);
            nodes
        })
        .prop_shuffle()
        .boxed()
}

/// A node worth `halves` half-points (> 0) at `depth`.
fn node(halves: u32, depth: u32) -> BoxedStrategy<Criterion> {
    if depth >= MAX_DEPTH {
        return scored_leaf(halves);
    }
    // Deeper groups are rarer, which keeps trees (and score lists) small.
    let group_weight = if depth == 1 { 2 } else { 1 };
    prop_oneof![
        4 => scored_leaf(halves),
        group_weight => siblings(halves, 3, 1, depth + 1)
            .prop_flat_map(move |children| bare(points(halves), CriterionBody::Group { children })),
    ]
    .boxed()
}

fn price_formula() -> impl Strategy<Value = PriceFormula> {
    prop_oneof![
        Just(PriceFormula::Proportional),
        Just(PriceFormula::Linear),
        Just(PriceFormula::RelativeGap),
        select(vec![1.5, 2.0, 3.0]).prop_map(|n| PriceFormula::NTimes { n }),
    ]
}

/// The criteria tree: top-level weights add up to 100, with ids given and at most one price leaf.
fn criteria() -> impl Strategy<Value = Vec<Criterion>> {
    (
        siblings(200, 4, 2, 1),
        option::weighted(0.7, any::<Index>()),
        price_formula(),
        select(vec!["tech", "prix", "Env", "req_", "c-", "x"]),
    )
        .prop_map(|(mut nodes, price_at, formula, word)| {
            assign_ids(&mut nodes, None, word);
            if let Some(index) = price_at {
                let count = count_scored(&nodes);
                if count > 0 {
                    make_price(&mut nodes, &mut index.index(count), formula);
                }
            }
            nodes
        })
}

fn assign_ids(nodes: &mut [Criterion], parent: Option<&str>, word: &str) {
    for (i, node) in nodes.iter_mut().enumerate() {
        node.id = match parent {
            None => format!("{word}{}", i + 1),
            Some(parent) => format!("{parent}.{}", i + 1),
        };
        let id = node.id.clone();
        if let CriterionBody::Group { children } = &mut node.body {
            assign_ids(children, Some(&id), word);
        }
    }
}

fn count_scored(nodes: &[Criterion]) -> usize {
    nodes
        .iter()
        .map(|node| match &node.body {
            CriterionBody::Group { children } => count_scored(children),
            CriterionBody::Scored { .. } => 1,
            _ => 0,
        })
        .sum()
}

/// Turns the `remaining`-th scored leaf (depth first) into the price leaf.
fn make_price(nodes: &mut [Criterion], remaining: &mut usize, formula: PriceFormula) -> bool {
    for node in nodes {
        let done = match &mut node.body {
            CriterionBody::Group { children } => make_price(children, remaining, formula),
            CriterionBody::Scored { .. } if *remaining == 0 => {
                node.body = CriterionBody::Price { formula };
                true
            }
            CriterionBody::Scored { .. } => {
                *remaining -= 1;
                false
            }
            _ => false,
        };
        if done {
            return true;
        }
    }
    false
}

fn has_price_leaf(nodes: &[Criterion]) -> bool {
    nodes.iter().any(|node| match &node.body {
        CriterionBody::Group { children } => has_price_leaf(children),
        CriterionBody::Price { .. } => true,
        _ => false,
    })
}

fn leaves(nodes: &[Criterion]) -> Vec<&Criterion> {
    let mut out = Vec::new();
    for node in nodes {
        match &node.body {
            CriterionBody::Group { children } => out.extend(leaves(children)),
            _ => out.push(node),
        }
    }
    out
}

// ---- committee and offers ------------------------------------------------------------------

fn evaluator() -> impl Strategy<Value = Evaluator> {
    (
        text(),
        option::of(select(vec!["acheteuse", "RSSI", "DSI", "juriste"])),
    )
        .prop_map(|(name, role)| Evaluator {
            id: String::new(),
            name,
            role: role.map(str::to_owned),
        })
}

/// A certification valid or not on the deadline: bounds fall shortly before or after it, or are
/// open, and the deadline itself is a likely bound.
fn certification(deadline: NaiveDate) -> impl Strategy<Value = Certification> {
    (
        select(SCHEMES.to_vec()),
        option::of(select(vec![0.0, 1.0, 2.0, 3.0])),
        select(CertificationStatus::ALL.to_vec()),
        option::of(prop_oneof![Just(0i64), -800i64..=30]),
        option::of(prop_oneof![Just(0i64), -30i64..=800]),
        option::of("[A-Z]{2,5}-[0-9]{2,6}"),
    )
        .prop_map(move |(scheme, level, status, from, until, reference)| {
            let (from, until) = match (from, until) {
                (Some(from), Some(until)) if from > until => (Some(until), Some(from)),
                other => other,
            };
            Certification {
                scheme: scheme.to_owned(),
                level,
                status,
                valid_from: from.map(|days| shift(deadline, days)),
                valid_until: until.map(|days| shift(deadline, days)),
                reference,
            }
        })
}

fn offer(has_price: bool, deadline: NaiveDate) -> impl Strategy<Value = Offer> {
    let price = prop_oneof![
        (1u32..=5000).prop_map(|k| f64::from(k) * 1000.0),
        0.01f64..10_000_000.0,
    ];
    let price = if has_price {
        price.prop_map(Some).boxed()
    } else {
        option::of(price).boxed()
    };
    (
        text(),
        option::of(text()),
        price,
        option::weighted(0.15, text()),
        option::of(proptest::collection::vec(certification(deadline), 0..=3)),
    )
        .prop_map(|(bidder, name, price, irregular, certifications)| Offer {
            id: String::new(),
            bidder,
            name,
            price,
            irregular,
            certifications,
        })
}

// ---- scores and consensus ------------------------------------------------------------------

/// What may be recorded on `leaf`: a value on its scale, or met/not met.
fn answer(leaf: &Criterion) -> BoxedStrategy<Answer> {
    match &leaf.body {
        CriterionBody::Scored { scale, .. } => value_on(*scale).prop_map(Answer::Value).boxed(),
        _ => any::<bool>().prop_map(Answer::Met).boxed(),
    }
}

/// Individual scores: on scored leaves and on requirements without `auto`, at most one per
/// (offer, criterion, evaluator), in random order.
fn scores(evaluation: &Evaluation) -> BoxedStrategy<Vec<Score>> {
    let scorable: Vec<&Criterion> = leaves(&evaluation.criteria)
        .into_iter()
        .filter(|leaf| {
            matches!(
                leaf.body,
                CriterionBody::Scored { .. } | CriterionBody::Requirement { auto: None }
            )
        })
        .collect();
    let mut slots = Vec::new();
    for offer in &evaluation.offers {
        for leaf in &scorable {
            for evaluator in &evaluation.evaluators {
                let (offer, criterion, evaluator) =
                    (offer.id.clone(), leaf.id.clone(), evaluator.id.clone());
                let score = (answer(leaf), option::of(text()), option::of(timestamp())).prop_map(
                    move |(answer, justification, at)| Score {
                        offer: offer.clone(),
                        criterion: criterion.clone(),
                        evaluator: evaluator.clone(),
                        answer,
                        justification,
                        at,
                    },
                );
                slots.push(option::weighted(0.6, score));
            }
        }
    }
    slots
        .prop_map(|slots| slots.into_iter().flatten().collect::<Vec<_>>())
        .prop_shuffle()
        .boxed()
}

/// Committee decisions: on scored leaves and every requirement (`auto` ones included), at most
/// one per (offer, criterion), always justified.
fn consensus(evaluation: &Evaluation) -> BoxedStrategy<Vec<Consensus>> {
    let decidable: Vec<&Criterion> = leaves(&evaluation.criteria)
        .into_iter()
        .filter(|leaf| {
            matches!(
                leaf.body,
                CriterionBody::Scored { .. } | CriterionBody::Requirement { .. }
            )
        })
        .collect();
    let mut slots = Vec::new();
    for offer in &evaluation.offers {
        for leaf in &decidable {
            let (offer, criterion) = (offer.id.clone(), leaf.id.clone());
            let decision =
                (answer(leaf), text()).prop_map(move |(answer, justification)| Consensus {
                    offer: offer.clone(),
                    criterion: criterion.clone(),
                    answer,
                    justification,
                });
            slots.push(option::weighted(0.2, decision));
        }
    }
    slots
        .prop_map(|slots| slots.into_iter().flatten().collect::<Vec<_>>())
        .prop_shuffle()
        .boxed()
}

/// Declarations of interests: at most one per (evaluator, offer), in random order; a conflict
/// only where that evaluator has no score on the offer (a conflict withdraws them from it).
fn declarations(evaluation: &Evaluation) -> BoxedStrategy<Vec<Declaration>> {
    let mut slots = Vec::new();
    for evaluator in &evaluation.evaluators {
        for offer in &evaluation.offers {
            let scored = evaluation
                .scores
                .iter()
                .any(|s| s.evaluator == evaluator.id && s.offer == offer.id);
            let (evaluator, offer) = (evaluator.id.clone(), offer.id.clone());
            let conflict = if scored {
                Just(false).boxed()
            } else {
                any::<bool>().boxed()
            };
            let declaration = (conflict, timestamp(), option::of(text())).prop_map(
                move |(conflict, at, note)| Declaration {
                    evaluator: evaluator.clone(),
                    offer: offer.clone(),
                    conflict,
                    at,
                    note,
                },
            );
            slots.push(option::weighted(0.4, declaration));
        }
    }
    slots
        .prop_map(|slots| slots.into_iter().flatten().collect::<Vec<_>>())
        .prop_shuffle()
        .boxed()
}

// ---- tests of the generator itself -----------------------------------------------------------

fn check_weights(nodes: &[Criterion], expected: f64, path: &str) {
    let sum: f64 = nodes.iter().map(|n| n.weight).sum();
    assert!(
        (sum - expected).abs() <= TOLERANCE,
        "{path}: weights sum to {sum}, expected {expected}"
    );
    for node in nodes {
        match &node.body {
            CriterionBody::Group { children } => {
                assert!(!children.is_empty(), "{}: empty group", node.id);
                if node.weight == 0.0 {
                    assert!(
                        leaves(children)
                            .iter()
                            .all(|l| matches!(l.body, CriterionBody::Requirement { .. })),
                        "{}: a group of weight 0 holds only requirements",
                        node.id
                    );
                }
                check_weights(children, node.weight, &node.id);
            }
            CriterionBody::Requirement { .. } => assert_eq!(node.weight, 0.0, "{}", node.id),
            _ => assert!(
                node.weight > 0.0,
                "{}: scored and price leaves weigh > 0",
                node.id
            ),
        }
    }
}

proptest! {
    #[test]
    fn generated_evaluations_pass_validation(evaluation in evaluation()) {
        if let Err(invalid) = jauge_domain::validate_evaluation(&evaluation) {
            panic!(
                "generated evaluation is invalid:\n{invalid}\n{}",
                jauge_domain::evaluation_to_string(&evaluation)
            );
        }
    }

    #[test]
    fn generated_evaluations_have_consistent_weights_ids_and_scores(evaluation in evaluation()) {
        check_weights(&evaluation.criteria, 100.0, "criteria");
        let nodes = evaluation.nodes();
        let mut ids: Vec<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
        ids.extend(evaluation.offers.iter().map(|o| o.id.as_str()));
        ids.extend(evaluation.evaluators.iter().map(|e| e.id.as_str()));
        for id in &ids {
            prop_assert!(
                !id.is_empty()
                    && id.len() <= 64
                    && id.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
                "id {id:?} has the allowed pattern"
            );
        }
        let criteria_ids: std::collections::HashSet<_> = nodes.iter().map(|n| &n.id).collect();
        prop_assert_eq!(criteria_ids.len(), nodes.len(), "criteria ids are unique");
        let prices = evaluation
            .leaves()
            .iter()
            .filter(|l| matches!(l.body, CriterionBody::Price { .. }))
            .count();
        prop_assert!(prices <= 1, "at most one price leaf");
        if prices == 1 {
            prop_assert!(evaluation.offers.iter().all(|o| o.price.is_some_and(|p| p > 0.0)));
        }
        let mut keys: Vec<_> = evaluation
            .scores
            .iter()
            .map(|s| (&s.offer, &s.criterion, &s.evaluator))
            .collect();
        keys.sort();
        keys.dedup();
        prop_assert_eq!(keys.len(), evaluation.scores.len(), "one score per key");
        prop_assert!(evaluation.offers.len() <= 6 && evaluation.evaluators.len() <= 4);
    }
}
