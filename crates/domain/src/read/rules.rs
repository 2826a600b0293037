//! Second pass: the rules that tie the values of an evaluation together (weights, scales,
//! references between lists, uniqueness).
//!
//! Every check runs in time linear in the size of the evaluation: references are looked up in
//! hash maps built once ([`EvaluationIndex`]), never by scanning a list per score. The checks of
//! one score or one consensus are public ([`check_score`], [`check_consensus`]) so that an edit
//! can be validated against an evaluation already known to be valid without running the whole
//! validation again.
//!
//! Beyond the rules of the format, numbers are held to what the engine computes exactly: every
//! number must be finite, and scale bounds, prices and the `n` of `n_times` must lie within
//! ±[`MAX_MAGNITUDE`], so that no sum, mean or ratio of valid input overflows into an infinity
//! or a NaN.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::{Invalid, ProblemCode as Code, Problems, index, join};
use crate::model::*;
use crate::prices::{MAX_SIGNIFICANT_DIGITS, PriceSchedule, ScheduleLine};
use crate::rounds::{Exchange, ExchangeKind, Negotiation, RoundKind};
use crate::words::{Params, show};

/// The largest magnitude of a scale bound, a price or the `n` of `n_times` (10¹⁵: a billion
/// billion cents is more than any tender, and a million such values still sum exactly enough).
pub const MAX_MAGNITUDE: f64 = 1e15;

/// Checks the rules of the format on an evaluation built in memory (the second pass of
/// [`super::parse_evaluation`]). Paths are those the evaluation would have as a file.
pub fn validate_evaluation(evaluation: &Evaluation) -> Result<(), Invalid> {
    let mut rules = Rules {
        several_prices: evaluation.price_schedule.is_some(),
        ..Rules::default()
    };
    rules.tender(&evaluation.tender);
    rules.settings(&evaluation.settings);
    let price = rules.criteria(&evaluation.criteria);
    rules.evaluators(&evaluation.evaluators);
    // Sealed prices may be missing until the buyer opens them; with a schedule, prices come
    // from its lines and offers carry none.
    rules.offers(
        &evaluation.offers,
        match &evaluation.price_schedule {
            Some(_) => OfferPrice::FromSchedule,
            None if price.is_some() && !evaluation.prices_sealed() => OfferPrice::Required,
            None => OfferPrice::Optional,
        },
    );
    if let Some(schedule) = &evaluation.price_schedule {
        rules.price_schedule(evaluation, schedule);
    }
    let index = EvaluationIndex::new(evaluation);
    rules.scores(&index, &evaluation.scores);
    rules.consensus(&index, &evaluation.consensus);
    rules.declarations(&index, &evaluation.declarations);
    if let Some(at) = &evaluation.prices_opened_at {
        rules.timestamp(at, "prices_opened_at".into());
    }
    if let Some(negotiation) = &evaluation.negotiation {
        rules.negotiation(evaluation, &index, negotiation);
    }
    rules.exchanges(evaluation, &index);
    rules.problems.into_result()
}

/// Checks a criteria tree alone (weights, kinds, scales, ids), as the set-up screen does while
/// the buyer edits it; paths are those of the tree in a file (`criteria[1].children`).
pub fn validate_criteria(criteria: &[Criterion]) -> Result<(), Invalid> {
    let mut rules = Rules::default();
    rules.criteria(criteria);
    rules.problems.into_result()
}

/// What the checks of a score or a consensus look up, built once per evaluation in time linear
/// in its offers, evaluators and criteria (not its scores).
#[derive(Debug, Default)]
pub struct EvaluationIndex<'a> {
    nodes: HashMap<&'a str, &'a Criterion>,
    offers: HashSet<&'a str>,
    evaluators: HashSet<&'a str>,
    /// (evaluator, offer) of every declared conflict of interest: cells that evaluator may not
    /// score.
    conflicts: HashSet<(&'a str, &'a str)>,
}

impl<'a> EvaluationIndex<'a> {
    /// The index without its declared conflicts: for a caller that decides which declaration
    /// holds itself (merging a return file, whose declarations may be newer than the stored ones).
    pub fn without_conflicts(mut self) -> EvaluationIndex<'a> {
        self.conflicts.clear();
        self
    }

    pub fn new(evaluation: &'a Evaluation) -> EvaluationIndex<'a> {
        let mut nodes = HashMap::new();
        fn walk<'a>(list: &'a [Criterion], nodes: &mut HashMap<&'a str, &'a Criterion>) {
            for node in list {
                // The first node of an id wins, as the duplicate is reported on the second.
                nodes.entry(node.id.as_str()).or_insert(node);
                walk(node.children(), nodes);
            }
        }
        walk(&evaluation.criteria, &mut nodes);
        EvaluationIndex {
            nodes,
            offers: evaluation.offers.iter().map(|o| o.id.as_str()).collect(),
            evaluators: evaluation
                .evaluators
                .iter()
                .map(|e| e.id.as_str())
                .collect(),
            conflicts: evaluation
                .declarations
                .iter()
                .filter(|d| d.conflict)
                .map(|d| (d.evaluator.as_str(), d.offer.as_str()))
                .collect(),
        }
    }
}

/// Checks one score against an evaluation's index: its offer, evaluator and criterion exist, the
/// criterion takes scores, the answer fits it, the timestamp reads. `path` is where the score is
/// (`scores[12]`). Uniqueness of (offer, criterion, evaluator) is the caller's: a full
/// validation checks it across the list, an edit that replaces a score keeps it by construction.
pub fn check_score(index: &EvaluationIndex, path: &str, score: &Score) -> Result<(), Invalid> {
    let mut rules = Rules::default();
    rules.score(index, path, score);
    rules.problems.into_result()
}

