//! The journal: an append-only, hash-chained record of every change made to a tender.
//!
//! Each entry names who did what and when, carries the change itself (`payload`, JSON) and the
//! [`jauge_domain::canonical_hash`] of the whole evaluation right after it (`state_hash`). Each
//! entry's `hash` covers the previous entry's hash, so rewriting any past entry breaks every
//! later link; and the head's `state_hash` must match the data currently stored, so rows edited
//! behind Jauge's back are noticed too. A complete rewrite of the chain by someone with write
//! access to the file cannot be noticed from inside the file: that is why the report prints the
//! head hash, which anchors the chain outside it.

use chrono::{DateTime, SecondsFormat, Utc};
use jauge_domain::canonical_hash;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::rows::{get_evaluation, get_tender_id};
use crate::{Db, Error, Result, TenderId};

/// The `prev_hash` of a tender's first entry: 64 zeros (a SHA-256 that no entry has).
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of a tender's journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    /// 1 for the import, then one more for each change, without gaps.
    pub seq: u64,
    /// When the change was made, as passed by the caller.
    pub at: DateTime<Utc>,
    /// Who made it, as passed by the caller (a name or an account).
    pub actor: String,
    /// What kind of change: `evaluation.import`, `score.set`… (see [`jauge_domain::Change::action`]).
    pub action: String,
    /// The change itself, as compact JSON in the spellings of the evaluation format.
    pub payload: String,
    /// [`jauge_domain::canonical_hash`] of the evaluation right after the change.
    pub state_hash: String,
    /// The previous entry's `hash` ([`GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// SHA-256 (hex) of this entry, see [`entry_hash`].
    pub hash: String,
}

/// What [`Db::verify_journal`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalVerdict {
    /// How many entries the journal holds.
    pub entries: usize,
    /// The `hash` of the last entry, as stored (`None` for an empty journal).
    pub head_hash: Option<String>,
    /// The first problem found, or `None` when the chain and the stored state agree.
    pub broken: Option<JournalBreak>,
}

impl JournalVerdict {
    /// True when the chain is whole and the stored state is the one its last entry recorded.
    pub fn is_intact(&self) -> bool {
        self.broken.is_none()
    }
}

/// The first broken link of a journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalBreak {
    /// The entry concerned: the broken one, the missing one, or the last one the stored state
    /// departs from.
    pub seq: u64,
    /// Why it is broken.
    pub reason: BreakReason,
}

/// Why a journal is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakReason {
    /// The entry's content does not give its recorded hash: it was edited.
    HashMismatch,
    /// The entry does not point to the previous entry's hash: entries were edited, removed or
    /// re-chained.
    PrevHashMismatch,
    /// No entry with this sequence number although later ones exist (or none at all).
    MissingEntry,
    /// The data stored now is not the state recorded by this, the last entry: rows were edited
    /// after it without going through Jauge.
    StateEditedAfter,
}

impl std::fmt::Display for JournalBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let seq = self.seq;
        match self.reason {
            BreakReason::HashMismatch => {
                write!(
                    f,
                    "journal entry {seq} does not match its hash: it was edited"
                )
            }
            BreakReason::PrevHashMismatch => write!(
                f,
                "journal entry {seq} does not follow the previous entry: the chain was altered"
            ),
            BreakReason::MissingEntry => write!(f, "journal entry {seq} is missing"),
            BreakReason::StateEditedAfter => write!(
                f,
                "the stored evaluation was edited outside Jauge after journal entry {seq}"
            ),
        }
    }
}

/// The hash of one journal entry, as lowercase hex SHA-256.
///
/// Byte layout hashed, in this order, with no separators:
///
/// | field        | encoding                                                      |
/// |--------------|---------------------------------------------------------------|
/// | `prev_hash`  | u64 big-endian byte length, then its UTF-8 bytes (64 hex chars) |
/// | `seq`        | u64 big-endian (8 bytes)                                      |
/// | `at`         | u64 big-endian byte length, then UTF-8 of the stored text,    |
/// |              | RFC 3339 UTC with nanoseconds: `2026-10-15T09:30:00.000000000Z` |
/// | `actor`      | u64 big-endian byte length, then UTF-8                        |
/// | `action`     | u64 big-endian byte length, then UTF-8                        |
/// | `payload`    | u64 big-endian byte length, then UTF-8 (compact JSON as stored) |
/// | `state_hash` | u64 big-endian byte length, then its UTF-8 bytes (64 hex chars) |
///
/// Length prefixes make the encoding unambiguous: no choice of actor or payload text can make
/// two different entries hash the same bytes.
pub fn entry_hash(
    prev_hash: &str,
    seq: u64,
    at: &str,
    actor: &str,
    action: &str,
    payload: &str,
    state_hash: &str,
) -> String {
    fn field(hasher: &mut Sha256, text: &str) {
        hasher.update((text.len() as u64).to_be_bytes());
        hasher.update(text.as_bytes());
    }
    let mut hasher = Sha256::new();
    field(&mut hasher, prev_hash);
    hasher.update(seq.to_be_bytes());
    field(&mut hasher, at);
    field(&mut hasher, actor);
    field(&mut hasher, action);
    field(&mut hasher, payload);
    field(&mut hasher, state_hash);
    hex::encode(hasher.finalize())
}

