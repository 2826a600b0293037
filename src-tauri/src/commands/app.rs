//! Facts about the running app.

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::{AppHandle, Manager, State};

use crate::dto::AppInfoDto;
use crate::state::AppState;

#[tauri::command]
pub fn app_info(app: AppHandle, state: State<'_, AppState>) -> AppInfoDto {
    AppInfoDto {
        version: jauge_api::SOFTWARE_VERSION.into(),
        db_path: state.db_path.display().to_string(),
        documents_dir: app
            .path()
            .document_dir()
            .ok()
            .map(|d| d.display().to_string()),
        os_user: state.os_user.clone(),
        open_on_start: state.open_on_start.clone(),
    }
}

/// Called by the UI once its first screen is drawn; `scripts/measure-app.sh` reads the line.
#[tauri::command]
pub fn report_first_paint(state: State<'_, AppState>) {
    static REPORTED: AtomicBool = AtomicBool::new(false);
    if !REPORTED.swap(true, Ordering::Relaxed) {
        eprintln!("first-paint-ms={}", state.started.elapsed().as_millis());
    }
}
