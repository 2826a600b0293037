//! Evaluations kept in the local database: import, export, edits and their journal.
//!
//! Every edit is first applied to the evaluation in memory and validated with the same rules as a
//! file; only a valid result reaches the database, in one transaction with its journal entry. A
//! refused edit therefore changes nothing that was saved.

use std::path::Path;

use chrono::{DateTime, Utc};
use jauge_domain::{Evaluation, Results, validate_evaluation};
use jauge_store::{Change, Db, JournalEntry, JournalVerdict, TenderSummary};

use crate::{Result, evaluate_evaluation, read_evaluation};

/// Opens (creating and migrating if needed) the database file at `path`.
pub fn open_store(path: &Path) -> Result<Db> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| crate::Error::io(folder, e))?;
    }
    Ok(Db::open(path)?)
}

/// Validates an evaluation file's text and stores it; nothing is written when it is invalid or
/// when its reference is already stored (unless `replace` is set, which keeps the journal).
pub fn import_evaluation(
    db: &mut Db,
    text: &str,
    replace: bool,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Evaluation> {
    let evaluation = read_evaluation(text)?;
    if replace {
        db.replace_evaluation(&evaluation, at, actor)?;
    } else {
        db.import_evaluation(&evaluation, at, actor)?;
    }
    Ok(evaluation)
}

/// Stores an evaluation built in memory (from a template, say) after validating it.
pub fn create_evaluation(
    db: &mut Db,
    evaluation: &Evaluation,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<()> {
    validate_evaluation(evaluation)?;
    db.import_evaluation(evaluation, at, actor)?;
    Ok(())
}

/// The stored evaluation as an evaluation file's text.
pub fn export_evaluation(db: &Db, reference: &str) -> Result<String> {
    Ok(jauge_domain::evaluation_to_string(
        &db.load_evaluation(reference)?,
    ))
}

/// The stored evaluation.
pub fn load_evaluation(db: &Db, reference: &str) -> Result<Evaluation> {
    Ok(db.load_evaluation(reference)?)
}

/// The stored evaluation with its results.
pub fn evaluate_stored(db: &Db, reference: &str) -> Result<(Evaluation, Results)> {
    let evaluation = db.load_evaluation(reference)?;
    let results = evaluate_evaluation(&evaluation)?;
    Ok((evaluation, results))
}

/// Every stored evaluation, by reference.
pub fn list_evaluations(db: &Db) -> Result<Vec<TenderSummary>> {
    Ok(db.list_tenders()?)
}

/// Deletes a stored evaluation and its journal.
pub fn delete_evaluation(db: &mut Db, reference: &str) -> Result<()> {
    Ok(db.delete_tender(reference)?)
}

/// Applies one edit (a score, a consensus, an offer…): validated in memory first, then saved with
/// its journal entry. Returns the new results so the screen can refresh at once.
pub fn apply_change(
    db: &mut Db,
    reference: &str,
    change: &Change,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Results> {
    let mut evaluation = db.load_evaluation(reference)?;
    change.apply_to(&mut evaluation)?;
    validate_evaluation(&evaluation)?;
    db.apply_change(reference, change, at, actor)?;
    evaluate_evaluation(&evaluation)
}

/// The history of changes of a stored evaluation, oldest first.
pub fn list_journal(db: &Db, reference: &str) -> Result<Vec<JournalEntry>> {
    Ok(db.journal(reference)?)
}

/// Recomputes the journal's hash chain and compares it with the stored data.
pub fn verify_journal(db: &Db, reference: &str) -> Result<JournalVerdict> {
    Ok(db.verify_journal(reference)?)
}
