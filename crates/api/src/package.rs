//! The committee on several laptops: the buyer exports one package per evaluator; the
//! evaluator opens it in their own Jauge, scores, and writes a return file; the buyer merges
//! each return file (see `jauge_domain::package` for the format and the rules).
//!
//! A merge is all or nothing for refusals (another tender, evaluator or basis, an altered file:
//! nothing written) and never overwrites a score silently: cells the buyer's copy holds with
//! another value are listed as conflicts and kept as they are, unless the buyer asks to take the
//! file's values. What is written is one transaction with one journal entry naming the file and
//! its SHA-256; a file merged twice writes nothing the second time.

use std::path::Path;

use chrono::{DateTime, Utc};
use jauge_domain::package::{
    CommitteeFile, EvaluatorPackage, EvaluatorProgress, EvaluatorReturn, EvaluatorWorkspace,
    MergeConflict, MergePlan, StaleDeclaration, make_package, make_return, merged_state_hash,
    package_to_string, parse_package, parse_return, plan_merge, return_to_string, signed_text,
};
use jauge_domain::read::{Invalid, ProblemCode};
use jauge_domain::words::Params;
use jauge_domain::{Change, Evaluation, Score};
use jauge_store::{FileSigner, MergedState, ReturnOutcome, SourceFile};
use sha2::{Digest, Sha256};

use crate::workflow::file_name;
use crate::{Error, ExportedFile, Result, Store, read_text_file, write_exported};

/// What the buyer chose for one evaluator's package.
#[derive(Debug, Clone, Default)]
pub struct PackageRequest {
    pub evaluator: String,
    /// The leaves assigned to them; every leaf scored by hand when `None`.
    pub criteria: Option<Vec<String>>,
}

/// Writes the package of one evaluator of a stored evaluation to `path`, and journals that it
/// was sent (`package.export`: the file, its SHA-256, the evaluator, the criteria assigned).
pub fn export_package_file(
    store: &mut Store,
    reference: &str,
    request: &PackageRequest,
    at: DateTime<Utc>,
    actor: &str,
    path: &Path,
) -> Result<ExportedFile> {
    let evaluation = store.db().load_evaluation(reference)?;
    let package = make_package(
        &evaluation,
        &request.evaluator,
        request.criteria.as_deref(),
        at,
    )?;
    let written = write_exported(path, package_to_string(&package).as_bytes())?;
    let file = SourceFile::unsigned(file_name(path), written.sha256.clone());
    store.write_through(reference).record_package_sent(
        reference,
        &file,
        &package.evaluator,
        &package.criteria,
        at,
        actor,
    )?;
    Ok(written)
}

/// The packages sent and the scores files received for a stored evaluation, oldest first.
pub fn committee_files(store: &Store, reference: &str) -> Result<Vec<CommitteeFile>> {
    Ok(store.db().committee_files(reference)?)
}

/// Reads a package file (bounded, every rule of an evaluation file checked).
pub fn read_package_file(path: &Path) -> Result<EvaluatorPackage> {
    Ok(parse_package(&read_text_file(path)?)?)
}

