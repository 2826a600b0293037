//! The scoring engine: spec §8, rule by rule.
//!
//! The engine trusts its input to have passed validation; on input that did not, it degrades
//! (an unknown id is ignored, an offer without a price is treated as missing its price) rather
//! than panicking, because the desktop app evaluates while the buyer is still typing.
//!
//! Arithmetic follows the spec's formulas in the order they are written (`weight × (v − min) /
//! (max − min)`: multiply first), which keeps hand-computed examples exact in floating point.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::catalog::Catalogs;
use crate::model::*;
use crate::prices::{PriceBasis, PriceCell, PriceSource, ScheduleNotes};
use crate::results::*;
use crate::scheme::scheme_label;
use crate::words::{self, Lang, Params};

/// Consultations launched from this day must weigh an environmental criterion (loi Climat et
/// Résilience art. 35, décret 2022-767; domain.md §5.2).
pub fn environmental_criterion_required_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 8, 21).unwrap_or(NaiveDate::MIN)
}

/// Computes the results of a valid evaluation.
pub fn evaluate(evaluation: &Evaluation, catalogs: &Catalogs) -> Results {
    OfferRows::new(evaluation).results(evaluation, catalogs)
}

/// The results with price criteria scored on `basis`: [`PriceBasis::Corrected`] is
/// [`evaluate`]; [`PriceBasis::AsSubmitted`] ranks on the bidders' own figures, every material
/// error of a price schedule left uncorrected (what the report compares corrections with).
pub fn evaluate_on(evaluation: &Evaluation, catalogs: &Catalogs, basis: PriceBasis) -> Results {
    OfferRows::new_on(evaluation, basis).results(evaluation, catalogs)
}

/// What each offer's own data decides (spec §8.1 and §8.2: its consolidated values, its status
/// and why it is eliminated, the spread of its scores, who scored it), row by row. The rest of
/// the results (§8.3 to §8.7) compares offers and is cheap; this part reads every score.
///
/// A host keeps the rows of an evaluation being edited: an edit of one cell's scores or
/// decision changes one offer's row, which [`OfferRows::recompute_offer`] redoes alone, and
/// [`OfferRows::results`] then gives exactly what [`evaluate`] gives on the edited evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferRows {
    rows: Vec<OfferRow>,
    basis: PriceBasis,
}

#[derive(Debug, Clone, PartialEq)]
struct OfferRow {
    cells: Vec<Consolidated>,
    status: OfferStatus,
    eliminated_because: Vec<Elimination>,
    /// The leaves whose individual values spread over at least the divergence threshold (§8.6),
    /// in leaf order: (leaf, spread, a consensus decided it).
    divergent: Vec<(usize, f64, bool)>,
    /// Per evaluator (in the evaluation's order): whether they scored this offer at all.
    scored_by: Vec<bool>,
    /// The amount the abnormally-low check compares (§8.4): the price, or with a schedule the
    /// total it names; `None` while it is not known.
    low_price_basis: Option<f64>,
    /// With a price schedule: the lines not priced, and the discrepancies awaiting the buyer.
    schedule_notes: ScheduleNotes,
}

impl OfferRows {
    /// The rows of every offer.
    pub fn new(evaluation: &Evaluation) -> OfferRows {
        OfferRows::new_on(evaluation, PriceBasis::Corrected)
    }

    /// The rows of every offer, price criteria read on `basis`.
    pub fn new_on(evaluation: &Evaluation, basis: PriceBasis) -> OfferRows {
        let leaves = evaluation.leaves();
        let answers = Answers::index(evaluation, &leaves, None);
        let scored_by = scored_by(evaluation, None);
        let prices = PriceSource::new(evaluation, basis);
        OfferRows {
            rows: (0..evaluation.offers.len())
                .map(|o| offer_row(evaluation, &leaves, &answers, &prices, o, &scored_by))
                .collect(),
            basis,
        }
    }

    /// Redoes the row of offer `offer` after an edit of its scores, decisions, prices or price
    /// corrections only (nothing else in the evaluation changed). Any other edit calls for [`OfferRows::new`]; so does an
    /// offer the rows do not know, which this then does itself.
    pub fn recompute_offer(&mut self, evaluation: &Evaluation, offer: &str) {
        let position = evaluation.offers.iter().position(|o| o.id == offer);
        match position {
            Some(o) if self.rows.len() == evaluation.offers.len() => {
                let leaves = evaluation.leaves();
                let answers = Answers::index(evaluation, &leaves, Some(o));
                let scored_by = scored_by(evaluation, Some(o));
                let prices = PriceSource::new(evaluation, self.basis);
                self.rows[o] = offer_row(evaluation, &leaves, &answers, &prices, o, &scored_by);
            }
            _ => *self = OfferRows::new_on(evaluation, self.basis),
        }
    }

