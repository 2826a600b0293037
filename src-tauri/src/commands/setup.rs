//! Set-up and offers: tender, settings, criteria tree, evaluators, offers. Each edit returns the
//! whole evaluation as saved, with its results.

use jauge_api::domain::{Criterion, Evaluator, Offer, Settings, Tender};
use jauge_api::store::Change;
use tauri::State;

use super::apply_whole;
use crate::dto::{EvaluationView, ProblemsDto};
use crate::error::IpcError;
use crate::state::AppState;

/// Changing `tender.reference` renames the stored evaluation: the view carries the new one.
#[tauri::command(async)]
pub fn update_tender(
    state: State<'_, AppState>,
    reference: String,
    tender: Tender,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    apply_whole(&state, &reference, Change::UpdateTender(tender), actor)
}

#[tauri::command(async)]
pub fn update_settings(
    state: State<'_, AppState>,
    reference: String,
    settings: Settings,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    apply_whole(&state, &reference, Change::UpdateSettings(settings), actor)
}

/// Scores and decisions on criteria no longer in the tree are removed.
#[tauri::command(async)]
pub fn replace_criteria(
    state: State<'_, AppState>,
    reference: String,
    criteria: Vec<Criterion>,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    apply_whole(&state, &reference, Change::ReplaceCriteria(criteria), actor)
}

/// Checks a criteria tree being edited, without saving it: the coded problems the editor shows
/// in the interface's language (the rules stay in Rust).
#[tauri::command]
pub fn check_criteria(criteria: Vec<Criterion>) -> ProblemsDto {
    match jauge_api::domain::read::validate_criteria(&criteria) {
        Ok(()) => ProblemsDto::default(),
        Err(invalid) => ProblemsDto::from(&invalid),
    }
}

#[tauri::command(async)]
pub fn upsert_evaluator(
    state: State<'_, AppState>,
    reference: String,
    evaluator: Evaluator,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    apply_whole(
        &state,
        &reference,
        Change::UpsertEvaluator(evaluator),
        actor,
    )
}

/// Removes the evaluator's scores too.
#[tauri::command(async)]
pub fn remove_evaluator(
    state: State<'_, AppState>,
    reference: String,
    evaluator: String,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    apply_whole(
        &state,
        &reference,
        Change::RemoveEvaluator { evaluator },
        actor,
    )
}

#[tauri::command(async)]
pub fn upsert_offer(
    state: State<'_, AppState>,
    reference: String,
    offer: Offer,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    apply_whole(&state, &reference, Change::UpsertOffer(offer), actor)
}

/// Removes the offer's scores and decisions too.
#[tauri::command(async)]
pub fn remove_offer(
    state: State<'_, AppState>,
    reference: String,
    offer: String,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    apply_whole(&state, &reference, Change::RemoveOffer { offer }, actor)
}