/// Opens a package on the evaluator's laptop: its evaluation is stored as a workspace of its
/// own, with the package's facts, where only that evaluator's scores on the criteria assigned
/// and their declarations can change (refused with `conflict` when that tender is already
/// stored, unless `replace`: a newer package from the buyer).
pub fn open_package_file(
    store: &mut Store,
    path: &Path,
    replace: bool,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<EvaluatorPackage> {
    let text = read_text_file(path)?;
    let package = parse_package(&text)?;
    let workspace = EvaluatorWorkspace::of(
        &package,
        file_name(path),
        hex::encode(Sha256::digest(text.as_bytes())),
    );
    let key = workspace_key(&package.evaluation);
    store.write_through(&key).import_workspace(
        &package.evaluation,
        &workspace,
        &key,
        replace,
        at,
        actor,
    )?;
    Ok(package)
}

/// The key an evaluator's workspace is filed under on their laptop, by which it is opened,
/// scored and returned: the tender's reference, or for a lot (its tender names the lot) the
/// reference and the lot, so that a member of the committees of several lots of one
/// consultation keeps a workspace per lot. The return file names the tender's reference either
/// way; the buyer's store tells the lots apart by the scoring basis, which holds the lot.
pub fn workspace_key(evaluation: &Evaluation) -> String {
    let tender = &evaluation.tender;
    match &tender.lot {
        Some(lot) => jauge_store::lot_key(&tender.reference, lot),
        None => tender.reference.clone(),
    }
}

/// Refuses, when `reference` is an evaluator's workspace, what the workspace does not allow
/// (see `EvaluatorWorkspace::allows`): imports that bypass [`Store::edit`] ask it here.
pub(crate) fn check_workspace(
    store: &Store,
    reference: &str,
    changes: impl IntoIterator<Item = Change>,
) -> Result<()> {
    if let Some(workspace) = store.db().workspace(reference)? {
        for change in changes {
            workspace.allows(&change)?;
        }
    }
    Ok(())
}

/// The package facts of the stored tender `reference` when it is an evaluator's workspace on
/// this laptop, `None` for a buyer's evaluation.
pub fn evaluator_workspace(store: &Store, reference: &str) -> Result<Option<EvaluatorWorkspace>> {
    Ok(store.db().workspace(reference)?)
}

/// The evaluator's certificate, to sign a return file with.
#[derive(Debug, Clone, Copy)]
pub struct KeyFile<'a> {
    /// A PKCS#12 (.p12, .pfx) file.
    pub p12: &'a Path,
    pub password: &'a str,
}

/// Writes the return file of the evaluator's workspace `reference`: their declarations and their
/// scores, as stored on this laptop, on the leaves the package assigned them; signed (detached
/// CMS) with `key` when given. Refused with `not_ready` when `reference` is not a workspace
/// opened from a package.
pub fn write_return_file(
    store: &Store,
    reference: &str,
    at: DateTime<Utc>,
    path: &Path,
    key: Option<KeyFile<'_>>,
) -> Result<ExportedFile> {
    let Some(workspace) = store.db().workspace(reference)? else {
        return Err(Error::NotReady(format!(
            "{reference} is not an evaluator's workspace: open the package first"
        )));
    };
    let scored = store.db().load_evaluation(reference)?;
    let package = workspace.package(scored);
    let mut file = make_return(&package, &package.evaluation, at);
    if let Some(key) = key {
        let signer = crate::report::load_signer(key.p12, key.password, path)?;
        let cms = jauge_signing::sign_detached(signed_text(&file).as_bytes(), &signer)
            .map_err(|e| crate::report::signing_error(path, key.p12, e))?;
        file.signature = Some(hex::encode(cms));
    }
    write_exported(path, return_to_string(&file).as_bytes())
}

/// Checks a return file's signature, when it has one: refused as invalid when it does not
/// verify (the file was changed after it was signed, or the signature is damaged).
fn check_signature(
    file: &EvaluatorReturn,
) -> Result<Option<(FileSigner, jauge_signing::CertificateDetails)>> {
    let Some(signature) = &file.signature else {
        return Ok(None);
    };
    let refused = |detail: String| {
        Error::from(Invalid::one(
            "signature",
            ProblemCode::SignatureInvalid,
            Params::new().with("detail", detail),
        ))
    };
    let cms = hex::decode(signature).map_err(|e| refused(e.to_string()))?;
    let verdict = jauge_signing::verify_detached(&cms, signed_text(file).as_bytes());
    match (verdict.valid, verdict.certificate) {
        (true, Some(certificate)) => Ok(Some((
            FileSigner {
                subject: certificate.subject.clone(),
                certificate_sha256: certificate.sha256_fingerprint.clone(),
            },
            certificate,
        ))),
        _ => Err(refused(verdict.problem.map_or_else(
            || "no signer certificate".to_owned(),
            |p| p.english(),
        ))),
    }
}