    /// The results of `evaluation`, whose rows these are.
    pub fn results(&self, evaluation: &Evaluation, catalogs: &Catalogs) -> Results {
        results(evaluation, catalogs, &self.rows)
    }
}

/// Whether each evaluator scored each offer (`[offer][evaluator]`), over every score whatever
/// its criterion; only offer `only` when given (the other rows are left empty).
fn scored_by(evaluation: &Evaluation, only: Option<usize>) -> Vec<Vec<bool>> {
    let evaluators = evaluation.evaluators.len();
    let mut table = vec![Vec::new(); evaluation.offers.len()];
    if !evaluation.settings.declarations_required() {
        // Only the declarations' warning reads it.
        return table;
    }
    let offer_index: HashMap<&str, usize> = evaluation
        .offers
        .iter()
        .enumerate()
        .filter(|(o, _)| only.is_none_or(|only| only == *o))
        .map(|(o, offer)| (offer.id.as_str(), o))
        .collect();
    let evaluator_index: HashMap<&str, usize> = evaluation
        .evaluators
        .iter()
        .enumerate()
        .map(|(e, evaluator)| (evaluator.id.as_str(), e))
        .collect();
    for &o in offer_index.values() {
        table[o] = vec![false; evaluators];
    }
    // Scores come offer by offer, criterion by criterion: the previous lookups usually answer.
    let mut last_offer: Option<(&str, Option<usize>)> = None;
    let mut last_evaluator: Option<(&str, Option<usize>)> = None;
    for score in &evaluation.scores {
        let o = match last_offer {
            Some((id, o)) if id == score.offer => o,
            _ => {
                let o = offer_index.get(score.offer.as_str()).copied();
                last_offer = Some((&score.offer, o));
                o
            }
        };
        let Some(o) = o else { continue };
        let e = match last_evaluator {
            Some((id, e)) if id == score.evaluator => e,
            _ => {
                let e = evaluator_index.get(score.evaluator.as_str()).copied();
                last_evaluator = Some((&score.evaluator, e));
                e
            }
        };
        if let Some(e) = e {
            table[o][e] = true;
        }
    }
    table
}

/// §8.1 and §8.2 for offer `o`, and the facts of §8.6 and of the declarations' warning.
fn offer_row(
    evaluation: &Evaluation,
    leaves: &[&Criterion],
    answers: &Answers,
    prices: &PriceSource,
    o: usize,
    scored_by: &[Vec<bool>],
) -> OfferRow {
    let offer = &evaluation.offers[o];
    let offer_prices = prices.offer(evaluation, leaves, offer);
    let consolidation = evaluation.settings.consolidation();
    let cells: Vec<Consolidated> = leaves
        .iter()
        .enumerate()
        .map(|(l, leaf)| {
            consolidate(
                evaluation,
                offer,
                offer_prices.cells[l],
                leaf,
                &answers.cell(o, l),
                consolidation,
            )
        })
        .collect();
    let eliminated_because = eliminations(evaluation, offer, leaves, &cells);
    let status = if !eliminated_because.is_empty() {
        OfferStatus::Eliminated
    } else if cells.iter().any(Consolidated::is_open) {
        OfferStatus::Incomplete
    } else {
        OfferStatus::Ranked
    };
    OfferRow {
        divergent: divergent_leaves(evaluation, leaves, answers, o),
        scored_by: scored_by.get(o).cloned().unwrap_or_default(),
        cells,
        status,
        eliminated_because,
        low_price_basis: offer_prices.low_price_basis,
        schedule_notes: offer_prices.notes,
    }
}

