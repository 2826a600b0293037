//! Consultations: lots stored together, each lot's evaluation a tender of its own.
//!
//! A consultation of several lots keeps what ties its lots together — the consultation, its
//! bidders, the award rules, each lot's number, value and kind of award, which bidder made each
//! offer — as its *head*, the JSON [`jauge_domain::lots::consultation_head_to_json`] writes,
//! journaled in a chain of its own (`consultation_journal`, entries hashed as the tenders'). Each
//! lot's evaluation is a tender as any other, filed under the key [`lot_key`], with its own
//! journal: every edit, import and verification of an evaluation works on a lot unchanged.
//!
//! An evaluation file stored on its own (and every tender stored before consultations existed,
//! migration 9) is a consultation of one lot with no head: it reads as
//! [`Consultation::from_evaluation`] reads the file.

use chrono::{DateTime, Utc};
use jauge_domain::lots::{consultation_from_head, consultation_head_to_json};
use jauge_domain::{Change, Consultation, evaluation_to_canonical_string, sha256_hex};
use rusqlite::{Connection, OptionalExtension, params};

use crate::change::apply_rows;
use crate::journal::{Chain, append_entry, append_to, verify_consultation_chain};
use crate::rows::{find_tender_id, get_evaluation, insert_contents, insert_tender, sql_position};
use crate::{ACTION_IMPORT, Db, Error, JournalVerdict, Result, TenderId};

/// Journal action (in the consultation's own chain) of a consultation's import.
pub const ACTION_CONSULTATION_IMPORT: &str = "consultation.import";

/// An edit of a stored consultation's own part, as [`Db::edit_consultation`] writes it: worked
/// out by `jauge_domain::lots::ConsultationEdit::apply` on the consultation loaded with
/// [`Db::load_consultation`].
#[derive(Debug, Clone, Copy)]
pub struct ConsultationWrite<'a> {
    /// The head the edit was worked out from ([`jauge_domain::lots::consultation_head_to_json`]
    /// of the consultation as loaded): another write since makes the edit stale.
    pub follows: &'a str,
    /// The new head.
    pub head: &'a str,
    /// The consultation chain's journal action of the edit.
    pub action: &'a str,
    /// What the consultation chain's entry keeps of the edit.
    pub payload: &'a str,
    /// Each lot's changes in order: the lot's index, the change, the lot's state hash after it.
    pub lot_changes: &'a [(usize, &'a Change, &'a str)],
    /// When, and by whom, every entry says.
    pub at: DateTime<Utc>,
    /// The name every entry records.
    pub actor: &'a str,
}

/// The key lot `lot` of the consultation `reference` is filed under, by which its evaluation is
/// loaded, edited and verified like any stored evaluation: `REF#lot`.
pub fn lot_key(reference: &str, lot: &str) -> String {
    format!("{reference}#{lot}")
}

/// What [`Db::verify_consultation`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationVerdict {
    /// The consultation's own chain; `None` for a consultation that is one evaluation file (it
    /// has no head: its lot's journal is all there is).
    pub head: Option<JournalVerdict>,
    /// Each lot's journal, in lot order, with the key the lot is filed under.
    pub lots: Vec<(String, JournalVerdict)>,
}

impl ConsultationVerdict {
    /// True when every chain is whole and the stored data is what each last entry recorded.
    pub fn is_intact(&self) -> bool {
        self.head.as_ref().is_none_or(JournalVerdict::is_intact)
            && self.lots.iter().all(|(_, v)| v.is_intact())
    }
}

/// Files the tender `id`, just inserted from an evaluation file, as a consultation of one lot.
pub(crate) fn file_as_own_consultation(conn: &Connection, id: TenderId) -> Result<()> {
    conn.prepare_cached("INSERT INTO consultations (reference, head) VALUES (NULL, NULL)")?
        .execute([])?;
    let consultation = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO lots (consultation_id, position, tender_id) VALUES (?1, 0, ?2)",
    )?
    .execute(params![consultation, id.0])?;
    Ok(())
}

