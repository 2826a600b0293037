//! What the engine computes from an evaluation (spec §8), and its JSON form (spec §9).
//!
//! Numbers stay unrounded here; rounding is a matter of display (reports show two decimals).

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::words::{self, Lang, Params};
use crate::write::number;

/// The `format` of the results document.
pub const RESULTS_FORMAT: &str = "jauge/results@1";

/// Everything `jauge evaluate` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Results {
    /// True when no offer is incomplete.
    pub complete: bool,
    /// The single offer ranked first, when no offer is incomplete.
    pub winner: Option<String>,
    /// One entry per offer, in the order of the evaluation file.
    pub offers: Vec<OfferResult>,
    /// Every (offer, leaf) with no value yet, offers in file order, leaves in tree order.
    pub missing: Vec<Cell>,
    /// Every (offer, requirement) on which evaluators disagree and no consensus exists.
    pub undecided: Vec<Cell>,
    pub divergences: Vec<Divergence>,
    pub sensitivity: Vec<Sensitivity>,
    pub warnings: Vec<Warning>,
}

impl Results {
    pub fn offer(&self, id: &str) -> Option<&OfferResult> {
        self.offers.iter().find(|o| o.id == id)
    }

    /// Ranked offers, best first (ties keep file order).
    pub fn ranking(&self) -> Vec<&OfferResult> {
        let mut ranked: Vec<&OfferResult> = self
            .offers
            .iter()
            .filter(|o| o.status == OfferStatus::Ranked)
            .collect();
        ranked.sort_by_key(|o| o.rank);
        ranked
    }
}

/// One (offer, criterion) pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cell {
    pub offer: String,
    pub criterion: String,
}

/// The status of an offer (spec §8.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OfferStatus {
    Ranked,
    Incomplete,
    Eliminated,
}

impl OfferStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OfferStatus::Ranked => "ranked",
            OfferStatus::Incomplete => "incomplete",
            OfferStatus::Eliminated => "eliminated",
        }
    }
}

/// The outcome for one offer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OfferResult {
    pub id: String,
    pub status: OfferStatus,
    pub rank: Option<u32>,
    pub total: Option<f64>,
    /// Subtotal per top-level node, in tree order; `None` unless the offer is ranked. An object
    /// keyed by node id in the JSON.
    #[serde(serialize_with = "crate::wire::groups")]
    #[cfg_attr(
        feature = "ts",
        ts(as = "Option<std::collections::HashMap<String, f64>>")
    )]
    pub groups: Option<Vec<(String, f64)>>,
    /// One entry per leaf, in tree order. An object keyed by leaf id in the JSON.
    #[serde(serialize_with = "crate::wire::leaf_results")]
    #[cfg_attr(
        feature = "ts",
        ts(as = "std::collections::HashMap<String, LeafOutcome>")
    )]
    pub criteria: Vec<LeafResult>,
    pub eliminated_because: Vec<Elimination>,
    pub abnormally_low: bool,
}

impl OfferResult {
    pub fn leaf(&self, criterion: &str) -> Option<&LeafResult> {
        self.criteria.iter().find(|l| l.criterion == criterion)
    }

    pub fn group(&self, id: &str) -> Option<f64> {
        self.groups
            .as_ref()?
            .iter()
            .find(|(g, _)| g == id)
            .map(|(_, v)| *v)
    }
}

/// The consolidated outcome of one leaf for one offer.
#[derive(Debug, Clone, PartialEq)]
pub struct LeafResult {
    pub criterion: String,
    pub outcome: LeafOutcome,
}

/// Per kind of leaf: the consolidated value and the points earned.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum LeafOutcome {
    /// `value` is `None` when missing; `points` is `None` unless the offer is ranked.
    Scored {
        value: Option<f64>,
        points: Option<f64>,
        /// Not in the results document (§9).
        #[serde(skip)]
        source: ValueSource,
    },
    Price {
        #[serde(rename = "value")]
        price: Option<f64>,
        points: Option<f64>,
    },
    /// `met` is `None` when missing or undecided.
    Requirement {
        met: Option<bool>,
        /// Not in the results document (§9).
        #[serde(skip)]
        source: ValueSource,
    },
}

