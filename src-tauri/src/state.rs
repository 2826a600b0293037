//! What every command shares: the open store, where it lives, and — when it could not be opened
//! for work — why, until the user picks a way out (see `commands::store`).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use chrono::Utc;
use jauge_api::{StartupProblem, Store};

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
    /// How the store is open; while `problem` is set, `db` is an empty store in memory and the
    /// screens show the startup problem instead of the evaluations.
    status: Mutex<StoreStatus>,
    pub db_path: PathBuf,
    /// The OS account, the default journal actor the UI offers.
    pub os_user: String,
    /// When `run` started, for the first-paint measurement.
    pub started: Instant,
    /// The evaluation to show first (`--open REFERENCE` on the command line).
    pub open_on_start: Option<String>,
}

/// How the store is open.
#[derive(Debug, Clone, Default)]
pub struct StoreStatus {
    /// Why the store could not be opened for work, until a way out is taken.
    pub problem: Option<StartupProblem>,
    /// Opened read-only (a way out): edits are refused.
    pub read_only: bool,
    /// Where the last store set aside (or replaced by a backup) went.
    pub set_aside: Option<PathBuf>,
}

impl AppState {
    /// Opens the store in `data_dir` for work, creating it with the demo imported when it does
    /// not exist. A store that cannot be opened is no failure here: the state records why, and
    /// the app shows it with the ways out instead of quitting without a word.
    pub fn open(data_dir: &Path, started: Instant) -> Result<AppState, IpcError> {
        let db_path = data_dir.join(DB_FILE);
        let (db, problem) = match open_for_work(&db_path) {
            Ok(db) => (db, None),
            Err(problem) => (Store::open_in_memory()?, Some(problem)),
        };
        Ok(AppState {
            db: Mutex::new(db),
            status: Mutex::new(StoreStatus {
                problem,
                ..StoreStatus::default()
            }),
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

    /// How the store is open now.
    pub fn status(&self) -> StoreStatus {
        self.status
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Runs `f` with the store file closed (an empty store in memory stands in meanwhile, as
    /// Windows renames no open file), then puts in place the store `f` opened and records the
    /// status it gives. When `f` fails, the file is opened for work again as it is, or its
    /// problem recorded: the app is never left on the placeholder without saying so.
    pub fn reopen(
        &self,
        f: impl FnOnce(&Path) -> Result<(Store, StoreStatus), IpcError>,
    ) -> Result<StoreStatus, IpcError> {
        let mut db = self.db();
        let previous = self.status();
        *db = Store::open_in_memory()?;
        let (outcome, status) = match f(&self.db_path) {
            Ok((store, status)) => {
                *db = store;
                (Ok(status.clone()), status)
            }
            Err(error) => {
                let status = if previous.read_only {
                    if let Ok(store) = jauge_api::open_store_read_only(&self.db_path) {
                        *db = store;
                    }
                    previous
                } else {
                    match open_for_work(&self.db_path) {
                        Ok(store) => {
                            *db = store;
                            StoreStatus {
                                problem: None,
                                ..previous
                            }
                        }
                        Err(problem) => StoreStatus {
                            problem: Some(problem),
                            ..previous
                        },
                    }
                };
                (Err(error), status)
            }
        };
        *self
            .status
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = status;
        outcome
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

/// Opens the store at `path` for work (backed up as `jauge_api` does), importing the demo into
/// a store just created, so that a new user has something to explore.
pub fn open_for_work(path: &Path) -> Result<Store, StartupProblem> {
    let first_launch = !path.exists();
    let mut db = jauge_api::open_store_for_work(path, Utc::now())?;
    if first_launch {
        // A demo that does not import leaves an empty store, which is still a working one.
        let _ = jauge_api::import_evaluation(&mut db, DEMO, false, Utc::now(), DEMO_ACTOR);
    }
    Ok(db)
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
