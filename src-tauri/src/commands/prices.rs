//! The price screen: each offer's price schedule computed, a unit price typed in, a bidder's
//! filled schedule imported from its workbook, the blank schedule written for the bidders, and
//! the buyer's decision on the correction of a material error (accepted with a note, or
//! withdrawn), journaled by the API.

use std::path::PathBuf;

use chrono::Utc;
use jauge_api::domain::CorrectionRoute;
use tauri::State;

use crate::dto::{ExportedFileDto, LangDto, PriceSheetView, ScheduleImportDto};
use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command(async)]
pub fn price_sheet(
    state: State<'_, AppState>,
    reference: String,
) -> Result<PriceSheetView, IpcError> {
    Ok(jauge_api::stored_price_sheet(&state.db(), &reference)?.into())
}

/// `line` absent: the correction of the grand total.
#[tauri::command(async)]
pub fn accept_correction(
    state: State<'_, AppState>,
    reference: String,
    offer: String,
    line: Option<String>,
    route: CorrectionRoute,
    note: String,
    actor: Option<String>,
) -> Result<PriceSheetView, IpcError> {
    let actor = state.actor(actor);
    let mut store = state.db();
    jauge_api::accept_correction(
        &mut store,
        &reference,
        &offer,
        line.as_deref(),
        route,
        &note,
        Utc::now(),
        &actor,
    )?;
    Ok(jauge_api::stored_price_sheet(&store, &reference)?.into())
}

#[tauri::command(async)]
pub fn withdraw_correction(
    state: State<'_, AppState>,
    reference: String,
    offer: String,
    line: Option<String>,
    actor: Option<String>,
) -> Result<PriceSheetView, IpcError> {
    let actor = state.actor(actor);
    let mut store = state.db();
    jauge_api::withdraw_correction(
        &mut store,
        &reference,
        &offer,
        line.as_deref(),
        Utc::now(),
        &actor,
    )?;
    Ok(jauge_api::stored_price_sheet(&store, &reference)?.into())
}

/// One unit price as the buyer typed it (`text`, read by the API with the workbooks' number
/// reader; empty: the line is unpriced again).
#[tauri::command(async)]
pub fn set_unit_price(
    state: State<'_, AppState>,
    reference: String,
    offer: String,
    line: String,
    text: String,
    actor: Option<String>,
) -> Result<PriceSheetView, IpcError> {
    let actor = state.actor(actor);
    let sheet = jauge_api::set_unit_price_sheet(
        &mut state.db(),
        &reference,
        &offer,
        &line,
        &text,
        Utc::now(),
        &actor,
    )?;
    Ok(sheet.into())
}

/// Imports a bidder's filled schedule as `offer`'s prices: refused whole, every wrong cell a
/// coded problem naming its sheet and cell, or saved with one journal entry naming the file.
#[tauri::command(async)]
pub fn import_schedule_workbook(
    state: State<'_, AppState>,
    reference: String,
    offer: String,
    path: PathBuf,
    actor: Option<String>,
) -> Result<ScheduleImportDto, IpcError> {
    let actor = state.actor(actor);
    let imported = jauge_api::import_schedule_workbook_file(
        &mut state.db(),
        &reference,
        &offer,
        &path,
        Utc::now(),
        &actor,
    )?;
    Ok(imported.into())
}

/// Writes the blank schedule every bidder fills.
#[tauri::command(async)]
pub fn export_schedule_workbook(
    state: State<'_, AppState>,
    reference: String,
    lang: LangDto,
    path: PathBuf,
) -> Result<ExportedFileDto, IpcError> {
    let exported =
        jauge_api::export_schedule_workbook_file(&state.db(), &reference, lang.into(), &path)?;
    Ok(exported.into())
}