/// §8.3 to §8.7 over the rows of every offer.
fn results(evaluation: &Evaluation, catalogs: &Catalogs, table: &[OfferRow]) -> Results {
    let leaves = evaluation.leaves();

    // §8.3: price points are relative to the offers still in competition (the set S), each
    // price criterion on its own prices.
    let in_competition: Vec<usize> = (0..table.len())
        .filter(|&o| table[o].status != OfferStatus::Eliminated)
        .collect();
    let price_ranges: Vec<Option<(f64, f64)>> = (0..leaves.len())
        .map(|l| {
            let prices_in_s: Vec<f64> = in_competition
                .iter()
                .filter_map(|&o| table[o].cells.get(l).and_then(Consolidated::price))
                .collect();
            price_range(&prices_in_s)
        })
        .collect();

    let top_level: Vec<(&Criterion, Vec<usize>)> = evaluation
        .criteria
        .iter()
        .map(|node| (node, leaf_positions(node, &leaves)))
        .collect();

    let mut offers: Vec<OfferResult> = Vec::with_capacity(table.len());
    for (o, row) in table.iter().enumerate() {
        let ranked = row.status == OfferStatus::Ranked;
        let points: Vec<Option<f64>> = leaves
            .iter()
            .zip(&row.cells)
            .zip(&price_ranges)
            .map(|((leaf, cell), range)| ranked.then(|| leaf_points(leaf, cell, *range)).flatten())
            .collect();
        let groups = ranked.then(|| {
            top_level
                .iter()
                .map(|(node, positions)| {
                    // Summing from +0.0: an empty sum of floats is -0.0 in Rust.
                    let subtotal = positions
                        .iter()
                        .filter_map(|&l| points[l])
                        .fold(0.0, |a, b| a + b);
                    (node.id.clone(), subtotal)
                })
                .collect::<Vec<_>>()
        });
        let total = ranked.then(|| points.iter().flatten().fold(0.0, |a, b| a + b));
        let criteria = leaves
            .iter()
            .zip(&row.cells)
            .zip(&points)
            .map(|((leaf, cell), points)| LeafResult {
                criterion: leaf.id.clone(),
                outcome: outcome(leaf, cell, *points),
            })
            .collect();
        offers.push(OfferResult {
            id: evaluation.offers[o].id.clone(),
            status: row.status,
            rank: None,
            total,
            groups,
            criteria,
            eliminated_because: row.eliminated_because.clone(),
            abnormally_low: false,
        });
    }

    // §8.4
    if evaluation.price_leaf().is_some() {
        let prices: Vec<Option<f64>> = table.iter().map(|row| row.low_price_basis).collect();
        flag_abnormally_low(
            &mut offers,
            &prices,
            &in_competition,
            evaluation.settings.abnormally_low(),
        );
    }

    // §8.5
    let totals: Vec<f64> = offers.iter().filter_map(|o| o.total).collect();
    for offer in offers.iter_mut() {
        if let Some(total) = offer.total {
            let better = totals.iter().filter(|&&t| t - total > TOLERANCE).count();
            offer.rank = u32::try_from(better + 1).ok();
        }
    }
    let complete = !offers.iter().any(|o| o.status == OfferStatus::Incomplete);
    let first: Vec<&OfferResult> = offers.iter().filter(|o| o.rank == Some(1)).collect();
    let winner = match first.as_slice() {
        [only] if complete => Some(only.id.clone()),
        _ => None,
    };

    let mut missing = Vec::new();
    let mut undecided = Vec::new();
    for (offer, row) in evaluation.offers.iter().zip(table) {
        for (leaf, cell) in leaves.iter().zip(&row.cells) {
            let list = match cell {
                Consolidated::Missing => &mut missing,
                Consolidated::Undecided => &mut undecided,
                _ => continue,
            };
            list.push(Cell {
                offer: offer.id.clone(),
                criterion: leaf.id.clone(),
            });
        }
    }

    // §8.6, over the offers in competition.
    let leaves = &leaves;
    let divergences = in_competition
        .iter()
        .flat_map(|&o| {
            table[o]
                .divergent
                .iter()
                .map(move |&(l, spread, resolved)| Divergence {
                    offer: evaluation.offers[o].id.clone(),
                    criterion: leaves[l].id.clone(),
                    spread,
                    resolved,
                })
        })
        .collect();
    let sensitivity = match &winner {
        Some(winner) => sensitivity(&evaluation.criteria, &offers, winner),
        None => Vec::new(),
    };
    let warnings = warnings(evaluation, catalogs, table);

    Results {
        complete,
        winner,
        offers,
        missing,
        undecided,
        divergences,
        sensitivity,
        warnings,
    }
}

/// The individual answers and consensus of every (offer, leaf), indexed once so that a large
/// evaluation (30 offers × 400 leaves × 9 evaluators) is not scanned per cell. Scores are laid out
/// cell after cell in one array (a counting sort), which avoids an allocation per cell.
struct Answers<'a> {
    /// The offer of the first cells (0, or the one offer indexed).
    first_offer: usize,
    leaf_count: usize,
    scores: &'a [Score],
    /// `order[starts[c]..starts[c + 1]]` are the indices in `scores` of cell `c`'s answers.
    starts: Vec<usize>,
    order: Vec<usize>,
    consensus: Vec<Option<&'a Consensus>>,
}

/// What was recorded on one (offer, leaf).
struct CellAnswers<'a> {
    scores: &'a [Score],
    individual: &'a [usize],
    consensus: Option<&'a Consensus>,
}

