//! Tauri commands: adapters that call one `jauge_api` function and shape its answer for the
//! screens. Names match the API functions. Every command that touches the store runs off the
//! main thread (`#[tauri::command(async)]`), so the window never waits for SQLite.

pub mod app;
pub mod catalogs;
pub mod committee;
pub mod evaluations;
pub mod journal;
pub mod letters;
pub mod prices;
pub mod reports;
pub mod rounds;
pub mod scoring;
pub mod setup;
pub mod sheets;
pub mod store;

use chrono::Utc;
use jauge_api::domain::{Evaluation, Results};
use jauge_api::store::Change;

use crate::dto::{CellView, EvaluationView};
use crate::error::IpcError;
use crate::state::AppState;

/// Every edit goes through here: saved with its journal entry (signed by `actor`, the name the
/// UI passes, else the OS account), then the saved evaluation comes back with its new results.
fn apply(
    state: &AppState,
    reference: &str,
    change: &Change,
    actor: Option<String>,
) -> Result<(Evaluation, Results), IpcError> {
    let actor = state.actor(actor);
    Ok(jauge_api::change_evaluation(
        &mut state.db(),
        reference,
        change,
        Utc::now(),
        &actor,
    )?)
}

/// An edit of the set-up or the offers: the screen gets the whole saved evaluation back.
fn apply_whole(
    state: &AppState,
    reference: &str,
    change: Change,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    Ok(apply(state, reference, &change, actor)?.into())
}

/// An edit of one (offer, criterion) cell — a score or a decision: the screen gets that cell as
/// saved and the new results.
fn apply_cell(
    state: &AppState,
    reference: &str,
    change: Change,
    actor: Option<String>,
) -> Result<CellView, IpcError> {
    let actor = state.actor(actor);
    Ok(jauge_api::change_cell(&mut state.db(), reference, &change, Utc::now(), &actor)?.into())
}
