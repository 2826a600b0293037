//! Edits of a stored evaluation: a [`Change`] (the domain's) applied to the rows, in one
//! transaction with its journal entry.
//!
//! The rules of each change live in the domain ([`Change::apply_to`]); this module only writes
//! them as SQL, with the same refusals. The API applies and checks the change in memory first,
//! so the store is handed the state the change leads to (its canonical hash) instead of reading
//! the whole evaluation back to hash it.

use chrono::{DateTime, Utc};
use jauge_domain::change::{consensus_key, correction_key, criterion_ids, score_key};
use jauge_domain::{Change, CorrectionRoute, RoundElimination};
use rusqlite::{Connection, OptionalExtension, params};

use crate::journal::{append_entry, head_hash};
use crate::rows::{
    date_text, delete_criteria, delete_negotiation, get_evaluation, get_tender_id,
    insert_certifications, insert_criteria, insert_negotiation, insert_round_elimination,
    set_prices_opened_at, update_settings, update_tender, upsert_consensus, upsert_declaration,
    upsert_exchange, upsert_score,
};
use crate::{Db, Error, Result, SourceFile, TenderId};
use serde_json::Value;

/// One edit as the API hands it to the store: the change, the state the caller's copy of the
/// evaluation was in, and the state the change leads to.
#[derive(Debug, Clone, Copy)]
pub struct Edit<'a> {
    /// What changes.
    pub change: &'a Change,
    /// The journal head hash the caller's copy follows ([`crate::GENESIS_HASH`] for an empty
    /// journal). When another program wrote since, the edit is refused with [`Error::Stale`]:
    /// the caller's copy, and so `state_hash`, no longer describe the stored data.
    pub follows: &'a str,
    /// [`jauge_domain::canonical_hash`] of the evaluation with the change applied, recorded in
    /// the journal entry.
    pub state_hash: &'a str,
    /// When the change was made.
    pub at: DateTime<Utc>,
    /// Who made it.
    pub actor: &'a str,
    /// The file the change was read from (a bidder's filled price schedule…), journaled with
    /// its name and SHA-256 beside the change; `None` for an edit typed by the buyer.
    pub source: Option<&'a SourceFile>,
}

fn not_found(what: &'static str, key: String) -> Error {
    Error::NotFound { what, key }
}

fn score_not_found(offer: &str, criterion: &str, evaluator: &str) -> Error {
    not_found("score", score_key(offer, criterion, evaluator))
}

fn consensus_not_found(offer: &str, criterion: &str) -> Error {
    not_found("consensus", consensus_key(offer, criterion))
}

/// Fails with [`Error::NotFound`] unless the tender has a row `id` in `table`.
fn require_row(
    conn: &Connection,
    tender: TenderId,
    table: &'static str,
    what: &'static str,
    id: &str,
) -> Result<()> {
    // `table` is one of our own constants, never user input.
    let found = conn
        .prepare_cached(&format!(
            "SELECT 1 FROM {table} WHERE tender_id = ?1 AND id = ?2"
        ))?
        .query_row(params![tender.0, id], |_| Ok(()))
        .optional()?;
    found.ok_or_else(|| not_found(what, id.to_owned()))
}

