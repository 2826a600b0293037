//! The price screen: each offer's price schedule computed, and the buyer's decision on the
//! correction of a material error (accepted with a note, or withdrawn), journaled by the API.

use chrono::Utc;
use jauge_api::domain::CorrectionRoute;
use tauri::State;

use crate::dto::PriceSheetView;
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
