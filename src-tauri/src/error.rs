//! The only error the user interface sees.

use serde::Serialize;
use ts_rs::TS;

/// A failed command, as the UI receives it: `code` is one of the closed set of
/// `jauge_api::ErrorCode` spellings (`invalid`, `wrong_password`, `not_found`, `conflict`,
/// `storage`, `report`, `signing`, `io`, `internal`); the UI branches on it, never on `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{code}: {message}")]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl IpcError {
    /// Input from the UI that cannot even be turned into a domain value (a malformed date…).
    pub fn invalid(message: impl Into<String>) -> IpcError {
        IpcError {
            code: jauge_api::ErrorCode::Invalid.as_str().into(),
            message: message.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> IpcError {
        IpcError {
            code: jauge_api::ErrorCode::Internal.as_str().into(),
            message: message.into(),
        }
    }
}

impl From<jauge_api::Error> for IpcError {
    fn from(error: jauge_api::Error) -> Self {
        IpcError {
            code: error.code().as_str().into(),
            message: error.to_string(),
        }
    }
}
