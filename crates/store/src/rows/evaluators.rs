//! Evaluators (§5).

use jauge_domain::Evaluator;
use rusqlite::{Connection, params};

use super::sql_position;
use crate::{Result, TenderId};

/// Inserts an evaluator at `position`.
pub(crate) fn insert_evaluator(
    conn: &Connection,
    id: TenderId,
    evaluator: &Evaluator,
    position: usize,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO evaluators (tender_id, id, position, name, role) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id.0,
        evaluator.id,
        sql_position(position),
        evaluator.name,
        evaluator.role
    ])?;
    Ok(())
}

pub(crate) fn list_evaluators(conn: &Connection, id: TenderId) -> Result<Vec<Evaluator>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, role FROM evaluators WHERE tender_id = ?1 ORDER BY position, rowid",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok(Evaluator {
            id: r.get(0)?,
            name: r.get(1)?,
            role: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