/// True when a consultation of several lots has the reference `reference`: an evaluation may
/// not take it.
pub(crate) fn reference_taken(conn: &Connection, reference: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM consultations WHERE reference = ?1")?
        .query_row([reference], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The consultation the tender `id` is a lot of: its row id and, when it has several lots (a
/// head), its reference.
pub(crate) fn consultation_of(
    conn: &Connection,
    id: TenderId,
) -> Result<Option<(i64, Option<String>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id, c.reference FROM lots l JOIN consultations c \
             ON c.id = l.consultation_id WHERE l.tender_id = ?1",
        )?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// A stored consultation: its row id and head (`None`: one evaluation file).
struct Found {
    id: i64,
    head: Option<String>,
}

/// The consultation `reference`: one stored with a head, or an evaluation stored on its own
/// under that reference.
fn find(conn: &Connection, reference: &str) -> Result<Option<Found>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, head FROM consultations WHERE reference = ?1 \
             UNION ALL \
             SELECT c.id, c.head FROM consultations c JOIN lots l ON l.consultation_id = c.id \
             JOIN tenders t ON t.id = l.tender_id \
             WHERE c.reference IS NULL AND t.reference = ?1 \
             LIMIT 1",
        )?
        .query_row([reference], |r| {
            Ok(Found {
                id: r.get(0)?,
                head: r.get(1)?,
            })
        })
        .optional()?)
}

fn get(conn: &Connection, reference: &str) -> Result<Found> {
    find(conn, reference)?.ok_or_else(|| Error::NotFound {
        what: "consultation",
        key: reference.to_owned(),
    })
}

