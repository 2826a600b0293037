//! Spreadsheets: the evaluation as a workbook, blank scoring grids, and the workbooks a buyer
//! brings back (a filled grid, the list of bids received).

use std::path::PathBuf;

use chrono::Utc;
use tauri::State;

use crate::dto::{ExportedFileDto, LangDto, WorkbookImportDto};
use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command(async)]
pub fn export_workbook(
    state: State<'_, AppState>,
    reference: String,
    lang: LangDto,
    path: PathBuf,
) -> Result<ExportedFileDto, IpcError> {
    let today = Utc::now().date_naive();
    Ok(jauge_api::export_workbook_file(&state.db(), &reference, lang.into(), today, &path)?.into())
}

/// The workbook of a consultation of several lots: the award of the lots, then each lot's
/// summary and matrix.
#[tauri::command(async)]
pub fn export_consultation_workbook(
    state: State<'_, AppState>,
    reference: String,
    lang: LangDto,
    path: PathBuf,
) -> Result<ExportedFileDto, IpcError> {
    let today = Utc::now().date_naive();
    let file = jauge_api::export_consultation_workbook_file(
        &state.db(),
        &reference,
        lang.into(),
        today,
        &path,
    )?;
    Ok(file.into())
}

#[tauri::command(async)]
pub fn export_score_grid(
    state: State<'_, AppState>,
    reference: String,
    evaluator: String,
    lang: LangDto,
    path: PathBuf,
) -> Result<ExportedFileDto, IpcError> {
    let exported =
        jauge_api::export_score_grid_file(&state.db(), &reference, &evaluator, lang.into(), &path)?;
    Ok(exported.into())
}

/// Imports a filled grid: refused whole, every wrong cell a coded problem naming its address, or
/// saved with one journal entry naming the file.
#[tauri::command(async)]
pub fn import_score_grid(
    state: State<'_, AppState>,
    reference: String,
    evaluator: String,
    path: PathBuf,
    actor: Option<String>,
) -> Result<WorkbookImportDto, IpcError> {
    let actor = state.actor(actor);
    let imported = jauge_api::import_score_grid_file(
        &mut state.db(),
        &reference,
        &evaluator,
        &path,
        Utc::now(),
        &actor,
    )?;
    Ok(imported.into())
}

#[tauri::command(async)]
pub fn import_offers_workbook(
    state: State<'_, AppState>,
    reference: String,
    path: PathBuf,
    actor: Option<String>,
) -> Result<WorkbookImportDto, IpcError> {
    let actor = state.actor(actor);
    let imported = jauge_api::import_offers_workbook_file(
        &mut state.db(),
        &reference,
        &path,
        Utc::now(),
        &actor,
    )?;
    Ok(imported.into())
}
