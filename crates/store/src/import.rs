//! Imports from a file the buyer brought (a scoring grid filled in a spreadsheet, a list of
//! bids): many scores or offers written in one transaction with one journal entry that names
//! the file, so the history says "these 40 scores came from this file" rather than 40 edits.

use chrono::{DateTime, Utc};
use jauge_domain::package::{CommitteeFile, FileDirection};
use jauge_domain::words::Params;
use jauge_domain::{
    Declaration, Offer, Score, canonical_hash, declarations_to_canonical_string,
    evaluation_to_json, scores_to_canonical_string,
};
use rusqlite::params;
use serde_json::{Value, json};

use crate::journal::{append_entry, head_hash};
use crate::rows::{
    ScoreUpserts, get_evaluation, get_tender_id, stored_state_hash, upsert_declaration,
};
use crate::{Db, Result, TenderId};

/// The state merging a return file leads to, computed by the caller from its copy of the
/// evaluation (see [`Db::import_return`]).
#[derive(Debug, Clone, Copy)]
pub struct MergedState<'a> {
    /// The journal head hash the caller's copy follows.
    pub follows: &'a str,
    /// [`jauge_domain::canonical_hash`] of the evaluation once merged.
    pub state_hash: &'a str,
}

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

    /// `{"name", "sha256", "signed_by"?}`, as every journal entry of a file spells it.
    pub(crate) fn to_json(&self) -> Value {
        let mut file = json!({"name": self.name, "sha256": self.sha256});
        if let Some(signer) = &self.signer {
            file["signed_by"] =
                json!({"subject": signer.subject, "certificate_sha256": signer.certificate_sha256});
        }
        file
    }
}

/// What merging an evaluator's return file did beyond the declarations and scores written: the
/// journal keeps it with the file, so that a file that changed nothing is still traced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReturnOutcome {
    /// The evaluator whose file it is.
    pub evaluator: String,
    /// Scores the buyer's copy already held as they are.
    pub unchanged: usize,
    /// Cells held with another score and kept: (offer, criterion).
    pub conflicts: Vec<(String, String)>,
    /// The file's declarations older than the buyer's: ignored.
    pub stale_declarations: Vec<Declaration>,
    /// The evaluator's scores removed by a conflict the file newly declares.
    pub removed: Vec<Score>,
    /// The file's scores on an offer whose conflict the file withdraws.
    pub restored: Vec<Score>,
    /// What the buyer should know about the file's signature, each a code of
    /// [`jauge_domain::words::RETURN_FLAGS`] with its parameters, in the order found.
    pub flags: Vec<(String, Params)>,
    /// The certificate to pin as the evaluator's (their first signed return, or another one the
    /// buyer confirmed), written in the same transaction.
    pub pin: Option<FileSigner>,
}

impl ReturnOutcome {
    fn to_json(&self, changed: bool) -> String {
        json!({
            "evaluator": self.evaluator,
            "outcome": if changed { "merged" } else { "nothing_changed" },
            "unchanged": self.unchanged,
            "conflicts": self
                .conflicts
                .iter()
                .map(|(offer, criterion)| json!({"offer": offer, "criterion": criterion}))
                .collect::<Vec<_>>(),
            "stale_declarations": serde_json::from_str::<Value>(
                &declarations_to_canonical_string(&self.stale_declarations)
            )
            .unwrap_or(Value::Null),
            "removed": serde_json::from_str::<Value>(&scores_to_canonical_string(&self.removed))
                .unwrap_or(Value::Null),
            "restored": self
                .restored
                .iter()
                .map(|s| json!({"offer": s.offer, "criterion": s.criterion}))
                .collect::<Vec<_>>(),
            "flags": self
                .flags
                .iter()
                .map(|(code, params)| json!({"code": code, "params": params.to_json()}))
                .collect::<Vec<_>>(),
        })
        .to_string()
    }
}

impl Db {
    /// The criteria the latest package sent to `evaluator` assigned them (`package.export` in
    /// the journal), `None` when no package was sent to them from this store.
    pub fn package_criteria(
        &self,
        reference: &str,
        evaluator: &str,
    ) -> Result<Option<Vec<String>>> {
        let payload: Option<String> = self.read(|conn| {
            let id = get_tender_id(conn, reference)?;
            let mut stmt = conn.prepare_cached(
                "SELECT payload FROM journal WHERE tender_id = ?1 AND action = ?2 \
                 AND json_extract(payload, '$.evaluator') = ?3 ORDER BY seq DESC LIMIT 1",
            )?;
            let mut rows = stmt.query(params![id.0, ACTION_PACKAGE_EXPORT, evaluator])?;
            Ok(match rows.next()? {
                Some(row) => Some(row.get(0)?),
                None => None,
            })
        })?;
        Ok(payload.and_then(|payload| {
            let value: Value = serde_json::from_str(&payload).ok()?;
            value["criteria"].as_array().map(|ids| {
                ids.iter()
                    .filter_map(|id| id.as_str().map(str::to_owned))
                    .collect()
            })
        }))
    }

