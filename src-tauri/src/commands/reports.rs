//! The PDF report: export, sign, verify, save a signed revision. All run off the main thread.

use std::path::PathBuf;

use chrono::Utc;
use jauge_api::SignatureRequest;
use tauri::State;

use crate::dto::{ExportedFileDto, LangDto, VerificationDto};
use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command(async)]
pub fn export_report(
    state: State<'_, AppState>,
    reference: String,
    lang: LangDto,
    path: PathBuf,
) -> Result<ExportedFileDto, IpcError> {
    let report =
        jauge_api::export_report_file(&state.db(), &reference, lang.into(), Utc::now(), &path)?;
    Ok(report.into())
}

/// The report of a whole consultation (the award of the lots with every step, then each lot's
/// report), written to `path`; it is signed like any report (`sign_report`).
#[tauri::command(async)]
pub fn export_consultation_report(
    state: State<'_, AppState>,
    reference: String,
    lang: LangDto,
    path: PathBuf,
) -> Result<ExportedFileDto, IpcError> {
    let report = jauge_api::export_consultation_report_file(
        &state.db(),
        &reference,
        lang.into(),
        Utc::now(),
        &path,
    )?;
    Ok(report.into())
}

/// Signs `input` into `output` with a PKCS#12 file. The password is used for this call only:
/// never stored, never logged.
#[tauri::command(async)]
pub fn sign_report(
    input: PathBuf,
    output: PathBuf,
    p12_path: PathBuf,
    password: String,
    reason: Option<String>,
    visible: bool,
) -> Result<VerificationDto, IpcError> {
    let request = SignatureRequest {
        reason,
        location: None,
        visible,
        at: Utc::now(),
    };
    Ok(jauge_api::sign_report_file(&input, &output, &p12_path, &password, &request)?.into())
}

#[tauri::command(async)]
pub fn verify_report(path: PathBuf) -> Result<VerificationDto, IpcError> {
    Ok(jauge_api::verify_report_file(&path)?.into())
}

/// Writes what signature number `index` (0 = the first applied) signed as a PDF of its own.
#[tauri::command(async)]
pub fn save_signed_revision(path: PathBuf, index: u32, output: PathBuf) -> Result<(), IpcError> {
    jauge_api::save_signed_revision(&path, index as usize, &output)?;
    Ok(())
}
