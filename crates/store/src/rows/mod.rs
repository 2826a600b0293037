//! An evaluation as rows: writing its parts into the tables and reading them back, one module
//! per aggregate of the evaluation file (the tender with its settings, the criteria tree with
//! its levels, evaluators, offers with their certifications, scores, consensus decisions).
//!
//! Every function takes a plain connection (a transaction derefs to one), so the callers in
//! `tender`, `change` and `journal` decide the transaction. Reading must give back exactly what
//! was written, `Option`s and list order included: the journal hashes what these functions read.

mod consensus;
mod criteria;
mod declarations;
mod evaluators;
mod offers;
mod rounds;
mod schedule;
mod scores;
mod tender;

use chrono::NaiveDate;
use jauge_domain::{Answer, Evaluation};
use rusqlite::Connection;

use crate::{Error, Result, TenderId};

pub(crate) use consensus::{insert_consensus, list_consensus, upsert_consensus};
pub(crate) use criteria::{delete_criteria, insert_criteria, list_criteria};
pub(crate) use declarations::{insert_declaration, list_declarations, upsert_declaration};
pub(crate) use evaluators::{insert_evaluator, list_evaluators};
pub(crate) use offers::{insert_certifications, insert_offer, list_offers};
pub(crate) use rounds::{
    delete_negotiation, get_negotiation, insert_exchange, insert_negotiation,
    insert_round_elimination, list_exchanges, upsert_exchange,
};
pub(crate) use schedule::{delete_price_schedule, get_price_schedule, insert_price_schedule};
pub(crate) use scores::{ScoreUpserts, insert_score, list_scores, upsert_score};
pub(crate) use tender::{
    find_tender_id, get_tender, get_tender_id, insert_tender, set_prices_opened_at,
    update_settings, update_tender,
};

const DATE_FORMAT: &str = "%Y-%m-%d";

pub(crate) fn date_text(day: NaiveDate) -> String {
    day.format(DATE_FORMAT).to_string()
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, DATE_FORMAT)
        .map_err(|_| Error::Corrupt(format!("{text:?} is not a date")))
}

pub(crate) fn parse_optional_date(text: Option<String>) -> Result<Option<NaiveDate>> {
    text.as_deref().map(parse_date).transpose()
}

pub(crate) fn corrupt(what: &str, value: &str) -> Error {
    Error::Corrupt(format!("unknown {what} {value:?}"))
}

/// A list index as stored in a `position` column. Lists never come near `i64::MAX` items; the
/// saturation only spares us a panic path.
pub(crate) fn sql_position(index: usize) -> i64 {
    i64::try_from(index).unwrap_or(i64::MAX)
}

pub(crate) fn answer_columns(answer: Answer) -> (Option<f64>, Option<bool>) {
    match answer {
        Answer::Value(value) => (Some(value), None),
        Answer::Met(met) => (None, Some(met)),
    }
}

pub(crate) fn answer_from_columns(value: Option<f64>, met: Option<bool>) -> Result<Answer> {
    match (value, met) {
        (Some(value), None) => Ok(Answer::Value(value)),
        (None, Some(met)) => Ok(Answer::Met(met)),
        _ => Err(Error::Corrupt(
            "an answer has both or neither of value and met".into(),
        )),
    }
}

/// A JSON column that does not read back.
pub(crate) fn json_error(error: serde_json::Error) -> Error {
    Error::Corrupt(format!("JSON column: {error}"))
}

// ---- whole evaluations --------------------------------------------------------------------

/// Inserts everything below the tender row: criteria, evaluators, offers, scores, consensus.
pub(crate) fn insert_contents(
    conn: &Connection,
    id: TenderId,
    evaluation: &Evaluation,
) -> Result<()> {
    insert_criteria(conn, id, &evaluation.criteria, None)?;
    for (position, evaluator) in evaluation.evaluators.iter().enumerate() {
        insert_evaluator(conn, id, evaluator, position)?;
    }
    for (position, offer) in evaluation.offers.iter().enumerate() {
        insert_offer(conn, id, offer, position)?;
    }
    for (position, score) in evaluation.scores.iter().enumerate() {
        insert_score(conn, id, score, position)?;
    }
    for (position, consensus) in evaluation.consensus.iter().enumerate() {
        insert_consensus(conn, id, consensus, position)?;
    }
    for (position, declaration) in evaluation.declarations.iter().enumerate() {
        insert_declaration(conn, id, declaration, position)?;
    }
    set_prices_opened_at(conn, id, evaluation.prices_opened_at.as_deref())?;
    insert_price_schedule(conn, id, evaluation.price_schedule.as_ref())?;
    insert_negotiation(conn, id, evaluation.negotiation.as_ref())?;
    for (position, exchange) in evaluation.exchanges.iter().enumerate() {
        insert_exchange(conn, id, exchange, position)?;
    }
    Ok(())
}

/// Deletes everything below the tender row, keeping the row and its journal.
pub(crate) fn delete_contents(conn: &Connection, id: TenderId) -> Result<()> {
    // Children first, so no deferred key is left dangling even for a moment.
    delete_price_schedule(conn, id)?;
    delete_negotiation(conn, id)?;
    conn.execute("DELETE FROM exchanges WHERE tender_id = ?1", [id.0])?;
    for table in [
        "declarations",
        "scores",
        "consensus",
        "certifications",
        "offers",
        "evaluators",
        "levels",
    ] {
        conn.execute(&format!("DELETE FROM {table} WHERE tender_id = ?1"), [id.0])?;
    }
    delete_criteria(conn, id)
}

/// [`jauge_domain::canonical_hash`] of the stored evaluation, its scores read and hashed one at
/// a time (equal to hashing [`get_evaluation`]'s result, without holding every score).
pub(crate) fn stored_state_hash(conn: &Connection, id: TenderId) -> Result<String> {
    let (tender, settings, prices_opened_at) = get_tender(conn, id)?;
    let frame = Evaluation {
        tender,
        settings,
        criteria: list_criteria(conn, id)?,
        evaluators: list_evaluators(conn, id)?,
        offers: list_offers(conn, id)?,
        scores: Vec::new(),
        consensus: list_consensus(conn, id)?,
        declarations: list_declarations(conn, id)?,
        prices_opened_at,
        price_schedule: get_price_schedule(conn, id)?,
        negotiation: get_negotiation(conn, id)?,
        exchanges: list_exchanges(conn, id)?,
    };
    let mut hasher = jauge_domain::CanonicalHasher::new(&frame);
    scores::for_each_score(conn, id, |score| hasher.score(score))?;
    Ok(hasher.finish())
}

/// The evaluation stored under `id`, as it was imported and changed.
pub(crate) fn get_evaluation(conn: &Connection, id: TenderId) -> Result<Evaluation> {
    let (tender, settings, prices_opened_at) = get_tender(conn, id)?;
    Ok(Evaluation {
        tender,
        settings,
        criteria: list_criteria(conn, id)?,
        evaluators: list_evaluators(conn, id)?,
        offers: list_offers(conn, id)?,
        scores: list_scores(conn, id)?,
        consensus: list_consensus(conn, id)?,
        declarations: list_declarations(conn, id)?,
        prices_opened_at,
        price_schedule: get_price_schedule(conn, id)?,
        negotiation: get_negotiation(conn, id)?,
        exchanges: list_exchanges(conn, id)?,
    })
}
