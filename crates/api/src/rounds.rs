//! Negotiated procedures: opening a round, setting an offer aside at a round, recording a
//! request to a bidder and its answer, and every round's results side by side. Each edit goes
//! through [`Store`] like any other: checked with the rules of the file, then saved with its
//! journal entry, and each returns the evaluation as saved with its new results (those of the
//! latest round), as [`crate::change_evaluation`] does.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use jauge_domain::rounds::{
    RoundComparison, RoundNote, RoundResults, compare_rounds, evaluate_rounds, notes,
};
use jauge_domain::{Change, Evaluation, Exchange, Results, RoundOpening};
use sha2::{Digest, Sha256};

use crate::{Error, Result, Store, bundled_catalogs, change_evaluation};

/// Opens a round of offers (the first one starts the negotiation; a later one freezes the
/// latest round as it was scored). Returns the results of the new round.
pub fn open_round(
    store: &mut Store,
    reference: &str,
    opening: RoundOpening,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<(Evaluation, Results)> {
    change_evaluation(store, reference, &Change::OpenRound(opening), at, actor)
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
) -> Result<(Evaluation, Results)> {
    let change = Change::EliminateAtRound {
        round: round.to_owned(),
        offer: offer.to_owned(),
        reason: reason.to_owned(),
    };
    change_evaluation(store, reference, &change, at, actor)
}

/// Records a request to a bidder (or corrects one, the scores citing it included).
pub fn record_exchange(
    store: &mut Store,
    reference: &str,
    exchange: Exchange,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<(Evaluation, Results)> {
    change_evaluation(
        store,
        reference,
        &Change::RecordExchange(exchange),
        at,
        actor,
    )
}

/// Records a bidder's answer. When the answer came as a file, its SHA-256 is recorded: the file
/// itself stays where the buyer keeps it, and is read here in pieces (any size, never whole in
/// memory).
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
) -> Result<(Evaluation, Results)> {
    let file_sha256 = file.map(file_sha256).transpose()?;
    let change = Change::AnswerExchange {
        exchange: exchange.to_owned(),
        received,
        answer: answer.to_owned(),
        file_sha256,
    };
    change_evaluation(store, reference, &change, at, actor)
}

/// The SHA-256 (lowercase hex) of the file at `path`, read in pieces.
pub fn file_sha256(path: &Path) -> Result<String> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(|e| Error::io(path, e))?;
    Ok(hex::encode(hasher.finalize()))
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
