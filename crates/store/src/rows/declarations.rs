//! Declarations of interests: one per (evaluator, offer), in file order.

use jauge_domain::Declaration;
use rusqlite::{Connection, params};

use super::sql_position;
use crate::{Result, TenderId};

/// Inserts a declaration at `position`.
pub(crate) fn insert_declaration(
    conn: &Connection,
    id: TenderId,
    declaration: &Declaration,
    position: usize,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO declarations (tender_id, evaluator_id, offer_id, position, conflict, at, \
         note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id.0,
        declaration.evaluator,
        declaration.offer,
        sql_position(position),
        declaration.conflict,
        declaration.at,
        declaration.note,
    ])?;
    Ok(())
}

/// Sets a declaration: updated in place when one exists for its (evaluator, offer), else added
/// after the others. A declared conflict removes the evaluator's scores on the offer, as
/// [`jauge_domain::Change::Declare`] does.
pub(crate) fn upsert_declaration(
    conn: &Connection,
    id: TenderId,
    declaration: &Declaration,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO declarations (tender_id, evaluator_id, offer_id, position, conflict, at, \
         note) VALUES (?1, ?2, ?3, \
         (SELECT coalesce(max(position) + 1, 0) FROM declarations WHERE tender_id = ?1), \
         ?4, ?5, ?6) \
         ON CONFLICT (tender_id, evaluator_id, offer_id) DO UPDATE SET \
         conflict = excluded.conflict, at = excluded.at, note = excluded.note",
    )?
    .execute(params![
        id.0,
        declaration.evaluator,
        declaration.offer,
        declaration.conflict,
        declaration.at,
        declaration.note,
    ])?;
    if declaration.conflict {
        conn.prepare_cached(
            "DELETE FROM scores WHERE tender_id = ?1 AND evaluator_id = ?2 AND offer_id = ?3",
        )?
        .execute(params![id.0, declaration.evaluator, declaration.offer])?;
    }
    Ok(())
}

pub(crate) fn list_declarations(conn: &Connection, id: TenderId) -> Result<Vec<Declaration>> {
    let mut stmt = conn.prepare_cached(
        "SELECT evaluator_id, offer_id, conflict, at, note FROM declarations \
         WHERE tender_id = ?1 ORDER BY position, rowid",
    )?;
    let rows = stmt
        .query_map([id.0], |r| {
            Ok(Declaration {
                evaluator: r.get(0)?,
                offer: r.get(1)?,
                conflict: r.get(2)?,
                at: r.get(3)?,
                note: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
