//! The committee's consensus decisions (§7).

use jauge_domain::Consensus;
use rusqlite::{Connection, params};

use super::{answer_columns, answer_from_columns, sql_position};
use crate::{Result, TenderId};

/// Inserts a consensus decision at `position`.
pub(crate) fn insert_consensus(
    conn: &Connection,
    id: TenderId,
    consensus: &Consensus,
    position: usize,
) -> Result<()> {
    let (value, met) = answer_columns(consensus.answer);
    conn.prepare_cached(
        "INSERT INTO consensus (tender_id, offer_id, criterion_id, position, value, met, \
         justification) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id.0,
        consensus.offer,
        consensus.criterion,
        sql_position(position),
        value,
        met,
        consensus.justification,
    ])?;
    Ok(())
}

/// Sets a consensus decision: updated in place when one exists for its (offer, criterion), else
/// added after the others.
pub(crate) fn upsert_consensus(
    conn: &Connection,
    id: TenderId,
    consensus: &Consensus,
) -> Result<()> {
    let (value, met) = answer_columns(consensus.answer);
    conn.prepare_cached(
        "INSERT INTO consensus (tender_id, offer_id, criterion_id, position, value, met, \
         justification) VALUES (?1, ?2, ?3, \
         (SELECT coalesce(max(position) + 1, 0) FROM consensus WHERE tender_id = ?1), \
         ?4, ?5, ?6) \
         ON CONFLICT (tender_id, offer_id, criterion_id) DO UPDATE SET \
         value = excluded.value, met = excluded.met, justification = excluded.justification",
    )?
    .execute(params![
        id.0,
        consensus.offer,
        consensus.criterion,
        value,
        met,
        consensus.justification,
    ])?;
    Ok(())
}

pub(crate) fn list_consensus(conn: &Connection, id: TenderId) -> Result<Vec<Consensus>> {
    let mut stmt = conn.prepare_cached(
        "SELECT offer_id, criterion_id, value, met, justification FROM consensus \
         WHERE tender_id = ?1 ORDER BY position, rowid",
    )?;
    let rows = stmt
        .query_map([id.0], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<f64>>(2)?,
                r.get::<_, Option<bool>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(offer, criterion, value, met, justification)| {
            Ok(Consensus {
                offer,
                criterion,
                answer: answer_from_columns(value, met)?,
                justification,
            })
        })
        .collect()
}
