//! Evaluations kept in the local database: import, export, edits and their journal.
//!
//! Every edit is checked against the evaluation in memory with the same rules as a file; only a
//! valid result reaches the database, in one transaction with its journal entry. A refused edit
//! therefore changes nothing that was saved (see [`Store`] for how the copy in memory is kept).

use std::path::Path;

use chrono::{DateTime, Utc};
use jauge_domain::{Change, Evaluation, Results, validate_evaluation};
use jauge_store::{JournalEntry, JournalVerdict, TenderSummary};

use crate::{Result, Store, evaluate_evaluation, read_evaluation};

/// Opens (creating and migrating if needed) the database file at `path`. Look at
/// [`Store::warnings`] afterwards: the store opens even when, say, its folder refuses WAL mode.
pub fn open_store(path: &Path) -> Result<Store> {
    Store::open(path)
}

/// Validates an evaluation file's text and stores it; nothing is written when it is invalid or
/// when its reference is already stored (unless `replace` is set, which keeps the journal).
pub fn import_evaluation(
    store: &mut Store,
    text: &str,
    replace: bool,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Evaluation> {
    let evaluation = read_evaluation(text)?;
    let db = store.write_through(&evaluation.tender.reference);
    if replace {
        db.replace_evaluation(&evaluation, at, actor)?;
    } else {
        db.import_evaluation(&evaluation, at, actor)?;
    }
    Ok(evaluation)
}

/// Stores an evaluation built in memory (from a template, say) after validating it.
pub fn create_evaluation(
    store: &mut Store,
    evaluation: &Evaluation,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<()> {
    validate_evaluation(evaluation)?;
    store
        .write_through(&evaluation.tender.reference)
        .import_evaluation(evaluation, at, actor)?;
    Ok(())
}

/// The stored evaluation as an evaluation file's text.
pub fn export_evaluation(store: &Store, reference: &str) -> Result<String> {
    Ok(jauge_domain::evaluation_to_string(
        &store.db().load_evaluation(reference)?,
    ))
}

/// The stored evaluation.
pub fn load_evaluation(store: &Store, reference: &str) -> Result<Evaluation> {
    Ok(store.db().load_evaluation(reference)?)
}

/// The stored evaluation with its results.
pub fn evaluate_stored(store: &Store, reference: &str) -> Result<(Evaluation, Results)> {
    let evaluation = store.db().load_evaluation(reference)?;
    let results = evaluate_evaluation(&evaluation)?;
    Ok((evaluation, results))
}

/// Every stored evaluation, by reference.
pub fn list_evaluations(store: &Store) -> Result<Vec<TenderSummary>> {
    Ok(store.db().list_tenders()?)
}

/// Deletes a stored evaluation and its journal.
pub fn delete_evaluation(store: &mut Store, reference: &str) -> Result<()> {
    Ok(store.write_through(reference).delete_tender(reference)?)
}

/// Applies one edit (a score, a consensus, an offer…): checked against the evaluation in memory
/// first, then saved with its journal entry. Returns the new results so the screen can refresh
/// at once.
pub fn apply_change(
    store: &mut Store,
    reference: &str,
    change: &Change,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Results> {
    store.edit(reference, change, at, actor)
}

/// The history of changes of a stored evaluation, oldest first.
pub fn list_journal(store: &Store, reference: &str) -> Result<Vec<JournalEntry>> {
    Ok(store.db().journal(reference)?)
}

/// Recomputes the journal's hash chain and compares it with the stored data.
pub fn verify_journal(store: &Store, reference: &str) -> Result<JournalVerdict> {
    Ok(store.db().verify_journal(reference)?)
}
