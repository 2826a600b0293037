//! Rounds of a negotiated procedure and exchanges with bidders (migration 0008).

use jauge_domain::{
    Consensus, Exchange, ExchangeKind, Negotiation, OfferVersion, Round, RoundElimination,
    RoundKind, Score,
};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use super::{corrupt, date_text, json_error, parse_date, parse_optional_date, sql_position};
use crate::{Result, TenderId};

/// What a round before the latest was scored on, as JSON; `None` when it holds nothing.
fn frozen_text(round: &Round) -> Result<Option<String>> {
    if !round.has_own_data() {
        return Ok(None);
    }
    let frozen = json!({
        "offers": serde_json::to_value(&round.offers).map_err(json_error)?,
        "scores": serde_json::to_value(&round.scores).map_err(json_error)?,
        "consensus": serde_json::to_value(&round.consensus).map_err(json_error)?,
    });
    Ok(Some(frozen.to_string()))
}

type Frozen = (Vec<OfferVersion>, Vec<Score>, Vec<Consensus>);

fn frozen_parts(text: Option<String>) -> Result<Frozen> {
    let Some(text) = text else {
        return Ok((Vec::new(), Vec::new(), Vec::new()));
    };
    let mut value: Value = serde_json::from_str(&text).map_err(json_error)?;
    let mut take = |key: &str| value.get_mut(key).map_or(json!([]), Value::take);
    Ok((
        serde_json::from_value(take("offers")).map_err(json_error)?,
        serde_json::from_value(take("scores")).map_err(json_error)?,
        serde_json::from_value(take("consensus")).map_err(json_error)?,
    ))
}

/// Inserts the rounds of a tender that has none stored (nothing when `negotiation` is `None`).
pub(crate) fn insert_negotiation(
    conn: &Connection,
    id: TenderId,
    negotiation: Option<&Negotiation>,
) -> Result<()> {
    let Some(negotiation) = negotiation else {
        return Ok(());
    };
    conn.prepare_cached(
        "INSERT INTO negotiations (tender_id, reduction_announced, initial_award_reserved) \
         VALUES (?1, ?2, ?3)",
    )?
    .execute(params![
        id.0,
        negotiation.reduction_announced,
        negotiation.initial_award_reserved
    ])?;
    for (position, round) in negotiation.rounds.iter().enumerate() {
        insert_round(conn, id, round, position)?;
    }
    Ok(())
}

fn insert_round(conn: &Connection, id: TenderId, round: &Round, position: usize) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO rounds (tender_id, id, position, label, kind, invited, deadline, frozen) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id.0,
        round.id,
        sql_position(position),
        round.label,
        round.kind.as_str(),
        round.invited.map(date_text),
        round.deadline.map(date_text),
        frozen_text(round)?,
    ])?;
    for elimination in &round.eliminated {
        insert_round_elimination(conn, id, &round.id, elimination)?;
    }
    Ok(())
}

/// Adds an offer set aside at round `round`, after the others.
pub(crate) fn insert_round_elimination(
    conn: &Connection,
    id: TenderId,
    round: &str,
    elimination: &RoundElimination,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO round_eliminations (tender_id, round_id, offer_id, position, reason) \
         VALUES (?1, ?2, ?3, \
         (SELECT coalesce(max(position) + 1, 0) FROM round_eliminations \
          WHERE tender_id = ?1 AND round_id = ?2), ?4)",
    )?
    .execute(params![id.0, round, elimination.offer, elimination.reason])?;
    Ok(())
}

/// Removes the rounds of a tender (its exchanges stay).
pub(crate) fn delete_negotiation(conn: &Connection, id: TenderId) -> Result<()> {
    conn.execute(
        "DELETE FROM round_eliminations WHERE tender_id = ?1",
        [id.0],
    )?;
    conn.execute("DELETE FROM rounds WHERE tender_id = ?1", [id.0])?;
    conn.execute("DELETE FROM negotiations WHERE tender_id = ?1", [id.0])?;
    Ok(())
}