/// How `at` is stored and hashed: fixed-width nanoseconds, so the stored text gives back the
/// exact instant passed in.
fn at_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

/// Which chain of entries: a tender's (`journal`) or a consultation's own
/// (`consultation_journal`, for what ties its lots together). Both chain and hash alike.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Chain {
    Tender(TenderId),
    Consultation(i64),
}

impl Chain {
    /// The table and the column naming the owner, and the owner's row id.
    fn table(self) -> (&'static str, &'static str, i64) {
        match self {
            Chain::Tender(id) => ("journal", "tender_id", id.0),
            Chain::Consultation(id) => ("consultation_journal", "consultation_id", id),
        }
    }
}

/// The journal head of the tender: the last entry's seq and hash, if any.
fn head(conn: &Connection, id: TenderId) -> Result<Option<(i64, String)>> {
    chain_head(conn, Chain::Tender(id))
}

fn chain_head(conn: &Connection, chain: Chain) -> Result<Option<(i64, String)>> {
    let (table, owner, id) = chain.table();
    Ok(conn
        .prepare_cached(&format!(
            "SELECT seq, hash FROM {table} WHERE {owner} = ?1 ORDER BY seq DESC LIMIT 1"
        ))?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The hash of the tender's last journal entry, [`GENESIS_HASH`] when the journal is empty: what
/// the next entry's `prev_hash` will be.
pub(crate) fn head_hash(conn: &Connection, id: TenderId) -> Result<String> {
    Ok(head(conn, id)?.map_or_else(|| GENESIS_HASH.to_owned(), |(_, hash)| hash))
}

/// Appends one entry to the tender's journal, recording `state_hash` as the canonical hash of
/// the evaluation after the change (the caller hashed it in memory; the rows it just wrote are
/// that evaluation), and returns the entry's hash, the new head.
pub(crate) fn append_entry(
    conn: &Connection,
    id: TenderId,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    payload: &str,
    state_hash: &str,
) -> Result<String> {
    append_to(
        conn,
        Chain::Tender(id),
        at,
        actor,
        action,
        payload,
        state_hash,
    )
}

/// [`append_entry`] to either chain.
pub(crate) fn append_to(
    conn: &Connection,
    chain: Chain,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    payload: &str,
    state_hash: &str,
) -> Result<String> {
    let (table, owner, id) = chain.table();
    let (seq, prev_hash) = match chain_head(conn, chain)? {
        Some((seq, hash)) => (seq.saturating_add(1), hash),
        None => (1, GENESIS_HASH.to_owned()),
    };
    let at = at_text(at);
    let hash = entry_hash(
        &prev_hash,
        seq_number(seq)?,
        &at,
        actor,
        action,
        payload,
        state_hash,
    );
    conn.prepare_cached(&format!(
        "INSERT INTO {table} ({owner}, seq, at, actor, action, payload, state_hash, prev_hash, \
         hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    ))?
    .execute(params![
        id, seq, at, actor, action, payload, state_hash, prev_hash, hash
    ])?;
    Ok(hash)
}

/// A stored `seq` as the number the journal shows; sequence numbers start at 1.
fn seq_number(seq: i64) -> Result<u64> {
    u64::try_from(seq).map_err(|_| Error::Corrupt(format!("journal sequence number {seq}")))
}

/// A journal row as stored, `at` still as text since the hash covers the text.
struct StoredEntry {
    seq: u64,
    at: String,
    actor: String,
    action: String,
    payload: String,
    state_hash: String,
    prev_hash: String,
    hash: String,
}

fn list_entries(conn: &Connection, id: TenderId) -> Result<Vec<StoredEntry>> {
    list_chain(conn, Chain::Tender(id))
}

fn list_chain(conn: &Connection, chain: Chain) -> Result<Vec<StoredEntry>> {
    let (table, owner, id) = chain.table();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT seq, at, actor, action, payload, state_hash, prev_hash, hash FROM {table} \
         WHERE {owner} = ?1 ORDER BY seq"
    ))?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            StoredEntry {
                seq: 0,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                payload: r.get(4)?,
                state_hash: r.get(5)?,
                prev_hash: r.get(6)?,
                hash: r.get(7)?,
            },
        ))
    })?;
    let mut entries = Vec::new();
    for row in rows {
        let (seq, mut entry) = row?;
        entry.seq = seq_number(seq)?;
        entries.push(entry);
    }
    Ok(entries)
}

