//! Imports from a file the buyer brought (a scoring grid filled in a spreadsheet, a list of
//! bids): many scores or offers written in one transaction with one journal entry that names
//! the file, so the history says "these 40 scores came from this file" rather than 40 edits.

use chrono::{DateTime, Utc};
use jauge_domain::package::{CommitteeFile, FileDirection};
use jauge_domain::{Declaration, Offer, Score, canonical_hash, evaluation_to_json};
use rusqlite::params;
use serde_json::{Value, json};

use crate::journal::append_entry;
use crate::rows::{get_evaluation, get_tender_id, upsert_declaration, upsert_score};
use crate::{Db, Result, TenderId};

/// Journal action of scores imported from a file.
pub const ACTION_SCORES_IMPORT: &str = "scores.import";
/// Journal action of offers imported from a file.
pub const ACTION_OFFERS_IMPORT: &str = "offers.import";
/// Journal action of a package written for an evaluator (the evaluation does not change).
pub const ACTION_PACKAGE_EXPORT: &str = "package.export";

/// The file an import came from, as the journal records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The file's name as the buyer knows it (no folder).
    pub name: String,
    /// Lowercase hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// Who signed the file, when it carried a signature that verified.
    pub signer: Option<FileSigner>,
}

/// The signer of a signed file, as the journal records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSigner {
    /// The certificate's subject (RFC 4514).
    pub subject: String,
    /// Lowercase hex SHA-256 of the certificate.
    pub certificate_sha256: String,
}

impl SourceFile {
    /// A file that carries no signature.
    pub fn unsigned(name: String, sha256: String) -> SourceFile {
        SourceFile {
            name,
            sha256,
            signer: None,
        }
    }

    fn to_json(&self) -> Value {
        let mut file = json!({"name": self.name, "sha256": self.sha256});
        if let Some(signer) = &self.signer {
            file["signed_by"] =
                json!({"subject": signer.subject, "certificate_sha256": signer.certificate_sha256});
        }
        file
    }
}

