//! Set-up and offers: tender, settings, criteria tree, evaluators, offers. Each edit returns the
//! fresh evaluation view.

use jauge_api::store::Change;
use tauri::State;

use super::apply;
use crate::dto::{
    CriterionDto, EvaluationViewDto, EvaluatorDto, OfferDto, ProblemDto, ProblemsDto, SettingsDto,
    TenderDto,
};
use crate::error::IpcError;
use crate::state::AppState;

/// Changing `tender.reference` renames the stored evaluation: the view carries the new one.
#[tauri::command]
pub fn update_tender(
    state: State<'_, AppState>,
    reference: String,
    tender: TenderDto,
    actor: Option<String>,
) -> Result<EvaluationViewDto, IpcError> {
    apply(
        &state,
        &reference,
        Change::UpdateTender(tender.try_into()?),
        actor,
    )
}

#[tauri::command]
pub fn update_settings(
    state: State<'_, AppState>,
    reference: String,
    settings: SettingsDto,
    actor: Option<String>,
) -> Result<EvaluationViewDto, IpcError> {
    apply(
        &state,
        &reference,
        Change::UpdateSettings(settings.into()),
        actor,
    )
}

/// Scores and decisions on criteria no longer in the tree are removed.
#[tauri::command]
pub fn replace_criteria(
    state: State<'_, AppState>,
    reference: String,
    criteria: Vec<CriterionDto>,
    actor: Option<String>,
) -> Result<EvaluationViewDto, IpcError> {
    let criteria = criteria.into_iter().map(Into::into).collect();
    apply(&state, &reference, Change::ReplaceCriteria(criteria), actor)
}

/// Checks a criteria tree being edited, without saving it: the coded problems the editor shows
/// in the interface's language (the rules stay in Rust).
#[tauri::command]
pub fn check_criteria(criteria: Vec<CriterionDto>) -> ProblemsDto {
    let criteria: Vec<_> = criteria.into_iter().map(Into::into).collect();
    match jauge_api::domain::read::validate_criteria(&criteria) {
        Ok(()) => ProblemsDto::default(),
        Err(invalid) => ProblemsDto {
            problems: invalid.problems.iter().map(ProblemDto::from).collect(),
            omitted: u32::try_from(invalid.omitted).unwrap_or(u32::MAX),
        },
    }
}

#[tauri::command]
pub fn upsert_evaluator(
    state: State<'_, AppState>,
    reference: String,
    evaluator: EvaluatorDto,
    actor: Option<String>,
) -> Result<EvaluationViewDto, IpcError> {
    apply(
        &state,
        &reference,
        Change::UpsertEvaluator(evaluator.into()),
        actor,
    )
}

/// Removes the evaluator's scores too.
#[tauri::command]
pub fn remove_evaluator(
    state: State<'_, AppState>,
    reference: String,
    evaluator: String,
    actor: Option<String>,
) -> Result<EvaluationViewDto, IpcError> {
    apply(
        &state,
        &reference,
        Change::RemoveEvaluator { evaluator },
        actor,
    )
}

#[tauri::command]
pub fn upsert_offer(
    state: State<'_, AppState>,
    reference: String,
    offer: OfferDto,
    actor: Option<String>,
) -> Result<EvaluationViewDto, IpcError> {
    apply(
        &state,
        &reference,
        Change::UpsertOffer(offer.try_into()?),
        actor,
    )
}

/// Removes the offer's scores and decisions too.
#[tauri::command]
pub fn remove_offer(
    state: State<'_, AppState>,
    reference: String,
    offer: String,
    actor: Option<String>,
) -> Result<EvaluationViewDto, IpcError> {
    apply(&state, &reference, Change::RemoveOffer { offer }, actor)
}
