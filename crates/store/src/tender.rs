//! Tenders as a whole: importing an evaluation, reading it back, listing and deleting.

use chrono::{DateTime, NaiveDate, Utc};
use jauge_domain::package::EvaluatorWorkspace;
use jauge_domain::{Evaluation, evaluation_to_canonical_string, sha256_hex};
use rusqlite::OptionalExtension;

use crate::journal::{append_entry, head_hash};
use crate::rows::{
    delete_contents, find_tender_id, get_evaluation, get_tender_id, insert_contents, insert_tender,
    json_error, update_settings, update_tender,
};
use crate::{Db, Error, Result};

/// The row id of a stored tender. Stable while the tender is stored; the user-facing key is
/// the tender's reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TenderId(pub i64);

/// One line of the list of stored tenders.
#[derive(Debug, Clone, PartialEq)]
pub struct TenderSummary {
    /// The row id.
    pub id: TenderId,
    /// The consultation reference.
    pub reference: String,
    /// The tender title.
    pub title: String,
    /// The buyer.
    pub buyer: String,
    /// The offers due date.
    pub deadline: NaiveDate,
    /// How many offers are stored.
    pub offers: usize,
    /// How many evaluators are stored.
    pub evaluators: usize,
    /// How many individual scores are stored.
    pub scores: usize,
    /// When the last journal entry was made (`None` only if the journal was emptied outside
    /// Jauge).
    pub changed_at: Option<DateTime<Utc>>,
    /// The reference of the consultation this tender is a lot of, when it is one of a
    /// consultation file's lots (`None` for an evaluation stored on its own).
    pub consultation: Option<String>,
}

/// Journal action of a first import.
pub const ACTION_IMPORT: &str = "evaluation.import";
/// Journal action of an import over a stored tender.
pub const ACTION_REPLACE: &str = "evaluation.replace";

impl Db {
    /// Stores a new evaluation and journals it as `evaluation.import`, all in one transaction.
    ///
    /// Refuses ([`Error::Conflict`]) a reference already stored, leaving it untouched; use
    /// [`Db::replace_evaluation`] to overwrite on purpose. The store does not check the spec's
    /// rules: validate first (`jauge_domain::validate_evaluation`). It does keep references
    /// whole: a score on an unknown offer is refused.
    pub fn import_evaluation(
        &mut self,
        evaluation: &Evaluation,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<TenderId> {
        self.write(|tx| import_in(tx, evaluation, None, at, actor))
    }

    /// Stores `evaluation` in place of the stored tender with the same reference, keeping its
    /// journal (the replacement is journaled as `evaluation.replace`); imports it when no tender
    /// has that reference.
    pub fn replace_evaluation(
        &mut self,
        evaluation: &Evaluation,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<TenderId> {
        self.write(|tx| replace_in(tx, evaluation, None, at, actor))
    }

    /// Stores the evaluation of an evaluator's package as a workspace of its own (imported, or
    /// in place of the one filed under `key` when `replace`), with the package's facts, in one
    /// transaction: from then on the API lets only that evaluator's scores and declarations
    /// change (see [`jauge_domain::package::EvaluatorWorkspace::allows`]). `key` is the
    /// evaluation's reference, or for a lot of a consultation a key of its own (a member of
    /// the committees of several lots keeps one workspace per lot).
    pub fn import_workspace(
        &mut self,
        evaluation: &Evaluation,
        workspace: &EvaluatorWorkspace,
        key: &str,
        replace: bool,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<TenderId> {
        let key = (key != evaluation.tender.reference).then_some(key);
        self.write(|tx| {
            let id = if replace {
                replace_in(tx, evaluation, key, at, actor)?
            } else {
                import_in(tx, evaluation, key, at, actor)?
            };
            let criteria = serde_json::to_string(&workspace.criteria)
                .map_err(|e| Error::Corrupt(e.to_string()))?;
            tx.prepare_cached(
                "INSERT INTO evaluator_workspaces (tender_id, evaluator, criteria, prices_hidden, \
                 basis_sha256, source_sha256, exported_at, package_name, package_sha256) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
                 ON CONFLICT (tender_id) DO UPDATE SET evaluator = excluded.evaluator, \
                 criteria = excluded.criteria, prices_hidden = excluded.prices_hidden, \
                 basis_sha256 = excluded.basis_sha256, source_sha256 = excluded.source_sha256, \
                 exported_at = excluded.exported_at, package_name = excluded.package_name, \
                 package_sha256 = excluded.package_sha256",
            )?
            .execute(rusqlite::params![
                id.0,
                workspace.evaluator,
                criteria,
                workspace.prices_hidden,
                workspace.basis_sha256,
                workspace.source_sha256,
                workspace.exported_at,
                workspace.package_name,
                workspace.package_sha256,
            ])?;
            Ok(id)
        })
    }

    /// The package facts of the tender `reference` when it is an evaluator's workspace, `None`
    /// for a buyer's evaluation.
    pub fn workspace(&self, reference: &str) -> Result<Option<EvaluatorWorkspace>> {
        self.read(|conn| {
            let id = get_tender_id(conn, reference)?;
            let row = conn
                .prepare_cached(
                    "SELECT evaluator, criteria, prices_hidden, basis_sha256, source_sha256, \
                     exported_at, package_name, package_sha256 FROM evaluator_workspaces \
                     WHERE tender_id = ?1",
                )?
                .query_row([id.0], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, bool>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                    ))
                })
                .optional()?;
            row.map(
                |(evaluator, criteria, prices_hidden, basis, source, exported, name, sha)| {
                    Ok(EvaluatorWorkspace {
                        evaluator,
                        criteria: serde_json::from_str(&criteria).map_err(json_error)?,
                        prices_hidden,
                        basis_sha256: basis,
                        source_sha256: source,
                        exported_at: exported,
                        package_name: name,
                        package_sha256: sha,
                    })
                },
            )
            .transpose()
        })
    }

