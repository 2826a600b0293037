//! Tauri commands: adapters that convert DTOs, call one `jauge_api` function and convert back.
//! Names match the API functions; slow ones (reports, signatures) run off the main thread.

pub mod app;
pub mod catalogs;
pub mod evaluations;
pub mod journal;
pub mod reports;
pub mod scoring;
pub mod setup;

use chrono::Utc;
use jauge_api::store::Change;

use crate::dto::EvaluationViewDto;
use crate::error::IpcError;
use crate::state::AppState;

/// Every edit goes through here: saved with its journal entry (signed by `actor`, the name the
/// UI passes, else the OS account), then the saved evaluation comes back with its new results.
fn apply(
    state: &AppState,
    reference: &str,
    change: Change,
    actor: Option<String>,
) -> Result<EvaluationViewDto, IpcError> {
    let actor = state.actor(actor);
    let view =
        jauge_api::change_evaluation(&mut state.db(), reference, &change, Utc::now(), &actor)?;
    Ok(view.into())
}
