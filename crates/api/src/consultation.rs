//! Consultations with lots kept in the local database: import, open with each lot's ranking and
//! the award across lots, verify, delete.
//!
//! Each lot's evaluation is stored as an evaluation of its own (filed under
//! [`jauge_store::lot_key`]), so every edit of an evaluation works on a lot; the consultation's
//! own part (bidders, award rules, lots' numbers and values) is stored and journaled beside them.

use chrono::{DateTime, Utc};
use jauge_domain::{Consultation, ConsultationResults};
use jauge_store::ConsultationVerdict;

use crate::{Result, Store, evaluate_consultation, import_evaluation, is_consultation};

/// A stored consultation as the buyer opens it: the consultation, each lot's results (ranking)
/// and the award across lots (provisional while `results.settled()` is false), and the key each
/// lot's evaluation is stored under, in lot order, for the edits of one lot.
#[derive(Debug, Clone)]
pub struct StoredConsultation {
    pub consultation: Consultation,
    pub results: ConsultationResults,
    pub lot_keys: Vec<String>,
}

/// Validates a consultation file's text and stores it, every lot and the consultation's own
/// part in one transaction; a plain evaluation file is stored as an evaluation (a consultation of
/// one lot). Nothing is written when the text is invalid or its reference already stored.
pub fn import_consultation(
    store: &mut Store,
    text: &str,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Consultation> {
    if !is_consultation(text) {
        let evaluation = import_evaluation(store, text, false, at, actor)?;
        return Ok(Consultation::from_evaluation(evaluation));
    }
    let consultation = crate::read_consultation(text)?;
    let db = store.write_through(&consultation.info.reference);
    db.import_consultation(&consultation, at, actor)?;
    Ok(consultation)
}

/// The stored consultation `reference` (a stored evaluation opens as a consultation of one lot)
/// with each lot's ranking and the award across lots.
pub fn open_consultation(store: &Store, reference: &str) -> Result<StoredConsultation> {
    let consultation = store.db().load_consultation(reference)?;
    let lot_keys = store.db().consultation_lot_keys(reference)?;
    let results = evaluate_consultation(&consultation)?;
    Ok(StoredConsultation {
        consultation,
        results,
        lot_keys,
    })
}

/// True when `reference` names a stored consultation of its own (several lots, or one lot read
/// from a consultation file), false for an evaluation stored on its own or nothing stored.
pub fn is_stored_consultation(store: &Store, reference: &str) -> Result<bool> {
    match store.db().consultation_lot_keys(reference) {
        Ok(keys) => Ok(keys != [reference]),
        Err(jauge_store::Error::NotFound { .. }) => Ok(false),
        Err(other) => Err(other.into()),
    }
}

/// Verifies the consultation's own journal and each lot's.
pub fn verify_consultation(store: &Store, reference: &str) -> Result<ConsultationVerdict> {
    Ok(store.db().verify_consultation(reference)?)
}

/// Deletes a stored consultation with every lot and every journal.
pub fn delete_consultation(store: &mut Store, reference: &str) -> Result<()> {
    let keys = store.db().consultation_lot_keys(reference)?;
    for key in &keys {
        store.write_through(key);
    }
    Ok(store
        .write_through(reference)
        .delete_consultation(reference)?)
}
