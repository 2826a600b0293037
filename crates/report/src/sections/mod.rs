//! The report's sections, in reading order, and the lookups they share.
//!
//! Every lookup (criterion by id, scores of one cell, an offer's result for one leaf) is
//! indexed once here, so a 30-offer × 400-criterion evaluation stays linear to render.

mod cover;
mod findings;
mod lots;
mod matrix;
mod method;
mod offers;
mod prices;
mod rounds;
mod summary;
mod trace;

use std::collections::{HashMap, HashSet};

use jauge_domain::{
    Answer, Consensus, Criterion, Elimination, EliminationReason, Evaluation, LeafOutcome,
    LeafResult, Offer, OfferResult, OfferStatus, Procedure, Results, Score, ValueSource,
};

use crate::JournalDigest;
use crate::i18n::{Lang, Texts};
use crate::page::{Canvas, GREEN, RED, Rgb8};

/// What every section reads: the input, wording, and indexes built once.
pub(crate) struct Ctx<'a> {
    pub eval: &'a Evaluation,
    pub results: &'a Results,
    /// With a price schedule: the results on the bidders' figures as written, every material
    /// error left uncorrected (what the price-check section compares the ranking with).
    pub results_as_submitted: Option<&'a Results>,
    /// With rounds of offers, every round's results.
    pub rounds: &'a [jauge_domain::rounds::RoundResults],
    pub lang: Lang,
    pub t: &'static Texts,
    pub generated_at: chrono::DateTime<chrono::Utc>,
    pub software_version: &'a str,
    pub journal: Option<&'a JournalDigest>,
    /// The lot's award within its consultation, when the evaluation is one lot of one.
    pub lot_award: Option<&'a crate::LotAwardReport>,
    pub hash: String,
    /// Every node, depth first, with its depth (0 for top level).
    pub nodes: Vec<(&'a Criterion, usize)>,
    /// Every leaf in tree order; `OfferResult::criteria` follows the same order.
    pub leaves: Vec<&'a Criterion>,
    criteria: HashMap<&'a str, &'a Criterion>,
    /// For each group id, the range of leaf indexes below it (leaves of a group are contiguous).
    group_leaves: HashMap<&'a str, (usize, usize)>,
    offers: HashMap<&'a str, &'a Offer>,
    offer_results: HashMap<&'a str, &'a OfferResult>,
    scores: HashMap<(&'a str, &'a str), Vec<&'a Score>>,
    consensus: HashMap<(&'a str, &'a str), &'a Consensus>,
    evaluator_labels: HashMap<&'a str, String>,
    undecided: HashSet<(&'a str, &'a str)>,
    /// Top-level nodes that carry points, i.e. the series of the charts and ranking columns.
    pub weighted_top: Vec<&'a Criterion>,
}

impl<'a> Ctx<'a> {
    pub fn new(input: &'a crate::ReportInput<'a>, hash: String) -> Ctx<'a> {
        let eval = input.evaluation;
        let mut nodes = Vec::new();
        fn walk<'b>(list: &'b [Criterion], depth: usize, out: &mut Vec<(&'b Criterion, usize)>) {
            for node in list {
                out.push((node, depth));
                walk(node.children(), depth + 1, out);
            }
        }
        walk(&eval.criteria, 0, &mut nodes);

