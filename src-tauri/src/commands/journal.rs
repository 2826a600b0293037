//! The history of an evaluation and the check of its hash chain.

use tauri::State;

use crate::dto::{JournalEntryDto, JournalVerdictDto};
use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_journal(
    state: State<'_, AppState>,
    reference: String,
) -> Result<Vec<JournalEntryDto>, IpcError> {
    Ok(jauge_api::list_journal(&state.db(), &reference)?
        .iter()
        .map(Into::into)
        .collect())
}

#[tauri::command(async)]
pub fn verify_journal(
    state: State<'_, AppState>,
    reference: String,
) -> Result<JournalVerdictDto, IpcError> {
    Ok((&jauge_api::verify_journal(&state.db(), &reference)?).into())
}