/// The lots' tenders, in lot order, with their keys.
fn lot_tenders(conn: &Connection, consultation: i64) -> Result<Vec<(TenderId, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.tender_id, t.reference FROM lots l JOIN tenders t ON t.id = l.tender_id \
         WHERE l.consultation_id = ?1 ORDER BY l.position",
    )?;
    let rows = stmt
        .query_map([consultation], |r| Ok((TenderId(r.get(0)?), r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

impl Db {
    /// Stores a consultation: its head, journaled in the consultation's own chain as
    /// `consultation.import`, and each lot's evaluation as a tender filed under [`lot_key`],
    /// journaled as an evaluation's import — all in one transaction. Refuses
    /// ([`Error::Conflict`]) a reference already stored, as a consultation or an evaluation, or a
    /// lot key already taken. Validate first (`jauge_domain::parse_consultation`).
    pub fn import_consultation(
        &mut self,
        consultation: &Consultation,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        let head = consultation_head_to_json(consultation).to_string();
        let reference = &consultation.info.reference;
        self.write(|tx| {
            let taken = |key: &str| Error::Conflict {
                reference: key.to_owned(),
            };
            if find(tx, reference)?.is_some() || find_tender_id(tx, reference)?.is_some() {
                return Err(taken(reference));
            }
            tx.prepare_cached("INSERT INTO consultations (reference, head) VALUES (?1, ?2)")?
                .execute(params![reference, head])?;
            let id = tx.last_insert_rowid();
            for (position, lot) in consultation.lots.iter().enumerate() {
                let key = lot_key(reference, &lot.id);
                if find_tender_id(tx, &key)?.is_some() {
                    return Err(taken(&key));
                }
                let tender = insert_tender(tx, &lot.evaluation, Some(&key))?;
                tx.prepare_cached(
                    "INSERT INTO lots (consultation_id, position, tender_id) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![id, sql_position(position), tender.0])?;
                insert_contents(tx, tender, &lot.evaluation)?;
                let payload = evaluation_to_canonical_string(&lot.evaluation);
                append_entry(
                    tx,
                    tender,
                    at,
                    actor,
                    ACTION_IMPORT,
                    &payload,
                    &sha256_hex(payload.as_bytes()),
                )?;
            }
            append_to(
                tx,
                Chain::Consultation(id),
                at,
                actor,
                ACTION_CONSULTATION_IMPORT,
                &head,
                &sha256_hex(head.as_bytes()),
            )?;
            Ok(())
        })
    }

    /// The stored consultation `reference`, equal to what was imported with the changes applied
    /// to its lots since; an evaluation stored on its own reads as a consultation of one lot.
    pub fn load_consultation(&self, reference: &str) -> Result<Consultation> {
        self.read(|conn| {
            let found = get(conn, reference)?;
            let evaluations = lot_tenders(conn, found.id)?
                .into_iter()
                .map(|(id, _)| get_evaluation(conn, id))
                .collect::<Result<Vec<_>>>()?;
            match found.head {
                None => match <[_; 1]>::try_from(evaluations) {
                    Ok([evaluation]) => Ok(Consultation::from_evaluation(evaluation)),
                    Err(_) => Err(Error::Corrupt(format!(
                        "the evaluation {reference} is not filed as one lot"
                    ))),
                },
                Some(head) => consultation_from_head(&head, &evaluations)
                    .map_err(|e| Error::Corrupt(format!("consultation {reference}: {e}"))),
            }
        })
    }

    /// Writes an edit of the consultation's own part in one transaction: each lot's changes with
    /// their entries in the lot's journal, then the new head with its entry in the
    /// consultation's chain. Refuses ([`Error::Stale`]) an edit worked out from another head
    /// than the one stored, and ([`Error::NotFound`]) an evaluation stored on its own, which
    /// has no head to edit.
    pub fn edit_consultation(
        &mut self,
        reference: &str,
        edit: &ConsultationWrite<'_>,
    ) -> Result<()> {
        self.write(|tx| {
            let found = get(tx, reference)?;
            let Some(stored) = found.head.as_deref() else {
                return Err(Error::NotFound {
                    what: "consultation of several lots",
                    key: reference.to_owned(),
                });
            };
            // The head is stored as written; a reload writes it again identically.
            if stored != edit.follows {
                return Err(Error::Stale {
                    reference: reference.to_owned(),
                });
            }
            let lots = lot_tenders(tx, found.id)?;
            for &(lot, change, state_hash) in edit.lot_changes {
                let Some(&(tender, _)) = lots.get(lot) else {
                    return Err(Error::NotFound {
                        what: "lot",
                        key: lot.to_string(),
                    });
                };
                apply_rows(tx, tender, change)?;
                append_entry(
                    tx,
                    tender,
                    edit.at,
                    edit.actor,
                    change.action(),
                    &change.payload().to_string(),
                    state_hash,
                )?;
            }
            tx.prepare_cached("UPDATE consultations SET head = ?2 WHERE id = ?1")?
                .execute(params![found.id, edit.head])?;
            append_to(
                tx,
                Chain::Consultation(found.id),
                edit.at,
                edit.actor,
                edit.action,
                edit.payload,
                &sha256_hex(edit.head.as_bytes()),
            )?;
            Ok(())
        })
    }

    /// The stored head of the consultation `reference` (`None`: an evaluation stored on its
    /// own), as [`ConsultationWrite::follows`] expects it.
    pub fn consultation_head(&self, reference: &str) -> Result<Option<String>> {
        self.read(|conn| Ok(get(conn, reference)?.head))
    }

    /// The reference of the consultation of its own (with a head) `key` is a lot of, whose own
    /// part the lot's evaluation may not change alone (`jauge_domain::lots::check_lot_change`);
    /// `None` for an evaluation stored on its own or nothing stored.
    pub fn consultation_of_lot(&self, key: &str) -> Result<Option<String>> {
        self.read(|conn| {
            let Some(id) = find_tender_id(conn, key)? else {
                return Ok(None);
            };
            Ok(consultation_of(conn, id)?.and_then(|(_, reference)| reference))
        })
    }

    /// The keys the consultation's lots are filed under, in lot order (for an evaluation stored
    /// on its own, its reference).
    pub fn consultation_lot_keys(&self, reference: &str) -> Result<Vec<String>> {
        self.read(|conn| {
            let found = get(conn, reference)?;
            Ok(lot_tenders(conn, found.id)?
                .into_iter()
                .map(|(_, key)| key)
                .collect())
        })
    }

    /// Verifies the consultation's own chain against the head stored now, and each lot's
    /// journal (see [`Db::verify_journal`]).
    pub fn verify_consultation(&self, reference: &str) -> Result<ConsultationVerdict> {
        let (head, keys) = self.read(|conn| {
            let found = get(conn, reference)?;
            let head = found
                .head
                .map(|head| verify_consultation_chain(conn, found.id, &sha256_hex(head.as_bytes())))
                .transpose()?;
            let keys: Vec<String> = lot_tenders(conn, found.id)?
                .into_iter()
                .map(|(_, key)| key)
                .collect();
            Ok((head, keys))
        })?;
        let lots = keys
            .into_iter()
            .map(|key| {
                let verdict = self.verify_journal(&key)?;
                Ok((key, verdict))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(ConsultationVerdict { head, lots })
    }

    /// Deletes the consultation `reference`, every lot with its journal and the consultation's
    /// own chain included ([`Error::NotFound`] when no such consultation).
    pub fn delete_consultation(&mut self, reference: &str) -> Result<()> {
        self.write(|tx| {
            let found = get(tx, reference)?;
            for (id, _) in lot_tenders(tx, found.id)? {
                tx.prepare_cached("DELETE FROM tenders WHERE id = ?1")?
                    .execute([id.0])?;
            }
            tx.prepare_cached("DELETE FROM consultations WHERE id = ?1")?
                .execute([found.id])?;
            Ok(())
        })
    }
}
