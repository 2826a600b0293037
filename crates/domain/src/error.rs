use crate::read::Invalid;

/// Every way the domain can refuse something.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The evaluation breaks the format or its rules; each problem names where.
    #[error("{0}")]
    Invalid(#[from] Invalid),
    /// A bundled catalog or template does not parse: a packaging bug, not a user error.
    #[error("bundled data {name} is unreadable: {message}")]
    BundledData { name: String, message: String },
    /// No catalog entry, template or scheme with that name.
    #[error("{what} not found: {name}")]
    NotFound { what: &'static str, name: String },
    /// The evaluation is valid but not yet where the action needs it (letters to bidders
    /// before every offer is scored and a single winner is known).
    #[error("{0}")]
    NotReady(String),
    /// An edit names an offer, evaluator or criterion the evaluation does not have.
    #[error("{what} not found: {key}")]
    UnknownItem {
        /// `offer`, `evaluator`, `criterion`, `line` or `price schedule`.
        what: &'static str,
        /// The id as the edit spelled it.
        key: String,
    },
    /// An edit removes a score or a decision the evaluation does not have.
    #[error("{what} not found: {key}")]
    NothingToRemove {
        /// `score`, `consensus`, `line price` or `correction`.
        what: &'static str,
        /// Its key as the user knows it, e.g. `o1/tech.sec/e1`.
        key: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
