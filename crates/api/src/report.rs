//! The evaluation report: render it, sign it, verify it, and read back the evaluation it embeds.
//!
//! Files are written through a temporary file and a rename, so a failure never leaves a partial
//! PDF behind; input problems (not a PDF, wrong password, an already tampered file) are reported
//! as invalid input naming the file.

use std::path::Path;

use chrono::{DateTime, Utc};
use jauge_domain::words::Params;
use jauge_domain::{Evaluation, Invalid, ProblemCode};
use jauge_report::{JournalDigest, LotAwardReport, ReportInput};
use jauge_signing::{
    MAX_PDF_BYTES, SignOptions, SignaturePlacement, SignatureReport, Signer, Verdict,
};

pub use jauge_report::Lang;

use crate::{
    Error, Result, SOFTWARE_VERSION, Store, evaluate_as_submitted, evaluate_evaluation,
    read_evaluation,
};

pub(crate) fn invalid(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::Invalid(Invalid::one(
        path.display().to_string(),
        ProblemCode::Unreadable,
        Params::new().with("detail", message.to_string()),
    ))
}

fn render(
    evaluation: &Evaluation,
    lang: Lang,
    at: DateTime<Utc>,
    journal: Option<JournalDigest>,
    lot_award: Option<LotAwardReport>,
) -> Result<Vec<u8>> {
    let results = evaluate_evaluation(evaluation)?;
    // With a price schedule, the ranking on the bidders' own figures goes beside the corrected
    // one, so the report shows what each correction changed.
    let as_submitted = match &evaluation.price_schedule {
        Some(_) => Some(evaluate_as_submitted(evaluation)?),
        None => None,
    };
    let rounds = jauge_domain::rounds::evaluate_rounds(evaluation, crate::bundled_catalogs()?);
    jauge_report::render_report(&ReportInput {
        evaluation,
        results: &results,
        results_as_submitted: as_submitted.as_ref(),
        rounds: &rounds,
        lang,
        generated_at: at,
        software_version: SOFTWARE_VERSION,
        journal,
        lot_award,
    })
    .map_err(|e| Error::Report(e.to_string()))
}

/// The report of an evaluation file, as PDF bytes.
pub fn render_report(evaluation: &Evaluation, lang: Lang, at: DateTime<Utc>) -> Result<Vec<u8>> {
    render(evaluation, lang, at, None, None)
}

/// The report of lot `lot` (its id) of a consultation: the lot's evaluation reported as any
/// evaluation, with a section on its award within the consultation — its status, the offers
/// retained with their ranks, and the steps of the award across lots that concern it.
pub fn render_lot_report(
    consultation: &jauge_domain::Consultation,
    lot: &str,
    lang: Lang,
    at: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let Some(l) = consultation.lots.iter().position(|x| x.id == lot) else {
        let ids: Vec<&str> = consultation.lots.iter().map(|x| x.id.as_str()).collect();
        return Err(Error::NotFound(format!(
            "no lot has the id \"{lot}\" (lots: {})",
            ids.join(", ")
        )));
    };
    let results = crate::evaluate_consultation(consultation)?;
    let award = lot_award(consultation, &results, l);
    render(
        &consultation.lots[l].evaluation,
        lang,
        at,
        None,
        Some(award),
    )
}

/// The section on lot `l`'s award: its status, holders and the steps that concern it (the
/// consultation's own steps — the cap, the rule, who is first on too many lots — and this
/// lot's).
fn lot_award(
    consultation: &jauge_domain::Consultation,
    results: &jauge_domain::ConsultationResults,
    l: usize,
) -> LotAwardReport {
    let allocation = &results.allocation.lots[l];
    let number = consultation.lots[l].number.to_string();
    let steps = results
        .allocation
        .trace
        .iter()
        .filter(|s| s.params.get("lot").is_none_or(|n| n == number))
        .cloned()
        .collect();
    let holders = allocation
        .holders
        .iter()
        .map(|h| {
            let company = consultation
                .bidders
                .get(h.bidder)
                .map_or_else(|| h.offer.clone(), |b| b.company.clone());
            (company, h.rank, h.holder_rank)
        })
        .collect();
    LotAwardReport {
        status: allocation.status,
        holders,
        steps,
    }
}