impl CellAnswers<'_> {
    fn answers(&self) -> impl Iterator<Item = Answer> + '_ {
        self.individual.iter().map(|&i| self.scores[i].answer)
    }

    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.answers().filter_map(|a| match a {
            Answer::Value(v) => Some(v),
            Answer::Met(_) => None,
        })
    }
}

impl<'a> Answers<'a> {
    /// Every offer's answers, or only offer `only`'s (then `cell` is asked about it alone).
    fn index(
        evaluation: &'a Evaluation,
        leaves: &[&Criterion],
        only: Option<usize>,
    ) -> Answers<'a> {
        let first_offer = only.unwrap_or(0);
        let offer_index: HashMap<&str, usize> = evaluation
            .offers
            .iter()
            .enumerate()
            .filter(|(i, _)| only.is_none_or(|only| only == *i))
            .map(|(i, o)| (o.id.as_str(), i - first_offer))
            .collect();
        let leaf_index: HashMap<&str, usize> = leaves
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.as_str(), i))
            .collect();
        let cells = offer_index.len() * leaves.len();
        // Files list scores offer by offer and criterion by criterion (one per evaluator), so the
        // previous lookup usually answers: this divides the hashing by the number of evaluators.
        let mut last_offer: Option<(&str, usize)> = None;
        let mut last_leaf: Option<(&str, usize)> = None;
        let mut position = |offer: &'a str, criterion: &'a str| {
            let o = match last_offer {
                Some((id, o)) if id == offer => o,
                _ => {
                    let o = *offer_index.get(offer)?;
                    last_offer = Some((offer, o));
                    o
                }
            };
            let l = match last_leaf {
                Some((id, l)) if id == criterion => l,
                _ => {
                    let l = *leaf_index.get(criterion)?;
                    last_leaf = Some((criterion, l));
                    l
                }
            };
            Some(o * leaves.len() + l)
        };
        let cell_of: Vec<Option<usize>> = evaluation
            .scores
            .iter()
            .map(|s| position(&s.offer, &s.criterion))
            .collect();
        let mut starts = vec![0usize; cells + 1];
        for c in cell_of.iter().flatten() {
            starts[c + 1] += 1;
        }
        for c in 0..cells {
            starts[c + 1] += starts[c];
        }
        let mut next = starts.clone();
        let mut order = vec![0usize; starts[cells]];
        for (i, c) in cell_of.iter().enumerate() {
            if let Some(c) = *c {
                order[next[c]] = i;
                next[c] += 1;
            }
        }
        let mut consensus: Vec<Option<&Consensus>> = vec![None; cells];
        for decision in &evaluation.consensus {
            if let Some(p) = position(&decision.offer, &decision.criterion) {
                consensus[p].get_or_insert(decision);
            }
        }
        Answers {
            first_offer,
            leaf_count: leaves.len(),
            scores: &evaluation.scores,
            starts,
            order,
            consensus,
        }
    }

    fn cell(&self, offer: usize, leaf: usize) -> CellAnswers<'_> {
        let c = (offer - self.first_offer) * self.leaf_count + leaf;
        CellAnswers {
            scores: self.scores,
            individual: &self.order[self.starts[c]..self.starts[c + 1]],
            consensus: self.consensus[c],
        }
    }
}

/// The consolidated value of one (offer, leaf) (spec §8.1).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Consolidated {
    Value(f64, ValueSource),
    Met(bool, ValueSource),
    Price(f64),
    Missing,
    Undecided,
}

impl Consolidated {
    fn is_open(&self) -> bool {
        matches!(self, Consolidated::Missing | Consolidated::Undecided)
    }

    fn price(&self) -> Option<f64> {
        match self {
            Consolidated::Price(p) => Some(*p),
            _ => None,
        }
    }
}

