use jauge_domain::Invalid;

/// Every failure a user action can end with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The evaluation (or another input) breaks the rules; one problem per line.
    #[error("{0}")]
    Invalid(#[from] Invalid),
    /// Something named by the user does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The action would overwrite or contradict something already saved.
    #[error("{0}")]
    Conflict(String),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    /// The local database failed (locked, full, unreadable, or from a newer Jauge).
    #[error("{0}")]
    Storage(String),
    /// The password does not open the certificate file.
    #[error("{0}")]
    WrongPassword(String),
    /// The evaluation is valid but not where the action needs it (letters to bidders while an
    /// offer is still to be scored, or without a single winner).
    #[error("{0}")]
    NotReady(String),
    /// Rendering the report failed on our own output.
    #[error("{0}")]
    Report(String),
    /// The signature could not be built or written.
    #[error("{0}")]
    Signing(String),
    /// The bundled data or another internal invariant is broken.
    #[error("internal error: {0}")]
    Internal(String),
}

/// The closed set of error kinds the user interface branches on (never on message text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    Invalid,
    WrongPassword,
    NotFound,
    Conflict,
    NotReady,
    Storage,
    Report,
    Signing,
    Io,
    Internal,
}

impl ErrorCode {
    /// Every code, in a fixed order (the bindings list them for the user interface).
    pub const ALL: [ErrorCode; 10] = [
        ErrorCode::Invalid,
        ErrorCode::WrongPassword,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::NotReady,
        ErrorCode::Storage,
        ErrorCode::Report,
        ErrorCode::Signing,
        ErrorCode::Io,
        ErrorCode::Internal,
    ];

    /// The spelling sent to the user interface.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Invalid => "invalid",
            ErrorCode::WrongPassword => "wrong_password",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::NotReady => "not_ready",
            ErrorCode::Storage => "storage",
            ErrorCode::Report => "report",
            ErrorCode::Signing => "signing",
            ErrorCode::Io => "io",
            ErrorCode::Internal => "internal",
        }
    }
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid(_) => ErrorCode::Invalid,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::NotReady(_) => ErrorCode::NotReady,
            Error::Io { .. } => ErrorCode::Io,
            Error::Storage(_) => ErrorCode::Storage,
            Error::WrongPassword(_) => ErrorCode::WrongPassword,
            Error::Report(_) => ErrorCode::Report,
            Error::Signing(_) => ErrorCode::Signing,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

impl From<jauge_domain::Error> for Error {
    fn from(error: jauge_domain::Error) -> Self {
        match error {
            jauge_domain::Error::Invalid(invalid) => Error::Invalid(invalid),
            jauge_domain::Error::NotFound { .. }
            | jauge_domain::Error::UnknownItem { .. }
            | jauge_domain::Error::NothingToRemove { .. } => Error::NotFound(error.to_string()),
            jauge_domain::Error::NotReady(message) => Error::NotReady(message),
            other => Error::Internal(other.to_string()),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<jauge_store::Error> for Error {
    fn from(error: jauge_store::Error) -> Self {
        match error {
            jauge_store::Error::NotFound { .. } => Error::NotFound(error.to_string()),
            jauge_store::Error::Conflict { .. }
            | jauge_store::Error::Stale { .. }
            | jauge_store::Error::PartOfConsultation { .. } => Error::Conflict(error.to_string()),
            other => Error::Storage(other.to_string()),
        }
    }
}