        let leaves = eval.leaves();
        let mut group_leaves = HashMap::new();
        fn ranges<'b>(
            list: &'b [Criterion],
            next_leaf: &mut usize,
            out: &mut HashMap<&'b str, (usize, usize)>,
        ) {
            for node in list {
                if node.is_leaf() {
                    *next_leaf += 1;
                } else {
                    let start = *next_leaf;
                    ranges(node.children(), next_leaf, out);
                    out.insert(node.id.as_str(), (start, *next_leaf));
                }
            }
        }
        ranges(&eval.criteria, &mut 0, &mut group_leaves);

        let mut scores: HashMap<(&str, &str), Vec<&Score>> = HashMap::new();
        for score in &eval.scores {
            scores
                .entry((score.offer.as_str(), score.criterion.as_str()))
                .or_default()
                .push(score);
        }
        let consensus = eval
            .consensus
            .iter()
            .map(|c| ((c.offer.as_str(), c.criterion.as_str()), c))
            .collect();

        Ctx {
            eval,
            results: input.results,
            results_as_submitted: input.results_as_submitted,
            rounds: input.rounds,
            lang: input.lang,
            t: input.lang.text(),
            generated_at: input.generated_at,
            software_version: input.software_version,
            journal: input.journal.as_ref(),
            lot_award: input.lot_award.as_ref(),
            hash,
            criteria: nodes.iter().map(|(c, _)| (c.id.as_str(), *c)).collect(),
            nodes,
            leaves,
            group_leaves,
            offers: eval.offers.iter().map(|o| (o.id.as_str(), o)).collect(),
            offer_results: input
                .results
                .offers
                .iter()
                .map(|o| (o.id.as_str(), o))
                .collect(),
            scores,
            consensus,
            evaluator_labels: evaluator_labels(eval),
            undecided: input
                .results
                .undecided
                .iter()
                .map(|c| (c.offer.as_str(), c.criterion.as_str()))
                .collect(),
            weighted_top: eval.criteria.iter().filter(|c| c.weight > 0.0).collect(),
        }
    }

    pub fn criterion(&self, id: &str) -> Option<&'a Criterion> {
        self.criteria.get(id).copied()
    }

    pub fn criterion_title(&self, id: &str) -> String {
        self.criterion(id)
            .map_or_else(|| id.to_string(), |c| c.title.clone())
    }

    pub fn offer(&self, id: &str) -> Option<&'a Offer> {
        self.offers.get(id).copied()
    }

    pub fn offer_result(&self, id: &str) -> Option<&'a OfferResult> {
        self.offer_results.get(id).copied()
    }

    /// The bidder, and the commercial name when there is one.
    pub fn offer_label(&self, id: &str) -> String {
        match self.offer(id) {
            Some(offer) => match &offer.name {
                Some(name) if name != &offer.bidder => format!("{} — {name}", offer.bidder),
                _ => offer.bidder.clone(),
            },
            None => id.to_string(),
        }
    }

    pub fn bidder(&self, id: &str) -> String {
        self.offer(id)
            .map_or_else(|| id.to_string(), |o| o.bidder.clone())
    }

    /// The result of one leaf for one offer, by position (no search).
    pub fn leaf_result(&self, offer: &'a OfferResult, leaf: usize) -> Option<&'a LeafResult> {
        let id = self.leaves.get(leaf)?.id.as_str();
        match offer.criteria.get(leaf) {
            Some(result) if result.criterion == id => Some(result),
            _ => offer.leaf(id),
        }
    }

    /// Sum of the leaf points below a group, for a ranked offer.
    pub fn group_points(&self, offer: &'a OfferResult, group: &str) -> Option<f64> {
        if offer.status != OfferStatus::Ranked {
            return None;
        }
        if let Some(value) = offer.group(group) {
            return Some(value);
        }
        let (start, end) = *self.group_leaves.get(group)?;
        Some(
            (start..end)
                .filter_map(|i| self.leaf_result(offer, i))
                .filter_map(|l| l.outcome.points())
                .sum(),
        )
    }

    pub fn scores<'s>(&'s self, offer: &'s str, criterion: &'s str) -> &'s [&'a Score] {
        self.scores
            .get(&(offer, criterion))
            .map_or(&[], Vec::as_slice)
    }

    pub fn consensus<'s>(&'s self, offer: &'s str, criterion: &'s str) -> Option<&'a Consensus> {
        self.consensus.get(&(offer, criterion)).copied()
    }

    /// How an evaluator is named in score lists: full name in a small committee, initials
    /// (explained in the method section) in a large one.
    pub fn evaluator_label(&self, id: &str) -> String {
        self.evaluator_labels
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    pub fn uses_initials(&self) -> bool {
        self.eval.evaluators.len() > MAX_FULL_NAMES
    }

    pub fn currency(&self) -> &str {
        self.eval.tender.currency_code()
    }

    pub fn answer(&self, answer: Answer) -> String {
        match answer {
            Answer::Value(v) => self.lang.compact(v),
            Answer::Met(true) => self.t.met.to_string(),
            Answer::Met(false) => self.t.not_met.to_string(),
        }
    }

    pub fn status(&self, status: OfferStatus) -> &'static str {
        match status {
            OfferStatus::Ranked => self.t.status_ranked,
            OfferStatus::Incomplete => self.t.status_incomplete,
            OfferStatus::Eliminated => self.t.status_eliminated,
        }
    }

    pub fn reason(&self, reason: EliminationReason) -> &'static str {
        match reason {
            EliminationReason::Irregular => self.t.reason_irregular,
            EliminationReason::RequirementNotMet => self.t.reason_requirement,
            EliminationReason::BelowThreshold => self.t.reason_threshold,
        }
    }

    /// Why an offer was eliminated, in the report's language, from the vocabulary.
    pub fn elimination_wording(&self, elimination: &Elimination) -> String {
        elimination.wording(self.lang.words())
    }

    pub fn procedure(&self, procedure: Procedure) -> &'static str {
        match (self.lang, procedure) {
            (Lang::Fr, Procedure::Open) => "Appel d’offres ouvert",
            (Lang::Fr, Procedure::Restricted) => "Appel d’offres restreint",
            (Lang::Fr, Procedure::Negotiated) => "Procédure avec négociation",
            (Lang::Fr, Procedure::CompetitiveDialogue) => "Dialogue compétitif",
            (Lang::Fr, Procedure::Adapted) => "Procédure adaptée (MAPA)",
            (Lang::En, Procedure::Open) => "Open procedure",
            (Lang::En, Procedure::Restricted) => "Restricted procedure",
            (Lang::En, Procedure::Negotiated) => "Competitive procedure with negotiation",
            (Lang::En, Procedure::CompetitiveDialogue) => "Competitive dialogue",
            (Lang::En, Procedure::Adapted) => "Adapted procedure (below EU thresholds)",
        }
    }

    /// The consolidated value of a leaf as printed, with its colour (requirements are
    /// green/red).
    pub fn outcome_text(&self, offer: &str, leaf: &LeafResult) -> (String, Option<Rgb8>) {
        let outcome = &leaf.outcome;
        let t = self.t;
        match outcome {
            LeafOutcome::Scored { value: Some(v), .. } => (self.lang.compact(*v), None),
            LeafOutcome::Price { price: Some(p), .. } => {
                (self.lang.money(*p, self.currency()), None)
            }
            LeafOutcome::Requirement {
                met: Some(true), ..
            } => (t.met.into(), Some(GREEN)),
            LeafOutcome::Requirement {
                met: Some(false), ..
            } => (t.not_met.into(), Some(RED)),
            LeafOutcome::Requirement { met: None, .. } => {
                let word = if self.undecided.contains(&(offer, leaf.criterion.as_str())) {
                    t.undecided
                } else {
                    t.missing
                };
                (word.into(), Some(RED))
            }
            LeafOutcome::Scored { value: None, .. } | LeafOutcome::Price { price: None, .. } => {
                (t.missing.into(), Some(RED))
            }
        }
    }

    pub fn source_text(&self, outcome: &LeafOutcome) -> &'static str {
        let source = match outcome {
            LeafOutcome::Scored { source, .. } | LeafOutcome::Requirement { source, .. } => *source,
            LeafOutcome::Price { .. } => return "",
        };
        match source {
            ValueSource::Consensus => self.t.source_consensus,
            ValueSource::Certifications => self.t.source_certifications,
            ValueSource::Evaluators => match self.eval.settings.consolidation() {
                jauge_domain::Consolidation::Mean => self.lang_mean(),
                jauge_domain::Consolidation::Median => self.lang_median(),
            },
            ValueSource::None => "",
        }
    }

    fn lang_mean(&self) -> &'static str {
        match self.lang {
            Lang::Fr => "moyenne",
            Lang::En => "mean",
        }
    }

    fn lang_median(&self) -> &'static str {
        match self.lang {
            Lang::Fr => "médiane",
            Lang::En => "median",
        }
    }

    pub fn weight_text(&self, criterion: &Criterion) -> String {
        self.lang.compact(criterion.weight)
    }

    pub fn is_draft(&self) -> bool {
        !self.results.complete
    }
}