/// The report of a whole consultation: the award of the lots with every step explained, then
/// each lot's report (with its award section), the consultation file attached. `journals`: each
/// lot's journal digest, in lot order, for a stored consultation.
fn render_consultation(
    consultation: &jauge_domain::Consultation,
    lang: Lang,
    at: DateTime<Utc>,
    mut journals: Vec<Option<JournalDigest>>,
) -> Result<Vec<u8>> {
    let results = crate::evaluate_consultation(consultation)?;
    let catalogs = crate::bundled_catalogs()?;
    journals.resize(consultation.lots.len(), None);
    let mut deciding = Vec::new();
    let mut submitted = Vec::new();
    let mut rounds = Vec::new();
    for lot in &consultation.lots {
        deciding.push(evaluate_evaluation(&lot.evaluation)?);
        submitted.push(match &lot.evaluation.price_schedule {
            Some(_) => Some(evaluate_as_submitted(&lot.evaluation)?),
            None => None,
        });
        rounds.push(jauge_domain::rounds::evaluate_rounds(
            &lot.evaluation,
            catalogs,
        ));
    }
    let lots = consultation
        .lots
        .iter()
        .enumerate()
        .zip(journals)
        .map(|((l, lot), journal)| ReportInput {
            evaluation: &lot.evaluation,
            results: &deciding[l],
            results_as_submitted: submitted[l].as_ref(),
            rounds: &rounds[l],
            lang,
            generated_at: at,
            software_version: SOFTWARE_VERSION,
            journal,
            lot_award: Some(lot_award(consultation, &results, l)),
        })
        .collect();
    jauge_report::render_consultation_report(&jauge_report::ConsultationReportInput {
        consultation,
        results: &results,
        lots,
        lang,
        generated_at: at,
        software_version: SOFTWARE_VERSION,
    })
    .map_err(|e| Error::Report(e.to_string()))
}

/// The report of a consultation file: one PDF for every lot (see [`render_consultation`]).
pub fn render_consultation_report(
    consultation: &jauge_domain::Consultation,
    lang: Lang,
    at: DateTime<Utc>,
) -> Result<Vec<u8>> {
    render_consultation(consultation, lang, at, Vec::new())
}

