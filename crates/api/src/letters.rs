//! Letters to bidders once the ranking is settled: the award letter and one rejection letter per
//! other offer (CCP R2181-1 to R2181-4), with the standstill date of R2182-1, French or English,
//! each optionally signed in PAdES with one certificate and one password for the whole batch.
//!
//! Refused with [`crate::ErrorCode::NotReady`] while an offer is still to be scored or when no
//! single offer is first. Every letter is rendered (and signed) in memory before the first file
//! is written, so a wrong password or a refused evaluation writes nothing; each file is then
//! written through a temporary file and a rename.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use jauge_domain::letters::{Decision, Letter, Notification};
use jauge_domain::words::Params;
use jauge_domain::{Evaluation, Invalid, Problem, ProblemCode, Results};
use jauge_report::{Lang, LetterInput};
use jauge_signing::SignatureReport;
use jauge_store::Db;

use crate::report::{sign_bytes, signing_error};
use crate::{Error, Result, SOFTWARE_VERSION, SignatureRequest, Store, evaluate_evaluation};

pub use jauge_domain::letters::Notification as LetterNotification;
pub use jauge_domain::standstill::{NotificationChannel, earliest_signature_date};

/// The longest advantages text the buyer may give for one letter (a few pages of a letter).
pub const MAX_ADVANTAGES_CHARS: usize = 20_000;

/// One letter as the letters screen shows it before printing.
#[derive(Debug, Clone)]
pub struct LetterPreview {
    /// Its facts: decision, figures, awardee, standstill date.
    pub letter: Letter,
    /// The drafted "characteristics and relative advantages of the winning offer" (empty for
    /// the awardee and for an eliminated offer), which the buyer may replace.
    pub drafted_advantages: String,
    /// The file name the letter is written under in the chosen folder.
    pub file_name: String,
}

/// What the buyer chose for a batch of letters.
#[derive(Debug, Clone)]
pub struct LettersRequest {
    pub notification: Notification,
    pub lang: Lang,
    /// The buyer's own advantages text, by offer id, in place of the draft (an empty text
    /// leaves the section out of that letter).
    pub advantages: BTreeMap<String, String>,
    /// The PDFs' creation date.
    pub at: DateTime<Utc>,
}

/// How to sign every letter of the batch: one certificate file, one password.
#[derive(Debug, Clone)]
pub struct LettersSigning<'a> {
    pub p12: &'a Path,
    pub password: &'a str,
    pub request: SignatureRequest,
}

/// One letter written to the folder.
#[derive(Debug, Clone)]
pub struct WrittenLetter {
    pub offer: String,
    pub path: PathBuf,
    /// The signatures of the written file as verified after signing (empty when unsigned).
    pub signatures: Vec<SignatureReport>,
}

/// A file name from an offer id, kept to letters, digits, `-`, `_` and `.` (an id is the
/// buyer's free text, and must not name a path), unique within the batch.
fn file_names(letters: &[Letter], lang: Lang) -> Vec<String> {
    let prefix = match lang {
        Lang::Fr => "lettre",
        Lang::En => "letter",
    };
    let mut used = HashSet::new();
    letters
        .iter()
        .map(|letter| unique_name(&mut used, prefix, &letter.offer))
        .collect()
}

/// `prefix-ID.pdf`, the id kept to letters, digits, `-` and `_`, made unique among `used`.
fn unique_name(used: &mut HashSet<String>, prefix: &str, id: &str) -> String {
    let safe: String = id
        .chars()
        .take(80)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut name = format!("{prefix}-{safe}.pdf");
    let mut n = 2;
    while !used.insert(name.to_lowercase()) {
        name = format!("{prefix}-{safe}-{n}.pdf");
        n += 1;
    }
    name
}

fn compute(evaluation: &Evaluation, notification: Notification) -> Result<(Results, Vec<Letter>)> {
    let results = evaluate_evaluation(evaluation)?;
    let letters = jauge_domain::letters::letters(evaluation, &results, notification)?;
    Ok((results, letters))
}

