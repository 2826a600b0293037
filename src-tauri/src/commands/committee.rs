//! The committee on several laptops, buyer's side: one package per evaluator, their return
//! files merged, and who has scored what.

use std::path::PathBuf;

use chrono::Utc;
use jauge_api::PackageRequest;
use jauge_api::domain::package::EvaluatorProgress;
use tauri::State;

use crate::dto::{ExportedFileDto, MergeReportDto};
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
) -> Result<ExportedFileDto, IpcError> {
    let request = PackageRequest {
        evaluator,
        criteria,
    };
    let written =
        jauge_api::export_package_file(&state.db(), &reference, &request, Utc::now(), &path)?;
    Ok(written.into())
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
