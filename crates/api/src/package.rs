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
    MergeConflict, make_package, make_return, package_to_string, parse_package, parse_return,
    plan_merge, return_to_string, signed_text,
};
use jauge_domain::read::{Invalid, ProblemCode};
use jauge_domain::words::Params;
use jauge_domain::{Change, Evaluation, set_scores, validate_evaluation};
use jauge_store::{FileSigner, SourceFile};
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
    let reference = package.evaluation.tender.reference.clone();
    store.write_through(&reference).import_workspace(
        &package.evaluation,
        &workspace,
        replace,
        at,
        actor,
    )?;
    Ok(package)
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
fn check_signature(file: &EvaluatorReturn) -> Result<Option<FileSigner>> {
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
        (true, Some(certificate)) => Ok(Some(FileSigner {
            subject: certificate.subject,
            certificate_sha256: certificate.sha256_fingerprint,
        })),
        _ => Err(refused(
            verdict
                .problem
                .unwrap_or_else(|| "no signer certificate".to_owned()),
        )),
    }
}

/// What merging a return file did.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeReport {
    /// The file's name and SHA-256, as journaled.
    pub file: SourceFile,
    pub evaluator: String,
    /// Scores written: new ones, and the conflicting ones when the file's were taken.
    pub written: usize,
    /// Scores the buyer's copy already held as they are.
    pub unchanged: usize,
    /// Cells held with another score and kept (empty when the file's were taken).
    pub conflicts: Vec<MergeConflict>,
    /// Declarations of interests recorded (new or changed).
    pub declarations: usize,
}

/// Merges a return file into the stored evaluation `reference`.
pub fn import_return_file(
    store: &mut Store,
    reference: &str,
    path: &Path,
    take_theirs: bool,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<MergeReport> {
    let text = read_text_file(path)?;
    let file = parse_return(&text)?;
    let signer = check_signature(&file)?;
    let mut evaluation: Evaluation = store.db().load_evaluation(reference)?;
    // A return file is the buyer's to merge: on a member's laptop, none of it may land in a
    // workspace but the member's own scores and declarations.
    check_workspace(
        store,
        reference,
        file.scores
            .iter()
            .cloned()
            .map(Change::SetScore)
            .chain(std::iter::once(Change::Declare(file.declarations.clone()))),
    )?;
    let plan = plan_merge(&evaluation, &file)?;
    let mut write = plan.new.clone();
    let conflicts = if take_theirs {
        write.extend(plan.conflicts.iter().map(|c| c.theirs.clone()));
        Vec::new()
    } else {
        plan.conflicts
    };
    let source = SourceFile {
        name: file_name(path),
        sha256: hex::encode(Sha256::digest(text.as_bytes())),
        signer,
    };
    if !write.is_empty() || !plan.declarations.is_empty() {
        // Validated as any edit: the evaluation with the declarations and scores set must still
        // be valid (a score on an offer the evaluator declared a conflict with is refused).
        if !plan.declarations.is_empty() {
            Change::Declare(plan.declarations.clone()).apply_to(&mut evaluation)?;
        }
        set_scores(&mut evaluation, &write);
        validate_evaluation(&evaluation)?;
        store.write_through(reference).import_return(
            reference,
            &plan.declarations,
            &write,
            &source,
            at,
            actor,
        )?;
    }
    Ok(MergeReport {
        file: source,
        evaluator: file.evaluator,
        written: write.len(),
        unchanged: plan.unchanged,
        conflicts,
        declarations: plan.declarations.len(),
    })
}

/// Every evaluator's progress on the stored evaluation `reference`, overall and per top-level
/// group: what the committee screen shows before consensus.
pub fn committee_progress(store: &Store, reference: &str) -> Result<Vec<EvaluatorProgress>> {
    let evaluation = store.db().load_evaluation(reference)?;
    Ok(jauge_domain::package::committee_progress(&evaluation))
}