/// The report of a stored consultation, each lot with the digest of its journal; refused when a
/// journal (a lot's or the consultation's own) is broken.
pub fn render_stored_consultation_report(
    store: &Store,
    reference: &str,
    lang: Lang,
    at: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let db = store.db();
    let consultation = db.load_consultation(reference)?;
    let verdict = db.verify_consultation(reference)?;
    if !verdict.is_intact() {
        return Err(Error::Conflict(format!(
            "the journal of {reference} is broken; no report is issued from altered data"
        )));
    }
    let journals = verdict
        .lots
        .into_iter()
        .map(|(key, lot)| {
            Ok(match lot.head_hash {
                Some(head_hash) => Some(JournalDigest {
                    entries: lot.entries as u64,
                    head_hash,
                    committee_files: db.committee_files(&key)?,
                }),
                None => None,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    render_consultation(&consultation, lang, at, journals)
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
    let committee_files = db.committee_files(reference)?;
    let journal = verdict.head_hash.map(|head_hash| JournalDigest {
        entries: verdict.entries as u64,
        head_hash,
        committee_files,
    });
    render(&evaluation, lang, at, journal, None)
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

pub(crate) fn signing_error(pdf: &Path, p12: &Path, error: jauge_signing::Error) -> Error {
    use jauge_signing::Error as E;
    match error {
        E::WrongPassword => Error::WrongPassword(format!(
            "{}: wrong password for the certificate file",
            p12.display()
        )),
        E::UnreadableKeyFile(_)
        | E::KeyFileTooLarge { .. }
        | E::NoPrivateKey
        | E::NoCertificate
        | E::UnsupportedKeyType(_)
        | E::KeyCertificateMismatch
        | E::InvalidCertificate(_) => invalid(p12, error),
        E::NotPdf
        | E::PdfTooLarge { .. }
        | E::UnreadablePdf(_)
        | E::UnsupportedPdf(_)
        | E::BrokenSignature { .. }
        | E::ModifiedAfterSignature { .. }
        | E::CertifiedAgainstChanges { .. }
        | E::TooComplex(_) => invalid(pdf, error),
        other => Error::Signing(other.to_string()),
    }
}

/// The signer of a PKCS#12 file; a wrong password or a bad key file is named against
/// `document`, the file being signed.
pub(crate) fn load_signer(p12: &Path, password: &str, document: &Path) -> Result<Signer> {
    let key_file = crate::read_capped(p12, jauge_signing::MAX_KEY_FILE_BYTES)?;
    Signer::from_pkcs12(&key_file, password).map_err(|e| signing_error(document, p12, e))
}

/// One PAdES signature on PDF bytes, as `request` describes it: the one signing step reports
/// and letters share.
pub(crate) fn sign_bytes(
    pdf: &[u8],
    signer: &Signer,
    request: &SignatureRequest,
) -> std::result::Result<Vec<u8>, jauge_signing::Error> {
    let mut options = SignOptions::new(request.at);
    options.reason = request.reason.clone();
    options.location = request.location.clone();
    options.signer_name = signer.common_name();
    options.visible = request.visible.then_some(SignaturePlacement::BottomRight);
    jauge_signing::sign_pdf(pdf, signer, &options)
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
    let pdf = crate::read_capped(input, MAX_PDF_BYTES)?;
    let signer = load_signer(p12, password, input)?;
    let signed = sign_bytes(&pdf, &signer, request).map_err(|e| signing_error(input, p12, e))?;
    let reports = jauge_signing::verify_pdf(&signed).map_err(|e| Error::Signing(e.to_string()))?;
    crate::write_file_atomically(output, &signed)?;
    Ok(reports)
}

/// Every signature of a PDF: who signed, when, with which certificate, and its verdict (intact
/// and unchanged since, intact with later signatures only, intact but modified after, broken)
/// with the modifications made after it.
pub fn verify_report_file(path: &Path) -> Result<Vec<SignatureReport>> {
    let pdf = crate::read_capped(path, MAX_PDF_BYTES)?;
    jauge_signing::verify_pdf(&pdf).map_err(|e| invalid(path, e))
}

/// True when the PDF has signatures, every one intact, and nothing but signatures was added
/// after any of them: the file shows what its signers signed.
pub fn is_fully_signed(reports: &[SignatureReport]) -> bool {
    jauge_signing::all_signatures_valid(reports)
}

/// Writes the revision signature number `index` (0 for the first applied) covers, as a PDF of
/// its own: what that signer signed, whatever was appended after. Returns that signature.
pub fn save_signed_revision(input: &Path, index: usize, output: &Path) -> Result<SignatureReport> {
    let pdf = crate::read_capped(input, MAX_PDF_BYTES)?;
    let reports = jauge_signing::verify_pdf(&pdf).map_err(|e| invalid(input, e))?;
    let report = reports.into_iter().nth(index).ok_or_else(|| {
        Error::NotFound(format!(
            "{}: there is no signature number {}",
            input.display(),
            index + 1
        ))
    })?;
    let bytes = jauge_signing::signed_revision(&pdf, &report)
        .filter(|_| report.intact)
        .ok_or_else(|| {
            invalid(
                input,
                format!(
                    "signature {} is broken: the bytes it covers are not a document it signed",
                    report.field_name
                ),
            )
        })?;
    crate::write_file_atomically(output, bytes)?;
    Ok(report)
}

/// The evaluation read back from a report, and the signature that vouches for it.
#[derive(Debug, Clone)]
pub struct ExtractedEvaluation {
    /// The attachment's text, byte for byte (its SHA-256 is the fingerprint the report prints).
    pub text: String,
    pub evaluation: Evaluation,
    /// The last intact signature: the evaluation was read from the revision it covers. `None`
    /// for an unsigned report.
    pub covered_by: Option<SignatureReport>,
    /// Every signature of the report, as verified.
    pub signatures: Vec<SignatureReport>,
}

/// The evaluation embedded in a report, checked with the same rules as any evaluation file.
/// When the report is signed, it is read from the revision the last intact signature covers,
/// and refused when a signature is broken or the attachment was changed after a signature.
pub fn extract_evaluation_file(path: &Path) -> Result<ExtractedEvaluation> {
    let (text, covered_by, signatures) = extract_checked(path)?;
    let evaluation = read_evaluation(&text)?;
    Ok(ExtractedEvaluation {
        text,
        evaluation,
        covered_by,
        signatures,
    })
}

/// The file embedded in a report, read as [`extract_evaluation_file`] reads it, whichever it
/// is: the evaluation of an evaluation's report, or the consultation of a consultation's report
/// (checked with the consultation's rules).
pub fn extract_report_file(path: &Path) -> Result<ExtractedReport> {
    let (text, covered_by, signatures) = extract_checked(path)?;
    if crate::is_consultation(&text) {
        crate::read_consultation(&text)?;
    } else {
        read_evaluation(&text)?;
    }
    Ok(ExtractedReport {
        text,
        covered_by,
        signatures,
    })
}

/// What [`extract_report_file`] read.
#[derive(Debug, Clone)]
pub struct ExtractedReport {
    /// The attachment's text, byte for byte.
    pub text: String,
    /// The last intact signature, as for [`ExtractedEvaluation::covered_by`].
    pub covered_by: Option<SignatureReport>,
    pub signatures: Vec<SignatureReport>,
}

/// The attachment's text of a report, from the revision its last intact signature covers;
/// refused when a signature is broken or the attachment changed after one.
fn extract_checked(path: &Path) -> Result<(String, Option<SignatureReport>, Vec<SignatureReport>)> {
    let pdf = crate::read_capped(path, MAX_PDF_BYTES)?;
    let signatures = jauge_signing::verify_pdf(&pdf).map_err(|e| invalid(path, e))?;
    if let Some(broken) = signatures
        .iter()
        .find(|r| matches!(r.verdict, Verdict::Broken | Verdict::Unverifiable))
    {
        return Err(invalid(
            path,
            format!(
                "signature {} is broken ({}): no evaluation is read from this report",
                broken.field_name,
                broken
                    .problem
                    .as_ref()
                    .map_or_else(|| "?".to_owned(), |p| p.english())
            ),
        ));
    }
    if let Some((report, change)) = signatures.iter().find_map(|report| {
        report
            .modifications
            .iter()
            .find(|m| m.attachment() == Some(jauge_report::ATTACHMENT_NAME))
            .map(|change| (report, change))
    }) {
        return Err(invalid(
            path,
            format!(
                "the embedded evaluation was changed after signature {} ({}): no evaluation \
                 is read from this report",
                report.field_name,
                change.english()
            ),
        ));
    }
    let covered_by = signatures.last().cloned();
    let source = match &covered_by {
        Some(report) => jauge_signing::signed_revision(&pdf, report).unwrap_or(&pdf),
        None => &pdf,
    };
    let text = jauge_report::extract_evaluation(source).map_err(|e| invalid(path, e))?;
    Ok((text, covered_by, signatures))
}