/// The letters of an evaluation, for preview and editing before they are written.
pub fn prepare_letters(
    evaluation: &Evaluation,
    notification: Notification,
    lang: Lang,
) -> Result<Vec<LetterPreview>> {
    let (_, letters) = compute(evaluation, notification)?;
    let names = file_names(&letters, lang);
    Ok(letters
        .into_iter()
        .zip(names)
        .map(|(letter, file_name)| LetterPreview {
            drafted_advantages: jauge_report::draft_advantages(&letter, lang),
            letter,
            file_name,
        })
        .collect())
}

/// The letters of a stored evaluation, for preview (refused when its journal is broken).
pub fn prepare_stored_letters(
    store: &Store,
    reference: &str,
    notification: Notification,
    lang: Lang,
) -> Result<Vec<LetterPreview>> {
    prepare_letters(&load_checked(store.db(), reference)?, notification, lang)
}

fn load_checked(db: &Db, reference: &str) -> Result<Evaluation> {
    let evaluation = db.load_evaluation(reference)?;
    let verdict = db.verify_journal(reference)?;
    if let Some(broken) = &verdict.broken {
        return Err(Error::Conflict(format!(
            "the journal of {reference} is broken ({broken}); no letter is issued from altered data"
        )));
    }
    Ok(evaluation)
}

fn check_advantages(letters: &[Letter], advantages: &BTreeMap<String, String>) -> Result<()> {
    let mut problems = Vec::new();
    for (offer, text) in advantages {
        let letter = letters.iter().find(|l| &l.offer == offer);
        match letter.map(|l| &l.decision) {
            None => problems.push(Problem::new(
                format!("advantages.{offer}"),
                ProblemCode::UnknownOffer,
                Params::new().with("id", offer.as_str()),
            )),
            Some(Decision::Awarded { .. }) => problems.push(Problem::new(
                format!("advantages.{offer}"),
                ProblemCode::AdvantagesForAwardee,
                Params::new().with("id", offer.as_str()),
            )),
            Some(_) if text.chars().count() > MAX_ADVANTAGES_CHARS => problems.push(Problem::new(
                format!("advantages.{offer}"),
                ProblemCode::TooLong,
                Params::new().with("max", MAX_ADVANTAGES_CHARS.to_string()),
            )),
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(Invalid {
            problems,
            omitted: 0,
        }))
    }
}

/// Every letter of an evaluation as (file name, PDF bytes), unsigned.
pub fn render_letters(
    evaluation: &Evaluation,
    request: &LettersRequest,
) -> Result<Vec<(String, Letter, Vec<u8>)>> {
    let (results, letters) = compute(evaluation, request.notification)?;
    check_advantages(&letters, &request.advantages)?;
    let names = file_names(&letters, request.lang);
    letters
        .into_iter()
        .zip(names)
        .map(|(letter, name)| {
            let pdf = jauge_report::render_letter(&LetterInput {
                evaluation,
                results: &results,
                letter: &letter,
                lang: request.lang,
                advantages: request.advantages.get(&letter.offer).map(String::as_str),
                generated_at: request.at,
                software_version: SOFTWARE_VERSION,
            })
            .map_err(|e| Error::Report(e.to_string()))?;
            Ok((name, letter, pdf))
        })
        .collect()
}

/// Renders every letter, signs each when `signing` is given, and writes them all to `folder`
/// (created if needed). Nothing is written unless every letter rendered and signed.
pub fn write_letters(
    evaluation: &Evaluation,
    request: &LettersRequest,
    folder: &Path,
    signing: Option<&LettersSigning>,
) -> Result<Vec<WrittenLetter>> {
    // The key first: a wrong password must fail before any work, and be asked once.
    let signer = match signing {
        Some(signing) => {
            let signer = crate::report::load_signer(signing.p12, signing.password, folder)?;
            Some((signer, signing))
        }
        None => None,
    };
    let rendered = render_letters(evaluation, request)?
        .into_iter()
        .map(|(name, letter, pdf)| (name, letter.offer, pdf));
    sign_and_write(rendered, folder, signer.as_ref())
}

