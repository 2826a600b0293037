//! Letters to bidders: preview, then write (and sign) the whole batch into a folder (for an
//! evaluation or a whole consultation of several lots); and the
//! letter of one request to a bidder (clarification, regularisation, negotiation, price
//! justification).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use jauge_api::domain::letters::Notification;
use jauge_api::{LettersSigning, SignatureRequest};
use tauri::State;

use crate::dto::{
    LangDto, LetterPreviewDto, LettersRequestDto, LettersSigningDto, WrittenLetterDto,
};
use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command(async)]
pub fn prepare_letters(
    state: State<'_, AppState>,
    reference: String,
    notification: Notification,
    lang: LangDto,
) -> Result<Vec<LetterPreviewDto>, IpcError> {
    let letters =
        jauge_api::prepare_stored_letters(&state.db(), &reference, notification, lang.into())?;
    Ok(letters.into_iter().map(Into::into).collect())
}

/// Writes every letter into `folder`, each signed when `signing` is given. The password is used
/// for this call only: never stored, never logged.
#[tauri::command(async)]
pub fn write_letters(
    state: State<'_, AppState>,
    reference: String,
    request: LettersRequestDto,
    folder: PathBuf,
    signing: Option<LettersSigningDto>,
) -> Result<Vec<WrittenLetterDto>, IpcError> {
    let now = Utc::now();
    let request_for_api = request.at(now);
    let signing = signing.as_ref().map(|s| letters_signing(s, now));
    let written = jauge_api::write_stored_letters(
        &state.db(),
        &reference,
        &request_for_api,
        &folder,
        signing.as_ref(),
    )?;
    Ok(written.into_iter().map(Into::into).collect())
}

/// Writes one letter per bidder of the consultation `reference` into `folder`, naming for each
/// lot it bid on whether it is retained (and as which holder) or why not; each signed when
/// `signing` is given. Refused while a lot's award is not settled.
#[tauri::command(async)]
pub fn write_consultation_letters(
    state: State<'_, AppState>,
    reference: String,
    request: LettersRequestDto,
    folder: PathBuf,
    signing: Option<LettersSigningDto>,
) -> Result<Vec<WrittenLetterDto>, IpcError> {
    let now = Utc::now();
    let request_for_api = request.at(now);
    let signing = signing.as_ref().map(|s| letters_signing(s, now));
    let written = jauge_api::write_stored_consultation_letters(
        &state.db(),
        &reference,
        &request_for_api,
        &folder,
        signing.as_ref(),
    )?;
    Ok(written.into_iter().map(Into::into).collect())
}

/// Writes the letter of the request `exchange` into `folder` (created if needed) under the name
/// the API gives it, signed when `signing` is given (the password is used for this call only).
#[tauri::command(async)]
pub fn write_request_letter(
    state: State<'_, AppState>,
    reference: String,
    exchange: String,
    lang: LangDto,
    folder: PathBuf,
    signing: Option<LettersSigningDto>,
) -> Result<WrittenLetterDto, IpcError> {
    let now = Utc::now();
    let lang = lang.into();
    let signing = signing.as_ref().map(|s| letters_signing(s, now));
    let output = folder.join(jauge_api::request_letter_file_name(&exchange, lang));
    let written = jauge_api::write_stored_request_letter(
        &state.db(),
        &reference,
        &exchange,
        lang,
        now,
        &output,
        signing.as_ref(),
    )?;
    Ok(written.into())
}

/// The API's signing options from the screen's, dated `now`.
fn letters_signing(signing: &LettersSigningDto, now: DateTime<Utc>) -> LettersSigning<'_> {
    LettersSigning {
        p12: Path::new(&signing.p12_path),
        password: &signing.password,
        request: SignatureRequest {
            reason: signing.reason.clone(),
            location: None,
            visible: signing.visible,
            at: now,
        },
    }
}