/// Above this many evaluators, score lists use initials to stay on one or two lines.
const MAX_FULL_NAMES: usize = 4;

/// Full names for a small committee; otherwise unique initials ("CM", "CM2"…).
fn evaluator_labels(eval: &Evaluation) -> HashMap<&str, String> {
    let full = eval.evaluators.len() <= MAX_FULL_NAMES;
    let mut used: HashMap<String, usize> = HashMap::new();
    eval.evaluators
        .iter()
        .map(|e| {
            if full {
                return (e.id.as_str(), e.name.clone());
            }
            let mut initials: String = e
                .name
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_uppercase)
                .collect();
            if initials.is_empty() {
                initials = e.id.clone();
            }
            let count = used.entry(initials.clone()).or_insert(0);
            *count += 1;
            if *count > 1 {
                initials = format!("{initials}{count}");
            }
            (e.id.as_str(), initials)
        })
        .collect()
}

/// Renders every section in order.
pub(crate) fn render_all(canvas: &mut Canvas, ctx: &Ctx) {
    cover::render(canvas, ctx);
    summary::render(canvas, ctx, 1);
    // The lot's award exists only for a lot of a consultation; the sections after it move
    // down one.
    let mut next = 2;
    if let Some(award) = ctx.lot_award {
        lots::render(canvas, ctx, award, next);
        next += 1;
    }
    method::render(canvas, ctx, next);
    findings::render_eliminated(canvas, ctx, next + 1);
    findings::render_abnormally_low(canvas, ctx, next + 2);
    // The price check exists only with a price schedule; the sections after it move down one.
    next += 3;
    if let Some(schedule) = &ctx.eval.price_schedule {
        prices::render(canvas, ctx, schedule, next);
        next += 1;
    }
    // Rounds of a negotiated procedure and exchanges with bidders, when there are any.
    if !ctx.rounds.is_empty() || !ctx.eval.exchanges.is_empty() {
        rounds::render_section(canvas, ctx, next);
        next += 1;
    }
    matrix::render(canvas, ctx, next);
    offers::render(canvas, ctx, next + 1);
    findings::render_divergences(canvas, ctx, next + 2);
    findings::render_sensitivity(canvas, ctx, next + 3);
    trace::render(canvas, ctx, next + 4);
}

/// "3. Title".
pub(crate) fn numbered(number: usize, title: &str) -> String {
    format!("{number}. {title}")
}