    /// The stored evaluation of the tender `reference`, equal to what was imported with the
    /// changes applied since ([`Error::NotFound`] when no such tender).
    pub fn load_evaluation(&self, reference: &str) -> Result<Evaluation> {
        self.read(|conn| get_evaluation(conn, get_tender_id(conn, reference)?))
    }

    /// The stored evaluation of the tender `reference` with its journal head hash (see
    /// [`crate::Edit::follows`]), read in one snapshot.
    pub fn load_evaluation_with_head(&self, reference: &str) -> Result<(Evaluation, String)> {
        self.read(|conn| {
            let id = get_tender_id(conn, reference)?;
            Ok((get_evaluation(conn, id)?, head_hash(conn, id)?))
        })
    }

    /// Every stored tender, by reference.
    pub fn list_tenders(&self) -> Result<Vec<TenderSummary>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT t.id, t.reference, t.title, t.buyer, t.deadline, \
                 (SELECT count(*) FROM offers WHERE tender_id = t.id), \
                 (SELECT count(*) FROM evaluators WHERE tender_id = t.id), \
                 (SELECT count(*) FROM scores WHERE tender_id = t.id), \
                 (SELECT at FROM journal WHERE tender_id = t.id ORDER BY seq DESC LIMIT 1), \
                 (SELECT c.reference FROM lots l JOIN consultations c ON c.id = l.consultation_id \
                  WHERE l.tender_id = t.id) \
                 FROM tenders t ORDER BY t.reference",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, i64>(5)?,
                        r.get::<_, i64>(6)?,
                        r.get::<_, i64>(7)?,
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<String>>(9)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter()
                .map(
                    |(
                        id,
                        reference,
                        title,
                        buyer,
                        deadline,
                        offers,
                        evaluators,
                        scores,
                        at,
                        consultation,
                    )| {
                        let deadline = NaiveDate::parse_from_str(&deadline, "%Y-%m-%d")
                            .map_err(|_| Error::Corrupt(format!("{deadline:?} is not a date")))?;
                        let changed_at = at
                            .map(|text| {
                                DateTime::parse_from_rfc3339(&text)
                                    .map(|t| t.with_timezone(&Utc))
                                    .map_err(|_| Error::Corrupt(format!("journal time {text:?}")))
                            })
                            .transpose()?;
                        // Counts are never negative; a failed conversion cannot happen.
                        let count = |n: i64| usize::try_from(n).unwrap_or(0);
                        Ok(TenderSummary {
                            id: TenderId(id),
                            reference,
                            title,
                            buyer,
                            deadline,
                            offers: count(offers),
                            evaluators: count(evaluators),
                            scores: count(scores),
                            changed_at,
                            consultation,
                        })
                    },
                )
                .collect()
        })
    }

    /// Deletes the tender `reference` with everything it holds, its journal included
    /// ([`Error::NotFound`] when no such tender). A lot of a consultation of several lots is
    /// not deleted alone ([`Error::PartOfConsultation`]): see [`Db::delete_consultation`].
    pub fn delete_tender(&mut self, reference: &str) -> Result<()> {
        self.write(|tx| {
            let id = get_tender_id(tx, reference)?;
            let consultation = crate::consultation::consultation_of(tx, id)?;
            if let Some((_, Some(consultation))) = &consultation {
                return Err(Error::PartOfConsultation {
                    key: reference.to_owned(),
                    consultation: consultation.clone(),
                });
            }
            tx.prepare_cached("DELETE FROM tenders WHERE id = ?1")?
                .execute([id.0])?;
            if let Some((consultation, None)) = consultation {
                tx.prepare_cached("DELETE FROM consultations WHERE id = ?1")?
                    .execute([consultation])?;
            }
            Ok(())
        })
    }
}