/// What the buyer chose when merging a return file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReturnImport {
    /// Take the file's score on each cell the buyer's copy holds with another one.
    pub take_theirs: bool,
    /// The buyer confirmed that a certificate other than the one pinned for the member (the
    /// one of their first signed return) is theirs: the file is merged and the pin moves.
    pub accept_new_certificate: bool,
}

/// What merging a return file did.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeReport {
    /// The file's name, SHA-256 and signer, as journaled.
    pub file: SourceFile,
    pub evaluator: String,
    /// Scores written: new ones, and the conflicting ones when the file's were taken.
    pub written: usize,
    /// Scores the buyer's copy already held as they are.
    pub unchanged: usize,
    /// Cells held with another score and kept (empty when the file's were taken).
    pub conflicts: Vec<MergeConflict>,
    /// Declarations of interests recorded (newer than the buyer's, or new).
    pub declarations: usize,
    /// The file's declarations older than the buyer's: ignored (the latest wins).
    pub stale_declarations: Vec<StaleDeclaration>,
    /// The evaluator's scores removed by a conflict the file newly declares, each one.
    pub removed: Vec<Score>,
    /// The file's scores on an offer whose declared conflict it withdraws, each one.
    pub restored: Vec<Score>,
    /// Whether the buyer's copy changed (scores written or removed, declarations recorded).
    pub changed: bool,
    /// For a signed file: whether the certificate was valid when the file says it was written
    /// (`returned_at`, covered by the signature); `None` when unsigned or unreadable.
    pub valid_at_signing: Option<bool>,
    /// What the buyer should know about the signature: codes of
    /// [`jauge_domain::words::RETURN_FLAGS`] with their parameters, as journaled.
    pub flags: Vec<(String, Params)>,
}

