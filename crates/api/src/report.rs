//! The evaluation report: render it, sign it, verify it, and read back the evaluation it embeds.
//!
//! Files are written through a temporary file and a rename, so a failure never leaves a partial
//! PDF behind; input problems (not a PDF, wrong password, an already tampered file) are reported
//! as invalid input naming the file.

use std::path::Path;

use chrono::{DateTime, Utc};
use jauge_domain::{Evaluation, Invalid};
use jauge_report::{JournalDigest, ReportInput};
use jauge_signing::{SignOptions, SignaturePlacement, SignatureReport, Signer};

pub use jauge_report::Lang;

use crate::{Error, Result, SOFTWARE_VERSION, Store, evaluate_evaluation, read_evaluation};

fn invalid(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::Invalid(Invalid::one(
        path.display().to_string(),
        message.to_string(),
    ))
}

fn render(
    evaluation: &Evaluation,
    lang: Lang,
    at: DateTime<Utc>,
    journal: Option<JournalDigest>,
) -> Result<Vec<u8>> {
    let results = evaluate_evaluation(evaluation)?;
    jauge_report::render_report(&ReportInput {
        evaluation,
        results: &results,
        lang,
        generated_at: at,
        software_version: SOFTWARE_VERSION,
        journal,
    })
    .map_err(|e| Error::Report(e.to_string()))
}

/// The report of an evaluation file, as PDF bytes.
pub fn render_report(evaluation: &Evaluation, lang: Lang, at: DateTime<Utc>) -> Result<Vec<u8>> {
    render(evaluation, lang, at, None)
}

/// The report of a stored evaluation, with the digest of its journal (entries and head hash), so
/// that the printed report can be checked against the database later.
pub fn render_stored_report(
    store: &Store,
    reference: &str,
    lang: Lang,
    at: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let db = store.db();
    let evaluation = db.load_evaluation(reference)?;
    let verdict = db.verify_journal(reference)?;
    if let Some(broken) = &verdict.broken {
        return Err(Error::Conflict(format!(
            "the journal of {reference} is broken ({broken}); no report is issued from altered data"
        )));
    }
    let journal = verdict.head_hash.map(|head_hash| JournalDigest {
        entries: verdict.entries as u64,
        head_hash,
    });
    render(&evaluation, lang, at, journal)
}

/// What to put in a signature.
#[derive(Debug, Clone)]
pub struct SignatureRequest {
    pub reason: Option<String>,
    pub location: Option<String>,
    /// Draw a visible signature block on the last page.
    pub visible: bool,
    pub at: DateTime<Utc>,
}

fn signing_error(pdf: &Path, p12: &Path, error: jauge_signing::Error) -> Error {
    use jauge_signing::Error as E;
    match error {
        E::WrongPassword => Error::WrongPassword(format!(
            "{}: wrong password for the certificate file",
            p12.display()
        )),
        E::UnreadableKeyFile(_)
        | E::NoPrivateKey
        | E::NoCertificate
        | E::UnsupportedKeyType(_)
        | E::KeyCertificateMismatch
        | E::InvalidCertificate(_) => invalid(p12, error),
        E::NotPdf | E::UnreadablePdf(_) | E::UnsupportedPdf(_) | E::BrokenSignature { .. } => {
            invalid(pdf, error)
        }
        other => Error::Signing(other.to_string()),
    }
}

/// Adds a PAdES signature to a PDF (earlier signatures stay valid) and returns every signature of
/// the signed file as verified.
pub fn sign_report_file(
    input: &Path,
    output: &Path,
    p12: &Path,
    password: &str,
    request: &SignatureRequest,
) -> Result<Vec<SignatureReport>> {
    let pdf = std::fs::read(input).map_err(|e| invalid(input, e))?;
    let key_file = std::fs::read(p12).map_err(|e| invalid(p12, e))?;
    let signer =
        Signer::from_pkcs12(&key_file, password).map_err(|e| signing_error(input, p12, e))?;
    let mut options = SignOptions::new(request.at);
    options.reason = request.reason.clone();
    options.location = request.location.clone();
    options.signer_name = signer.common_name();
    options.visible = request.visible.then_some(SignaturePlacement::BottomRight);
    let signed = jauge_signing::sign_pdf(&pdf, &signer, &options)
        .map_err(|e| signing_error(input, p12, e))?;
    let reports = jauge_signing::verify_pdf(&signed).map_err(|e| Error::Signing(e.to_string()))?;
    crate::write_file_atomically(output, &signed)?;
    Ok(reports)
}

/// Every signature of a PDF: who signed, when, intact or not, whether it covers the whole file.
pub fn verify_report_file(path: &Path) -> Result<Vec<SignatureReport>> {
    let pdf = std::fs::read(path).map_err(|e| invalid(path, e))?;
    jauge_signing::verify_pdf(&pdf).map_err(|e| invalid(path, e))
}

/// True when every signature is intact and the last one covers the whole file: the file is
/// exactly what its last signer signed.
pub fn is_fully_signed(reports: &[SignatureReport]) -> bool {
    !reports.is_empty()
        && reports.iter().all(|r| r.intact)
        && reports.last().is_some_and(|r| r.covers_whole_file)
}

/// The evaluation embedded in a report, checked with the same rules as any evaluation file.
pub fn extract_evaluation_file(path: &Path) -> Result<(String, Evaluation)> {
    let pdf = std::fs::read(path).map_err(|e| invalid(path, e))?;
    let text = jauge_report::extract_evaluation(&pdf).map_err(|e| invalid(path, e))?;
    let evaluation = read_evaluation(&text)?;
    Ok((text, evaluation))
}
