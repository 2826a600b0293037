//! The committee on several laptops, buyer's side: one package per evaluator, their return
//! files merged, and who has scored what.

use std::path::PathBuf;

use chrono::Utc;
use jauge_api::PackageRequest;
use jauge_api::domain::Declaration;
use jauge_api::domain::package::{CommitteeFile, EvaluatorProgress};
use jauge_api::store::Change;
use tauri::State;

use super::apply_whole;
use crate::dto::{EvaluationView, ExportedFileDto, MergeReportDto};
use crate::error::IpcError;
use crate::state::AppState;

/// Writes the package of `evaluator` (every criterion they may score when `criteria` is null).
#[tauri::command(async)]
pub fn export_package(
    state: State<'_, AppState>,
    reference: String,
    evaluator: String,
    criteria: Option<Vec<String>>,
    path: PathBuf,
    actor: Option<String>,
) -> Result<ExportedFileDto, IpcError> {
    let request = PackageRequest {
        evaluator,
        criteria,
    };
    let actor = state.actor(actor);
    let written = jauge_api::export_package_file(
        &mut state.db(),
        &reference,
        &request,
        Utc::now(),
        &actor,
        &path,
    )?;
    Ok(written.into())
}

/// The packages sent and the scores files received, oldest first.
#[tauri::command(async)]
pub fn committee_files(
    state: State<'_, AppState>,
    reference: String,
) -> Result<Vec<CommitteeFile>, IpcError> {
    Ok(jauge_api::committee_files(&state.db(), &reference)?)
}

/// Records an evaluator's declarations of interests towards one or more offers; a declared
/// conflict withdraws them from the offer (their scores on it are removed).
#[tauri::command(async)]
pub fn declare_interests(
    state: State<'_, AppState>,
    reference: String,
    declarations: Vec<Declaration>,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    apply_whole(&state, &reference, Change::Declare(declarations), actor)
}

/// Opens the sealed prices now: from then on they count, and packages carry them.
#[tauri::command(async)]
pub fn open_prices(
    state: State<'_, AppState>,
    reference: String,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    let at = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    apply_whole(&state, &reference, Change::OpenPrices { at }, actor)
}

/// Merges a return file; conflicting cells are kept and listed unless `take_theirs`.
#[tauri::command(async)]
pub fn import_return_file(
    state: State<'_, AppState>,
    reference: String,
    path: PathBuf,
    take_theirs: bool,
    actor: Option<String>,
) -> Result<MergeReportDto, IpcError> {
    let actor = state.actor(actor);
    let merged = jauge_api::merge_return_file(
        &mut state.db(),
        &reference,
        &path,
        take_theirs,
        Utc::now(),
        &actor,
    )?;
    Ok(merged.into())
}

#[tauri::command(async)]
pub fn committee_progress(
    state: State<'_, AppState>,
    reference: String,
) -> Result<Vec<EvaluatorProgress>, IpcError> {
    Ok(jauge_api::committee_progress(&state.db(), &reference)?)
}