    /// The certificate pinned as `evaluator`'s: the one that signed their first signed return
    /// file (or the one the buyer confirmed since), `None` when none of their returns was signed.
    pub fn return_certificate(
        &self,
        reference: &str,
        evaluator: &str,
    ) -> Result<Option<FileSigner>> {
        self.read(|conn| {
            let id = get_tender_id(conn, reference)?;
            let mut stmt = conn.prepare_cached(
                "SELECT subject, certificate_sha256 FROM return_certificates \
                 WHERE tender_id = ?1 AND evaluator_id = ?2",
            )?;
            let mut rows = stmt.query(params![id.0, evaluator])?;
            Ok(match rows.next()? {
                Some(row) => Some(FileSigner {
                    subject: row.get(0)?,
                    certificate_sha256: row.get(1)?,
                }),
                None => None,
            })
        })
    }

    /// Every certificate pinned for the tender's committee members: (evaluator, certificate,
    /// when it was pinned), by evaluator.
    pub fn return_certificates(
        &self,
        reference: &str,
    ) -> Result<Vec<(String, FileSigner, String)>> {
        self.read(|conn| {
            let id = get_tender_id(conn, reference)?;
            let mut stmt = conn.prepare_cached(
                "SELECT evaluator_id, subject, certificate_sha256, pinned_at \
                 FROM return_certificates WHERE tender_id = ?1 ORDER BY evaluator_id",
            )?;
            let rows = stmt
                .query_map(params![id.0], |r| {
                    Ok((
                        r.get(0)?,
                        FileSigner {
                            subject: r.get(1)?,
                            certificate_sha256: r.get(2)?,
                        },
                        r.get(3)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }

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
                // A return file names its evaluator, even when it changed nothing.
                FileDirection::Received => payload["return"]["evaluator"]
                    .as_str()
                    .map(|e| vec![e.to_owned()])
                    .unwrap_or_default()
                    .into_iter()
                    .chain(
                        list("scores")
                            .iter()
                            .chain(list("declarations").iter())
                            .map(|item| text(&item["evaluator"])),
                    )
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
                certificate_sha256: payload["file"]["signed_by"]["certificate_sha256"]
                    .as_str()
                    .map(str::to_owned),
                outcome: payload["return"]["outcome"].as_str().map(str::to_owned),
                flags: payload["return"]["flags"]
                    .as_array()
                    .map(|flags| {
                        flags
                            .iter()
                            .map(|flag| {
                                let params = flag["params"]
                                    .as_object()
                                    .map(|params| {
                                        params.iter().map(|(k, v)| (k.clone(), text(v))).collect()
                                    })
                                    .unwrap_or_default();
                                (text(&flag["code"]), params)
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
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
        self.import_return(reference, &[], scores, source, None, None, at, actor)
    }

    /// Records an evaluator's return file: their `declarations` (as [`jauge_domain::Change::Declare`]
    /// does, a declared conflict removing their scores on that offer), then their `scores` as
    /// [`Db::import_scores`] does, in one transaction journaled once as `scores.import`; the
    /// payload lists the declarations too when there are some, and the `outcome` of the merge
    /// under `return` when given. Journaled even when nothing changes: every file received is
    /// traced. The lists are written by the domain's writer list by list, never through the
    /// whole evaluation: a 200,000-score return would otherwise be written out three times.
    ///
    /// The journal entry's state hash is `merged`'s when given and the journal's head is still
    /// the one it follows (taken on trust, as [`Db::apply_edit`] takes an edit's: a wrong hash
    /// would not go unnoticed by [`Db::verify_journal`]); otherwise the stored result is read
    /// back and hashed.
    #[allow(clippy::too_many_arguments)]
    pub fn import_return(
        &mut self,
        reference: &str,
        declarations: &[Declaration],
        scores: &[Score],
        source: &SourceFile,
        outcome: Option<&ReturnOutcome>,
        merged: Option<MergedState<'_>>,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let id = get_tender_id(tx, reference)?;
            for declaration in declarations {
                upsert_declaration(tx, id, declaration)?;
            }
            let mut upserts = ScoreUpserts::new(tx)?;
            for score in scores {
                upserts.set(id, score)?;
            }
            if let Some(signer) = outcome.and_then(|o| o.pin.as_ref()) {
                let evaluator = outcome.map(|o| o.evaluator.as_str()).unwrap_or_default();
                tx.prepare_cached(
                    "INSERT INTO return_certificates (tender_id, evaluator_id, certificate_sha256, \
                     subject, pinned_at) VALUES (?1, ?2, ?3, ?4, ?5) \
                     ON CONFLICT (tender_id, evaluator_id) DO UPDATE SET \
                     certificate_sha256 = excluded.certificate_sha256, \
                     subject = excluded.subject, pinned_at = excluded.pinned_at",
                )?
                .execute(params![
                    id.0,
                    evaluator,
                    signer.certificate_sha256,
                    signer.subject,
                    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                ])?;
            }
            let mut payload = String::from("{\"file\":");
            payload.push_str(&source.to_json().to_string());
            payload.push_str(",\"scores\":");
            payload.push_str(&scores_to_canonical_string(scores));
            if !declarations.is_empty() {
                payload.push_str(",\"declarations\":");
                payload.push_str(&declarations_to_canonical_string(declarations));
            }
            if let Some(outcome) = outcome {
                let removed = !outcome.removed.is_empty();
                let changed = !scores.is_empty() || !declarations.is_empty() || removed;
                payload.push_str(",\"return\":");
                payload.push_str(&outcome.to_json(changed));
            }
            payload.push('}');
            let state_hash = match merged {
                Some(merged) if head_hash(tx, id)? == merged.follows => {
                    merged.state_hash.to_owned()
                }
                // Another program wrote since the caller read the evaluation, or the caller
                // has no copy: the stored result read back and hashed score by score (a
                // 200,000-score return would otherwise be held once more, with its text).
                _ => stored_state_hash(tx, id)?,
            };
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

#[cfg(test)]
mod tests {
    use jauge_domain::{Change, canonical_hash};

    use super::*;
    use crate::GENESIS_HASH;
    use crate::fixture::{self, at, score};

    const REFERENCE: &str = "2026-EX-001";

    fn stored() -> Db {
        let mut db = Db::open_in_memory().unwrap();
        db.import_evaluation(&fixture::evaluation(), at(0), "import")
            .unwrap();
        db
    }

    #[test]
    fn a_merged_state_hash_is_journaled_only_when_the_journal_head_is_the_one_it_follows() {
        let source = SourceFile::unsigned("retour-e1.json".into(), "ab".repeat(32));
        let scores = [score("o3", "tech.sec", "e1", 1.0)];
        let mut merged = fixture::evaluation();
        Change::SetScore(scores[0].clone())
            .apply_to(&mut merged)
            .unwrap();
        let right = canonical_hash(&merged);
        let wrong = "0".repeat(64);
        let last_state = |db: &Db| db.journal(REFERENCE).unwrap().pop().unwrap().state_hash;

        // A fresh store, merged with the state hash `state_hash` claimed to follow `follows`
        // (the journal's head when `None`).
        let merge = |follows: Option<&str>, state_hash: &str| {
            let mut db = stored();
            let head = db.journal(REFERENCE).unwrap().pop().unwrap().hash;
            let follows = follows.map_or(head, str::to_owned);
            let given = MergedState {
                follows: &follows,
                state_hash,
            };
            db.import_return(
                REFERENCE,
                &[],
                &scores,
                &source,
                None,
                Some(given),
                at(1),
                "Claire",
            )
            .unwrap();
            db
        };

        // Following the head: the caller's hash is journaled as given, unchecked (a wrong one
        // is then what verify_journal reports).
        let db = merge(None, &wrong);
        assert_eq!(last_state(&db), wrong);
        assert!(!db.verify_journal(REFERENCE).unwrap().is_intact());

        let db = merge(None, &right);
        assert_eq!(last_state(&db), right);
        assert!(db.verify_journal(REFERENCE).unwrap().is_intact());

        // Another head (another program wrote since the caller read): the stored result is
        // read back and hashed instead.
        let db = merge(Some(GENESIS_HASH), &wrong);
        assert_eq!(last_state(&db), right);
        assert!(db.verify_journal(REFERENCE).unwrap().is_intact());
    }
}
