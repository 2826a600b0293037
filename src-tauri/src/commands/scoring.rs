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
    let cell = (score.offer.clone(), score.criterion.clone());
    apply_cell(
        &state,
        &reference,
        (&cell.0, &cell.1),
        Change::SetScore(score),
        actor,
    )
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
    let cell = (offer.clone(), criterion.clone());
    let change = Change::RemoveScore {
        offer,
        criterion,
        evaluator,
    };
    apply_cell(&state, &reference, (&cell.0, &cell.1), change, actor)
}

#[tauri::command(async)]
pub fn set_consensus(
    state: State<'_, AppState>,
    reference: String,
    consensus: Consensus,
    actor: Option<String>,
) -> Result<CellView, IpcError> {
    let cell = (consensus.offer.clone(), consensus.criterion.clone());
    apply_cell(
        &state,
        &reference,
        (&cell.0, &cell.1),
        Change::SetConsensus(consensus),
        actor,
    )
}

#[tauri::command(async)]
pub fn remove_consensus(
    state: State<'_, AppState>,
    reference: String,
    offer: String,
    criterion: String,
    actor: Option<String>,
) -> Result<CellView, IpcError> {
    let cell = (offer.clone(), criterion.clone());
    apply_cell(
        &state,
        &reference,
        (&cell.0, &cell.1),
        Change::RemoveConsensus { offer, criterion },
        actor,
    )
}
