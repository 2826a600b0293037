//! The evaluation and its results on the wire: the file format itself (spec §1–§7 and the §9
//! results document), as `jauge_domain::wire` serialises the domain values, so the shell has no
//! evaluation type of its own. What the screens send back (a tender, a score, the criteria…)
//! reads straight into the domain types; the API validates it before anything is saved.

use jauge_api::domain::{
    Consensus, Evaluation, EvaluationDocument, PriceFormula, Results, ResultsDocument, Score,
};
use jauge_api::{PriceSimulation, SavedCell};
use serde::{Serialize, Serializer};
use ts_rs::TS;

fn evaluation_document<S: Serializer>(evaluation: &Evaluation, out: S) -> Result<S::Ok, S::Error> {
    EvaluationDocument::new(evaluation).serialize(out)
}

fn results_document<S: Serializer>(results: &Results, out: S) -> Result<S::Ok, S::Error> {
    ResultsDocument::new(results).serialize(out)
}

/// An evaluation as saved, with its results: what `open_evaluation` and the set-up and offer
/// edits return, so the screen shows the saved state whole.
#[derive(Debug, Clone, Serialize, TS)]
pub struct EvaluationView {
    #[serde(serialize_with = "evaluation_document")]
    #[ts(type = "EvaluationDocument")]
    pub evaluation: Evaluation,
    #[serde(serialize_with = "results_document")]
    #[ts(type = "ResultsDocument")]
    pub results: Results,
}

impl From<(Evaluation, Results)> for EvaluationView {
    fn from((evaluation, results): (Evaluation, Results)) -> Self {
        EvaluationView {
            evaluation,
            results,
        }
    }
}

/// What a score or committee-decision edit returns: the edited (offer, criterion) cell as saved
/// — every evaluator's score on it and the decision — and the new results. A keystroke in the
/// grid thus moves one cell and the results over IPC, not the whole evaluation.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CellView {
    pub offer: String,
    pub criterion: String,
    /// The scores on this cell, in file order.
    pub scores: Vec<Score>,
    /// The committee's decision on this cell, if any.
    pub consensus: Option<Consensus>,
    #[serde(serialize_with = "results_document")]
    #[ts(type = "ResultsDocument")]
    pub results: Results,
}

impl From<(SavedCell, Results)> for CellView {
    fn from((cell, results): (SavedCell, Results)) -> Self {
        CellView {
            offer: cell.offer,
            criterion: cell.criterion,
            scores: cell.scores,
            consensus: cell.consensus,
            results,
        }
    }
}

/// The results the evaluation would have under one price formula.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PriceSimulationView {
    pub formula: PriceFormula,
    #[serde(serialize_with = "results_document")]
    #[ts(type = "ResultsDocument")]
    pub results: Results,
}

impl From<PriceSimulation> for PriceSimulationView {
    fn from(s: PriceSimulation) -> Self {
        PriceSimulationView {
            formula: s.formula,
            results: s.results,
        }
    }
}