/// Checks one consensus against an evaluation's index, as [`check_score`] does for a score.
pub fn check_consensus(
    index: &EvaluationIndex,
    path: &str,
    decision: &Consensus,
) -> Result<(), Invalid> {
    let mut rules = Rules::default();
    rules.one_consensus(index, path, decision);
    rules.problems.into_result()
}

#[derive(Default)]
struct Rules {
    problems: Problems,
    /// Whether the tree may have several price leaves (a price schedule feeds them).
    several_prices: bool,
}

/// What an offer's `price` must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OfferPrice {
    Required,
    Optional,
    /// The price schedule gives it: `price` must be absent.
    FromSchedule,
}

/// The number of significant digits of `number` as its shortest decimal spelling writes it
/// (`1200` has 2, `0.0405` has 3).
fn significant_digits(number: f64) -> usize {
    let text = format!("{}", number.abs());
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let trimmed = digits.trim_start_matches('0').trim_end_matches('0');
    trimmed.len()
}

pub(super) fn is_identifier(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn is_scheme_name(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// True when `a` and `b` are equal within the tolerance (false when either overflowed).
fn within(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOLERANCE
}

fn value(value: f64) -> Params {
    Params::new().number("value", value)
}

fn id(id: &str) -> Params {
    Params::new().with("id", id)
}

fn criterion(id: &str) -> Params {
    Params::new().with("criterion", id)
}

impl Rules {
    fn problem(&mut self, path: impl Into<String>, code: Code, params: Params) {
        self.problems.push(path, code, params);
    }

    fn non_empty(&mut self, value: &str, path: impl Into<String>) {
        if value.trim().is_empty() {
            self.problem(path, Code::Empty, Params::new());
        }
    }

    /// False (and a problem) when `number` is not finite.
    fn finite(&mut self, number: f64, path: impl Into<String>) -> bool {
        if number.is_finite() {
            true
        } else {
            self.problem(path, Code::NotFinite, Params::new());
            false
        }
    }

    /// False (and a problem) when `number` is not finite or beyond [`MAX_MAGNITUDE`].
    fn bounded(&mut self, number: f64, path: impl Into<String>) -> bool {
        let path = path.into();
        if !self.finite(number, path.clone()) {
            return false;
        }
        if number.abs() > MAX_MAGNITUDE {
            self.problem(
                path,
                Code::TooBig,
                value(number).with("limit", show(MAX_MAGNITUDE)),
            );
            return false;
        }
        true
    }

    /// Checks identifier syntax and uniqueness; `seen` maps ids to the path that first used them.
    fn identifier<'a>(&mut self, id: &'a str, path: String, seen: &mut HashMap<&'a str, String>) {
        let id_path = join(&path, "id");
        if !is_identifier(id) {
            self.problem(id_path, Code::InvalidId, self::id(id));
        } else if let Some(first) = seen.get(id) {
            let params = self::id(id).with("first", first.as_str());
            self.problem(id_path, Code::DuplicateId, params);
        } else {
            seen.insert(id, path);
        }
    }

    fn tender(&mut self, tender: &Tender) {
        self.non_empty(&tender.reference, "tender.reference");
        self.non_empty(&tender.title, "tender.title");
        self.non_empty(&tender.buyer, "tender.buyer");
        if let Some(currency) = &tender.currency
            && !(currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase()))
        {
            self.problem(
                "tender.currency",
                Code::InvalidCurrency,
                Params::new().with("currency", currency.as_str()),
            );
        }
    }

    fn settings(&mut self, settings: &Settings) {
        if let Some(t) = settings.divergence_threshold
            && !(t > 0.0 && t <= 1.0)
        {
            self.problem(
                "settings.divergence_threshold",
                Code::OutsideRange,
                value(t).with("range", "(0, 1]"),
            );
        }
        if let Some(AbnormallyLowMethod::PercentBelowMean { percent: Some(p) }) =
            settings.abnormally_low
            && !(p > 0.0 && p < 100.0)
        {
            self.problem(
                "settings.abnormally_low.percent",
                Code::OutsideRange,
                value(p).with("range", "(0, 100)"),
            );
        }
    }

    /// Checks the tree; returns the id of the price leaf, if any.
    fn criteria<'a>(&mut self, criteria: &'a [Criterion]) -> Option<&'a str> {
        let mut price = None;
        let mut seen = HashMap::new();
        for (i, node) in criteria.iter().enumerate() {
            self.node(node, index("criteria", i), false, &mut price, &mut seen);
        }
        let sum: f64 = criteria.iter().map(|c| c.weight).sum();
        if criteria.iter().all(|c| c.weight.is_finite()) && !within(sum, 100.0) {
            self.problem(
                "criteria",
                Code::TopWeightsSum,
                Params::new().number("sum", sum),
            );
        }
        price
    }

    fn node<'a>(
        &mut self,
        node: &'a Criterion,
        path: String,
        in_zero_group: bool,
        price: &mut Option<&'a str>,
        seen: &mut HashMap<&'a str, String>,
    ) {
        self.identifier(&node.id, path.clone(), seen);
        self.non_empty(&node.title, join(&path, "title"));
        let weight_path = join(&path, "weight");
        if !self.finite(node.weight, &weight_path) {
            return;
        }
        if node.weight < 0.0 {
            self.problem(
                &weight_path,
                Code::NegativeWeight,
                Params::new().number("weight", node.weight),
            );
        }
        let is_requirement = matches!(node.body, CriterionBody::Requirement { .. });
        if in_zero_group && node.is_leaf() && !is_requirement {
            self.problem(
                &path,
                Code::LeafInZeroGroup,
                criterion(&node.id).with("kind", node.body.kind_name().unwrap_or("group")),
            );
        }
        match &node.body {
            CriterionBody::Group { children } => {
                let children_path = join(&path, "children");
                if children.is_empty() {
                    self.problem(&children_path, Code::EmptyGroup, Params::new());
                    return;
                }
                let zero = in_zero_group || node.weight.abs() <= TOLERANCE;
                for (i, child) in children.iter().enumerate() {
                    self.node(child, index(&children_path, i), zero, price, seen);
                }
                let sum: f64 = children.iter().map(|c| c.weight).sum();
                if children.iter().all(|c| c.weight.is_finite()) && !within(sum, node.weight) {
                    self.problem(
                        children_path,
                        Code::GroupWeightsSum,
                        Params::new()
                            .number("sum", sum)
                            .with("group", node.id.as_str())
                            .number("weight", node.weight),
                    );
                }
            }
            CriterionBody::Requirement { auto } => {
                if node.weight.abs() > TOLERANCE {
                    self.problem(
                        weight_path,
                        Code::RequirementWeight,
                        Params::new().number("weight", node.weight),
                    );
                }
                if let Some(auto) = auto {
                    self.auto(auto, join(&path, "auto"));
                }
            }
            CriterionBody::Scored {
                scale,
                levels,
                threshold,
            } => {
                if node.weight <= TOLERANCE {
                    self.problem(weight_path, Code::ScoredWeight, Params::new());
                }
                self.scored(node, scale, levels.as_deref(), *threshold, &path);
            }
            CriterionBody::Price { formula } => {
                if node.weight <= TOLERANCE {
                    self.problem(weight_path, Code::PriceWeight, Params::new());
                }
                if let PriceFormula::NTimes { n } = formula {
                    let n_path = join(&path, "formula.n");
                    if self.bounded(*n, &n_path) && *n <= 1.0 {
                        self.problem(n_path, Code::NotAboveOne, value(*n));
                    }
                }
                match price {
                    Some(_) if self.several_prices => {}
                    Some(first) => self.problem(
                        join(&path, "kind"),
                        Code::SecondPrice,
                        Params::new().with("first", *first),
                    ),
                    None => *price = Some(&node.id),
                }
            }
        }
    }

    fn scored(
        &mut self,
        node: &Criterion,
        scale: &Scale,
        levels: Option<&[Level]>,
        threshold: Option<f64>,
        path: &str,
    ) {
        let scale_path = join(path, "scale");
        let min_ok = self.bounded(scale.min, join(&scale_path, "min"));
        let max_ok = self.bounded(scale.max, join(&scale_path, "max"));
        if !(min_ok && max_ok) {
            return;
        }
        if scale.min >= scale.max {
            self.problem(
                &scale_path,
                Code::ScaleOrder,
                Params::new()
                    .number("min", scale.min)
                    .number("max", scale.max),
            );
            return;
        }
        if let Some(step) = scale.step {
            let step_path = join(&scale_path, "step");
            if !self.finite(step, &step_path) {
                return;
            }
            if step <= 0.0 {
                self.problem(step_path, Code::NotPositive, value(step));
                return;
            }
        }
        for (i, level) in levels.unwrap_or(&[]).iter().enumerate() {
            let level_path = index(&join(path, "levels"), i);
            self.on_scale(level.value, scale, &node.id, join(&level_path, "value"));
            self.non_empty(&level.label, join(&level_path, "label"));
        }
        if let Some(t) = threshold
            && !scale.contains(t)
        {
            self.problem(
                join(path, "threshold"),
                Code::ThresholdOutsideScale,
                value(t).number("min", scale.min).number("max", scale.max),
            );
        }
    }

    fn on_scale(&mut self, number: f64, scale: &Scale, criterion: &str, path: String) {
        if !scale.contains(number) {
            self.problem(
                path,
                Code::OutsideScale,
                value(number)
                    .number("min", scale.min)
                    .number("max", scale.max)
                    .with("criterion", criterion),
            );
        } else if !scale.is_on_step(number) {
            self.problem(
                path,
                Code::OffStep,
                value(number)
                    .number("step", scale.step.unwrap_or(0.0))
                    .with("criterion", criterion)
                    .number("min", scale.min),
            );
        }
    }

    fn scheme(&mut self, scheme: &str, path: String) {
        if !is_scheme_name(scheme) {
            self.problem(
                path,
                Code::InvalidScheme,
                Params::new().with("scheme", scheme),
            );
        }
    }

    fn auto(&mut self, auto: &AutoCheck, path: String) {
        self.scheme(&auto.scheme, join(&path, "scheme"));
        if let Some(level) = auto.min_level {
            self.finite(level, join(&path, "min_level"));
        }
        if auto.status.as_ref().is_some_and(Vec::is_empty) {
            self.problem(join(&path, "status"), Code::NoStatus, Params::new());
        }
    }

    fn evaluators(&mut self, evaluators: &[Evaluator]) {
        let mut seen = HashMap::new();
        for (i, evaluator) in evaluators.iter().enumerate() {
            let path = index("evaluators", i);
            self.identifier(&evaluator.id, path.clone(), &mut seen);
            self.non_empty(&evaluator.name, join(&path, "name"));
        }
    }

    fn offers(&mut self, offers: &[Offer], price_rule: OfferPrice) {
        let mut seen = HashMap::new();
        for (i, offer) in offers.iter().enumerate() {
            let path = index("offers", i);
            self.identifier(&offer.id, path.clone(), &mut seen);
            self.non_empty(&offer.bidder, join(&path, "bidder"));
            let price_path = join(&path, "price");
            match offer.price {
                Some(_) if price_rule == OfferPrice::FromSchedule => {
                    self.problem(price_path, Code::PriceWithSchedule, Params::new());
                }
                Some(price) if !self.bounded(price, &price_path) => {}
                Some(price) if price <= 0.0 => {
                    self.problem(price_path, Code::NotPositive, value(price));
                }
                None if price_rule == OfferPrice::Required => {
                    self.problem(price_path, Code::PriceRequired, Params::new());
                }
                _ => {}
            }
            if let Some(reason) = &offer.irregular {
                self.non_empty(reason, join(&path, "irregular.reason"));
            }
            for (j, cert) in offer.certifications().iter().enumerate() {
                let cert_path = index(&join(&path, "certifications"), j);
                self.scheme(&cert.scheme, join(&cert_path, "scheme"));
                if let Some(level) = cert.level {
                    self.finite(level, join(&cert_path, "level"));
                }
                if let (Some(from), Some(until)) = (cert.valid_from, cert.valid_until)
                    && from > until
                {
                    self.problem(
                        join(&cert_path, "valid_until"),
                        Code::ValidityOrder,
                        Params::new()
                            .with("until", until.to_string())
                            .with("from", from.to_string()),
                    );
                }
            }
        }
    }

    /// Checks that a score or consensus names an existing offer and a leaf that takes this kind
    /// of answer; returns the leaf when it does.
    fn target<'a>(
        &mut self,
        index: &EvaluationIndex<'a>,
        offer: &str,
        criterion_id: &str,
        path: &str,
        is_consensus: bool,
    ) -> Option<&'a Criterion> {
        if !index.offers.contains(offer) {
            self.problem(join(path, "offer"), Code::UnknownOffer, id(offer));
        }
        let criterion_path = join(path, "criterion");
        let Some(node) = index.nodes.get(criterion_id).copied() else {
            self.problem(criterion_path, Code::UnknownCriterion, id(criterion_id));
            return None;
        };
        let refusal = match &node.body {
            CriterionBody::Group { .. } => Some(Code::GroupNotScored),
            CriterionBody::Price { .. } => Some(Code::PriceNotScored),
            CriterionBody::Requirement { auto: Some(_) } if !is_consensus => {
                Some(Code::AutomaticNotScored)
            }
            _ => None,
        };
        if let Some(code) = refusal {
            self.problem(criterion_path, code, criterion(criterion_id));
            return None;
        }
        Some(node)
    }

    fn answer_fits(&mut self, node: &Criterion, answer: Answer, path: &str) {
        match (&node.body, answer) {
            (CriterionBody::Scored { scale, .. }, Answer::Value(v)) => {
                self.on_scale(v, scale, &node.id, join(path, "value"));
            }
            (CriterionBody::Scored { .. }, Answer::Met(_)) => {
                self.problem(join(path, "met"), Code::MetOnScored, criterion(&node.id));
            }
            (CriterionBody::Requirement { .. }, Answer::Value(_)) => self.problem(
                join(path, "value"),
                Code::ValueOnRequirement,
                criterion(&node.id),
            ),
            _ => {}
        }
    }

    fn score(&mut self, index: &EvaluationIndex, path: &str, score: &Score) {
        if !index.evaluators.contains(score.evaluator.as_str()) {
            self.problem(
                join(path, "evaluator"),
                Code::UnknownEvaluator,
                id(&score.evaluator),
            );
        }
        if let Some(node) = self.target(index, &score.offer, &score.criterion, path, false) {
            self.answer_fits(node, score.answer, path);
        }
        if let Some(at) = &score.at {
            self.timestamp(at, join(path, "at"));
        }
        if index
            .conflicts
            .contains(&(score.evaluator.as_str(), score.offer.as_str()))
        {
            self.problem(
                path,
                Code::ScoreDespiteConflict,
                Params::new()
                    .with("evaluator", score.evaluator.as_str())
                    .with("offer", score.offer.as_str()),
            );
        }
    }

    fn timestamp(&mut self, at: &str, path: String) {
        if chrono::DateTime::parse_from_rfc3339(at).is_err() {
            self.problem(path, Code::InvalidTimestamp, Params::new().with("at", at));
        }
    }

    fn declarations(&mut self, index: &EvaluationIndex, declarations: &[Declaration]) {
        let mut seen: HashMap<(&str, &str), usize> = HashMap::with_capacity(declarations.len());
        for (i, declaration) in declarations.iter().enumerate() {
            let path = self::index("declarations", i);
            if !index.evaluators.contains(declaration.evaluator.as_str()) {
                self.problem(
                    join(&path, "evaluator"),
                    Code::UnknownEvaluator,
                    id(&declaration.evaluator),
                );
            }
            if !index.offers.contains(declaration.offer.as_str()) {
                self.problem(
                    join(&path, "offer"),
                    Code::UnknownOffer,
                    id(&declaration.offer),
                );
            }
            self.timestamp(&declaration.at, join(&path, "at"));
            if let Some(note) = &declaration.note {
                self.non_empty(note, join(&path, "note"));
            }
            let key = (declaration.evaluator.as_str(), declaration.offer.as_str());
            if let Some(first) = seen.get(&key) {
                self.problem(
                    &path,
                    Code::DuplicateDeclaration,
                    Params::new()
                        .with("evaluator", declaration.evaluator.as_str())
                        .with("offer", declaration.offer.as_str())
                        .with("first", self::index("declarations", *first)),
                );
            } else {
                seen.insert(key, i);
            }
        }
    }

    fn scores(&mut self, index: &EvaluationIndex, scores: &[Score]) {
        self.scores_at(index, "scores", scores);
    }

    /// The checks of a list of scores written at `list` (`scores`, or a round's).
    fn scores_at(&mut self, index: &EvaluationIndex, list: &str, scores: &[Score]) {
        let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::with_capacity(scores.len());
        for (i, score) in scores.iter().enumerate() {
            let path = self::index(list, i);
            self.score(index, &path, score);
            let key = (
                score.offer.as_str(),
                score.criterion.as_str(),
                score.evaluator.as_str(),
            );
            if let Some(first) = seen.get(&key) {
                self.problem(
                    &path,
                    Code::DuplicateScore,
                    Params::new()
                        .with("evaluator", score.evaluator.as_str())
                        .with("offer", score.offer.as_str())
                        .with("criterion", score.criterion.as_str())
                        .with("first", self::index(list, *first)),
                );
            } else {
                seen.insert(key, i);
            }
        }
    }

    fn one_consensus(&mut self, index: &EvaluationIndex, path: &str, decision: &Consensus) {
        if let Some(node) = self.target(index, &decision.offer, &decision.criterion, path, true) {
            self.answer_fits(node, decision.answer, path);
        }
        self.non_empty(&decision.justification, join(path, "justification"));
    }

    fn consensus(&mut self, index: &EvaluationIndex, decisions: &[Consensus]) {
        self.consensus_at(index, "consensus", decisions);
    }

    /// The checks of a list of decisions written at `list` (`consensus`, or a round's).
    fn consensus_at(&mut self, index: &EvaluationIndex, list: &str, decisions: &[Consensus]) {
        let mut seen: HashMap<(&str, &str), usize> = HashMap::with_capacity(decisions.len());
        for (i, decision) in decisions.iter().enumerate() {
            let path = self::index(list, i);
            self.one_consensus(index, &path, decision);
            let key = (decision.offer.as_str(), decision.criterion.as_str());
            if let Some(first) = seen.get(&key) {
                self.problem(
                    &path,
                    Code::DuplicateConsensus,
                    Params::new()
                        .with("offer", decision.offer.as_str())
                        .with("criterion", decision.criterion.as_str())
                        .with("first", self::index(list, *first)),
                );
            } else {
                seen.insert(key, i);
            }
        }
    }
}