/// Merges a return file into the stored evaluation `reference`, as
/// [`import_return_file_with`] does with the buyer's choice of `take_theirs` and no new
/// certificate confirmed.
pub fn import_return_file(
    store: &mut Store,
    reference: &str,
    path: &Path,
    take_theirs: bool,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<MergeReport> {
    let options = ReturnImport {
        take_theirs,
        accept_new_certificate: false,
    };
    import_return_file_with(store, reference, path, options, at, actor)
}

/// Every word of `text`, lowercased: "LAMBERT Sophie" and "Sophie Lambert" name one person.
fn name_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A flag of [`jauge_domain::words::RETURN_FLAGS`] with its parameters, exactly the declared
/// ones of its phrase (checked in tests and debug builds: no placeholder left unfilled).
fn flag(code: &'static str, params: Params) -> (String, Params) {
    debug_assert_eq!(
        jauge_domain::words::check_params(jauge_domain::words::RETURN_FLAGS, code, &params),
        Ok(()),
        "return flag {code}"
    );
    (code.to_owned(), params)
}

/// What the signing policy found on one return file it let through.
struct SigningVerdict {
    /// Codes of `RETURN_FLAGS` with their parameters.
    flags: Vec<(String, Params)>,
    /// The certificate to pin as the member's.
    pin: Option<FileSigner>,
    /// Whether the certificate was valid at `returned_at` (signed files only).
    valid_at_signing: Option<bool>,
}

/// The signing policy of the tender on one return file: refused when unsigned and signed
/// returns are required, or signed with another certificate than the one pinned for the member
/// and not confirmed; otherwise the flags to tell the buyer and the certificate to pin.
fn signing_policy(
    store: &Store,
    reference: &str,
    evaluation: &Evaluation,
    file: &EvaluatorReturn,
    signed: Option<&(FileSigner, jauge_signing::CertificateDetails)>,
    options: ReturnImport,
) -> Result<SigningVerdict> {
    let evaluator = file.evaluator.as_str();
    let pinned = store.db().return_certificate(reference, evaluator)?;
    let mut flags = Vec::new();
    let mut pin = None;
    let mut valid_at_signing = None;
    match (signed, &pinned) {
        (None, _) if evaluation.settings.signed_returns_required() => {
            return Err(Invalid::one(
                "signature",
                ProblemCode::UnsignedReturn,
                Params::new().with("evaluator", evaluator),
            )
            .into());
        }
        (None, Some(pinned)) => flags.push(flag(
            "unsigned_after_signed",
            Params::new()
                .with("evaluator", evaluator)
                .with("pinned_subject", pinned.subject.as_str()),
        )),
        (None, None) => {}
        (Some((signer, _)), None) => {
            flags.push(flag(
                "certificate_pinned",
                Params::new()
                    .with("evaluator", evaluator)
                    .with("subject", signer.subject.as_str())
                    .with("certificate", signer.certificate_sha256.as_str()),
            ));
            pin = Some(signer.clone());
        }
        (Some((signer, _)), Some(pinned))
            if signer.certificate_sha256 == pinned.certificate_sha256 => {}
        (Some((signer, _)), Some(pinned)) => {
            if !options.accept_new_certificate {
                return Err(Invalid::one(
                    "signature",
                    ProblemCode::CertificateChanged,
                    Params::new()
                        .with("evaluator", evaluator)
                        .with("subject", signer.subject.as_str())
                        .with("found", signer.certificate_sha256.as_str())
                        .with("pinned_subject", pinned.subject.as_str())
                        .with("pinned", pinned.certificate_sha256.as_str()),
                )
                .into());
            }
            flags.push(flag(
                "certificate_change_confirmed",
                Params::new()
                    .with("evaluator", evaluator)
                    .with("pinned_subject", pinned.subject.as_str()),
            ));
            pin = Some(signer.clone());
        }
    }
    if let Some((signer, certificate)) = signed {
        // The time the file says it was written is covered by the signature.
        if let Ok(written) = DateTime::parse_from_rfc3339(&file.returned_at) {
            valid_at_signing = certificate.valid_at(written.with_timezone(&Utc));
            if valid_at_signing == Some(false) {
                let day = |t: Option<DateTime<Utc>>| {
                    t.map_or_else(|| "?".to_owned(), |t| t.format("%Y-%m-%d").to_string())
                };
                flags.push(flag(
                    "certificate_not_valid_at_signing",
                    Params::new()
                        .with("at", file.returned_at.as_str())
                        .with("not_before", day(certificate.not_before))
                        .with("not_after", day(certificate.not_after)),
                ));
            }
        }
        if let Some(member) = evaluation.evaluators.iter().find(|e| e.id == evaluator) {
            let signer_name = certificate
                .common_name
                .clone()
                .unwrap_or_else(|| signer.subject.clone());
            let words = name_words(&signer_name);
            if !name_words(&member.name).iter().all(|w| words.contains(w)) {
                flags.push(flag(
                    "signer_not_evaluator",
                    Params::new()
                        .with("signer", signer_name)
                        .with("name", member.name.as_str())
                        .with("evaluator", evaluator),
                ));
            }
        }
    }
    Ok(SigningVerdict {
        flags,
        pin,
        valid_at_signing,
    })
}

/// Merges a return file into the stored evaluation `reference`: only what the package sent to
/// that member asked for (see [`plan_merge`]), the latest declaration per offer winning, under
/// the tender's signing policy (see [`signing_policy`]). Every file received is journaled
/// (`scores.import`, with its SHA-256, signer and outcome), even one that changes nothing.
pub fn import_return_file_with(
    store: &mut Store,
    reference: &str,
    path: &Path,
    options: ReturnImport,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<MergeReport> {
    let text = read_text_file(path)?;
    let sha256 = hex::encode(Sha256::digest(text.as_bytes()));
    let file = parse_return(&text)?;
    drop(text);
    let signed = check_signature(&file)?;
    let (evaluation, follows): (Evaluation, String) =
        store.db().load_evaluation_with_head(reference)?;
    // A return file is the buyer's to merge: on a member's laptop, none of it may land in a
    // workspace but the member's own scores and declarations.
    if store.db().workspace(reference)?.is_some() {
        check_workspace(
            store,
            reference,
            file.scores
                .iter()
                .cloned()
                .map(Change::SetScore)
                .chain(std::iter::once(Change::Declare(file.declarations.clone()))),
        )?;
    }
    let assigned = store.db().package_criteria(reference, &file.evaluator)?;
    // Every score and declaration of the file is checked against the evaluation by the plan,
    // with the rules a full validation runs on each (`check_score`), conflicts of interest as
    // the latest declarations leave them, and uniqueness: the merged evaluation is not
    // validated whole a second time (200,000 scores would be held twice).
    let plan = plan_merge(&evaluation, &file, assigned.as_deref())?;
    let SigningVerdict {
        flags,
        pin,
        valid_at_signing,
    } = signing_policy(
        store,
        reference,
        &evaluation,
        &file,
        signed.as_ref(),
        options,
    )?;
    let evaluator = file.evaluator.clone();
    drop(file);
    let MergePlan {
        new,
        unchanged,
        conflicts,
        declarations,
        stale_declarations,
        removed,
        restored,
    } = plan;
    let mut write = new;
    let conflicts = if options.take_theirs {
        write.extend(conflicts.into_iter().map(|c| c.theirs));
        Vec::new()
    } else {
        conflicts
    };
    // The journal's state hash, from the evaluation as read and what is written (the store
    // reads back and hashes 400,000 scores otherwise, when another program wrote meanwhile).
    let state_hash = merged_state_hash(&evaluation, &declarations, &write);
    // The evaluation and the file's own scores are not needed to write: the plan holds what is
    // written. Freed before the store's transaction, which holds the journal's text of them.
    drop(evaluation);
    let source = SourceFile {
        name: file_name(path),
        sha256,
        signer: signed.map(|(signer, _)| signer),
    };
    let changed = !write.is_empty() || !declarations.is_empty() || !removed.is_empty();
    let outcome = ReturnOutcome {
        evaluator: evaluator.clone(),
        unchanged,
        conflicts: conflicts
            .iter()
            .map(|c| (c.ours.offer.clone(), c.ours.criterion.clone()))
            .collect(),
        stale_declarations: stale_declarations
            .iter()
            .map(|s| s.theirs.clone())
            .collect(),
        removed: removed.clone(),
        restored: restored.clone(),
        flags: flags.clone(),
        pin,
    };
    store.write_through(reference).import_return(
        reference,
        &declarations,
        &write,
        &source,
        Some(&outcome),
        Some(MergedState {
            follows: &follows,
            state_hash: &state_hash,
        }),
        at,
        actor,
    )?;
    Ok(MergeReport {
        file: source,
        evaluator,
        written: write.len(),
        unchanged,
        conflicts,
        declarations: declarations.len(),
        stale_declarations,
        removed,
        restored,
        changed,
        valid_at_signing,
        flags,
    })
}

/// The certificate pinned for each committee member of the stored evaluation `reference` (the
/// one of their first signed return file, or one the buyer confirmed since): (evaluator,
/// certificate, when pinned), by evaluator.
pub fn return_certificates(
    store: &Store,
    reference: &str,
) -> Result<Vec<(String, FileSigner, String)>> {
    Ok(store.db().return_certificates(reference)?)
}

/// Every evaluator's progress on the stored evaluation `reference`, overall and per top-level
/// group: what the committee screen shows before consensus.
pub fn committee_progress(store: &Store, reference: &str) -> Result<Vec<EvaluatorProgress>> {
    let evaluation = store.db().load_evaluation(reference)?;
    Ok(jauge_domain::package::committee_progress(&evaluation))
}
