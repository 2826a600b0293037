//! PAdES signing and verification of PDF bytes, for the signed evaluation report a buyer exports.
//!
//! A report is signed as PAdES B-B (`ETSI.CAdES.detached`, SHA-256, no timestamp: the app is
//! offline), each signature appended as an incremental update so that co-signers keep the earlier
//! signatures valid. Verification recomputes what a validator such as pdfsig or pyHanko checks
//! cryptographically, then compares the revision each signature covers with the final file
//! (`revision.rs`) so that a change made after a signature is named, never taken for a
//! countersignature; it does not judge certificate trust or revocation. Every reading is bounded
//! (stream inflation, fields, signatures, tree depth): the PDF comes from anyone.
//!
//! The same CMS signs an evaluator's return file, detached from its bytes (`detached.rs`).
//!
//! The crate works on bytes only: it must not depend on Tauri, on any other Jauge crate, on the
//! file system or on the clock (the signing time is passed in). Loading the PKCS#12 file from
//! disk and choosing the signing time belong to the caller.

mod algorithms;
mod appearance;
mod ber;
mod certificate;
mod cms;
mod detached;
mod display;
mod error;
mod pdf_text;
mod problem;
mod remark;
mod revision;
mod sign;
mod signer;
mod verify;

#[cfg(test)]
mod tests;

pub use certificate::{CertificateDetails, QualifiedStatements};
pub use detached::{DetachedVerdict, sign_detached, verify_detached};
pub use display::escape_control_characters;
pub use error::{Error, Result};
pub use problem::Problem;
pub use remark::{Remark, Timestamp};
pub use revision::Modification;
pub use sign::{SignOptions, SignatureBox, SignaturePlacement, sign_pdf};
pub use signer::{KeyAlgorithm, MAX_KEY_FILE_BYTES, Signer};
pub use verify::{
    MAX_FORM_FIELDS, MAX_PDF_BYTES, MAX_REVISION_BYTES, MAX_SIGNATURES, MAX_STREAM_BYTES,
    SignatureReport, Verdict, all_signatures_valid, load_pdf, signed_revision, verify_pdf,
};
