//! The scoring grid and the consensus screen. Each edit returns the edited cell as saved and the
//! new results (a `CellView`), never the whole evaluation.

use jauge_api::store::Change;
use tauri::State;

use super::apply_cell;
use jauge_api::domain::{Consensus, Score};

use crate::dto::CellView;
use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command(async)]
pub fn set_score(
    state: State<'_, AppState>,
    reference: String,
    score: Score,
    actor: Option<String>,
) -> Result<CellView, IpcError> {
    apply_cell(&state, &reference, Change::SetScore(score), actor)
}

#[tauri::command(async)]
pub fn remove_score(
    state: State<'_, AppState>,
    reference: String,
    offer: String,
    criterion: String,
    evaluator: String,
    actor: Option<String>,
) -> Result<CellView, IpcError> {
    let change = Change::RemoveScore {
        offer,
        criterion,
        evaluator,
    };
    apply_cell(&state, &reference, change, actor)
}

#[tauri::command(async)]
pub fn set_consensus(
    state: State<'_, AppState>,
    reference: String,
    consensus: Consensus,
    actor: Option<String>,
) -> Result<CellView, IpcError> {
    apply_cell(&state, &reference, Change::SetConsensus(consensus), actor)
}

#[tauri::command(async)]
pub fn remove_consensus(
    state: State<'_, AppState>,
    reference: String,
    offer: String,
    criterion: String,
    actor: Option<String>,
) -> Result<CellView, IpcError> {
    apply_cell(
        &state,
        &reference,
        Change::RemoveConsensus { offer, criterion },
        actor,
    )
}
