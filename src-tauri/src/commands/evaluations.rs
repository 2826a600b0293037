//! The evaluations list: open, create from a template, import (an evaluation or a consultation
//! with its lots), export, delete; and a consultation's home.

use std::path::PathBuf;

use chrono::Utc;
use jauge_api::NewEvaluation;
use jauge_api::domain::lots::OverCapRule;
use tauri::State;

use crate::dto::{
    ConsultationView, EvaluationView, ImportedDto, PriceSimulationView, TemplateDto,
    TenderSummaryDto,
};
use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_evaluations(state: State<'_, AppState>) -> Result<Vec<TenderSummaryDto>, IpcError> {
    let summaries = jauge_api::list_evaluations(&state.db())?;
    Ok(summaries.iter().map(Into::into).collect())
}

#[tauri::command(async)]
pub fn open_evaluation(
    state: State<'_, AppState>,
    reference: String,
) -> Result<EvaluationView, IpcError> {
    Ok(jauge_api::evaluate_stored(&state.db(), &reference)?.into())
}

#[tauri::command(async)]
pub fn list_templates() -> Vec<TemplateDto> {
    jauge_api::list_templates().iter().map(Into::into).collect()
}

#[tauri::command(async)]
pub fn create_from_template(
    state: State<'_, AppState>,
    template: String,
    reference: String,
    title: String,
    buyer: String,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    let new = NewEvaluation {
        template,
        reference,
        title,
        buyer,
    };
    // The launch date is the buyer's calendar day, not UTC's.
    let today = chrono::Local::now().date_naive();
    let view = jauge_api::create_evaluation_from_template(
        &mut state.db(),
        &new,
        today,
        Utc::now(),
        &state.actor(actor),
    )?;
    Ok(view.into())
}

/// Imports an evaluation file or a consultation file (with its lots): the screen opens what
/// it was.
#[tauri::command(async)]
pub fn import_evaluation_file(
    state: State<'_, AppState>,
    path: PathBuf,
    replace: bool,
    actor: Option<String>,
) -> Result<ImportedDto, IpcError> {
    let imported = jauge_api::import_file(
        &mut state.db(),
        &path,
        replace,
        Utc::now(),
        &state.actor(actor),
    )?;
    Ok(ImportedDto::from(&imported))
}

/// A consultation's home: each lot's ranking and provisional award, and every step of the
/// award across lots (a stored evaluation opens as a consultation of one lot).
#[tauri::command(async)]
pub fn open_consultation(
    state: State<'_, AppState>,
    reference: String,
) -> Result<ConsultationView, IpcError> {
    let stored = jauge_api::open_consultation(&state.db(), &reference)?;
    Ok(ConsultationView::from(&stored))
}

/// The consultation the stored evaluation `reference` is a lot of, when it is one.
#[tauri::command(async)]
pub fn consultation_of_lot(
    state: State<'_, AppState>,
    reference: String,
) -> Result<Option<String>, IpcError> {
    Ok(jauge_api::consultation_of_lot(&state.db(), &reference)?)
}

/// Corrects a bidder's company or SIRET once, for every lot it bid on.
#[tauri::command(async)]
pub fn save_bidder(
    state: State<'_, AppState>,
    reference: String,
    bidder: String,
    company: String,
    siret: Option<String>,
    actor: Option<String>,
) -> Result<ConsultationView, IpcError> {
    let stored = jauge_api::save_bidder(
        &mut state.db(),
        &reference,
        &bidder,
        &company,
        siret.as_deref(),
        Utc::now(),
        &state.actor(actor),
    )?;
    Ok(ConsultationView::from(&stored))
}

/// Sets the cap on lots awarded per bidder and the rule applied over it.
#[tauri::command(async)]
pub fn set_award_rules(
    state: State<'_, AppState>,
    reference: String,
    max_lots_per_bidder: Option<u32>,
    over_cap_rule: OverCapRule,
    actor: Option<String>,
) -> Result<ConsultationView, IpcError> {
    let stored = jauge_api::set_award_rules(
        &mut state.db(),
        &reference,
        max_lots_per_bidder,
        Some(over_cap_rule),
        Utc::now(),
        &state.actor(actor),
    )?;
    Ok(ConsultationView::from(&stored))
}

/// Declares a lot *sans suite* with its reason, or withdraws the declaration (`reason` null).
#[tauri::command(async)]
pub fn set_lot_sans_suite(
    state: State<'_, AppState>,
    reference: String,
    lot: String,
    reason: Option<String>,
    actor: Option<String>,
) -> Result<ConsultationView, IpcError> {
    let stored = jauge_api::set_lot_sans_suite(
        &mut state.db(),
        &reference,
        &lot,
        reason.as_deref(),
        Utc::now(),
        &state.actor(actor),
    )?;
    Ok(ConsultationView::from(&stored))
}

/// Records a bidder's offer on a lot it had none on.
#[tauri::command(async)]
pub fn add_bid(
    state: State<'_, AppState>,
    reference: String,
    lot: String,
    bidder: String,
    actor: Option<String>,
) -> Result<ConsultationView, IpcError> {
    let stored = jauge_api::add_bid(
        &mut state.db(),
        &reference,
        &lot,
        &bidder,
        Utc::now(),
        &state.actor(actor),
    )?;
    Ok(ConsultationView::from(&stored))
}

#[tauri::command(async)]
pub fn export_evaluation_file(
    state: State<'_, AppState>,
    reference: String,
    path: PathBuf,
) -> Result<(), IpcError> {
    Ok(jauge_api::export_evaluation_file(
        &state.db(),
        &reference,
        &path,
    )?)
}

#[tauri::command(async)]
pub fn delete_evaluation(state: State<'_, AppState>, reference: String) -> Result<(), IpcError> {
    Ok(jauge_api::delete_evaluation(&mut state.db(), &reference)?)
}

/// The results under each price formula, for the simulator next to the ranking.
#[tauri::command(async)]
pub fn simulate_price_formulas(
    state: State<'_, AppState>,
    reference: String,
) -> Result<Vec<PriceSimulationView>, IpcError> {
    let simulations = jauge_api::simulate_stored_price_formulas(&state.db(), &reference)?;
    Ok(simulations.into_iter().map(Into::into).collect())
}
