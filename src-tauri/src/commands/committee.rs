//! The committee on several laptops, buyer's side: one package per evaluator, their return
//! files merged, and who has scored what.

use std::path::{Path, PathBuf};

use chrono::Utc;
use jauge_api::domain::Declaration;
use jauge_api::domain::package::{CommitteeFile, EvaluatorProgress, EvaluatorWorkspace};
use jauge_api::store::Change;
use jauge_api::{KeyFile, PackageRequest};
use tauri::State;

use super::apply_whole;
use crate::dto::{
    EvaluationView, ExportedFileDto, MergeReportDto, ReturnCertificateDto, ReturnSigningDto,
};
use crate::error::IpcError;
use crate::state::AppState;

/// Writes the package of `evaluator` (every criterion they may score when `criteria` is null).
#[tauri::command(async)]
pub fn export_package(
    state: State<'_, AppState>,
    reference: String,
    evaluator: String,
    criteria: Option<Vec<String>>,
    path: PathBuf,
    actor: Option<String>,
) -> Result<ExportedFileDto, IpcError> {
    let request = PackageRequest {
        evaluator,
        criteria,
    };
    let actor = state.actor(actor);
    let written = jauge_api::export_package_file(
        &mut state.db(),
        &reference,
        &request,
        Utc::now(),
        &actor,
        &path,
    )?;
    Ok(written.into())
}

/// (Evaluator) Opens a package as a workspace of its own, where only the evaluator's scores on
/// the criteria assigned and their declarations change; `replace` for a newer package of a
/// tender already here. Answers the key the workspace is filed under (its reference, or for a
/// lot of a consultation the reference and the lot).
#[tauri::command(async)]
pub fn open_package(
    state: State<'_, AppState>,
    path: PathBuf,
    replace: bool,
    actor: Option<String>,
) -> Result<String, IpcError> {
    let actor = state.actor(actor);
    let package =
        jauge_api::open_package_file(&mut state.db(), &path, replace, Utc::now(), &actor)?;
    Ok(jauge_api::workspace_key(&package.evaluation))
}

/// The package facts when `reference` is an evaluator's workspace on this computer.
#[tauri::command(async)]
pub fn evaluator_workspace(
    state: State<'_, AppState>,
    reference: String,
) -> Result<Option<EvaluatorWorkspace>, IpcError> {
    Ok(jauge_api::evaluator_workspace(&state.db(), &reference)?)
}

/// (Evaluator) Writes the return file of the workspace, signed with the evaluator's
/// certificate when `signing` is given (its password is used for this call only).
#[tauri::command(async)]
pub fn write_return(
    state: State<'_, AppState>,
    reference: String,
    path: PathBuf,
    signing: Option<ReturnSigningDto>,
) -> Result<ExportedFileDto, IpcError> {
    let key = signing.as_ref().map(|s| KeyFile {
        p12: Path::new(&s.p12_path),
        password: &s.password,
    });
    let written = jauge_api::write_return_file(&state.db(), &reference, Utc::now(), &path, key)?;
    Ok(written.into())
}

/// The packages sent and the scores files received, oldest first.
#[tauri::command(async)]
pub fn committee_files(
    state: State<'_, AppState>,
    reference: String,
) -> Result<Vec<CommitteeFile>, IpcError> {
    Ok(jauge_api::committee_files(&state.db(), &reference)?)
}

/// Records an evaluator's declarations of interests towards one or more offers; a declared
/// conflict withdraws them from the offer (their scores on it are removed).
#[tauri::command(async)]
pub fn declare_interests(
    state: State<'_, AppState>,
    reference: String,
    declarations: Vec<Declaration>,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    apply_whole(&state, &reference, Change::Declare(declarations), actor)
}

/// Opens the sealed prices now: from then on they count, and packages carry them.
#[tauri::command(async)]
pub fn open_prices(
    state: State<'_, AppState>,
    reference: String,
    actor: Option<String>,
) -> Result<EvaluationView, IpcError> {
    let at = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    apply_whole(&state, &reference, Change::OpenPrices { at }, actor)
}

/// Merges a return file; conflicting cells are kept and listed unless `take_theirs`. A file
/// signed with another certificate than the one pinned for the member is refused
/// (`certificate_changed`) unless the buyer confirmed it is theirs (`accept_new_certificate`),
/// which the journal records.
#[tauri::command(async)]
pub fn import_return_file(
    state: State<'_, AppState>,
    reference: String,
    path: PathBuf,
    take_theirs: bool,
    accept_new_certificate: bool,
    actor: Option<String>,
) -> Result<MergeReportDto, IpcError> {
    let actor = state.actor(actor);
    let options = jauge_api::ReturnImport {
        take_theirs,
        accept_new_certificate,
    };
    let merged = jauge_api::merge_return_file(
        &mut state.db(),
        &reference,
        &path,
        options,
        Utc::now(),
        &actor,
    )?;
    Ok(merged.into())
}

/// The certificate pinned for each committee member (the one of their first signed return).
#[tauri::command(async)]
pub fn return_certificates(
    state: State<'_, AppState>,
    reference: String,
) -> Result<Vec<ReturnCertificateDto>, IpcError> {
    Ok(jauge_api::return_certificates(&state.db(), &reference)?
        .into_iter()
        .map(ReturnCertificateDto::from)
        .collect())
}

#[tauri::command(async)]
pub fn committee_progress(
    state: State<'_, AppState>,
    reference: String,
) -> Result<Vec<EvaluatorProgress>, IpcError> {
    Ok(jauge_api::committee_progress(&state.db(), &reference)?)
}
