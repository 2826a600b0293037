//! Letters to bidders: preview, then write (and sign) the whole batch into a folder.

use std::path::{Path, PathBuf};

use chrono::Utc;
use jauge_api::domain::letters::Notification;
use jauge_api::{LettersRequest, LettersSigning, SignatureRequest};
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
    let request_for_api = LettersRequest {
        notification: request.notification,
        lang: request.lang.into(),
        advantages: request.advantages,
        at: now,
    };
    let signing = signing.as_ref().map(|s| LettersSigning {
        p12: Path::new(&s.p12_path),
        password: &s.password,
        request: SignatureRequest {
            reason: s.reason.clone(),
            location: None,
            visible: s.visible,
            at: now,
        },
    });
    let written = jauge_api::write_stored_letters(
        &state.db(),
        &reference,
        &request_for_api,
        &folder,
        signing.as_ref(),
    )?;
    Ok(written.into_iter().map(Into::into).collect())
}
