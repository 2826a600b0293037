//! What the engine computed, as the results, scoring and consensus screens show it.

use jauge_api::PriceSimulation;
use jauge_api::domain::{
    Cell, Divergence, Elimination, EliminationReason, Evaluation, LeafOutcome, LeafResult,
    OfferResult, OfferStatus, Results, Sensitivity, ValueSource, Warning, WarningCode,
};
use serde::Serialize;
use ts_rs::TS;

use super::{EvaluationDto, ParamsDto, PriceFormulaDto};

/// An evaluation with its results: what `open_evaluation` and every edit return, so the screen
/// redraws from the saved state at once.
#[derive(Debug, Clone, Serialize, TS)]
pub struct EvaluationViewDto {
    pub evaluation: EvaluationDto,
    pub results: ResultsDto,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct ResultsDto {
    /// True when no offer is incomplete.
    pub complete: bool,
    /// The offer ranked first, once no offer is incomplete.
    pub winner: Option<String>,
    /// Ranked offer ids, best first.
    pub ranking: Vec<String>,
    /// One entry per offer, in the order of the evaluation.
    pub offers: Vec<OfferResultDto>,
    /// Every (offer, leaf) with no value yet.
    pub missing: Vec<CellDto>,
    /// Every (offer, requirement) on which evaluators disagree and no consensus exists.
    pub undecided: Vec<CellDto>,
    pub divergences: Vec<DivergenceDto>,
    pub sensitivity: Vec<SensitivityDto>,
    pub warnings: Vec<WarningDto>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CellDto {
    pub offer: String,
    pub criterion: String,
}

#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OfferStatusDto {
    Ranked,
    Incomplete,
    Eliminated,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct OfferResultDto {
    pub id: String,
    pub status: OfferStatusDto,
    pub rank: Option<u32>,
    pub total: Option<f64>,
    /// Points per top-level node, in tree order; absent unless the offer is ranked.
    pub groups: Option<Vec<GroupPointsDto>>,
    /// One entry per leaf, in tree order.
    pub criteria: Vec<LeafResultDto>,
    pub eliminated_because: Vec<EliminationDto>,
    pub abnormally_low: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct GroupPointsDto {
    pub criterion: String,
    pub points: f64,
}

#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LeafKindDto {
    Scored,
    Price,
    Requirement,
}

#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ValueSourceDto {
    Consensus,
    Evaluators,
    Certifications,
    None,
}

/// The consolidated outcome of one leaf for one offer.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(optional_fields = nullable)]
pub struct LeafResultDto {
    pub criterion: String,
    pub kind: LeafKindDto,
    /// The consolidated value (scored) or the price (price); absent when missing.
    pub value: Option<f64>,
    /// Requirement met; absent when missing or undecided.
    pub met: Option<bool>,
    /// Points earned; absent unless the offer is ranked (and for requirements).
    pub points: Option<f64>,
    /// Where the value comes from; absent for the price.
    pub source: Option<ValueSourceDto>,
}

#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EliminationReasonDto {
    Irregular,
    RequirementNotMet,
    BelowThreshold,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(optional_fields = nullable)]
pub struct EliminationDto {
    pub reason: EliminationReasonDto,
    pub criterion: Option<String>,
    pub detail: String,
    /// The sentence of `PHRASES.eliminations` that tells it, filled with `params`.
    pub phrase: String,
    pub params: ParamsDto,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DivergenceDto {
    pub offer: String,
    pub criterion: String,
    pub spread: f64,
    pub resolved: bool,
}

/// The range of one top-level weight over which the winner stays first.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SensitivityDto {
    pub criterion: String,
    pub weight: f64,
    pub from: f64,
    pub to: f64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(optional_fields = nullable)]
pub struct WarningDto {
    /// `no_environmental_criterion` or `unknown_ref`.
    pub code: String,
    pub criterion: Option<String>,
    /// The unknown catalog reference, for `unknown_ref`.
    pub reference: Option<String>,
    pub message: String,
    /// The parameters of the sentence `PHRASES.warnings[code]`.
    pub params: ParamsDto,
}

/// The results the evaluation would have under one price formula.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PriceSimulationDto {
    pub formula: PriceFormulaDto,
    pub results: ResultsDto,
}

impl From<(Evaluation, Results)> for EvaluationViewDto {
    fn from((evaluation, results): (Evaluation, Results)) -> Self {
        EvaluationViewDto {
            evaluation: (&evaluation).into(),
            results: (&results).into(),
        }
    }
}

