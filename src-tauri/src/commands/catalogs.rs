//! The criteria picker: bundled catalogs and their entries.

use crate::dto::{CatalogDto, CatalogEntryDto};
use crate::error::IpcError;

#[tauri::command]
pub fn list_catalogs() -> Result<Vec<CatalogDto>, IpcError> {
    Ok(jauge_api::list_catalogs()?.iter().map(Into::into).collect())
}

/// Entries matching every word of `query`, ignoring case and accents.
#[tauri::command]
pub fn search_catalog(query: String) -> Result<Vec<CatalogEntryDto>, IpcError> {
    let entries = jauge_api::search_catalog(&query)?;
    Ok(entries.into_iter().map(Into::into).collect())
}
