//! One function per user action. The desktop shell's commands and the `jauge` command line are
//! thin adapters over this crate: they open a [`Store`] once, parse their arguments, call one
//! function here and present the result. This crate owns orchestration: it validates before anything is written, opens the
//! store's transactions through the store crate, and turns every lower-level failure into an
//! [`Error`] whose [`ErrorCode`] the user interface branches on.
//!
//! It must not depend on Tauri or on any user-interface concern; hosts pass in paths, the current
//! time and the user's choices.

mod catalog;
mod consultation;
mod error;
mod evaluation;
mod letters;
mod open;
mod package;
mod prices;
mod report;
mod rounds;
mod sheets;
mod store_file;
mod stored;
mod workflow;

pub use catalog::*;
pub use consultation::*;
pub use error::{Error, ErrorCode, Result};
pub use evaluation::*;
pub use letters::*;
pub use open::Store;
pub use package::*;
pub use prices::*;
pub use report::*;
pub use rounds::*;
pub use sheets::*;
pub use store_file::*;
pub use stored::*;
pub use workflow::*;

/// What verifying a signed report tells about each signature.
pub use jauge_signing::{
    CertificateDetails, Modification, QualifiedStatements, SignatureReport, Verdict,
    escape_control_characters,
};

/// The domain types hosts need, so that they depend on this crate alone.
pub use jauge_domain as domain;
/// The store types hosts need (changes, journal verdicts, warnings).
pub use jauge_store as store;

/// The version printed in reports and `jauge --version`.
pub const SOFTWARE_VERSION: &str = env!("CARGO_PKG_VERSION");