/// [`Db::import_evaluation`] inside the caller's transaction, filed under `key` when it is not
/// the evaluation's reference.
fn import_in(
    tx: &rusqlite::Connection,
    evaluation: &Evaluation,
    key: Option<&str>,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<TenderId> {
    let filed = key.unwrap_or(&evaluation.tender.reference);
    if find_tender_id(tx, filed)?.is_some() || crate::consultation::reference_taken(tx, filed)? {
        return Err(Error::Conflict {
            reference: filed.to_owned(),
        });
    }
    let id = insert_tender(tx, evaluation, key)?;
    crate::consultation::file_as_own_consultation(tx, id)?;
    insert_contents(tx, id, evaluation)?;
    // The payload is the canonical text of the state itself.
    let payload = evaluation_to_canonical_string(evaluation);
    append_entry(
        tx,
        id,
        at,
        actor,
        ACTION_IMPORT,
        &payload,
        &sha256_hex(payload.as_bytes()),
    )?;
    Ok(id)
}

/// [`Db::replace_evaluation`] inside the caller's transaction, filed under `key` when it is not
/// the evaluation's reference.
fn replace_in(
    tx: &rusqlite::Connection,
    evaluation: &Evaluation,
    key: Option<&str>,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<TenderId> {
    let payload = evaluation_to_canonical_string(evaluation);
    let filed = key.unwrap_or(&evaluation.tender.reference);
    let (id, action) = match find_tender_id(tx, filed)? {
        Some(id) => {
            update_tender(tx, id, &evaluation.tender)?;
            update_settings(tx, id, &evaluation.settings)?;
            delete_contents(tx, id)?;
            // An evaluation stored in place of a workspace is a plain one: the package's facts
            // go (Db::import_workspace writes them again for a newer package).
            tx.prepare_cached("DELETE FROM evaluator_workspaces WHERE tender_id = ?1")?
                .execute([id.0])?;
            (id, ACTION_REPLACE)
        }
        None => {
            if crate::consultation::reference_taken(tx, filed)? {
                return Err(Error::Conflict {
                    reference: filed.to_owned(),
                });
            }
            let id = insert_tender(tx, evaluation, key)?;
            crate::consultation::file_as_own_consultation(tx, id)?;
            (id, ACTION_IMPORT)
        }
    };
    insert_contents(tx, id, evaluation)?;
    let state_hash = sha256_hex(payload.as_bytes());
    append_entry(tx, id, at, actor, action, &payload, &state_hash)?;
    Ok(id)
}