fn consolidate(
    evaluation: &Evaluation,
    offer: &Offer,
    price: Option<PriceCell>,
    leaf: &Criterion,
    answers: &CellAnswers,
    consolidation: Consolidation,
) -> Consolidated {
    match &leaf.body {
        CriterionBody::Group { .. } => Consolidated::Missing,
        CriterionBody::Price { .. } => match price {
            Some(PriceCell::Total(p)) => Consolidated::Price(p),
            // A discrepancy waits for the buyer: like a requirement the evaluators disagree on,
            // the cell is open until someone decides.
            Some(PriceCell::Unsettled) => Consolidated::Undecided,
            Some(PriceCell::Missing) | None => Consolidated::Missing,
        },
        CriterionBody::Scored { .. } => {
            if let Some(Consensus {
                answer: Answer::Value(v),
                ..
            }) = answers.consensus
            {
                return Consolidated::Value(*v, ValueSource::Consensus);
            }
            merge(answers.values(), consolidation).map_or(Consolidated::Missing, |v| {
                Consolidated::Value(v, ValueSource::Evaluators)
            })
        }
        CriterionBody::Requirement { auto } => {
            if let Some(Consensus {
                answer: Answer::Met(m),
                ..
            }) = answers.consensus
            {
                return Consolidated::Met(*m, ValueSource::Consensus);
            }
            if let Some(auto) = auto {
                let met = offer
                    .certifications()
                    .iter()
                    .any(|c| certification_satisfies(c, auto, evaluation.tender.deadline));
                return Consolidated::Met(met, ValueSource::Certifications);
            }
            let mut answers_met = answers.answers().filter_map(|a| match a {
                Answer::Met(m) => Some(m),
                Answer::Value(_) => None,
            });
            match answers_met.next() {
                None => Consolidated::Missing,
                Some(first) if answers_met.all(|m| m == first) => {
                    Consolidated::Met(first, ValueSource::Evaluators)
                }
                Some(_) => Consolidated::Undecided,
            }
        }
    }
}

/// Mean, or median (the mean of the two middle values for an even count).
fn merge(values: impl Iterator<Item = f64>, consolidation: Consolidation) -> Option<f64> {
    match consolidation {
        Consolidation::Mean => mean_of(values),
        Consolidation::Median => {
            let mut sorted: Vec<f64> = values.collect();
            if sorted.is_empty() {
                return None;
            }
            sorted.sort_by(f64::total_cmp);
            let mid = sorted.len() / 2;
            Some(if sorted.len() % 2 == 1 {
                sorted[mid]
            } else {
                (sorted[mid - 1] + sorted[mid]) / 2.0
            })
        }
    }
}

/// Whether one certification satisfies an automatic check on the tender deadline (spec §8.1).
pub fn certification_satisfies(
    cert: &Certification,
    auto: &AutoCheck,
    deadline: NaiveDate,
) -> bool {
    cert.scheme == auto.scheme
        && auto.accepted_status().contains(&cert.status)
        && match auto.min_level {
            None => true,
            Some(min) => cert.level.is_some_and(|level| level >= min - TOLERANCE),
        }
        && cert.covers(deadline)
}

fn eliminations(
    evaluation: &Evaluation,
    offer: &Offer,
    leaves: &[&Criterion],
    cells: &[Consolidated],
) -> Vec<Elimination> {
    let mut reasons = Vec::new();
    let mut push = |reason, criterion: Option<&str>, phrase: EliminationPhrase, params: Params| {
        reasons.push(Elimination {
            reason,
            criterion: criterion.map(str::to_owned),
            detail: words::render(words::ELIMINATIONS, phrase.as_str(), &params, Lang::Fr),
            phrase,
            params,
        });
    };
    if let Some(reason) = &offer.irregular {
        push(
            EliminationReason::Irregular,
            None,
            EliminationPhrase::Irregular,
            Params::new().with("reason", reason.as_str()),
        );
    }
    for (leaf, cell) in leaves.iter().zip(cells) {
        match (&leaf.body, cell) {
            (CriterionBody::Requirement { auto }, Consolidated::Met(false, source)) => {
                let title = Params::new().with("title", leaf.title.as_str());
                let (phrase, params) = match (source, auto) {
                    (ValueSource::Certifications, Some(auto)) => {
                        let params = title
                            .with("scheme", scheme_label(&auto.scheme))
                            .with("deadline", evaluation.tender.deadline.to_string());
                        match auto.min_level {
                            Some(level) => (
                                EliminationPhrase::NoValidCertificationLevel,
                                params.number("level", level),
                            ),
                            None => (EliminationPhrase::NoValidCertification, params),
                        }
                    }
                    (ValueSource::Consensus, _) => (EliminationPhrase::NotMetByCommittee, title),
                    _ => (EliminationPhrase::NotMetByEvaluators, title),
                };
                push(
                    EliminationReason::RequirementNotMet,
                    Some(&leaf.id),
                    phrase,
                    params,
                );
            }
            (
                CriterionBody::Scored {
                    threshold: Some(threshold),
                    ..
                },
                Consolidated::Value(v, _),
            ) if *v < threshold - TOLERANCE => {
                push(
                    EliminationReason::BelowThreshold,
                    Some(&leaf.id),
                    EliminationPhrase::BelowThreshold,
                    Params::new()
                        .number("value", *v)
                        .number("threshold", *threshold)
                        .with("title", leaf.title.as_str()),
                );
            }
            _ => {}
        }
    }
    reasons
}

