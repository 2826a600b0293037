//! PAdES signing and verification of PDF bytes, for the signed evaluation report a buyer exports.
//!
//! A report is signed as PAdES B-B (`ETSI.CAdES.detached`, SHA-256, no timestamp: the app is
//! offline), each signature appended as an incremental update so that co-signers keep the earlier
//! signatures valid. Verification recomputes what a validator such as pdfsig or pyHanko checks
//! cryptographically; it does not judge certificate trust or revocation.
//!
//! The crate works on bytes only: it must not depend on Tauri, on any other Jauge crate, on the
//! file system or on the clock (the signing time is passed in). Loading the PKCS#12 file from
//! disk and choosing the signing time belong to the caller.

mod appearance;
mod cms;
mod error;
mod pdf_text;
mod sign;
mod signer;
mod verify;

#[cfg(test)]
mod tests;

pub use error::{Error, Result};
pub use sign::{SignOptions, SignatureBox, SignaturePlacement, sign_pdf};
pub use signer::{KeyAlgorithm, Signer};
pub use verify::{SignatureReport, verify_pdf};