impl Rules {
    /// A money figure or quantity of the schedule: finite, within [`MAX_MAGNITUDE`], not
    /// negative, and no more digits than a spreadsheet keeps (so that it is the decimal its
    /// author wrote).
    fn schedule_number(&mut self, number: f64, path: String) -> bool {
        if !self.bounded(number, &path) {
            return false;
        }
        if number < 0.0 {
            self.problem(path, Code::NegativeAmount, value(number));
            return false;
        }
        if significant_digits(number) > MAX_SIGNIFICANT_DIGITS {
            let params = Params::new()
                .with("text", format!("{number}"))
                .with("digits", MAX_SIGNIFICANT_DIGITS.to_string());
            self.problem(path, Code::TooPreciseNumber, params);
            return false;
        }
        true
    }

    fn price_schedule(&mut self, evaluation: &Evaluation, schedule: &PriceSchedule) {
        let price_leaves = crate::prices::price_leaf_ids(evaluation);
        if price_leaves.is_empty() {
            self.problem("price_schedule", Code::ScheduleWithoutPrice, Params::new());
        }
        let is_price_leaf = |id: &str| price_leaves.contains(&id);
        let mut seen = HashMap::new();
        let mut fed: HashSet<&str> = HashSet::new();
        let mut lines: HashMap<&str, &ScheduleLine> = HashMap::new();
        for (i, line) in schedule.lines.iter().enumerate() {
            let path = index("price_schedule.lines", i);
            self.identifier(&line.id, path.clone(), &mut seen);
            lines.entry(line.id.as_str()).or_insert(line);
            self.non_empty(&line.label, join(&path, "label"));
            self.non_empty(&line.unit, join(&path, "unit"));
            self.schedule_number(line.quantity, join(&path, "quantity"));
            match &line.criterion {
                Some(id) if is_price_leaf(id) => {
                    fed.insert(id.as_str());
                }
                Some(id) => self.problem(
                    join(&path, "criterion"),
                    Code::NotAPriceCriterion,
                    self::id(id),
                ),
                None => match price_leaves.as_slice() {
                    [only] => {
                        fed.insert(only);
                    }
                    [] => {}
                    several => self.problem(
                        join(&path, "criterion"),
                        Code::LineCriterionRequired,
                        Params::new().with("criteria", several.join(", ")),
                    ),
                },
            }
        }
        if schedule.lines.is_empty() {
            self.problem("price_schedule.lines", Code::Empty, Params::new());
        }
        for leaf in &price_leaves {
            if !fed.contains(leaf) && !schedule.lines.is_empty() {
                self.problem(
                    "price_schedule.lines",
                    Code::PriceCriterionWithoutLines,
                    criterion(leaf),
                );
            }
        }
        if let Some(id) = &schedule.abnormally_low_on
            && !is_price_leaf(id)
        {
            self.problem(
                "price_schedule.abnormally_low_on",
                Code::NotAPriceCriterion,
                self::id(id),
            );
        }
        let offers: HashSet<&str> = evaluation.offers.iter().map(|o| o.id.as_str()).collect();
        let mut returned: HashSet<&str> = HashSet::new();
        for (i, bid) in schedule.offers.iter().enumerate() {
            let path = index("price_schedule.offers", i);
            if !offers.contains(bid.offer.as_str()) {
                self.problem(join(&path, "offer"), Code::UnknownOffer, id(&bid.offer));
            } else if !returned.insert(bid.offer.as_str()) {
                self.problem(
                    join(&path, "offer"),
                    Code::DuplicateScheduleOffer,
                    Params::new().with("offer", bid.offer.as_str()),
                );
            }
            let mut priced: HashSet<&str> = HashSet::new();
            for (j, price) in bid.prices.iter().enumerate() {
                let price_path = index(&join(&path, "prices"), j);
                let Some(line) = lines.get(price.line.as_str()) else {
                    self.problem(
                        join(&price_path, "line"),
                        Code::UnknownLine,
                        id(&price.line),
                    );
                    continue;
                };
                if !priced.insert(price.line.as_str()) {
                    self.problem(
                        join(&price_path, "line"),
                        Code::DuplicateLinePrice,
                        Params::new().with("line", price.line.as_str()),
                    );
                }
                let unit_ok =
                    self.schedule_number(price.unit_price, join(&price_path, "unit_price"));
                if let Some(total) = price.submitted_total {
                    self.schedule_number(total, join(&price_path, "submitted_total"));
                }
                if unit_ok
                    && line.quantity.is_finite()
                    && crate::prices::line_amount(line.quantity, price.unit_price)
                        .is_none_or(|a| crate::prices::to_f64(a) > MAX_MAGNITUDE)
                {
                    self.problem(
                        join(&price_path, "unit_price"),
                        Code::AmountNotExact,
                        Params::new().with("line", price.line.as_str()),
                    );
                }
            }
            if let Some(total) = bid.submitted_total {
                self.schedule_number(total, join(&path, "submitted_total"));
            }
        }
        // Every formula divides by a price or by the lowest one: a price criterion an offer
        // totals 0 on cannot be scored, as a `price` of 0 cannot (found by fuzzing).
        let schedule_index = crate::prices::ScheduleIndex::new(schedule, &price_leaves);
        for (i, bid) in schedule.offers.iter().enumerate() {
            for (leaf, total) in schedule_index.pricing(&bid.offer).totals {
                if total.is_some_and(|t| t.is_zero()) {
                    self.problem(
                        index("price_schedule.offers", i),
                        Code::ZeroPriceTotal,
                        Params::new()
                            .with("offer", bid.offer.as_str())
                            .with("criterion", leaf),
                    );
                }
            }
        }
        self.corrections(evaluation, schedule, &price_leaves, &lines);
    }

