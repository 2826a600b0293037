//! Detached CMS signatures over arbitrary bytes: what an evaluator's return file carries when
//! the evaluator signs it with their certificate, so that the buyer can tell who sent the
//! scores and that nobody changed them on the way.
//!
//! The SignedData is the one PAdES signatures use (SHA-256, contentType, messageDigest and
//! signingCertificateV2 signed attributes, the signer's chain embedded), only detached from bytes
//! instead of a PDF's byte ranges. Verification checks the digest and the signature
//! cryptographically; trust in the certificate is not judged here (offline, no revocation).

use sha2::{Digest, Sha256};

use crate::certificate::CertificateDetails;
use crate::cms::{Coverage, check_signed_data};
use crate::problem::Problem;
use crate::signer::build_signed_data;
use crate::{Result, Signer};

/// Signs `content` and returns the DER of a detached CMS SignedData.
pub fn sign_detached(content: &[u8], signer: &Signer) -> Result<Vec<u8>> {
    build_signed_data(signer, &Sha256::digest(content))
}

/// What checking a detached signature against the bytes it claims to sign found.
#[derive(Debug, Clone)]
pub struct DetachedVerdict {
    /// The digest matches the bytes and the signature verifies with the embedded certificate.
    pub valid: bool,
    /// The signer's certificate, when it could be read.
    pub certificate: Option<CertificateDetails>,
    /// The first thing found wrong.
    pub problem: Option<Problem>,
}

/// Checks the detached CMS SignedData `cms_der` against `content`.
pub fn verify_detached(cms_der: &[u8], content: &[u8]) -> DetachedVerdict {
    let check = check_signed_data(cms_der, &[content], Coverage::Detached);
    let valid = check.problem.is_none() && check.digest_matches && check.signature_valid;
    let problem = if valid {
        None
    } else {
        Some(check.problem.unwrap_or(if check.digest_matches {
            Problem::SignatureMismatch
        } else {
            Problem::BytesModified
        }))
    };
    DetachedVerdict {
        valid,
        certificate: check.certificate,
        problem,
    }
}
