//! The only error the user interface sees.

use serde::Serialize;
use ts_rs::TS;

/// A failed command, as the UI receives it: `code` is one of the closed set of
/// `jauge_api::ErrorCode` spellings (listed in the bindings as `ERROR_CODES`); the UI branches
/// on it, never on `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{code}: {message}")]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl From<jauge_api::Error> for IpcError {
    fn from(error: jauge_api::Error) -> Self {
        IpcError {
            code: error.code().as_str().into(),
            message: error.to_string(),
        }
    }
}

/// A store that could not be opened for work, when a way out that reopens it fails again.
impl From<jauge_api::StartupProblem> for IpcError {
    fn from(problem: jauge_api::StartupProblem) -> Self {
        IpcError {
            code: jauge_api::ErrorCode::Storage.as_str().into(),
            message: format!("{}: {}", problem.path.display(), problem.detail),
        }
    }
}