/// Lowest and highest price of the offers in competition.
fn price_range(prices: &[f64]) -> Option<(f64, f64)> {
    let min = prices.iter().copied().reduce(f64::min)?;
    let max = prices.iter().copied().reduce(f64::max)?;
    Some((min, max))
}

/// The share `s` of the price weight an offer earns (spec §8.3 table).
pub fn price_share(formula: PriceFormula, price: f64, p_min: f64, p_max: f64) -> f64 {
    match formula {
        PriceFormula::Proportional => p_min / price,
        PriceFormula::Linear => {
            if p_max - p_min == 0.0 {
                1.0
            } else {
                (p_max - price) / (p_max - p_min)
            }
        }
        PriceFormula::RelativeGap => (1.0 - (price - p_min) / p_min).max(0.0),
        PriceFormula::NTimes { n } => ((n * p_min - price) / ((n - 1.0) * p_min)).max(0.0),
    }
}

fn leaf_points(
    leaf: &Criterion,
    cell: &Consolidated,
    price_range: Option<(f64, f64)>,
) -> Option<f64> {
    let price = cell.price();
    match (&leaf.body, cell) {
        (CriterionBody::Scored { scale, .. }, Consolidated::Value(v, _)) => {
            Some(leaf.weight * (v - scale.min) / (scale.max - scale.min))
        }
        (CriterionBody::Price { formula }, Consolidated::Price(_)) => {
            let (p_min, p_max) = price_range?;
            let price = price?;
            Some(match formula {
                // Multiplying first keeps the spec's worked examples exact.
                PriceFormula::Proportional => leaf.weight * p_min / price,
                PriceFormula::Linear if p_max != p_min => {
                    leaf.weight * (p_max - price) / (p_max - p_min)
                }
                _ => leaf.weight * price_share(*formula, price, p_min, p_max),
            })
        }
        _ => None,
    }
}

fn outcome(leaf: &Criterion, cell: &Consolidated, points: Option<f64>) -> LeafOutcome {
    match &leaf.body {
        CriterionBody::Price { .. } => LeafOutcome::Price {
            price: cell.price(),
            points,
        },
        CriterionBody::Requirement { .. } => match cell {
            Consolidated::Met(m, source) => LeafOutcome::Requirement {
                met: Some(*m),
                source: *source,
            },
            _ => LeafOutcome::Requirement {
                met: None,
                source: ValueSource::None,
            },
        },
        _ => match cell {
            Consolidated::Value(v, source) => LeafOutcome::Scored {
                value: Some(*v),
                points,
                source: *source,
            },
            _ => LeafOutcome::Scored {
                value: None,
                points: None,
                source: ValueSource::None,
            },
        },
    }
}

/// Positions (in `leaves`) of the leaves under `node`, itself included when it is a leaf.
fn leaf_positions(node: &Criterion, leaves: &[&Criterion]) -> Vec<usize> {
    let mut ids = Vec::new();
    fn collect<'a>(node: &'a Criterion, ids: &mut Vec<&'a str>) {
        match &node.body {
            CriterionBody::Group { children } => children.iter().for_each(|c| collect(c, ids)),
            _ => ids.push(&node.id),
        }
    }
    collect(node, &mut ids);
    leaves
        .iter()
        .enumerate()
        .filter(|(_, leaf)| ids.contains(&leaf.id.as_str()))
        .map(|(i, _)| i)
        .collect()
}

/// Spec §8.4: flags only, computed on the prices of the offers in competition.
fn flag_abnormally_low(
    offers: &mut [OfferResult],
    prices: &[Option<f64>],
    in_competition: &[usize],
    method: AbnormallyLowMethod,
) {
    let priced: Vec<(usize, f64)> = in_competition
        .iter()
        .filter_map(|&o| prices[o].map(|p| (o, p)))
        .collect();
    if priced.len() < 3 {
        return;
    }
    let prices: Vec<f64> = priced.iter().map(|(_, p)| *p).collect();
    let Some(limit) = abnormally_low_limit(method, &prices) else {
        return;
    };
    for (o, price) in priced {
        offers[o].abnormally_low = is_below_abnormally_low_limit(price, limit);
    }
}

/// Whether `price` lies under the abnormally-low `limit`. A relative tolerance keeps a price
/// exactly on the limit from being flagged by rounding.
pub fn is_below_abnormally_low_limit(price: f64, limit: f64) -> bool {
    price < limit - TOLERANCE * limit.abs().max(1.0)
}