pub(crate) fn apply_rows(conn: &Connection, tender: TenderId, change: &Change) -> Result<()> {
    match change {
        Change::SetScore(score) => {
            require_row(conn, tender, "offers", "offer", &score.offer)?;
            require_row(conn, tender, "criteria", "criterion", &score.criterion)?;
            require_row(conn, tender, "evaluators", "evaluator", &score.evaluator)?;
            upsert_score(conn, tender, score)?;
        }
        Change::RemoveScore {
            offer,
            criterion,
            evaluator,
        } => {
            let removed = conn
                .prepare_cached(
                    "DELETE FROM scores WHERE tender_id = ?1 AND offer_id = ?2 \
                     AND criterion_id = ?3 AND evaluator_id = ?4",
                )?
                .execute(params![tender.0, offer, criterion, evaluator])?;
            if removed == 0 {
                return Err(score_not_found(offer, criterion, evaluator));
            }
        }
        Change::SetConsensus(consensus) => {
            require_row(conn, tender, "offers", "offer", &consensus.offer)?;
            require_row(conn, tender, "criteria", "criterion", &consensus.criterion)?;
            upsert_consensus(conn, tender, consensus)?;
        }
        Change::RemoveConsensus { offer, criterion } => {
            let removed = conn
                .prepare_cached(
                    "DELETE FROM consensus WHERE tender_id = ?1 AND offer_id = ?2 \
                     AND criterion_id = ?3",
                )?
                .execute(params![tender.0, offer, criterion])?;
            if removed == 0 {
                return Err(consensus_not_found(offer, criterion));
            }
        }
        Change::UpsertOffer(offer) => {
            // An update, not a delete and insert: the offer's scores must stay.
            conn.prepare_cached(
                "INSERT INTO offers (tender_id, id, position, bidder, name, price, irregular, \
                 has_certifications) VALUES (?1, ?2, \
                 (SELECT coalesce(max(position) + 1, 0) FROM offers WHERE tender_id = ?1), \
                 ?3, ?4, ?5, ?6, ?7) \
                 ON CONFLICT (tender_id, id) DO UPDATE SET bidder = excluded.bidder, \
                 name = excluded.name, price = excluded.price, irregular = excluded.irregular, \
                 has_certifications = excluded.has_certifications",
            )?
            .execute(params![
                tender.0,
                offer.id,
                offer.bidder,
                offer.name,
                offer.price,
                offer.irregular,
                offer.certifications.is_some(),
            ])?;
            conn.prepare_cached(
                "DELETE FROM certifications WHERE tender_id = ?1 AND offer_id = ?2",
            )?
            .execute(params![tender.0, offer.id])?;
            insert_certifications(conn, tender, offer)?;
        }
        Change::RemoveOffer { offer } => {
            let removed = conn
                .prepare_cached("DELETE FROM offers WHERE tender_id = ?1 AND id = ?2")?
                .execute(params![tender.0, offer])?;
            if removed == 0 {
                return Err(not_found("offer", offer.clone()));
            }
        }
        Change::UpsertEvaluator(evaluator) => {
            conn.prepare_cached(
                "INSERT INTO evaluators (tender_id, id, position, name, role) VALUES (?1, ?2, \
                 (SELECT coalesce(max(position) + 1, 0) FROM evaluators WHERE tender_id = ?1), \
                 ?3, ?4) \
                 ON CONFLICT (tender_id, id) DO UPDATE SET name = excluded.name, \
                 role = excluded.role",
            )?
            .execute(params![
                tender.0,
                evaluator.id,
                evaluator.name,
                evaluator.role
            ])?;
        }
        Change::RemoveEvaluator { evaluator } => {
            let removed = conn
                .prepare_cached("DELETE FROM evaluators WHERE tender_id = ?1 AND id = ?2")?
                .execute(params![tender.0, evaluator])?;
            if removed == 0 {
                return Err(not_found("evaluator", evaluator.clone()));
            }
        }
        Change::UpdateTender(new) => {
            let taken = conn
                .prepare_cached("SELECT 1 FROM tenders WHERE reference = ?1 AND id <> ?2")?
                .query_row(params![new.reference, tender.0], |_| Ok(()))
                .optional()?;
            if taken.is_some() {
                return Err(Error::Conflict {
                    reference: new.reference.clone(),
                });
            }
            update_tender(conn, tender, new)?;
        }
        Change::UpdateSettings(settings) => update_settings(conn, tender, settings)?,
        Change::ReplaceCriteria(criteria) => {
            let ids = serde_json::to_string(&criterion_ids(criteria))
                .map_err(|e| Error::Corrupt(e.to_string()))?;
            for table in ["scores", "consensus"] {
                conn.execute(
                    &format!(
                        "DELETE FROM {table} WHERE tender_id = ?1 \
                         AND criterion_id NOT IN (SELECT value FROM json_each(?2))"
                    ),
                    params![tender.0, ids],
                )?;
            }
            // Surviving scores keep pointing at their criterion id; the key is checked at commit.
            delete_criteria(conn, tender)?;
            insert_criteria(conn, tender, criteria, None)?;
        }
        Change::Declare(declarations) => {
            for d in declarations {
                require_row(conn, tender, "evaluators", "evaluator", &d.evaluator)?;
                require_row(conn, tender, "offers", "offer", &d.offer)?;
            }
            for d in declarations {
                upsert_declaration(conn, tender, d)?;
            }
        }
        // Whether the prices may be opened was checked on the evaluation in memory (the
        // domain's refusals need the settings); the store records the moment.
        Change::OpenPrices { at } => set_prices_opened_at(conn, tender, Some(at))?,
        // Freezing a round copies the offers, scores and decisions it was scored on: the
        // domain does it on the stored evaluation, and the rounds are written back whole.
        Change::OpenRound(_) => {
            let mut evaluation = get_evaluation(conn, tender)?;
            change
                .apply_to(&mut evaluation)
                .map_err(|e| Error::Corrupt(e.to_string()))?;
            delete_negotiation(conn, tender)?;
            insert_negotiation(conn, tender, evaluation.negotiation.as_ref())?;
            let latest = evaluation.rounds().len().saturating_sub(1);
            let leaving: Vec<&str> = match &evaluation.negotiation {
                Some(n) => evaluation
                    .offers
                    .iter()
                    .filter(|o| !n.takes_part(&o.id, latest))
                    .map(|o| o.id.as_str())
                    .collect(),
                None => Vec::new(),
            };
            for offer in leaving {
                for table in ["scores", "consensus"] {
                    conn.execute(
                        &format!("DELETE FROM {table} WHERE tender_id = ?1 AND offer_id = ?2"),
                        params![tender.0, offer],
                    )?;
                }
            }
        }
        Change::EliminateAtRound {
            round,
            offer,
            reason,
        } => {
            require_row(conn, tender, "offers", "offer", offer)?;
            require_row(conn, tender, "rounds", "round", round)?;
            let elimination = RoundElimination {
                offer: offer.clone(),
                reason: reason.clone(),
            };
            insert_round_elimination(conn, tender, round, &elimination)?;
        }
        Change::RecordExchange(exchange) => {
            require_row(conn, tender, "offers", "offer", &exchange.offer)?;
            upsert_exchange(conn, tender, exchange)?;
        }
        Change::AnswerExchange {
            exchange,
            received,
            answer,
            file_sha256,
        } => {
            let updated = conn
                .prepare_cached(
                    "UPDATE exchanges SET received = ?3, answer = ?4, file_sha256 = ?5 \
                     WHERE tender_id = ?1 AND id = ?2",
                )?
                .execute(params![
                    tender.0,
                    exchange,
                    date_text(*received),
                    answer,
                    file_sha256
                ])?;
            if updated == 0 {
                return Err(not_found("exchange", exchange.clone()));
            }
        }
        Change::SetLinePrice { offer, price } => {
            require_row(conn, tender, "offers", "offer", offer)?;
            require_schedule(conn, tender)?;
            require_row(conn, tender, "schedule_lines", "line", &price.line)?;
            ensure_schedule_offer(conn, tender, offer)?;
            // Replaced in place (its position kept), or added after the offer's others.
            conn.prepare_cached(
                "INSERT INTO schedule_prices (tender_id, offer_id, line_id, position, unit_price, \
                 submitted_total) VALUES (?1, ?2, ?3, \
                 (SELECT coalesce(max(position) + 1, 0) FROM schedule_prices \
                  WHERE tender_id = ?1 AND offer_id = ?2), ?4, ?5) \
                 ON CONFLICT (tender_id, offer_id, line_id) DO UPDATE SET \
                 unit_price = excluded.unit_price, submitted_total = excluded.submitted_total",
            )?
            .execute(params![
                tender.0,
                offer,
                price.line,
                price.unit_price,
                price.submitted_total
            ])?;
        }
        Change::ClearLinePrice { offer, line } => {
            require_schedule(conn, tender)?;
            let removed = conn
                .prepare_cached(
                    "DELETE FROM schedule_prices WHERE tender_id = ?1 AND offer_id = ?2 \
                     AND line_id = ?3",
                )?
                .execute(params![tender.0, offer, line])?;
            if removed == 0 {
                return Err(not_found("line price", format!("{offer}/{line}")));
            }
        }
        Change::SetSubmittedTotal { offer, total } => {
            require_row(conn, tender, "offers", "offer", offer)?;
            require_schedule(conn, tender)?;
            ensure_schedule_offer(conn, tender, offer)?;
            conn.prepare_cached(
                "UPDATE schedule_offers SET submitted_total = ?3 \
                 WHERE tender_id = ?1 AND offer_id = ?2",
            )?
            .execute(params![tender.0, offer, total])?;
        }
        Change::SetScheduleOffer(returned) => {
            require_row(conn, tender, "offers", "offer", &returned.offer)?;
            require_schedule(conn, tender)?;
            for price in &returned.prices {
                require_row(conn, tender, "schedule_lines", "line", &price.line)?;
            }
            ensure_schedule_offer(conn, tender, &returned.offer)?;
            conn.prepare_cached(
                "UPDATE schedule_offers SET submitted_total = ?3 \
                 WHERE tender_id = ?1 AND offer_id = ?2",
            )?
            .execute(params![tender.0, returned.offer, returned.submitted_total])?;
            conn.prepare_cached(
                "DELETE FROM schedule_prices WHERE tender_id = ?1 AND offer_id = ?2",
            )?
            .execute(params![tender.0, returned.offer])?;
            let mut insert = conn.prepare_cached(
                "INSERT INTO schedule_prices (tender_id, offer_id, line_id, position, unit_price, \
                 submitted_total) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (position, price) in (0_i64..).zip(&returned.prices) {
                insert.execute(params![
                    tender.0,
                    returned.offer,
                    price.line,
                    position,
                    price.unit_price,
                    price.submitted_total
                ])?;
            }
        }
        Change::AcceptCorrection(correction) => {
            require_row(conn, tender, "offers", "offer", &correction.offer)?;
            require_schedule(conn, tender)?;
            if let Some(line) = &correction.line {
                require_row(conn, tender, "schedule_lines", "line", line)?;
            }
            let route = correction.route.map(CorrectionRoute::name);
            // `IS` and not `=`: a correction of the grand total has no line (NULL).
            let updated = conn
                .prepare_cached(
                    "UPDATE price_corrections SET note = ?4, at = ?5, route = ?6 \
                     WHERE tender_id = ?1 AND offer_id = ?2 AND line_id IS ?3",
                )?
                .execute(params![
                    tender.0,
                    correction.offer,
                    correction.line,
                    correction.note,
                    correction.at,
                    route
                ])?;
            if updated == 0 {
                conn.prepare_cached(
                    "INSERT INTO price_corrections (tender_id, offer_id, line_id, position, note, \
                     at, route) VALUES (?1, ?2, ?3, \
                     (SELECT coalesce(max(position) + 1, 0) FROM price_corrections \
                      WHERE tender_id = ?1), ?4, ?5, ?6)",
                )?
                .execute(params![
                    tender.0,
                    correction.offer,
                    correction.line,
                    correction.note,
                    correction.at,
                    route
                ])?;
            }
        }
        Change::WithdrawCorrection { offer, line } => {
            require_schedule(conn, tender)?;
            let removed = conn
                .prepare_cached(
                    "DELETE FROM price_corrections WHERE tender_id = ?1 AND offer_id = ?2 \
                     AND line_id IS ?3",
                )?
                .execute(params![tender.0, offer, line])?;
            if removed == 0 {
                return Err(not_found(
                    "correction",
                    correction_key(offer, line.as_deref()),
                ));
            }
        }
    }
    Ok(())
}

