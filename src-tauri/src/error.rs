//! The only error the user interface sees.

use serde::Serialize;
use ts_rs::TS;

use crate::dto::ProblemsDto;

/// A failed command, as the UI receives it: `code` is one of the closed set of
/// `jauge_api::ErrorCode` spellings (listed in the bindings as `ERROR_CODES`); the UI branches
/// on it, never on `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{code}: {message}")]
pub struct IpcError {
    pub code: String,
    pub message: String,
    /// For `invalid`: the problems coded, so that the screen words them in its own language
    /// (`message` holds the English lines the command line prints).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problems: Option<ProblemsDto>,
}

impl From<jauge_api::Error> for IpcError {
    fn from(error: jauge_api::Error) -> Self {
        let problems = match &error {
            jauge_api::Error::Invalid(invalid) => Some(ProblemsDto::from(invalid)),
            _ => None,
        };
        IpcError {
            code: error.code().as_str().into(),
            message: error.to_string(),
            problems,
        }
    }
}

/// A store that could not be opened for work, when a way out that reopens it fails again.
impl From<jauge_api::StartupProblem> for IpcError {
    fn from(problem: jauge_api::StartupProblem) -> Self {
        IpcError {
            code: jauge_api::ErrorCode::Storage.as_str().into(),
            message: format!("{}: {}", problem.path.display(), problem.detail),
            problems: None,
        }
    }
}
