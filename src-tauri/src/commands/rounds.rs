//! Negotiated procedures: opening a round, setting an offer aside at a round, recording a
//! request to a bidder and its answer, and every round side by side. Each edit returns the
//! whole evaluation as saved, with the results of the latest round.

use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use jauge_api::domain::Exchange;
use tauri::State;

use crate::dto::{EvaluationView, RoundOpeningDto, RoundsView};
use crate::error::IpcError;
use crate::state::AppState;

/// Every round's results side by side, each round compared with the one before, and the
/// remarks on rounds and exchanges (empty lists without rounds).
#[tauri::command(async)]
pub fn rounds_overview(
    state: State<'_, AppState>,
    reference: String,
) -> Result<RoundsView, IpcError> {
    Ok(jauge_api::rounds_overview(&state.db(), &reference)?.into())
}

/// Opens a round (the first starts the negotiation; a later one freezes the latest round as
/// it was scored).
#[tauri::command(async)]
pub fn open_round(
    state: State<'_, AppState>,
    reference: String,
    opening: RoundOpeningDto,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    let actor = state.actor(actor);
    let saved = jauge_api::open_round(
        &mut state.db(),
        &reference,
        opening.into(),
        Utc::now(),
        &actor,
    )?;
    Ok(saved.into())
}

/// Sets an offer aside at the end of a round, with the reason.
#[tauri::command(async)]
pub fn eliminate_at_round(
    state: State<'_, AppState>,
    reference: String,
    round: String,
    offer: String,
    reason: String,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    let actor = state.actor(actor);
    let saved = jauge_api::eliminate_at_round(
        &mut state.db(),
        &reference,
        &round,
        &offer,
        &reason,
        Utc::now(),
        &actor,
    )?;
    Ok(saved.into())
}

/// Records a request to a bidder, or corrects one (same id).
#[tauri::command(async)]
pub fn record_exchange(
    state: State<'_, AppState>,
    reference: String,
    exchange: Exchange,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    let actor = state.actor(actor);
    let saved =
        jauge_api::record_exchange(&mut state.db(), &reference, exchange, Utc::now(), &actor)?;
    Ok(saved.into())
}

/// Records a bidder's answer; when `file` is given, the backend reads it and records its
/// SHA-256 (the file stays where it is).
#[tauri::command(async)]
pub fn answer_exchange(
    state: State<'_, AppState>,
    reference: String,
    exchange: String,
    received: NaiveDate,
    answer: String,
    file: Option<PathBuf>,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    let actor = state.actor(actor);
    let saved = jauge_api::answer_exchange(
        &mut state.db(),
        &reference,
        &exchange,
        received,
        &answer,
        file.as_deref(),
        Utc::now(),
        &actor,
    )?;
    Ok(saved.into())
}