    /// Each correction names a discrepancy that the offer's figures really have, once.
    fn corrections(
        &mut self,
        evaluation: &Evaluation,
        schedule: &PriceSchedule,
        price_leaves: &[&str],
        lines: &HashMap<&str, &ScheduleLine>,
    ) {
        let offers: HashSet<&str> = evaluation.offers.iter().map(|o| o.id.as_str()).collect();
        let schedule_index = crate::prices::ScheduleIndex::new(schedule, price_leaves);
        // Each offer's figures are checked once, however many corrections it has.
        let mut pricings: HashMap<&str, crate::prices::OfferPricing> = HashMap::new();
        let mut seen: HashSet<(&str, Option<&str>)> = HashSet::new();
        for (i, correction) in schedule.corrections.iter().enumerate() {
            let path = index("price_schedule.corrections", i);
            self.non_empty(&correction.note, join(&path, "note"));
            self.timestamp(&correction.at, join(&path, "at"));
            if !offers.contains(correction.offer.as_str()) {
                self.problem(
                    join(&path, "offer"),
                    Code::UnknownOffer,
                    id(&correction.offer),
                );
                continue;
            }
            if let Some(line) = &correction.line
                && !lines.contains_key(line.as_str())
            {
                self.problem(join(&path, "line"), Code::UnknownLine, id(line));
                continue;
            }
            let what = correction
                .line
                .clone()
                .unwrap_or_else(|| "total".to_owned());
            let params = Params::new()
                .with("offer", correction.offer.as_str())
                .with("what", what);
            if !seen.insert((correction.offer.as_str(), correction.line.as_deref())) {
                self.problem(path, Code::DuplicateCorrection, params);
                continue;
            }
            let pricing = pricings
                .entry(correction.offer.as_str())
                .or_insert_with(|| schedule_index.pricing(&correction.offer));
            if !pricing
                .discrepancies
                .iter()
                .any(|d| d.line == correction.line)
            {
                self.problem(path, Code::CorrectionWithoutDiscrepancy, params);
            }
        }
    }
}

