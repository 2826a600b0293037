//! The store's file as a whole: how it is open, and the ways out when it could not be opened for
//! work (read it only, set it aside and start afresh, restore a backup, try again).

use chrono::Utc;
use tauri::State;

use crate::dto::{BackupDto, StoreStatusDto};
use crate::error::IpcError;
use crate::state::{AppState, StoreStatus, open_for_work};

/// What the app asks first: whether the store is open for work, read-only, or not at all.
#[tauri::command(async)]
pub fn store_status(state: State<'_, AppState>) -> StoreStatusDto {
    (&state.status()).into()
}

/// Tries again to open the store for work (another program may have let go of it).
#[tauri::command(async)]
pub fn retry_opening_store(state: State<'_, AppState>) -> Result<StoreStatusDto, IpcError> {
    let status = state.reopen(|path| {
        let store = open_for_work(path)?;
        Ok((store, StoreStatus::default()))
    })?;
    Ok((&status).into())
}

/// Opens the store read-only: what can be read can be exported; edits are refused.
#[tauri::command(async)]
pub fn open_store_read_only(state: State<'_, AppState>) -> Result<StoreStatusDto, IpcError> {
    let status = state.reopen(|path| {
        let store = jauge_api::open_store_read_only(path)?;
        let status = StoreStatus {
            read_only: true,
            ..StoreStatus::default()
        };
        Ok((store, status))
    })?;
    Ok((&status).into())
}

/// Renames the store aside (nothing is deleted) and starts a fresh one with the demo.
#[tauri::command(async)]
pub fn set_store_aside(state: State<'_, AppState>) -> Result<StoreStatusDto, IpcError> {
    let status = state.reopen(|path| {
        let aside = jauge_api::set_store_aside(path, Utc::now())?;
        let store = open_for_work(path)?;
        let status = StoreStatus {
            set_aside: Some(aside),
            ..StoreStatus::default()
        };
        Ok((store, status))
    })?;
    Ok((&status).into())
}

/// The store's automatic backups, newest first.
#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<BackupDto>, IpcError> {
    Ok(jauge_api::list_backups(&state.db_path)?
        .iter()
        .map(Into::into)
        .collect())
}

/// Puts a backup in place of the store, the current store set aside (nothing is deleted).
#[tauri::command(async)]
pub fn restore_backup(
    state: State<'_, AppState>,
    file_name: String,
) -> Result<StoreStatusDto, IpcError> {
    let status = state.reopen(|path| {
        let aside = jauge_api::restore_backup(path, &file_name, Utc::now())?;
        let store = open_for_work(path)?;
        let status = StoreStatus {
            set_aside: aside,
            ..StoreStatus::default()
        };
        Ok((store, status))
    })?;
    Ok((&status).into())
}