/// Signs each rendered letter (file name, addressee, PDF) when a signer is given, then writes
/// them all to `folder` (created if needed); nothing is written unless every one is signed.
fn sign_and_write(
    rendered: impl Iterator<Item = (String, String, Vec<u8>)>,
    folder: &Path,
    signer: Option<&(jauge_signing::Signer, &LettersSigning)>,
) -> Result<Vec<WrittenLetter>> {
    let mut ready = Vec::new();
    for (name, addressee, pdf) in rendered {
        let path = folder.join(&name);
        let (bytes, signatures) = match signer {
            Some((signer, signing)) => {
                let signed = sign_bytes(&pdf, signer, &signing.request)
                    .map_err(|e| signing_error(&path, signing.p12, e))?;
                let reports = jauge_signing::verify_pdf(&signed)
                    .map_err(|e| Error::Signing(e.to_string()))?;
                (signed, reports)
            }
            None => (pdf, Vec::new()),
        };
        ready.push((addressee, path, bytes, signatures));
    }
    std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    ready
        .into_iter()
        .map(|(offer, path, bytes, signatures)| {
            crate::write_file_atomically(&path, &bytes)?;
            Ok(WrittenLetter {
                offer,
                path,
                signatures,
            })
        })
        .collect()
}

/// Every letter of a consultation, one per bidder that bid on at least one lot, as (file name,
/// bidder id, PDF bytes), unsigned. Each tells, lot by lot, whether the bidder's offer is
/// retained (with its rank among a framework's holders) or not and why. Refused
/// ([`crate::ErrorCode::NotReady`]) while the award of a lot is not settled (an offer still to
/// be scored, prices sealed, or a tie the buyer must break).
pub fn render_consultation_letters(
    consultation: &jauge_domain::Consultation,
    request: &LettersRequest,
) -> Result<Vec<(String, String, Vec<u8>)>> {
    let results = crate::evaluate_consultation(consultation)?;
    if !results.settled() {
        let waiting: Vec<String> = consultation
            .lots
            .iter()
            .zip(&results.allocation.lots)
            .filter(|(_, a)| {
                !matches!(
                    a.status,
                    jauge_domain::lots::LotStatus::Awarded
                        | jauge_domain::lots::LotStatus::Infructueux
                        | jauge_domain::lots::LotStatus::SansSuite
                )
            })
            .map(|(lot, a)| format!("{} ({})", lot.number, a.status.as_str()))
            .collect();
        return Err(Error::NotReady(format!(
            "the award of lot(s) {} is not settled: no letter is written yet",
            waiting.join(", ")
        )));
    }
    let prefix = match request.lang {
        Lang::Fr => "lettre",
        Lang::En => "letter",
    };
    let mut used = HashSet::new();
    let mut out = Vec::new();
    for bidder in &consultation.bidders {
        let pdf =
            jauge_report::render_consultation_letter(&jauge_report::ConsultationLetterInput {
                consultation,
                results: &results,
                bidder: &bidder.id,
                notification: request.notification,
                lang: request.lang,
                generated_at: request.at,
                software_version: SOFTWARE_VERSION,
            })
            .map_err(|e| Error::Report(e.to_string()))?;
        let Some(pdf) = pdf else {
            continue;
        };
        let name = unique_name(&mut used, prefix, &bidder.id);
        out.push((name, bidder.id.clone(), pdf));
    }
    Ok(out)
}

/// Renders every letter of a consultation, signs each when `signing` is given, and writes them
/// all to `folder`; nothing is written unless every letter rendered and signed.
pub fn write_consultation_letters(
    consultation: &jauge_domain::Consultation,
    request: &LettersRequest,
    folder: &Path,
    signing: Option<&LettersSigning>,
) -> Result<Vec<WrittenLetter>> {
    let signer = match signing {
        Some(signing) => {
            let signer = crate::report::load_signer(signing.p12, signing.password, folder)?;
            Some((signer, signing))
        }
        None => None,
    };
    let rendered = render_consultation_letters(consultation, request)?;
    sign_and_write(rendered.into_iter(), folder, signer.as_ref())
}