impl LeafOutcome {
    pub fn points(&self) -> Option<f64> {
        match self {
            LeafOutcome::Scored { points, .. } | LeafOutcome::Price { points, .. } => *points,
            LeafOutcome::Requirement { .. } => None,
        }
    }
}

/// Where a consolidated value comes from; the report says so next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ValueSource {
    /// A committee decision.
    Consensus,
    /// Merged from the evaluators' scores.
    Evaluators,
    /// From the offer's certifications on the deadline.
    Certifications,
    /// No value (missing or undecided).
    None,
}

/// Why an offer is eliminated.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Elimination {
    pub reason: EliminationReason,
    pub criterion: Option<String>,
    /// The French sentence of `phrase` filled with `params` (the `detail` of the results
    /// document).
    pub detail: String,
    /// Which sentence of [`crate::words::ELIMINATIONS`] tells it.
    pub phrase: EliminationPhrase,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string>"))]
    pub params: Params,
}

/// The sentences that tell an elimination: one per reason, and for an unmet requirement one per
/// way it was judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EliminationPhrase {
    Irregular,
    NoValidCertification,
    NoValidCertificationLevel,
    NotMetByCommittee,
    NotMetByEvaluators,
    BelowThreshold,
}

impl EliminationPhrase {
    pub const ALL: [EliminationPhrase; 6] = [
        EliminationPhrase::Irregular,
        EliminationPhrase::NoValidCertification,
        EliminationPhrase::NoValidCertificationLevel,
        EliminationPhrase::NotMetByCommittee,
        EliminationPhrase::NotMetByEvaluators,
        EliminationPhrase::BelowThreshold,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EliminationPhrase::Irregular => "irregular",
            EliminationPhrase::NoValidCertification => "no_valid_certification",
            EliminationPhrase::NoValidCertificationLevel => "no_valid_certification_level",
            EliminationPhrase::NotMetByCommittee => "not_met_by_committee",
            EliminationPhrase::NotMetByEvaluators => "not_met_by_evaluators",
            EliminationPhrase::BelowThreshold => "below_threshold",
        }
    }
}

impl Elimination {
    /// The sentence in `lang`.
    pub fn wording(&self, lang: Lang) -> String {
        words::render(
            words::ELIMINATIONS,
            self.phrase.as_str(),
            &self.params,
            lang,
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EliminationReason {
    Irregular,
    RequirementNotMet,
    BelowThreshold,
}

impl EliminationReason {
    pub fn as_str(self) -> &'static str {
        match self {
            EliminationReason::Irregular => "irregular",
            EliminationReason::RequirementNotMet => "requirement_not_met",
            EliminationReason::BelowThreshold => "below_threshold",
        }
    }
}

/// Individual scores spread too far apart on one (offer, leaf) (spec §8.6).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Divergence {
    pub offer: String,
    pub criterion: String,
    pub spread: f64,
    pub resolved: bool,
}

/// The range of one top-level weight over which the winner stays first (spec §8.7).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Sensitivity {
    pub criterion: String,
    pub weight: f64,
    pub from: f64,
    pub to: f64,
}

/// Something worth telling the buyer that does not make the file invalid (spec §8.8).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Warning {
    /// `code`, and `ref` for an unknown reference, as keys of the warning itself.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub code: WarningCode,
    /// The criterion concerned, when there is one.
    pub criterion: Option<String>,
    /// The French sentence of `code` filled with `params` (the `message` of the results
    /// document).
    pub message: String,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string>"))]
    pub params: Params,
}