fn check_chain(entries: &[StoredEntry]) -> Option<JournalBreak> {
    let mut prev_hash = GENESIS_HASH;
    // Entries come sorted by seq, so the first gap is where seq departs from 1, 2, 3…
    for (expected_seq, entry) in (1..).zip(entries) {
        let broken = |reason| {
            Some(JournalBreak {
                seq: entry.seq,
                reason,
            })
        };
        if entry.seq != expected_seq {
            return Some(JournalBreak {
                seq: expected_seq,
                reason: BreakReason::MissingEntry,
            });
        }
        if entry.prev_hash != prev_hash {
            return broken(BreakReason::PrevHashMismatch);
        }
        let recomputed = entry_hash(
            &entry.prev_hash,
            entry.seq,
            &entry.at,
            &entry.actor,
            &entry.action,
            &entry.payload,
            &entry.state_hash,
        );
        if recomputed != entry.hash {
            return broken(BreakReason::HashMismatch);
        }
        prev_hash = &entry.hash;
    }
    None
}

/// The verdict on a consultation's own chain, `current` being the SHA-256 of the head stored now.
pub(crate) fn verify_consultation_chain(
    conn: &Connection,
    consultation: i64,
    current: &str,
) -> Result<JournalVerdict> {
    let entries = list_chain(conn, Chain::Consultation(consultation))?;
    let head = entries.last();
    let broken = match head {
        None => Some(JournalBreak {
            seq: 1,
            reason: BreakReason::MissingEntry,
        }),
        Some(head) => check_chain(&entries).or_else(|| {
            (head.state_hash != current).then_some(JournalBreak {
                seq: head.seq,
                reason: BreakReason::StateEditedAfter,
            })
        }),
    };
    Ok(JournalVerdict {
        entries: entries.len(),
        head_hash: head.map(|e| e.hash.clone()),
        broken,
    })
}

impl Db {
    /// Every journal entry of the tender, oldest first.
    pub fn journal(&self, reference: &str) -> Result<Vec<JournalEntry>> {
        self.read(|conn| {
            let id = get_tender_id(conn, reference)?;
            list_entries(conn, id)?
                .into_iter()
                .map(|e| {
                    let at = DateTime::parse_from_rfc3339(&e.at)
                        .map_err(|_| Error::Corrupt(format!("journal time {:?}", e.at)))?
                        .with_timezone(&Utc);
                    Ok(JournalEntry {
                        seq: e.seq,
                        at,
                        actor: e.actor,
                        action: e.action,
                        payload: e.payload,
                        state_hash: e.state_hash,
                        prev_hash: e.prev_hash,
                        hash: e.hash,
                    })
                })
                .collect()
        })
    }

    /// Recomputes the tender's hash chain and compares the stored evaluation with the state its
    /// last entry recorded; names the first problem found.
    pub fn verify_journal(&self, reference: &str) -> Result<JournalVerdict> {
        self.read(|conn| {
            let id = get_tender_id(conn, reference)?;
            let entries = list_entries(conn, id)?;
            let head = entries.last();
            let broken = match head {
                None => Some(JournalBreak {
                    seq: 1,
                    reason: BreakReason::MissingEntry,
                }),
                Some(head) => match check_chain(&entries) {
                    Some(broken) => Some(broken),
                    None => {
                        let current = match get_evaluation(conn, id) {
                            Ok(evaluation) => Some(canonical_hash(&evaluation)),
                            // Rows that no longer read back as an evaluation were edited too.
                            Err(Error::Corrupt(_)) => None,
                            Err(other) => return Err(other),
                        };
                        (current.as_deref() != Some(head.state_hash.as_str())).then_some(
                            JournalBreak {
                                seq: head.seq,
                                reason: BreakReason::StateEditedAfter,
                            },
                        )
                    }
                },
            };
            Ok(JournalVerdict {
                entries: entries.len(),
                head_hash: head.map(|e| e.hash.clone()),
                broken,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_hash_covers_every_field() {
        let base = entry_hash(GENESIS_HASH, 1, "t", "a", "x", "{}", "s");
        let variants = [
            entry_hash("1", 1, "t", "a", "x", "{}", "s"),
            entry_hash(GENESIS_HASH, 2, "t", "a", "x", "{}", "s"),
            entry_hash(GENESIS_HASH, 1, "u", "a", "x", "{}", "s"),
            entry_hash(GENESIS_HASH, 1, "t", "b", "x", "{}", "s"),
            entry_hash(GENESIS_HASH, 1, "t", "a", "y", "{}", "s"),
            entry_hash(GENESIS_HASH, 1, "t", "a", "x", "[]", "s"),
            entry_hash(GENESIS_HASH, 1, "t", "a", "x", "{}", "r"),
            // Moving bytes between fields must change the hash too.
            entry_hash(GENESIS_HASH, 1, "t", "ax", "", "{}", "s"),
        ];
        for variant in variants {
            assert_ne!(base, variant, "a changed field changes the hash");
        }
        assert_eq!(base.len(), 64, "hex SHA-256");
    }

    #[test]
    fn the_entry_hash_is_stable() {
        // Pinned (computed independently from the documented layout) so that a change of
        // layout, which would break every stored journal, cannot go unnoticed.
        let hash = entry_hash(
            GENESIS_HASH,
            1,
            "2026-10-15T09:30:00.000000000Z",
            "Claire",
            "score.set",
            "{}",
            "ab",
        );
        assert_eq!(
            hash,
            "cb1fa8c5c93516f8cd91649ffd9733fa962f649c5e509347d26adbe906c5312c"
        );
    }
}