/// The price under which an offer is flagged, or `None` when the method flags nothing.
pub fn abnormally_low_limit(method: AbnormallyLowMethod, prices: &[f64]) -> Option<f64> {
    let mean = mean(prices)?;
    match method {
        AbnormallyLowMethod::None => None,
        AbnormallyLowMethod::MeanMinusSigma => {
            let variance = mean_of(prices.iter().map(|p| (p - mean) * (p - mean)))?;
            Some(mean - variance.sqrt())
        }
        AbnormallyLowMethod::PercentBelowMean { percent } => {
            let p = percent.unwrap_or(DEFAULT_PERCENT_BELOW_MEAN);
            Some((1.0 - p / 100.0) * mean)
        }
        AbnormallyLowMethod::TrimmedMean => {
            let kept = mean_of(prices.iter().copied().filter(|&p| p <= 1.2 * mean))?;
            Some(0.9 * kept)
        }
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    mean_of(values.iter().copied())
}

fn mean_of(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0u32), |(s, c), v| (s + v, c + 1));
    (count > 0).then(|| sum / f64::from(count))
}

/// Spec §8.6.
/// §8.6 for offer `o`: the scored leaves whose individual values spread over at least the
/// threshold, as a share of the scale.
fn divergent_leaves(
    evaluation: &Evaluation,
    leaves: &[&Criterion],
    answers: &Answers,
    o: usize,
) -> Vec<(usize, f64, bool)> {
    let threshold = evaluation.settings.divergence_threshold();
    let mut out = Vec::new();
    for (l, leaf) in leaves.iter().enumerate() {
        let CriterionBody::Scored { scale, .. } = &leaf.body else {
            continue;
        };
        let cell = answers.cell(o, l);
        let (count, lo, hi) = cell.values().fold(
            (0usize, f64::INFINITY, f64::NEG_INFINITY),
            |(n, lo, hi), v| (n + 1, lo.min(v), hi.max(v)),
        );
        if count < 2 {
            continue;
        }
        let spread = (hi - lo) / (scale.max - scale.min);
        if spread >= threshold - TOLERANCE {
            out.push((l, spread, cell.consensus.is_some()));
        }
    }
    out
}

/// Spec §8.7: for each top-level weight, the interval over which the winner stays first when
/// that weight moves and the others are scaled to keep the sum at 100.
fn sensitivity(criteria: &[Criterion], offers: &[OfferResult], winner: &str) -> Vec<Sensitivity> {
    let ranked: Vec<&OfferResult> = offers
        .iter()
        .filter(|o| o.status == OfferStatus::Ranked)
        .collect();
    let Some(best) = ranked.iter().find(|o| o.id == winner) else {
        return Vec::new();
    };
    if ranked.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for node in criteria {
        let w_i = node.weight;
        if !(w_i > 0.0 && w_i < 100.0) {
            continue;
        }
        // total(w) = w·a + (100 − w)·b / (100 − wᵢ), with a = subtotal/wᵢ and b = total − subtotal.
        let terms = |o: &OfferResult| -> Option<(f64, f64)> {
            let subtotal = o.group(&node.id)?;
            let total = o.total?;
            Some((subtotal / w_i, (total - subtotal) / (100.0 - w_i)))
        };
        let Some((a_best, b_best)) = terms(best) else {
            continue;
        };
        let (mut from, mut to) = (0.0_f64, 100.0_f64);
        for other in ranked.iter().filter(|o| o.id != winner) {
            let Some((a, b)) = terms(other) else {
                continue;
            };
            // The winner's lead is lead(w) = 100·Δb + w·(Δa − Δb), positive at wᵢ.
            let delta_a = a_best - a;
            let delta_b = b_best - b;
            let slope = delta_a - delta_b;
            if slope.abs() < 1e-12 {
                continue;
            }
            let crossing = -100.0 * delta_b / slope;
            if slope > 0.0 {
                from = from.max(crossing.clamp(0.0, 100.0));
            } else {
                to = to.min(crossing.clamp(0.0, 100.0));
            }
        }
        out.push(Sensitivity {
            criterion: node.id.clone(),
            weight: w_i,
            from,
            to,
        });
    }
    out
}