pub(crate) fn get_negotiation(conn: &Connection, id: TenderId) -> Result<Option<Negotiation>> {
    let flags = conn
        .prepare_cached(
            "SELECT reduction_announced, initial_award_reserved FROM negotiations \
             WHERE tender_id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok((r.get::<_, Option<bool>>(0)?, r.get::<_, Option<bool>>(1)?))
        })
        .optional()?;
    let Some((reduction_announced, initial_award_reserved)) = flags else {
        return Ok(None);
    };
    type RoundRow = (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<RoundRow> = conn
        .prepare_cached(
            "SELECT id, label, kind, invited, deadline, frozen FROM rounds \
             WHERE tender_id = ?1 ORDER BY position",
        )?
        .query_map([id.0], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut eliminations = conn.prepare_cached(
        "SELECT offer_id, reason FROM round_eliminations \
         WHERE tender_id = ?1 AND round_id = ?2 ORDER BY position",
    )?;
    let mut rounds = Vec::with_capacity(rows.len());
    for (round_id, label, kind, invited, deadline, frozen) in rows {
        let kind = RoundKind::from_name(&kind).ok_or_else(|| corrupt("round kind", &kind))?;
        let eliminated = eliminations
            .query_map(params![id.0, round_id], |r| {
                Ok(RoundElimination {
                    offer: r.get(0)?,
                    reason: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let (offers, scores, consensus) = frozen_parts(frozen)?;
        rounds.push(Round {
            id: round_id,
            label,
            kind,
            invited: parse_optional_date(invited)?,
            deadline: parse_optional_date(deadline)?,
            offers,
            scores,
            consensus,
            eliminated,
        });
    }
    Ok(Some(Negotiation {
        reduction_announced,
        initial_award_reserved,
        rounds,
    }))
}

/// Inserts an exchange at `position`.
pub(crate) fn insert_exchange(
    conn: &Connection,
    id: TenderId,
    exchange: &Exchange,
    position: usize,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO exchanges (tender_id, id, position, offer_id, kind, round_id, question, \
         criteria, sent, deadline, received, answer, file_sha256, cited_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        id.0,
        exchange.id,
        sql_position(position),
        exchange.offer,
        exchange.kind.as_str(),
        exchange.round,
        exchange.question,
        serde_json::to_string(&exchange.criteria).map_err(json_error)?,
        date_text(exchange.sent),
        exchange.deadline.map(date_text),
        exchange.received.map(date_text),
        exchange.answer,
        exchange.file_sha256,
        serde_json::to_string(&exchange.cited_by).map_err(json_error)?,
    ])?;
    Ok(())
}

/// Replaces the exchange with the same id in place, or adds it after the others.
pub(crate) fn upsert_exchange(conn: &Connection, id: TenderId, exchange: &Exchange) -> Result<()> {
    let position: Option<i64> = conn
        .prepare_cached("SELECT position FROM exchanges WHERE tender_id = ?1 AND id = ?2")?
        .query_row(params![id.0, exchange.id], |r| r.get(0))
        .optional()?;
    let position = match position {
        Some(p) => {
            conn.prepare_cached("DELETE FROM exchanges WHERE tender_id = ?1 AND id = ?2")?
                .execute(params![id.0, exchange.id])?;
            p
        }
        None => conn
            .prepare_cached(
                "SELECT coalesce(max(position) + 1, 0) FROM exchanges WHERE tender_id = ?1",
            )?
            .query_row([id.0], |r| r.get(0))?,
    };
    insert_exchange(conn, id, exchange, usize::try_from(position).unwrap_or(0))
}

pub(crate) fn list_exchanges(conn: &Connection, id: TenderId) -> Result<Vec<Exchange>> {
    type Row = (
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
    );
    let rows: Vec<Row> = conn
        .prepare_cached(
            "SELECT id, offer_id, kind, round_id, question, criteria, sent, deadline, received, \
             answer, file_sha256, cited_by FROM exchanges WHERE tender_id = ?1 ORDER BY position",
        )?
        .query_map([id.0], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(
            |(
                xid,
                offer,
                kind,
                round,
                question,
                criteria,
                sent,
                deadline,
                received,
                answer,
                file_sha256,
                cited_by,
            )| {
                Ok(Exchange {
                    id: xid,
                    offer,
                    kind: ExchangeKind::from_name(&kind)
                        .ok_or_else(|| corrupt("exchange kind", &kind))?,
                    round,
                    question,
                    criteria: serde_json::from_str(&criteria).map_err(json_error)?,
                    sent: parse_date(&sent)?,
                    deadline: parse_optional_date(deadline)?,
                    received: parse_optional_date(received)?,
                    answer,
                    file_sha256,
                    cited_by: serde_json::from_str(&cited_by).map_err(json_error)?,
                })
            },
        )
        .collect()
}
