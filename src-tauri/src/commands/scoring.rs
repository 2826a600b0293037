//! The scoring grid and the consensus screen. Each edit returns the fresh evaluation view.

use jauge_api::store::Change;
use tauri::State;

use super::apply;
use crate::dto::{ConsensusDto, EvaluationViewDto, ScoreDto};
use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
pub fn set_score(
    state: State<'_, AppState>,
    reference: String,
    score: ScoreDto,
    actor: Option<String>,
) -> Result<EvaluationViewDto, IpcError> {
    apply(
        &state,
        &reference,
        Change::SetScore(score.try_into()?),
        actor,
    )
}

#[tauri::command]
pub fn remove_score(
    state: State<'_, AppState>,
    reference: String,
    offer: String,
    criterion: String,
    evaluator: String,
    actor: Option<String>,
) -> Result<EvaluationViewDto, IpcError> {
    let change = Change::RemoveScore {
        offer,
        criterion,
        evaluator,
    };
    apply(&state, &reference, change, actor)
}

#[tauri::command]
pub fn set_consensus(
    state: State<'_, AppState>,
    reference: String,
    consensus: ConsensusDto,
    actor: Option<String>,
) -> Result<EvaluationViewDto, IpcError> {
    apply(
        &state,
        &reference,
        Change::SetConsensus(consensus.try_into()?),
        actor,
    )
}

#[tauri::command]
pub fn remove_consensus(
    state: State<'_, AppState>,
    reference: String,
    offer: String,
    criterion: String,
    actor: Option<String>,
) -> Result<EvaluationViewDto, IpcError> {
    apply(
        &state,
        &reference,
        Change::RemoveConsensus { offer, criterion },
        actor,
    )
}