/// A score or decision as a citation names it: offer, criterion, evaluator (none: the
/// committee's decision).
type ScoreCell<'a> = (&'a str, &'a str, Option<&'a str>);

/// Rounds of a negotiated procedure and exchanges with bidders (see [`crate::rounds`]).
impl Rules {
    fn date_order(&mut self, before: NaiveDate, after: NaiveDate, path: String) {
        if after < before {
            let params = Params::new()
                .with("before", before.to_string())
                .with("after", after.to_string());
            self.problem(path, Code::DateOrder, params);
        }
    }

    fn negotiation(
        &mut self,
        evaluation: &Evaluation,
        idx: &EvaluationIndex,
        negotiation: &Negotiation,
    ) {
        let rounds = &negotiation.rounds;
        if rounds.is_empty() {
            self.problem("negotiation.rounds", Code::Empty, Params::new());
            return;
        }
        let last = rounds.len() - 1;
        if rounds.len() > 1
            && let Some(procedure @ (Procedure::Open | Procedure::Restricted)) =
                evaluation.tender.procedure
        {
            let params = Params::new().with("procedure", procedure.as_str());
            self.problem("negotiation.rounds[1]", Code::NegotiationNotAllowed, params);
        }
        let mut seen = HashMap::new();
        // Where each offer was set aside: (round position, round id).
        let mut gone: HashMap<&str, (usize, &str)> = HashMap::new();
        for (r, round) in rounds.iter().enumerate() {
            let path = index("negotiation.rounds", r);
            self.identifier(&round.id, path.clone(), &mut seen);
            self.non_empty(&round.label, join(&path, "label"));
            // A negotiation in progress has no final round yet: its latest round may be an
            // intermediate one.
            let in_place = match round.kind {
                RoundKind::Initial => r == 0,
                RoundKind::Intermediate => r > 0,
                RoundKind::Final => r > 0 && r == last,
            };
            if !in_place {
                let params = Params::new()
                    .with("round", round.id.as_str())
                    .with("kind", round.kind.as_str());
                self.problem(join(&path, "kind"), Code::RoundOrder, params);
            }
            if let (Some(invited), Some(deadline)) = (round.invited, round.deadline) {
                self.date_order(invited, deadline, join(&path, "deadline"));
            }
            let absent = |offer: &str| gone.get(offer).is_some_and(|(at, _)| *at < r);
            let not_here = |offer: &str| {
                Params::new()
                    .with("offer", offer)
                    .with("round", round.id.as_str())
            };
            if r == last {
                if round.has_own_data() {
                    let params = Params::new().with("round", round.id.as_str());
                    self.problem(path.clone(), Code::LatestRoundOwnData, params);
                }
                for (i, score) in evaluation.scores.iter().enumerate() {
                    if absent(&score.offer) {
                        let at = join(&index("scores", i), "offer");
                        self.problem(at, Code::OfferNotInRound, not_here(&score.offer));
                    }
                }
                for (i, decision) in evaluation.consensus.iter().enumerate() {
                    if absent(&decision.offer) {
                        let at = join(&index("consensus", i), "offer");
                        self.problem(at, Code::OfferNotInRound, not_here(&decision.offer));
                    }
                }
            } else {
                for (i, version) in round.offers.iter().enumerate() {
                    let at = index(&join(&path, "offers"), i);
                    if !idx.offers.contains(version.offer.as_str()) {
                        self.problem(join(&at, "offer"), Code::UnknownOffer, id(&version.offer));
                    } else if absent(&version.offer) {
                        self.problem(at.clone(), Code::OfferNotInRound, not_here(&version.offer));
                    }
                    if let Some(price) = version.price {
                        let price_path = join(&at, "price");
                        if evaluation.price_schedule.is_some() {
                            self.problem(price_path, Code::RoundPriceWithSchedule, Params::new());
                        } else if self.bounded(price, &price_path) && price <= 0.0 {
                            self.problem(price_path, Code::NotPositive, value(price));
                        }
                    }
                    for (j, cert) in version.certifications.iter().flatten().enumerate() {
                        let cert_path = index(&join(&at, "certifications"), j);
                        self.scheme(&cert.scheme, join(&cert_path, "scheme"));
                    }
                }
                let scores_path = join(&path, "scores");
                self.scores_at(idx, &scores_path, &round.scores);
                for (i, score) in round.scores.iter().enumerate() {
                    if absent(&score.offer) {
                        let at = join(&index(&scores_path, i), "offer");
                        self.problem(at, Code::OfferNotInRound, not_here(&score.offer));
                    }
                }
                let consensus_path = join(&path, "consensus");
                self.consensus_at(idx, &consensus_path, &round.consensus);
                for (i, decision) in round.consensus.iter().enumerate() {
                    if absent(&decision.offer) {
                        let at = join(&index(&consensus_path, i), "offer");
                        self.problem(at, Code::OfferNotInRound, not_here(&decision.offer));
                    }
                }
            }
            for (i, elimination) in round.eliminated.iter().enumerate() {
                let at = index(&join(&path, "eliminated"), i);
                self.non_empty(&elimination.reason, join(&at, "reason"));
                if !idx.offers.contains(elimination.offer.as_str()) {
                    let params = id(&elimination.offer);
                    self.problem(join(&at, "offer"), Code::UnknownOffer, params);
                    continue;
                }
                if let Some((_, earlier)) = gone.get(elimination.offer.as_str()) {
                    let params = Params::new()
                        .with("offer", elimination.offer.as_str())
                        .with("round", *earlier);
                    self.problem(at, Code::OfferAlreadyEliminated, params);
                    continue;
                }
                if negotiation.reduction_announced != Some(true) {
                    self.problem(at.clone(), Code::ReductionNotAnnounced, Params::new());
                }
                if round.kind == RoundKind::Final {
                    let params = Params::new().with("round", round.id.as_str());
                    self.problem(at.clone(), Code::EliminationAtFinalRound, params);
                }
                gone.insert(elimination.offer.as_str(), (r, round.id.as_str()));
            }
        }
    }