/// [`write_consultation_letters`] for a stored consultation (refused when a journal is broken).
pub fn write_stored_consultation_letters(
    store: &Store,
    reference: &str,
    request: &LettersRequest,
    folder: &Path,
    signing: Option<&LettersSigning>,
) -> Result<Vec<WrittenLetter>> {
    let db = store.db();
    let consultation = db.load_consultation(reference)?;
    if !db.verify_consultation(reference)?.is_intact() {
        return Err(Error::Conflict(format!(
            "the journal of {reference} is broken; no letter is issued from altered data"
        )));
    }
    write_consultation_letters(&consultation, request, folder, signing)
}

/// [`write_letters`] for a stored evaluation (refused when its journal is broken).
pub fn write_stored_letters(
    store: &Store,
    reference: &str,
    request: &LettersRequest,
    folder: &Path,
    signing: Option<&LettersSigning>,
) -> Result<Vec<WrittenLetter>> {
    write_letters(
        &load_checked(store.db(), reference)?,
        request,
        folder,
        signing,
    )
}

/// The file name of a request letter: `demande-ID.pdf` / `request-ID.pdf`, the exchange id kept
/// to letters, digits, `-` and `_` (it is the buyer's free text and must not name a path).
pub fn request_letter_file_name(exchange: &str, lang: Lang) -> String {
    let prefix = match lang {
        Lang::Fr => "demande",
        Lang::En => "request",
    };
    let safe: String = exchange
        .chars()
        .take(80)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}-{safe}.pdf")
}

/// A request to a bidder (clarification, regularisation or negotiation, recorded in
/// `evaluation.exchanges` under the id `exchange`) as an unsigned PDF letter.
pub fn render_request_letter(
    evaluation: &Evaluation,
    exchange: &str,
    lang: Lang,
    at: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let found = evaluation
        .exchanges
        .iter()
        .find(|x| x.id == exchange)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "no request {exchange} in {}",
                evaluation.tender.reference
            ))
        })?;
    jauge_report::render_request(&jauge_report::RequestInput {
        evaluation,
        exchange: found,
        lang,
        generated_at: at,
        software_version: SOFTWARE_VERSION,
    })
    .map_err(|e| Error::Report(e.to_string()))
}

/// Writes the request `exchange` of `evaluation` as a letter to `output` (its folder created if
/// needed), signed when `signing` is given (the password is checked before anything is
/// rendered; nothing is written when rendering or signing fails).
pub fn write_request_letter(
    evaluation: &Evaluation,
    exchange: &str,
    lang: Lang,
    at: DateTime<Utc>,
    output: &Path,
    signing: Option<&LettersSigning>,
) -> Result<WrittenLetter> {
    let signer = match signing {
        Some(signing) => Some((
            crate::report::load_signer(signing.p12, signing.password, output)?,
            signing,
        )),
        None => None,
    };
    let pdf = render_request_letter(evaluation, exchange, lang, at)?;
    let (bytes, signatures) = match &signer {
        Some((signer, signing)) => {
            let signed = sign_bytes(&pdf, signer, &signing.request)
                .map_err(|e| signing_error(output, signing.p12, e))?;
            let reports =
                jauge_signing::verify_pdf(&signed).map_err(|e| Error::Signing(e.to_string()))?;
            (signed, reports)
        }
        None => (pdf, Vec::new()),
    };
    if let Some(folder) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    }
    crate::write_file_atomically(output, &bytes)?;
    let offer = evaluation
        .exchanges
        .iter()
        .find(|x| x.id == exchange)
        .map(|x| x.offer.clone())
        .unwrap_or_default();
    Ok(WrittenLetter {
        offer,
        path: output.to_path_buf(),
        signatures,
    })
}

/// [`write_request_letter`] for a stored evaluation (refused when its journal is broken).
pub fn write_stored_request_letter(
    store: &Store,
    reference: &str,
    exchange: &str,
    lang: Lang,
    at: DateTime<Utc>,
    output: &Path,
    signing: Option<&LettersSigning>,
) -> Result<WrittenLetter> {
    write_request_letter(
        &load_checked(store.db(), reference)?,
        exchange,
        lang,
        at,
        output,
        signing,
    )
}
