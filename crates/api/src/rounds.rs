//! Negotiated procedures: opening a round, setting an offer aside at a round, recording a
//! request to a bidder and its answer, and every round's results side by side. Each edit goes
//! through [`Store`] like any other: checked with the rules of the file, then saved with its
//! journal entry.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use jauge_domain::rounds::{
    RoundComparison, RoundNote, RoundResults, compare_rounds, evaluate_rounds, notes,
};
use jauge_domain::{Change, Exchange, Results, RoundOpening, sha256_hex};

use crate::{Error, Result, Store, bundled_catalogs};

/// Opens a round of offers (the first one starts the negotiation; a later one freezes the
/// latest round as it was scored). Returns the results of the new round.
pub fn open_round(
    store: &mut Store,
    reference: &str,
    opening: RoundOpening,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Results> {
    store.edit(reference, &Change::OpenRound(opening), at, actor)
}

/// Sets an offer aside at the end of a round, with the reason.
pub fn eliminate_at_round(
    store: &mut Store,
    reference: &str,
    round: &str,
    offer: &str,
    reason: &str,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Results> {
    let change = Change::EliminateAtRound {
        round: round.to_owned(),
        offer: offer.to_owned(),
        reason: reason.to_owned(),
    };
    store.edit(reference, &change, at, actor)
}

/// Records a request to a bidder (or corrects one, the scores citing it included).
pub fn record_exchange(
    store: &mut Store,
    reference: &str,
    exchange: Exchange,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Results> {
    store.edit(reference, &Change::RecordExchange(exchange), at, actor)
}

/// Records a bidder's answer. When the answer came as a file, its SHA-256 is recorded: the file
/// itself stays where the buyer keeps it.
#[allow(clippy::too_many_arguments)]
pub fn answer_exchange(
    store: &mut Store,
    reference: &str,
    exchange: &str,
    received: NaiveDate,
    answer: &str,
    file: Option<&Path>,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Results> {
    let file_sha256 = match file {
        None => None,
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            Some(sha256_hex(&bytes))
        }
    };
    let change = Change::AnswerExchange {
        exchange: exchange.to_owned(),
        received,
        answer: answer.to_owned(),
        file_sha256,
    };
    store.edit(reference, &change, at, actor)
}

/// Every round of a stored evaluation side by side: each round's results, each round compared
/// with the one before, and the remarks on rounds and exchanges.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundsOverview {
    pub rounds: Vec<RoundResults>,
    /// `comparisons[i]` compares round `i` with round `i + 1`.
    pub comparisons: Vec<RoundComparison>,
    pub notes: Vec<RoundNote>,
}

/// The rounds of the stored evaluation `reference` (empty lists without rounds).
pub fn rounds_overview(store: &Store, reference: &str) -> Result<RoundsOverview> {
    let evaluation = store.db().load_evaluation(reference)?;
    let rounds = evaluate_rounds(&evaluation, bundled_catalogs()?);
    let comparisons = rounds
        .windows(2)
        .map(|pair| compare_rounds(&pair[0], &pair[1]))
        .collect();
    Ok(RoundsOverview {
        rounds,
        comparisons,
        notes: notes(&evaluation),
    })
}
