//! What every command shares: the open store and where it lives.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use chrono::Utc;
use jauge_api::Store;

use crate::error::IpcError;

/// The demo evaluation imported on first launch, so a new user has something to explore.
const DEMO: &str = include_str!("../../assets/demo/cloud-de-confiance.json");
/// Who the journal says imported the demo.
const DEMO_ACTOR: &str = "Jauge (démonstration)";
/// The store's file name inside the data folder.
pub const DB_FILE: &str = "jauge.sqlite3";

pub struct AppState {
    // One connection behind a mutex: edits are short, and SQLite serialises writers anyway, so
    // a pool would add nothing. The store also keeps the evaluations being edited in memory.
    db: Mutex<Store>,
    pub db_path: PathBuf,
    /// The OS account, the default journal actor the UI offers.
    pub os_user: String,
    /// When `run` started, for the first-paint measurement.
    pub started: Instant,
    /// The evaluation to show first (`--open REFERENCE` on the command line).
    pub open_on_start: Option<String>,
}

impl AppState {
    /// Opens the store in `data_dir`, creating it with the demo imported when it does not exist.
    pub fn open(data_dir: &Path, started: Instant) -> Result<AppState, IpcError> {
        let db_path = data_dir.join(DB_FILE);
        let first_launch = !db_path.exists();
        let mut db = jauge_api::open_store(&db_path)?;
        if first_launch {
            jauge_api::import_evaluation(&mut db, DEMO, false, Utc::now(), DEMO_ACTOR)?;
        }
        Ok(AppState {
            db: Mutex::new(db),
            db_path,
            os_user: os_user(),
            started,
            open_on_start: None,
        })
    }

    /// Who the journal records for an edit: the name the UI passes, else the OS account.
    pub fn actor(&self, passed: Option<String>) -> String {
        passed
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| self.os_user.clone())
    }

    /// The store, for the duration of one command.
    pub fn db(&self) -> MutexGuard<'_, Store> {
        // A poisoned lock only means an earlier command panicked; SQLite's transactions kept the
        // file consistent, so the connection is still usable.
        self.db
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_launch_creates_the_store_with_the_demo_and_later_launches_keep_it() {
        let dir = std::env::temp_dir().join(format!("jauge-desktop-state-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let state = AppState::open(&dir.join("nested"), Instant::now()).expect("first launch");
        let listed = jauge_api::list_evaluations(&state.db()).expect("list");
        assert_eq!(listed.len(), 1, "the demo is imported once");
        let reference = listed[0].reference.clone();
        jauge_api::delete_evaluation(&mut state.db(), &reference).expect("delete the demo");
        drop(state);

        let state = AppState::open(&dir.join("nested"), Instant::now()).expect("second launch");
        let listed = jauge_api::list_evaluations(&state.db()).expect("list");
        assert!(listed.is_empty(), "a deleted demo is not imported again");
        assert_eq!(
            state.actor(Some("  ".into())),
            state.os_user,
            "blank actor falls back"
        );
        assert_eq!(state.actor(Some("Sophie".into())), "Sophie");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