impl From<&Results> for ResultsDto {
    fn from(r: &Results) -> Self {
        ResultsDto {
            complete: r.complete,
            winner: r.winner.clone(),
            ranking: r.ranking().iter().map(|o| o.id.clone()).collect(),
            offers: r.offers.iter().map(Into::into).collect(),
            missing: r.missing.iter().map(Into::into).collect(),
            undecided: r.undecided.iter().map(Into::into).collect(),
            divergences: r.divergences.iter().map(Into::into).collect(),
            sensitivity: r.sensitivity.iter().map(Into::into).collect(),
            warnings: r.warnings.iter().map(Into::into).collect(),
        }
    }
}

impl From<&Cell> for CellDto {
    fn from(c: &Cell) -> Self {
        CellDto {
            offer: c.offer.clone(),
            criterion: c.criterion.clone(),
        }
    }
}

impl From<&OfferResult> for OfferResultDto {
    fn from(o: &OfferResult) -> Self {
        OfferResultDto {
            id: o.id.clone(),
            status: match o.status {
                OfferStatus::Ranked => OfferStatusDto::Ranked,
                OfferStatus::Incomplete => OfferStatusDto::Incomplete,
                OfferStatus::Eliminated => OfferStatusDto::Eliminated,
            },
            rank: o.rank,
            total: o.total,
            groups: o.groups.as_ref().map(|groups| {
                groups
                    .iter()
                    .map(|(criterion, points)| GroupPointsDto {
                        criterion: criterion.clone(),
                        points: *points,
                    })
                    .collect()
            }),
            criteria: o.criteria.iter().map(Into::into).collect(),
            eliminated_because: o.eliminated_because.iter().map(Into::into).collect(),
            abnormally_low: o.abnormally_low,
        }
    }
}

fn source(source: ValueSource) -> ValueSourceDto {
    match source {
        ValueSource::Consensus => ValueSourceDto::Consensus,
        ValueSource::Evaluators => ValueSourceDto::Evaluators,
        ValueSource::Certifications => ValueSourceDto::Certifications,
        ValueSource::None => ValueSourceDto::None,
    }
}

impl From<&LeafResult> for LeafResultDto {
    fn from(l: &LeafResult) -> Self {
        let criterion = l.criterion.clone();
        match &l.outcome {
            LeafOutcome::Scored {
                value,
                points,
                source: s,
            } => LeafResultDto {
                criterion,
                kind: LeafKindDto::Scored,
                value: *value,
                met: None,
                points: *points,
                source: Some(source(*s)),
            },
            LeafOutcome::Price { price, points } => LeafResultDto {
                criterion,
                kind: LeafKindDto::Price,
                value: *price,
                met: None,
                points: *points,
                source: None,
            },
            LeafOutcome::Requirement { met, source: s } => LeafResultDto {
                criterion,
                kind: LeafKindDto::Requirement,
                value: None,
                met: *met,
                points: None,
                source: Some(source(*s)),
            },
        }
    }
}

impl From<&Elimination> for EliminationDto {
    fn from(e: &Elimination) -> Self {
        EliminationDto {
            reason: match e.reason {
                EliminationReason::Irregular => EliminationReasonDto::Irregular,
                EliminationReason::RequirementNotMet => EliminationReasonDto::RequirementNotMet,
                EliminationReason::BelowThreshold => EliminationReasonDto::BelowThreshold,
            },
            criterion: e.criterion.clone(),
            detail: e.detail.clone(),
            phrase: e.phrase.as_str().into(),
            params: (&e.params).into(),
        }
    }
}

impl From<&Divergence> for DivergenceDto {
    fn from(d: &Divergence) -> Self {
        DivergenceDto {
            offer: d.offer.clone(),
            criterion: d.criterion.clone(),
            spread: d.spread,
            resolved: d.resolved,
        }
    }
}

impl From<&Sensitivity> for SensitivityDto {
    fn from(s: &Sensitivity) -> Self {
        SensitivityDto {
            criterion: s.criterion.clone(),
            weight: s.weight,
            from: s.from,
            to: s.to,
        }
    }
}

impl From<&Warning> for WarningDto {
    fn from(w: &Warning) -> Self {
        WarningDto {
            code: w.code.as_str().into(),
            criterion: w.criterion.clone(),
            reference: match &w.code {
                WarningCode::UnknownRef { reference } => Some(reference.clone()),
                WarningCode::NoEnvironmentalCriterion => None,
            },
            message: w.message.clone(),
            params: (&w.params).into(),
        }
    }
}

impl From<&PriceSimulation> for PriceSimulationDto {
    fn from(s: &PriceSimulation) -> Self {
        PriceSimulationDto {
            formula: s.formula.into(),
            results: (&s.results).into(),
        }
    }
}
