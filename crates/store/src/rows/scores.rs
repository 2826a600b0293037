//! Evaluators' scores (§7).

use jauge_domain::Score;
use rusqlite::{CachedStatement, Connection, params};

use super::{answer_columns, answer_from_columns, sql_position};
use crate::{Result, TenderId};

/// Inserts a score at `position`.
pub(crate) fn insert_score(
    conn: &Connection,
    id: TenderId,
    score: &Score,
    position: usize,
) -> Result<()> {
    let (value, met) = answer_columns(score.answer);
    conn.prepare_cached(
        "INSERT INTO scores (tender_id, offer_id, criterion_id, evaluator_id, position, value, \
         met, justification, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id.0,
        score.offer,
        score.criterion,
        score.evaluator,
        sql_position(position),
        value,
        met,
        score.justification,
        score.at,
    ])?;
    Ok(())
}

/// Sets a score: updated in place when one exists for its (offer, criterion, evaluator), else
/// added after the others.
pub(crate) fn upsert_score(conn: &Connection, id: TenderId, score: &Score) -> Result<()> {
    ScoreUpserts::new(conn)?.set(id, score)
}

/// Sets scores one after the other as [`upsert_score`] does, through one prepared statement
/// kept for all of them. A statement taken from the connection's cache has its parameters
/// cleared when given back, and SQLite then prepares it again at its next use (its plan
/// depends on `tender_id = ?1`): taken and given back per score, that was most of a
/// 200,000-score merge.
pub(crate) struct ScoreUpserts<'c> {
    stmt: CachedStatement<'c>,
}

impl<'c> ScoreUpserts<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Result<ScoreUpserts<'c>> {
        let stmt = conn.prepare_cached(
            "INSERT INTO scores (tender_id, offer_id, criterion_id, evaluator_id, position, \
             value, met, justification, at) VALUES (?1, ?2, ?3, ?4, \
             (SELECT coalesce(max(position) + 1, 0) FROM scores WHERE tender_id = ?1), \
             ?5, ?6, ?7, ?8) \
             ON CONFLICT (tender_id, offer_id, criterion_id, evaluator_id) DO UPDATE SET \
             value = excluded.value, met = excluded.met, \
             justification = excluded.justification, at = excluded.at",
        )?;
        Ok(ScoreUpserts { stmt })
    }

    /// Sets one score of the tender `id`.
    pub(crate) fn set(&mut self, id: TenderId, score: &Score) -> Result<()> {
        let (value, met) = answer_columns(score.answer);
        self.stmt.execute(params![
            id.0,
            score.offer,
            score.criterion,
            score.evaluator,
            value,
            met,
            score.justification,
            score.at,
        ])?;
        Ok(())
    }
}

/// Calls `each` with every score of the tender, in the order [`list_scores`] gives them, one
/// at a time: for a caller that needs each score once and not the list.
pub(crate) fn for_each_score(
    conn: &Connection,
    id: TenderId,
    mut each: impl FnMut(&Score),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT offer_id, criterion_id, evaluator_id, value, met, justification, at \
         FROM scores WHERE tender_id = ?1 ORDER BY position, rowid",
    )?;
    let mut rows = stmt.query([id.0])?;
    while let Some(r) = rows.next()? {
        let score = Score {
            offer: r.get(0)?,
            criterion: r.get(1)?,
            evaluator: r.get(2)?,
            answer: answer_from_columns(r.get(3)?, r.get(4)?)?,
            justification: r.get(5)?,
            at: r.get(6)?,
        };
        each(&score);
    }
    Ok(())
}

pub(crate) fn list_scores(conn: &Connection, id: TenderId) -> Result<Vec<Score>> {
    let mut stmt = conn.prepare_cached(
        "SELECT offer_id, criterion_id, evaluator_id, value, met, justification, at \
         FROM scores WHERE tender_id = ?1 ORDER BY position, rowid",
    )?;
    let rows = stmt
        .query_map([id.0], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<f64>>(3)?,
                r.get::<_, Option<bool>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(
            |(offer, criterion, evaluator, value, met, justification, at)| {
                Ok(Score {
                    offer,
                    criterion,
                    evaluator,
                    answer: answer_from_columns(value, met)?,
                    justification,
                    at,
                })
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use rusqlite::StatementStatus;

    use super::*;
    use crate::Db;
    use crate::fixture::{self, at, score};
    use crate::rows::get_tender_id;

    #[test]
    fn scores_set_in_turn_update_in_place_add_last_and_are_not_prepared_again() {
        let mut db = Db::open_in_memory().unwrap();
        db.import_evaluation(&fixture::evaluation(), at(0), "import")
            .unwrap();
        let id = get_tender_id(&db.conn, "2026-EX-001").unwrap();
        let before = list_scores(&db.conn, id).unwrap();
        let replaced = score("o1", "tech.sec", "e2", 4.5);
        let added = [
            score("o3", "tech.sec", "e1", 1.0),
            score("o3", "tech.rev", "e1", 2.0),
            score("o3", "tech.sec", "e2", 2.5),
        ];
        let mut upserts = ScoreUpserts::new(&db.conn).unwrap();
        upserts.set(id, &replaced).unwrap();
        // Binding the first tender id may prepare it once more (the plan depends on it).
        let prepared = upserts.stmt.get_status(StatementStatus::RePrepare);
        for s in &added {
            upserts.set(id, s).unwrap();
        }
        assert_eq!(
            upserts.stmt.get_status(StatementStatus::RePrepare),
            prepared,
            "one statement for every score, not prepared again per score"
        );
        drop(upserts);
        let mut expected: Vec<Score> = before
            .into_iter()
            .map(|s| {
                let same_cell = s.offer == replaced.offer
                    && s.criterion == replaced.criterion
                    && s.evaluator == replaced.evaluator;
                if same_cell { replaced.clone() } else { s }
            })
            .collect();
        expected.extend(added);
        assert_eq!(list_scores(&db.conn, id).unwrap(), expected);
    }
}