/// Spec §8.8.
fn warnings(evaluation: &Evaluation, catalogs: &Catalogs, table: &[OfferRow]) -> Vec<Warning> {
    let mut out = Vec::new();
    let nodes = evaluation.nodes();
    if let Some(launch) = evaluation.tender.launch_date
        && launch >= environmental_criterion_required_from()
        && !nodes.iter().any(|n| n.weight > 0.0 && n.is_environmental())
    {
        let params = Params::new().with("launch_date", launch.to_string());
        out.push(Warning {
            message: words::render(
                words::WARNINGS,
                "no_environmental_criterion",
                &params,
                Lang::Fr,
            ),
            code: WarningCode::NoEnvironmentalCriterion,
            criterion: None,
            params,
        });
    }
    for node in nodes {
        for reference in node.refs() {
            if !catalogs.is_known_ref(reference) {
                let params = Params::new()
                    .with("ref", reference.as_str())
                    .with("criterion", node.id.as_str());
                out.push(Warning {
                    message: words::render(words::WARNINGS, "unknown_ref", &params, Lang::Fr),
                    code: WarningCode::UnknownRef {
                        reference: reference.clone(),
                    },
                    criterion: Some(node.id.clone()),
                    params,
                });
            }
        }
    }
    if evaluation.prices_sealed() {
        out.push(plain_warning(WarningCode::PricesSealed, Params::new()));
    }
    if evaluation.settings.declarations_required() {
        out.extend(undeclared_interests(evaluation, table));
    }
    out.extend(schedule_warnings(evaluation, table));
    out
}

/// One warning per offer that leaves lines of the price schedule unpriced, and one per offer
/// whose own figures contradict its unit prices while the buyer has not accepted the
/// corrections.
fn schedule_warnings(evaluation: &Evaluation, table: &[OfferRow]) -> Vec<Warning> {
    let mut out = Vec::new();
    for (offer, row) in evaluation.offers.iter().zip(table) {
        let notes = &row.schedule_notes;
        if !notes.unpriced.is_empty() {
            let params = Params::new()
                .with("offer", offer.id.as_str())
                .with("bidder", offer.bidder.as_str())
                .with("lines", notes.unpriced.join(", "));
            out.push(plain_warning(
                WarningCode::UnitPricesMissing {
                    offer: offer.id.clone(),
                    lines: notes.unpriced.clone(),
                },
                params,
            ));
        }
        if !notes.unsettled.is_empty() {
            let params = Params::new()
                .with("offer", offer.id.as_str())
                .with("bidder", offer.bidder.as_str())
                .with("count", notes.unsettled.len().to_string())
                .with("where", notes.unsettled.join(", "));
            out.push(plain_warning(
                WarningCode::PriceDiscrepancy {
                    offer: offer.id.clone(),
                    lines: notes.unsettled.clone(),
                },
                params,
            ));
        }
    }
    out
}

fn plain_warning(code: WarningCode, params: Params) -> Warning {
    // Every declared parameter is given (warnings may carry more, the ids screens link by).
    debug_assert!(
        words::check_params(words::WARNINGS, code.as_str(), &params)
            .map_or_else(|m| m.missing.is_empty(), |()| true),
        "warning {}: a declared parameter is not given",
        code.as_str()
    );
    Warning {
        message: words::render(words::WARNINGS, code.as_str(), &params, Lang::Fr),
        code,
        criterion: None,
        params,
    }
}

/// One warning per evaluator who scored offers without a declaration of interests towards
/// them, naming those offers (evaluators and offers in file order).
fn undeclared_interests(evaluation: &Evaluation, table: &[OfferRow]) -> Vec<Warning> {
    let declared: std::collections::HashSet<(&str, &str)> = evaluation
        .declarations
        .iter()
        .map(|d| (d.evaluator.as_str(), d.offer.as_str()))
        .collect();
    let mut out = Vec::new();
    for (e, evaluator) in evaluation.evaluators.iter().enumerate() {
        let offers: Vec<&str> = evaluation
            .offers
            .iter()
            .zip(table)
            .filter(|(o, row)| {
                row.scored_by.get(e).copied().unwrap_or(false)
                    && !declared.contains(&(evaluator.id.as_str(), o.id.as_str()))
            })
            .map(|(o, _)| o.id.as_str())
            .collect();
        if offers.is_empty() {
            continue;
        }
        let bidders: Vec<&str> = evaluation
            .offers
            .iter()
            .filter(|o| offers.contains(&o.id.as_str()))
            .map(|o| o.bidder.as_str())
            .collect();
        // Ids for programs, names for the sentence a buyer reads.
        let params = Params::new()
            .with("evaluator", evaluator.id.as_str())
            .with("name", evaluator.name.as_str())
            .with("offers", offers.join(", "))
            .with("bidders", bidders.join(", "));
        out.push(plain_warning(
            WarningCode::UndeclaredInterest {
                evaluator: evaluator.id.clone(),
                offers: offers.iter().map(|o| (*o).to_owned()).collect(),
            },
            params,
        ));
    }
    out
}