impl Db {
    /// Journals that a package was written for `evaluator` (`package.export`, with the file,
    /// the evaluator and the criteria assigned): the evaluation does not change, the journal
    /// keeps what was sent to whom.
    pub fn record_package_sent(
        &mut self,
        reference: &str,
        file: &SourceFile,
        evaluator: &str,
        criteria: &[String],
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let id = get_tender_id(tx, reference)?;
            let state_hash = canonical_hash(&get_evaluation(tx, id)?);
            let payload = json!({
                "file": file.to_json(),
                "evaluator": evaluator,
                "criteria": criteria,
            })
            .to_string();
            append_entry(
                tx,
                id,
                at,
                actor,
                ACTION_PACKAGE_EXPORT,
                &payload,
                &state_hash,
            )?;
            Ok(())
        })
    }

    /// Every package sent and every scores file received for the tender, oldest first, read
    /// from the journal.
    pub fn committee_files(&self, reference: &str) -> Result<Vec<CommitteeFile>> {
        // Only these two actions: a grid's journal holds one entry per keystroke.
        let entries: Vec<(String, String, String, String)> = self.read(|conn| {
            let id = get_tender_id(conn, reference)?;
            let mut stmt = conn.prepare_cached(
                "SELECT at, actor, action, payload FROM journal WHERE tender_id = ?1 \
                 AND action IN (?2, ?3) ORDER BY seq",
            )?;
            let rows = stmt
                .query_map(
                    params![id.0, ACTION_PACKAGE_EXPORT, ACTION_SCORES_IMPORT],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })?;
        let mut files = Vec::new();
        for (at, actor, action, payload) in entries {
            let direction = match action.as_str() {
                ACTION_PACKAGE_EXPORT => FileDirection::Sent,
                ACTION_SCORES_IMPORT => FileDirection::Received,
                _ => continue,
            };
            let Ok(payload) = serde_json::from_str::<Value>(&payload) else {
                continue;
            };
            let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
            let list = |key: &str| payload[key].as_array().cloned().unwrap_or_default();
            let count = |key: &str| u32::try_from(list(key).len()).unwrap_or(u32::MAX);
            let mut evaluators: Vec<String> = match direction {
                FileDirection::Sent => vec![text(&payload["evaluator"])],
                FileDirection::Received => list("scores")
                    .iter()
                    .chain(list("declarations").iter())
                    .map(|item| text(&item["evaluator"]))
                    .collect(),
            };
            let mut seen = std::collections::HashSet::new();
            evaluators.retain(|e| seen.insert(e.clone()));
            files.push(CommitteeFile {
                direction,
                name: text(&payload["file"]["name"]),
                sha256: text(&payload["file"]["sha256"]),
                // The journal keeps nanoseconds; screens and reports show minutes, and some date
                // parsers (WebKit's) refuse more than three decimals.
                at: DateTime::parse_from_rfc3339(&at).map_or(at, |t| {
                    t.with_timezone(&Utc)
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                }),
                actor,
                evaluators,
                signed_by: payload["file"]["signed_by"]["subject"]
                    .as_str()
                    .map(str::to_owned),
                scores: count("scores"),
                declarations: count("declarations"),
            });
        }
        Ok(files)
    }

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
        self.import_return(reference, &[], scores, source, at, actor)
    }

    /// Records an evaluator's return file: their `declarations` (as [`jauge_domain::Change::Declare`]
    /// does, a declared conflict removing their scores on that offer), then their `scores` as
    /// [`Db::import_scores`] does, in one transaction journaled once as `scores.import`; the
    /// payload lists the declarations too when there are some.
    pub fn import_return(
        &mut self,
        reference: &str,
        declarations: &[Declaration],
        scores: &[Score],
        source: &SourceFile,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let id = get_tender_id(tx, reference)?;
            for declaration in declarations {
                upsert_declaration(tx, id, declaration)?;
            }
            for score in scores {
                upsert_score(tx, id, score)?;
            }
            let mut payload = payload(tx, id, source, "scores", |doc| {
                doc.scores = scores.to_vec();
            })?;
            if !declarations.is_empty() {
                let listed = payload_list(tx, id, "declarations", |doc| {
                    doc.declarations = declarations.to_vec();
                })?;
                if let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(&payload) {
                    map.insert("declarations".into(), listed);
                    payload = Value::Object(map).to_string();
                }
            }
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
            // New offers come last: their positions are counted here once, not looked up with
            // a `max(position)` per row (a scan of the tender's offers each time, which made
            // importing N bids quadratic).
            let mut stored = std::collections::HashSet::new();
            let mut next_position: i64 = 0;
            {
                let mut existing =
                    tx.prepare_cached("SELECT id, position FROM offers WHERE tender_id = ?1")?;
                let mut rows = existing.query(params![id.0])?;
                while let Some(row) = rows.next()? {
                    stored.insert(row.get::<_, String>(0)?);
                    next_position = next_position.max(row.get::<_, i64>(1)? + 1);
                }
            }
            let mut upsert = tx.prepare_cached(
                "INSERT INTO offers (tender_id, id, position, bidder, name, price, irregular, \
                 has_certifications) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0) \
                 ON CONFLICT (tender_id, id) DO UPDATE SET bidder = excluded.bidder, \
                 name = excluded.name, price = excluded.price, irregular = excluded.irregular",
            )?;
            for offer in offers {
                let position = next_position;
                if stored.insert(offer.id.clone()) {
                    next_position += 1;
                }
                upsert.execute(params![
                    id.0,
                    offer.id,
                    position,
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
    let items = payload_list(conn, id, key, fill)?;
    let mut payload = serde_json::Map::new();
    payload.insert("file".into(), source.to_json());
    payload.insert(key.into(), items);
    Ok(Value::Object(payload).to_string())
}

/// The `key` list of the stored evaluation with that list replaced by `fill`, as the domain's
/// writer spells it (an empty array when the writer leaves the list out).
fn payload_list(
    conn: &rusqlite::Connection,
    id: TenderId,
    key: &str,
    fill: impl FnOnce(&mut jauge_domain::Evaluation),
) -> Result<Value> {
    let mut doc = get_evaluation(conn, id)?;
    fill(&mut doc);
    Ok(evaluation_to_json(&doc)
        .get(key)
        .cloned()
        .unwrap_or(Value::Array(Vec::new())))
}