    fn exchanges(&mut self, evaluation: &Evaluation, idx: &EvaluationIndex) {
        if evaluation.exchanges.is_empty() {
            return;
        }
        let negotiation = evaluation.negotiation.as_ref();
        let rounds = evaluation.rounds();
        let latest = rounds.len().checked_sub(1);
        let mut seen = HashMap::new();
        // The first regularisation request of each round (by round id, "" without rounds).
        let mut regularisations: HashMap<&str, (&Exchange, Option<NaiveDate>)> = HashMap::new();
        // The scores and decisions of each round, built only when a citation needs them.
        let mut cited: HashMap<usize, HashSet<ScoreCell>> = HashMap::new();
        for (i, exchange) in evaluation.exchanges.iter().enumerate() {
            let path = index("exchanges", i);
            self.identifier(&exchange.id, path.clone(), &mut seen);
            self.non_empty(&exchange.question, join(&path, "question"));
            let offer = evaluation.offers.iter().find(|o| o.id == exchange.offer);
            if offer.is_none() {
                self.problem(
                    join(&path, "offer"),
                    Code::UnknownOffer,
                    id(&exchange.offer),
                );
            }
            // The round it belongs to: its own, or the latest.
            let round = match (&exchange.round, negotiation) {
                (Some(round), Some(n)) => match n.round(round) {
                    Some(found) => Some(found),
                    None => {
                        self.problem(join(&path, "round"), Code::UnknownRound, id(round));
                        None
                    }
                },
                (Some(round), None) => {
                    self.problem(join(&path, "round"), Code::UnknownRound, id(round));
                    None
                }
                (None, Some(_)) => {
                    self.problem(join(&path, "round"), Code::Required, Params::new());
                    None
                }
                (None, None) => None,
            };
            if let (Some((r, round)), Some(n)) = (round, negotiation)
                && offer.is_some()
                && !n.takes_part(&exchange.offer, r)
            {
                let params = Params::new()
                    .with("offer", exchange.offer.as_str())
                    .with("round", round.id.as_str());
                self.problem(join(&path, "offer"), Code::OfferNotInRound, params);
            }
            for (j, criterion) in exchange.criteria.iter().enumerate() {
                if !idx.nodes.contains_key(criterion.as_str()) {
                    let at = index(&join(&path, "criteria"), j);
                    self.problem(at, Code::UnknownCriterion, id(criterion));
                }
            }
            if let Some(deadline) = exchange.deadline {
                self.date_order(exchange.sent, deadline, join(&path, "deadline"));
            }
            if let Some(received) = exchange.received {
                self.date_order(exchange.sent, received, join(&path, "received"));
            }
            if let Some(answer) = &exchange.answer {
                self.non_empty(answer, join(&path, "answer"));
            }
            if let Some(digest) = &exchange.file_sha256
                && !(digest.len() == 64
                    && digest
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
            {
                let params = Params::new().with("text", digest.as_str());
                self.problem(join(&path, "file_sha256"), Code::InvalidSha256, params);
            }
            match exchange.kind {
                ExchangeKind::Clarification | ExchangeKind::AbnormallyLow => {}
                ExchangeKind::Negotiation => {
                    if let Some(procedure @ (Procedure::Open | Procedure::Restricted)) =
                        evaluation.tender.procedure
                    {
                        let params = Params::new().with("procedure", procedure.as_str());
                        self.problem(join(&path, "kind"), Code::NegotiationNotAllowed, params);
                    } else if let Some((_, round)) = round
                        && round.kind == RoundKind::Final
                    {
                        let params = Params::new().with("round", round.id.as_str());
                        self.problem(join(&path, "kind"), Code::NegotiationOnFinalOffers, params);
                    }
                }
                ExchangeKind::Regularisation => {
                    if offer.is_some_and(|o| o.irregular.is_none()) {
                        let params = Params::new().with("offer", exchange.offer.as_str());
                        self.problem(
                            join(&path, "kind"),
                            Code::RegularisationOfRegularOffer,
                            params,
                        );
                    }
                    // An abnormally-low check open on the offer when the request is sent: its
                    // justification asked for (R2152-3) on or before that day, not received by
                    // then.
                    if let Some(open) = evaluation.exchanges.iter().find(|x| {
                        x.kind == ExchangeKind::AbnormallyLow
                            && x.offer == exchange.offer
                            && x.sent <= exchange.sent
                            && x.received.is_none_or(|received| received > exchange.sent)
                    }) {
                        let params = Params::new()
                            .with("offer", exchange.offer.as_str())
                            .with("exchange", open.id.as_str())
                            .with("asked", open.sent.to_string());
                        self.problem(
                            join(&path, "kind"),
                            Code::RegularisationWhileAbnormallyLowOpen,
                            params,
                        );
                    }
                    let key = exchange.round.as_deref().unwrap_or("");
                    match regularisations.get(key) {
                        Some((first, deadline)) if *deadline != exchange.deadline => {
                            let mut params = Params::new().with("first", first.id.as_str());
                            params = match deadline {
                                Some(day) => params.with("deadline", day.to_string()),
                                None => params.with("deadline", "—"),
                            };
                            self.problem(
                                join(&path, "deadline"),
                                Code::RegularisationDeadlinesDiffer,
                                params,
                            );
                        }
                        Some(_) => {}
                        None => {
                            regularisations.insert(key, (exchange, exchange.deadline));
                        }
                    }
                }
            }
            if exchange.cited_by.is_empty() {
                continue;
            }
            let position = round.map(|(r, _)| r).or(latest);
            let key = position.unwrap_or(0);
            let cells = cited.entry(key).or_insert_with(|| {
                let (scores, consensus) = match (position, rounds.get(key)) {
                    (Some(r), Some(round)) if Some(r) != latest => {
                        (&round.scores[..], &round.consensus[..])
                    }
                    _ => (&evaluation.scores[..], &evaluation.consensus[..]),
                };
                scores
                    .iter()
                    .map(|s| {
                        (
                            s.offer.as_str(),
                            s.criterion.as_str(),
                            Some(s.evaluator.as_str()),
                        )
                    })
                    .chain(
                        consensus
                            .iter()
                            .map(|c| (c.offer.as_str(), c.criterion.as_str(), None)),
                    )
                    .collect()
            });
            for (j, citation) in exchange.cited_by.iter().enumerate() {
                let cell = (
                    exchange.offer.as_str(),
                    citation.criterion.as_str(),
                    citation.evaluator.as_deref(),
                );
                if !cells.contains(&cell) {
                    let round_id = position
                        .and_then(|r| rounds.get(r))
                        .map_or("—", |r| r.id.as_str());
                    let params = Params::new()
                        .with("who", citation.evaluator.as_deref().unwrap_or("committee"))
                        .with("criterion", citation.criterion.as_str())
                        .with("offer", exchange.offer.as_str())
                        .with("round", round_id);
                    let at = index(&join(&path, "cited_by"), j);
                    self.problem(at, Code::CitationWithoutScore, params);
                }
            }
        }
    }
}
