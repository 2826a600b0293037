//! Consultations with lots kept in the local database: import, open with each lot's ranking and
//! the award across lots, verify, delete.
//!
//! Each lot's evaluation is stored as an evaluation of its own (filed under
//! [`jauge_store::lot_key`]), so every edit of an evaluation works on a lot; the consultation's
//! own part (bidders, award rules, lots' numbers and values) is stored and journaled beside them.

use chrono::{DateTime, Utc};
use jauge_domain::lots::{
    AwardRules, ConsultationEdit, LotPart, OverCapRule, consultation_head_to_json,
};
use jauge_domain::{Consultation, ConsultationResults};
use jauge_store::{ConsultationVerdict, ConsultationWrite};

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

/// Edits the stored consultation's own part (a bidder, the award rules, a lot's number, value,
/// kind of award or *sans suite*, a new offer of a bidder on a lot): the consultation and every
/// lot's evaluation that follows it (a company is written in each of its offers) are saved in
/// one transaction, each journaled. Returns the consultation as it now opens.
pub fn edit_consultation(
    store: &mut Store,
    reference: &str,
    edit: &ConsultationEdit,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<StoredConsultation> {
    let keys = store.db().consultation_lot_keys(reference)?;
    let Some(follows) = store.db().consultation_head(reference)? else {
        return Err(crate::Error::NotReady(format!(
            "{reference} is an evaluation stored on its own: its offers are edited in it"
        )));
    };
    // The lots' copies in memory would no longer be the stored ones.
    for key in &keys {
        store.write_through(key);
    }
    let consultation = store.db().load_consultation(reference)?;
    let edited = edit.apply(&consultation)?;
    let head = consultation_head_to_json(&edited.consultation).to_string();
    let payload = edit.payload().to_string();
    let lot_changes: Vec<(usize, &jauge_domain::Change, &str)> = edited
        .lot_changes
        .iter()
        .map(|c| (c.lot, &c.change, c.state_hash.as_str()))
        .collect();
    store.write_through(reference).edit_consultation(
        reference,
        &ConsultationWrite {
            follows: &follows,
            head: &head,
            action: edit.action(),
            payload: &payload,
            lot_changes: &lot_changes,
            at,
            actor,
        },
    )?;
    let results = evaluate_consultation(&edited.consultation)?;
    Ok(StoredConsultation {
        consultation: edited.consultation,
        results,
        lot_keys: keys,
    })
}

/// The buyer corrects a bidder's company or SIRET, once for every lot it bid on (its
/// certifications and order of preference are kept).
pub fn save_bidder(
    store: &mut Store,
    reference: &str,
    bidder: &str,
    company: &str,
    siret: Option<&str>,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<StoredConsultation> {
    let consultation = store.db().load_consultation(reference)?;
    let mut edited = consultation
        .bidder(bidder)
        .cloned()
        .ok_or_else(|| crate::Error::NotFound(format!("bidder {bidder}")))?;
    edited.company = company.trim().to_owned();
    edited.siret = siret
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    let edit = ConsultationEdit::UpsertBidder(edited);
    edit_consultation(store, reference, &edit, at, actor)
}

/// The buyer sets the cap on lots awarded per bidder (`None`: no cap) and the rule applied over
/// it, as the consultation rules publish them.
pub fn set_award_rules(
    store: &mut Store,
    reference: &str,
    max_lots_awarded_per_bidder: Option<u32>,
    over_cap_rule: Option<OverCapRule>,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<StoredConsultation> {
    let edit = ConsultationEdit::SetRules(AwardRules {
        max_lots_awarded_per_bidder,
        over_cap_rule,
    });
    edit_consultation(store, reference, &edit, at, actor)
}

/// The buyer declares a lot *sans suite* with its reason (R2185-1), or withdraws the
/// declaration (`reason` `None`).
pub fn set_lot_sans_suite(
    store: &mut Store,
    reference: &str,
    lot: &str,
    reason: Option<&str>,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<StoredConsultation> {
    let consultation = store.db().load_consultation(reference)?;
    let found = consultation
        .lots
        .iter()
        .find(|l| l.id == lot)
        .ok_or_else(|| crate::Error::NotFound(format!("lot {lot}")))?;
    let edit = ConsultationEdit::UpdateLot(LotPart {
        id: found.id.clone(),
        number: found.number,
        title: found.title.clone(),
        estimated_value: found.estimated_value,
        award: found.award,
        sans_suite: reason.map(str::trim).map(str::to_owned),
    });
    edit_consultation(store, reference, &edit, at, actor)
}

/// The buyer records a bidder's offer on a lot it had no offer on (received in time, left out
/// of the consultation file): an offer under the bidder's id, to be scored in the lot.
pub fn add_bid(
    store: &mut Store,
    reference: &str,
    lot: &str,
    bidder: &str,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<StoredConsultation> {
    let edit = ConsultationEdit::AddBid {
        lot: lot.to_owned(),
        bidder: bidder.to_owned(),
        offer: bidder.to_owned(),
    };
    edit_consultation(store, reference, &edit, at, actor)
}

/// The consultation `key` is a lot of, when it is one (its evaluation then takes its bidders'
/// companies, its tender and new offers from the consultation, edited on its home).
pub fn consultation_of_lot(store: &Store, key: &str) -> Result<Option<String>> {
    Ok(store.db().consultation_of_lot(key)?)
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