impl Warning {
    /// The sentence in `lang`.
    pub fn wording(&self, lang: Lang) -> String {
        words::render(words::WARNINGS, self.code.as_str(), &self.params, lang)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum WarningCode {
    NoEnvironmentalCriterion,
    UnknownRef {
        #[serde(rename = "ref")]
        reference: String,
    },
    /// Prices are sealed and not opened yet: nothing ranks.
    PricesSealed,
    /// `evaluator` scored `offers` without declaring their interests towards them (only when
    /// the settings require declarations).
    UndeclaredInterest {
        evaluator: String,
        offers: Vec<String>,
    },
    /// `offer` did not price these `lines` of the price schedule: it is incomplete.
    UnitPricesMissing {
        offer: String,
        lines: Vec<String>,
    },
    /// `offer`'s own figures contradict its unit prices on these `lines` (`total` for its grand
    /// total), and the buyer has not accepted the corrections yet.
    PriceDiscrepancy {
        offer: String,
        lines: Vec<String>,
    },
}

impl WarningCode {
    pub fn as_str(&self) -> &'static str {
        match self {
            WarningCode::NoEnvironmentalCriterion => "no_environmental_criterion",
            WarningCode::UnknownRef { .. } => "unknown_ref",
            WarningCode::PricesSealed => "prices_sealed",
            WarningCode::UndeclaredInterest { .. } => "undeclared_interest",
            WarningCode::UnitPricesMissing { .. } => "unit_prices_missing",
            WarningCode::PriceDiscrepancy { .. } => "price_discrepancy",
        }
    }
}

fn opt_number(value: Option<f64>) -> Value {
    value.map_or(Value::Null, number)
}

/// The results document of spec §9.
pub fn results_to_json(results: &Results) -> Value {
    let offers: Vec<Value> = results.offers.iter().map(offer_to_json).collect();
    let cells = |cells: &[Cell]| -> Value {
        cells
            .iter()
            .map(|c| json!({"offer": c.offer, "criterion": c.criterion}))
            .collect()
    };
    json!({
        "format": RESULTS_FORMAT,
        "complete": results.complete,
        "winner": results.winner,
        "offers": offers,
        "missing": cells(&results.missing),
        "undecided": cells(&results.undecided),
        "divergences": results.divergences.iter().map(|d| json!({
            "offer": d.offer,
            "criterion": d.criterion,
            "spread": number(d.spread),
            "resolved": d.resolved,
        })).collect::<Vec<_>>(),
        "sensitivity": results.sensitivity.iter().map(|s| json!({
            "criterion": s.criterion,
            "weight": number(s.weight),
            "from": number(s.from),
            "to": number(s.to),
        })).collect::<Vec<_>>(),
        "warnings": results.warnings.iter().map(warning_to_json).collect::<Vec<_>>(),
    })
}

fn offer_to_json(offer: &OfferResult) -> Value {
    let mut criteria = Map::new();
    for leaf in &offer.criteria {
        let entry = match &leaf.outcome {
            LeafOutcome::Scored { value, points, .. } => {
                json!({"value": opt_number(*value), "points": opt_number(*points)})
            }
            LeafOutcome::Price { price, points } => {
                json!({"value": opt_number(*price), "points": opt_number(*points)})
            }
            LeafOutcome::Requirement { met, .. } => json!({"met": met}),
        };
        criteria.insert(leaf.criterion.clone(), entry);
    }
    let groups = offer.groups.as_ref().map_or(Value::Null, |groups| {
        Value::Object(
            groups
                .iter()
                .map(|(id, v)| (id.clone(), number(*v)))
                .collect(),
        )
    });
    json!({
        "id": offer.id,
        "status": offer.status.as_str(),
        "rank": offer.rank,
        "total": opt_number(offer.total),
        "groups": groups,
        "criteria": criteria,
        "eliminated_because": offer.eliminated_because.iter().map(|e| json!({
            "reason": e.reason.as_str(),
            "criterion": e.criterion,
            "detail": e.detail,
            "phrase": e.phrase.as_str(),
            "params": e.params.to_json(),
        })).collect::<Vec<_>>(),
        "abnormally_low": offer.abnormally_low,
    })
}

fn warning_to_json(warning: &Warning) -> Value {
    let mut out = Map::new();
    out.insert("code".into(), warning.code.as_str().into());
    out.insert(
        "criterion".into(),
        warning.criterion.clone().map_or(Value::Null, Value::from),
    );
    match &warning.code {
        WarningCode::UnknownRef { reference } => {
            out.insert("ref".into(), reference.clone().into());
        }
        WarningCode::UndeclaredInterest { evaluator, offers } => {
            out.insert("evaluator".into(), evaluator.clone().into());
            out.insert("offers".into(), offers.clone().into());
        }
        WarningCode::UnitPricesMissing { offer, lines }
        | WarningCode::PriceDiscrepancy { offer, lines } => {
            out.insert("offer".into(), offer.clone().into());
            out.insert("lines".into(), lines.clone().into());
        }
        _ => {}
    }
    out.insert("message".into(), warning.message.clone().into());
    out.insert("params".into(), warning.params.to_json());
    Value::Object(out)
}