/// Fails with [`Error::NotFound`] unless the tender has a price schedule.
fn require_schedule(conn: &Connection, tender: TenderId) -> Result<()> {
    let found = conn
        .prepare_cached("SELECT 1 FROM price_schedules WHERE tender_id = ?1")?
        .query_row(params![tender.0], |_| Ok(()))
        .optional()?;
    found.ok_or_else(|| not_found("price schedule", tender.0.to_string()))
}

/// Adds the offer's entry to the schedule, last, unless it has one.
fn ensure_schedule_offer(conn: &Connection, tender: TenderId, offer: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO schedule_offers (tender_id, offer_id, position, submitted_total) \
         VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0) FROM schedule_offers \
         WHERE tender_id = ?1), NULL) ON CONFLICT (tender_id, offer_id) DO NOTHING",
    )?
    .execute(params![tender.0, offer])?;
    Ok(())
}

impl Db {
    /// Applies one edit to the tender `reference` and journals it, in one transaction; see
    /// [`Change`] for what each does and refuses. Returns the new journal head hash.
    ///
    /// Business rules are not checked here, and the state hash is taken on trust: apply the
    /// change with [`Change::apply_to`], check it, and hash the result before calling this. A
    /// wrong hash would not go unnoticed: [`Db::verify_journal`] compares the head's state hash
    /// with the stored data.
    pub fn apply_edit(&mut self, reference: &str, edit: &Edit<'_>) -> Result<String> {
        self.write(|tx| {
            let tender = get_tender_id(tx, reference)?;
            if head_hash(tx, tender)? != edit.follows {
                return Err(Error::Stale {
                    reference: reference.to_owned(),
                });
            }
            apply_rows(tx, tender, edit.change)?;
            let mut payload = edit.change.payload();
            if let Some(source) = edit.source {
                payload = match payload {
                    Value::Object(mut fields) => {
                        fields.insert("file".into(), source.to_json());
                        Value::Object(fields)
                    }
                    other => serde_json::json!({ "change": other, "file": source.to_json() }),
                };
            }
            let payload = payload.to_string();
            append_entry(
                tx,
                tender,
                edit.at,
                edit.actor,
                edit.change.action(),
                &payload,
                edit.state_hash,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use jauge_domain::{
        Answer, Certification, CertificationStatus, Consensus, Evaluation, Evaluator, Score,
        Settings, canonical_hash,
    };

    use super::*;
    use crate::GENESIS_HASH;
    use crate::fixture::{self, at, offer, score, scored};

    const REFERENCE: &str = "2026-EX-001";

    fn stored() -> Db {
        let mut db = Db::open_in_memory().unwrap();
        db.import_evaluation(&fixture::evaluation(), at(0), "import")
            .unwrap();
        db
    }

    /// Applies `change` through the store as the API does: following the journal's head, with
    /// the hash of `result`, what the change gives in memory.
    fn apply(
        db: &mut Db,
        reference: &str,
        change: &Change,
        result: &Evaluation,
        actor: &str,
    ) -> Result<String> {
        let follows = db
            .journal(reference)
            .ok()
            .and_then(|journal| journal.last().map(|e| e.hash.clone()))
            .unwrap_or_else(|| GENESIS_HASH.to_owned());
        db.apply_edit(
            reference,
            &Edit {
                change,
                follows: &follows,
                state_hash: &canonical_hash(result),
                at: at(1),
                actor,
                source: None,
            },
        )
    }

    /// Applies `change` to the stored fixture and to the fixture in memory; both must agree,
    /// and the journal must hold the change. Returns the resulting evaluation.
    fn check(change: Change) -> Evaluation {
        let mut db = stored();
        let mut expected = fixture::evaluation();
        change.apply_to(&mut expected).unwrap();
        let head = apply(&mut db, REFERENCE, &change, &expected, "Claire Martin").unwrap();
        let reference = expected.tender.reference.clone();
        let loaded = db.load_evaluation(&reference).unwrap();
        assert_eq!(
            loaded,
            expected,
            "stored and in-memory {} agree",
            change.action()
        );
        let journal = db.journal(&reference).unwrap();
        assert_eq!(journal.len(), 2, "import then the change");
        let entry = &journal[1];
        assert_eq!(entry.action, change.action());
        assert_eq!(entry.actor, "Claire Martin");
        assert_eq!(entry.at, at(1));
        assert_eq!(entry.payload, change.payload().to_string());
        assert_eq!(entry.state_hash, canonical_hash(&expected));
        assert_eq!(entry.prev_hash, journal[0].hash);
        assert_eq!(entry.hash, head, "the new head is returned");
        let verdict = db.verify_journal(&reference).unwrap();
        assert!(
            verdict.is_intact(),
            "journal intact after {}: {verdict:?}",
            change.action()
        );
        expected
    }

    /// `change` must be refused both in memory and by the store, leaving the data and the
    /// journal untouched. Returns the store's error.
    fn check_refused(change: Change) -> Error {
        let mut db = stored();
        let mut in_memory = fixture::evaluation();
        assert!(
            change.apply_to(&mut in_memory).is_err(),
            "refused in memory too"
        );
        let error = apply(
            &mut db,
            REFERENCE,
            &change,
            &fixture::evaluation(),
            "Claire Martin",
        )
        .unwrap_err();
        assert_eq!(
            db.load_evaluation(REFERENCE).unwrap(),
            fixture::evaluation(),
            "unchanged"
        );
        assert_eq!(db.journal(REFERENCE).unwrap().len(), 1, "nothing journaled");
        error
    }

    fn assert_not_found(error: Error, what: &str, key: &str) {
        match error {
            Error::NotFound { what: w, key: k } => assert_eq!((w, k.as_str()), (what, key)),
            other => panic!("expected {what} {key} not found, got {other:?}"),
        }
    }

    #[test]
    fn setting_an_existing_score_replaces_it_in_place() {
        let mut new = score("o1", "tech.sec", "e2", 4.5);
        new.justification = Some("Revu après audition".into());
        let result = check(Change::SetScore(new.clone()));
        assert_eq!(result.scores[1], new, "same position");
        assert_eq!(result.scores.len(), 4);
    }

    #[test]
    fn setting_a_new_score_adds_it_last() {
        let new = Score {
            answer: Answer::Met(false),
            at: Some("2026-10-20T09:01:00Z".into()),
            ..score("o3", "req.rgpd", "e1", 0.0)
        };
        let result = check(Change::SetScore(new.clone()));
        assert_eq!(result.scores.last(), Some(&new));
    }

    #[test]
    fn a_score_on_an_unknown_offer_evaluator_or_criterion_is_refused() {
        let error = check_refused(Change::SetScore(score("o9", "tech.sec", "e1", 1.0)));
        assert_not_found(error, "offer", "o9");
        let error = check_refused(Change::SetScore(score("o1", "tech.sec", "e9", 1.0)));
        assert_not_found(error, "evaluator", "e9");
        let error = check_refused(Change::SetScore(score("o1", "nope", "e1", 1.0)));
        assert_not_found(error, "criterion", "nope");
    }

    #[test]
    fn removing_a_score_removes_only_it() {
        let result = check(Change::RemoveScore {
            offer: "o1".into(),
            criterion: "tech.sec".into(),
            evaluator: "e1".into(),
        });
        assert_eq!(result.scores.len(), 3);
        let error = check_refused(Change::RemoveScore {
            offer: "o2".into(),
            criterion: "tech.sec".into(),
            evaluator: "e1".into(),
        });
        assert_not_found(error, "score", "o2/tech.sec/e1");
    }

    #[test]
    fn consensus_is_set_in_place_added_and_removed() {
        let replaced = Consensus {
            offer: "o1".into(),
            criterion: "req.snc".into(),
            answer: Answer::Met(true),
            justification: "Certificat renouvelé vérifié".into(),
        };
        assert_eq!(
            check(Change::SetConsensus(replaced.clone())).consensus,
            vec![replaced]
        );
        let added = Consensus {
            offer: "o2".into(),
            criterion: "tech.sec".into(),
            answer: Answer::Value(3.5),
            justification: "Accord du comité".into(),
        };
        assert_eq!(
            check(Change::SetConsensus(added.clone())).consensus.len(),
            2
        );
        let removed = check(Change::RemoveConsensus {
            offer: "o1".into(),
            criterion: "req.snc".into(),
        });
        assert!(removed.consensus.is_empty());
        let error = check_refused(Change::RemoveConsensus {
            offer: "o2".into(),
            criterion: "req.snc".into(),
        });
        assert_not_found(error, "consensus", "o2/req.snc");
        let error = check_refused(Change::SetConsensus(Consensus {
            offer: "o9".into(),
            ..added
        }));
        assert_not_found(error, "offer", "o9");
    }

    #[test]
    fn upserting_an_existing_offer_keeps_its_place_and_scores() {
        let mut changed = offer("o1", 950_000.0);
        changed.certifications = Some(vec![Certification {
            scheme: "hds".into(),
            level: Some(1.0),
            status: CertificationStatus::InProgress,
            valid_from: None,
            valid_until: Some(fixture::day(2027, 1, 1)),
            reference: None,
        }]);
        let result = check(Change::UpsertOffer(changed.clone()));
        assert_eq!(result.offers[0], changed);
        assert_eq!(result.scores.len(), 4, "scores stay");
        // Certifications present, then absent: the flag follows.
        let result = check(Change::UpsertOffer(offer("o2", 1.0)));
        assert_eq!(result.offers[1].certifications, None);
    }

    #[test]
    fn upserting_a_new_offer_adds_it_last() {
        let result = check(Change::UpsertOffer(offer("o4", 700_000.0)));
        assert_eq!(result.offers.last().map(|o| o.id.as_str()), Some("o4"));
    }

    #[test]
    fn removing_an_offer_removes_its_scores_and_consensus() {
        let result = check(Change::RemoveOffer { offer: "o1".into() });
        assert_eq!(result.offers.len(), 2);
        assert!(result.scores.iter().all(|s| s.offer != "o1"));
        assert!(result.consensus.is_empty());
        assert_not_found(
            check_refused(Change::RemoveOffer { offer: "o9".into() }),
            "offer",
            "o9",
        );
    }

    #[test]
    fn evaluators_are_upserted_and_removed_with_their_scores() {
        let renamed = Evaluator {
            id: "e2".into(),
            name: "Karim B.".into(),
            role: Some("RSSI".into()),
        };
        assert_eq!(
            check(Change::UpsertEvaluator(renamed.clone())).evaluators[1],
            renamed
        );
        let added = Evaluator {
            id: "e3".into(),
            name: "Nadia".into(),
            role: None,
        };
        assert_eq!(check(Change::UpsertEvaluator(added)).evaluators.len(), 3);
        let result = check(Change::RemoveEvaluator {
            evaluator: "e2".into(),
        });
        assert!(result.scores.iter().all(|s| s.evaluator != "e2"));
        assert_eq!(result.scores.len(), 2);
        let error = check_refused(Change::RemoveEvaluator {
            evaluator: "e9".into(),
        });
        assert_not_found(error, "evaluator", "e9");
    }

    #[test]
    fn tender_data_is_updated_and_may_be_renamed() {
        let mut tender = fixture::evaluation().tender;
        tender.lot = Some("Lot 2".into());
        tender.procedure = None;
        tender.currency = None;
        check(Change::UpdateTender(tender.clone()));
        tender.reference = "2026-EX-002".into();
        check(Change::UpdateTender(tender));
    }

    #[test]
    fn renaming_a_tender_to_a_stored_reference_is_refused() {
        let mut db = stored();
        let mut other = fixture::evaluation();
        other.tender.reference = "2026-EX-009".into();
        db.import_evaluation(&other, at(0), "import").unwrap();
        let change = Change::UpdateTender(other.tender.clone());
        let error = apply(&mut db, REFERENCE, &change, &other, "Claire").unwrap_err();
        assert!(
            matches!(&error, Error::Conflict { reference } if reference == "2026-EX-009"),
            "{error:?}"
        );
        assert_eq!(
            db.load_evaluation(REFERENCE).unwrap(),
            fixture::evaluation()
        );
    }

    #[test]
    fn settings_are_updated() {
        check(Change::UpdateSettings(Settings::default()));
        check(Change::UpdateSettings(Settings {
            consolidation: Some(jauge_domain::Consolidation::Mean),
            divergence_threshold: Some(0.25),
            abnormally_low: Some(jauge_domain::AbnormallyLowMethod::PercentBelowMean {
                percent: Some(15.0),
            }),
            sealed_prices: Some(true),
            declarations_required: Some(false),
            signed_returns_required: Some(true),
        }));
    }

    #[test]
    fn declarations_are_set_and_a_declared_conflict_withdraws_the_scores() {
        let no_conflict = jauge_domain::Declaration {
            evaluator: "e2".into(),
            offer: "o2".into(),
            conflict: false,
            at: "2026-11-03T09:00:00Z".into(),
            note: None,
        };
        let after = check(Change::Declare(vec![no_conflict.clone()]));
        assert_eq!(after.declarations.len(), 2, "the fixture's one, then e2's");
        // e2 scored o1: declaring a conflict with it removes that score, in memory and stored.
        let conflict = jauge_domain::Declaration {
            evaluator: "e2".into(),
            offer: "o1".into(),
            conflict: true,
            at: "2026-11-03T09:05:00Z".into(),
            note: Some("Ancien salarié du soumissionnaire".into()),
        };
        assert!(
            fixture::evaluation()
                .scores
                .iter()
                .any(|s| s.evaluator == "e2" && s.offer == "o1")
        );
        let after = check(Change::Declare(vec![conflict]));
        assert!(
            !after
                .scores
                .iter()
                .any(|s| s.evaluator == "e2" && s.offer == "o1")
        );
        // Re-declaring replaces in place: e1's declaration on o1 stays first.
        let replaced = jauge_domain::Declaration {
            note: Some("Aucun lien".into()),
            ..fixture::evaluation().declarations[0].clone()
        };
        let after = check(Change::Declare(vec![replaced.clone()]));
        assert_eq!(after.declarations, vec![replaced]);
    }

    #[test]
    fn opening_sealed_prices_is_recorded() {
        let mut db = stored();
        let mut sealed = fixture::evaluation();
        let settings = Change::UpdateSettings(Settings {
            sealed_prices: Some(true),
            ..sealed.settings.clone()
        });
        settings.apply_to(&mut sealed).unwrap();
        apply(&mut db, REFERENCE, &settings, &sealed, "Claire").unwrap();
        let open = Change::OpenPrices {
            at: "2026-11-20T10:00:00Z".into(),
        };
        let mut opened = sealed.clone();
        open.apply_to(&mut opened).unwrap();
        apply(&mut db, REFERENCE, &open, &opened, "Claire").unwrap();
        let loaded = db.load_evaluation(REFERENCE).unwrap();
        assert_eq!(loaded, opened);
        assert_eq!(
            loaded.prices_opened_at.as_deref(),
            Some("2026-11-20T10:00:00Z")
        );
        let journal = db.journal(REFERENCE).unwrap();
        assert_eq!(journal.last().unwrap().action, "prices.open");
        assert!(db.verify_journal(REFERENCE).unwrap().is_intact());
        // Opening twice is refused by the domain, before the store is reached.
        let error = open.apply_to(&mut opened.clone()).unwrap_err();
        assert!(
            matches!(&error, jauge_domain::Error::Invalid(i)
                if i.problems[0].code == jauge_domain::read::ProblemCode::PricesAlreadyOpened),
            "{error:?}"
        );
    }

    #[test]
    fn replacing_the_criteria_keeps_the_scores_of_surviving_criteria() {
        let mut criteria = fixture::evaluation().criteria;
        // Drop tech.rev (one score), rename nothing else, add a leaf.
        if let jauge_domain::CriterionBody::Group { children } = &mut criteria[1].body {
            children.truncate(1);
            children[0].weight = 50.0;
        }
        criteria.push(scored("extra", 0.0));
        let result = check(Change::ReplaceCriteria(criteria.clone()));
        assert_eq!(result.criteria, criteria);
        assert_eq!(result.scores.len(), 3, "the tech.rev score went with it");
        assert_eq!(result.consensus.len(), 1, "the req.snc consensus stayed");
    }

    #[test]
    fn a_change_to_an_unknown_tender_is_refused() {
        let mut db = stored();
        let change = Change::UpdateSettings(Settings::default());
        let error = apply(&mut db, "nope", &change, &fixture::evaluation(), "x").unwrap_err();
        assert_not_found(error, "tender", "nope");
    }

    #[test]
    fn an_edit_that_does_not_follow_the_journal_head_is_refused() {
        // Another program wrote since the caller read: its state hash describes other data.
        let mut db = stored();
        let change = Change::UpdateSettings(Settings::default());
        let error = db
            .apply_edit(
                REFERENCE,
                &Edit {
                    change: &change,
                    follows: GENESIS_HASH,
                    state_hash: &canonical_hash(&fixture::evaluation()),
                    at: at(1),
                    actor: "x",
                    source: None,
                },
            )
            .unwrap_err();
        assert!(matches!(&error, Error::Stale { reference } if reference == REFERENCE));
        assert_eq!(db.journal(REFERENCE).unwrap().len(), 1, "nothing journaled");
    }

    #[test]
    fn the_foreign_keys_still_hold_without_the_checks() {
        // The checks above give named errors; the schema is the backstop.
        let db = stored();
        let result = db.conn.execute(
            "INSERT INTO scores (tender_id, offer_id, criterion_id, evaluator_id, position, value) \
             VALUES (1, 'o9', 'tech.sec', 'e1', 9, 1.0)",
            [],
        );
        assert!(
            result.is_err(),
            "a score on an unknown offer is refused by SQLite"
        );
    }
}
