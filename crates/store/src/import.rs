//! Imports from a file the buyer brought (a scoring grid filled in a spreadsheet, a list of
//! bids): many scores or offers written in one transaction with one journal entry that names
//! the file, so the history says "these 40 scores came from this file" rather than 40 edits.

use chrono::{DateTime, Utc};
use jauge_domain::{Offer, Score, canonical_hash, evaluation_to_json};
use rusqlite::params;
use serde_json::{Value, json};

use crate::journal::append_entry;
use crate::rows::{get_evaluation, get_tender_id, upsert_score};
use crate::{Db, Result, TenderId};

/// Journal action of scores imported from a file.
pub const ACTION_SCORES_IMPORT: &str = "scores.import";
/// Journal action of offers imported from a file.
pub const ACTION_OFFERS_IMPORT: &str = "offers.import";

/// The file an import came from, as the journal records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The file's name as the buyer knows it (no folder).
    pub name: String,
    /// Lowercase hex SHA-256 of the file's bytes.
    pub sha256: String,
}

impl SourceFile {
    fn to_json(&self) -> Value {
        json!({"name": self.name, "sha256": self.sha256})
    }
}

impl Db {
    /// Sets every score of `scores` (each replaces the one with the same offer, criterion and
    /// evaluator in place, or is added after the others), in one transaction journaled once as
    /// `scores.import` with the file and the scores as payload. The caller validates first; the
    /// store refuses scores on unknown offers, criteria or evaluators (foreign keys).
    pub fn import_scores(
        &mut self,
        reference: &str,
        scores: &[Score],
        source: &SourceFile,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let id = get_tender_id(tx, reference)?;
            for score in scores {
                upsert_score(tx, id, score)?;
            }
            let payload = payload(tx, id, source, "scores", |doc| {
                doc.scores = scores.to_vec();
            })?;
            // Imports are rare and whole-file: hashing the stored result read back is simplest.
            let state_hash = canonical_hash(&get_evaluation(tx, id)?);
            append_entry(
                tx,
                id,
                at,
                actor,
                ACTION_SCORES_IMPORT,
                &payload,
                &state_hash,
            )?;
            Ok(())
        })
    }

    /// Adds or updates every offer of `offers` (an offer already stored keeps its place, its
    /// certifications and its scores), in one transaction journaled once as `offers.import`.
    /// Certifications of new offers are not written: a list of bids does not carry them.
    pub fn import_offers(
        &mut self,
        reference: &str,
        offers: &[Offer],
        source: &SourceFile,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let id = get_tender_id(tx, reference)?;
            let mut upsert = tx.prepare_cached(
                "INSERT INTO offers (tender_id, id, position, bidder, name, price, irregular, \
                 has_certifications) VALUES (?1, ?2, \
                 (SELECT coalesce(max(position) + 1, 0) FROM offers WHERE tender_id = ?1), \
                 ?3, ?4, ?5, ?6, 0) \
                 ON CONFLICT (tender_id, id) DO UPDATE SET bidder = excluded.bidder, \
                 name = excluded.name, price = excluded.price, irregular = excluded.irregular",
            )?;
            for offer in offers {
                upsert.execute(params![
                    id.0,
                    offer.id,
                    offer.bidder,
                    offer.name,
                    offer.price,
                    offer.irregular
                ])?;
            }
            let payload = payload(tx, id, source, "offers", |doc| {
                doc.offers = offers.to_vec();
            })?;
            // Imports are rare and whole-file: hashing the stored result read back is simplest.
            let state_hash = canonical_hash(&get_evaluation(tx, id)?);
            append_entry(
                tx,
                id,
                at,
                actor,
                ACTION_OFFERS_IMPORT,
                &payload,
                &state_hash,
            )?;
            Ok(())
        })
    }
}

/// `{"file": {...}, key: [...]}`, the list spelled by the domain's writer (the stored
/// evaluation, its `key` list replaced by `fill`, written out), not by a second copy of it.
fn payload(
    conn: &rusqlite::Connection,
    id: TenderId,
    source: &SourceFile,
    key: &str,
    fill: impl FnOnce(&mut jauge_domain::Evaluation),
) -> Result<String> {
    let mut doc = get_evaluation(conn, id)?;
    fill(&mut doc);
    let items = evaluation_to_json(&doc)
        .get(key)
        .cloned()
        .unwrap_or(Value::Array(Vec::new()));
    let mut payload = serde_json::Map::new();
    payload.insert("file".into(), source.to_json());
    payload.insert(key.into(), items);
    Ok(Value::Object(payload).to_string())
}
