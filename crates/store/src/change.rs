//! Targeted changes: what the desktop app saves each time the user edits something.
//!
//! A [`Change`] is applied to the stored rows by [`Db::apply_change`] and, identically, to an
//! evaluation in memory by [`Change::apply_to`]: the API crate applies it in memory first,
//! validates the result, then stores it. Both must agree exactly; the tests check they do.

use chrono::{DateTime, NaiveDate, Utc};
use jauge_domain::{
    Consensus, Criterion, Evaluation, Evaluator, Offer, Score, Settings, Tender, evaluation_to_json,
};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use crate::journal::append_entry;
use crate::rows::{
    delete_criteria, get_tender_id, insert_certifications, insert_criteria, update_settings,
    update_tender, upsert_consensus, upsert_score,
};
use crate::{Db, Error, Result, TenderId};

/// One edit of a stored evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Records an evaluator's score: replaces the one with the same (offer, criterion,
    /// evaluator) in place, or adds it after the others. Its offer, criterion and evaluator
    /// must exist.
    SetScore(Score),
    /// Removes the score of `evaluator` on (`offer`, `criterion`).
    RemoveScore {
        /// Offer id.
        offer: String,
        /// Criterion id.
        criterion: String,
        /// Evaluator id.
        evaluator: String,
    },
    /// Records a committee decision: replaces the one with the same (offer, criterion) in
    /// place, or adds it after the others. Its offer and criterion must exist.
    SetConsensus(Consensus),
    /// Removes the committee decision on (`offer`, `criterion`).
    RemoveConsensus {
        /// Offer id.
        offer: String,
        /// Criterion id.
        criterion: String,
    },
    /// Replaces the offer with the same id in place, certifications included, or adds it last.
    UpsertOffer(Offer),
    /// Removes an offer together with its scores and consensus decisions.
    RemoveOffer {
        /// Offer id.
        offer: String,
    },
    /// Replaces the evaluator with the same id in place, or adds it last.
    UpsertEvaluator(Evaluator),
    /// Removes an evaluator together with their scores.
    RemoveEvaluator {
        /// Evaluator id.
        evaluator: String,
    },
    /// Replaces the tender data (§2). Changing the reference renames the stored tender; it is
    /// refused when another stored tender has the new reference.
    UpdateTender(Tender),
    /// Replaces the settings (§3).
    UpdateSettings(Settings),
    /// Replaces the whole criteria tree. Scores and consensus decisions on criteria that are
    /// no longer in the tree are removed; the others stay.
    ReplaceCriteria(Vec<Criterion>),
}

impl Change {
    /// The journal's name for this kind of change: `score.set`, `score.remove`,
    /// `consensus.set`, `consensus.remove`, `offer.upsert`, `offer.remove`, `evaluator.upsert`,
    /// `evaluator.remove`, `tender.update`, `settings.update` or `criteria.replace`.
    pub fn action(&self) -> &'static str {
        match self {
            Change::SetScore(_) => "score.set",
            Change::RemoveScore { .. } => "score.remove",
            Change::SetConsensus(_) => "consensus.set",
            Change::RemoveConsensus { .. } => "consensus.remove",
            Change::UpsertOffer(_) => "offer.upsert",
            Change::RemoveOffer { .. } => "offer.remove",
            Change::UpsertEvaluator(_) => "evaluator.upsert",
            Change::RemoveEvaluator { .. } => "evaluator.remove",
            Change::UpdateTender(_) => "tender.update",
            Change::UpdateSettings(_) => "settings.update",
            Change::ReplaceCriteria(_) => "criteria.replace",
        }
    }

    /// The change as the JSON object the journal records, in the spellings of the evaluation
    /// format (a set score is written as it would be in `scores`, and so on).
    pub fn payload(&self) -> Value {
        match self {
            Change::SetScore(score) => format_part("scores", |doc| doc.scores.push(score.clone())),
            Change::RemoveScore {
                offer,
                criterion,
                evaluator,
            } => json!({"offer": offer, "criterion": criterion, "evaluator": evaluator}),
            Change::SetConsensus(consensus) => {
                format_part("consensus", |doc| doc.consensus.push(consensus.clone()))
            }
            Change::RemoveConsensus { offer, criterion } => {
                json!({"offer": offer, "criterion": criterion})
            }
            Change::UpsertOffer(offer) => {
                format_part("offers", |doc| doc.offers.push(offer.clone()))
            }
            Change::RemoveOffer { offer } => json!({ "offer": offer }),
            Change::UpsertEvaluator(evaluator) => {
                format_part("evaluators", |doc| doc.evaluators.push(evaluator.clone()))
            }
            Change::RemoveEvaluator { evaluator } => json!({ "evaluator": evaluator }),
            Change::UpdateTender(tender) => {
                format_part("tender", |doc| doc.tender = tender.clone())
            }
            Change::UpdateSettings(settings) => {
                format_part("settings", |doc| doc.settings = settings.clone())
            }
            Change::ReplaceCriteria(criteria) => {
                let mut doc = blank_evaluation();
                doc.criteria = criteria.clone();
                let criteria = evaluation_to_json(&doc)
                    .get("criteria")
                    .cloned()
                    .unwrap_or(Value::Null);
                json!({ "criteria": criteria })
            }
        }
    }

    /// Applies the change to an evaluation in memory, exactly as [`Db::apply_change`] applies
    /// it to the stored rows, with the same refusals ([`Error::NotFound`] for a removal of
    /// nothing or a reference to an unknown offer, evaluator or criterion).
    pub fn apply_to(&self, evaluation: &mut Evaluation) -> Result<()> {
        match self {
            Change::SetScore(score) => {
                require_offer(evaluation, &score.offer)?;
                require_criterion(evaluation, &score.criterion)?;
                require_evaluator(evaluation, &score.evaluator)?;
                let slot = evaluation.scores.iter_mut().find(|s| {
                    s.offer == score.offer
                        && s.criterion == score.criterion
                        && s.evaluator == score.evaluator
                });
                match slot {
                    Some(slot) => *slot = score.clone(),
                    None => evaluation.scores.push(score.clone()),
                }
            }
            Change::RemoveScore {
                offer,
                criterion,
                evaluator,
            } => {
                let before = evaluation.scores.len();
                evaluation.scores.retain(|s| {
                    !(&s.offer == offer && &s.criterion == criterion && &s.evaluator == evaluator)
                });
                if evaluation.scores.len() == before {
                    return Err(score_not_found(offer, criterion, evaluator));
                }
            }
            Change::SetConsensus(consensus) => {
                require_offer(evaluation, &consensus.offer)?;
                require_criterion(evaluation, &consensus.criterion)?;
                let slot = evaluation
                    .consensus
                    .iter_mut()
                    .find(|c| c.offer == consensus.offer && c.criterion == consensus.criterion);
                match slot {
                    Some(slot) => *slot = consensus.clone(),
                    None => evaluation.consensus.push(consensus.clone()),
                }
            }
            Change::RemoveConsensus { offer, criterion } => {
                let before = evaluation.consensus.len();
                evaluation
                    .consensus
                    .retain(|c| !(&c.offer == offer && &c.criterion == criterion));
                if evaluation.consensus.len() == before {
                    return Err(consensus_not_found(offer, criterion));
                }
            }
            Change::UpsertOffer(offer) => {
                match evaluation.offers.iter_mut().find(|o| o.id == offer.id) {
                    Some(slot) => *slot = offer.clone(),
                    None => evaluation.offers.push(offer.clone()),
                }
            }
            Change::RemoveOffer { offer } => {
                require_offer(evaluation, offer)?;
                evaluation.offers.retain(|o| &o.id != offer);
                evaluation.scores.retain(|s| &s.offer != offer);
                evaluation.consensus.retain(|c| &c.offer != offer);
            }
            Change::UpsertEvaluator(evaluator) => {
                match evaluation
                    .evaluators
                    .iter_mut()
                    .find(|e| e.id == evaluator.id)
                {
                    Some(slot) => *slot = evaluator.clone(),
                    None => evaluation.evaluators.push(evaluator.clone()),
                }
            }
            Change::RemoveEvaluator { evaluator } => {
                require_evaluator(evaluation, evaluator)?;
                evaluation.evaluators.retain(|e| &e.id != evaluator);
                evaluation.scores.retain(|s| &s.evaluator != evaluator);
            }
            Change::UpdateTender(tender) => evaluation.tender = tender.clone(),
            Change::UpdateSettings(settings) => evaluation.settings = settings.clone(),
            Change::ReplaceCriteria(criteria) => {
                evaluation.criteria = criteria.clone();
                let ids = criterion_ids(criteria);
                evaluation.scores.retain(|s| ids.contains(&s.criterion));
                evaluation.consensus.retain(|c| ids.contains(&c.criterion));
            }
        }
        Ok(())
    }
}

/// An evaluation with nothing in it, used to spell one part of the format through the
/// domain's canonical writer rather than a second, drifting copy of it.
fn blank_evaluation() -> Evaluation {
    Evaluation {
        tender: Tender {
            reference: String::new(),
            title: String::new(),
            buyer: String::new(),
            lot: None,
            procedure: None,
            launch_date: None,
            deadline: NaiveDate::MIN,
            currency: None,
        },
        settings: Settings::default(),
        criteria: Vec::new(),
        evaluators: Vec::new(),
        offers: Vec::new(),
        scores: Vec::new(),
        consensus: Vec::new(),
    }
}

/// The JSON of one part of an evaluation: `key` of a blank evaluation that `fill` completed;
/// for a list, its only item. Default settings, which the writer omits, give `{}`.
fn format_part(key: &str, fill: impl FnOnce(&mut Evaluation)) -> Value {
    let mut doc = blank_evaluation();
    fill(&mut doc);
    match evaluation_to_json(&doc).get(key) {
        Some(Value::Array(items)) => items.first().cloned().unwrap_or(Value::Null),
        Some(value) => value.clone(),
        None => json!({}),
    }
}

fn criterion_ids(nodes: &[Criterion]) -> Vec<String> {
    let mut ids = Vec::new();
    let mut stack: Vec<&Criterion> = nodes.iter().collect();
    while let Some(node) = stack.pop() {
        ids.push(node.id.clone());
        stack.extend(node.children());
    }
    ids
}

fn not_found(what: &'static str, key: &str) -> Error {
    Error::NotFound {
        what,
        key: key.to_owned(),
    }
}

fn score_not_found(offer: &str, criterion: &str, evaluator: &str) -> Error {
    not_found("score", &format!("{offer}/{criterion}/{evaluator}"))
}

fn consensus_not_found(offer: &str, criterion: &str) -> Error {
    not_found("consensus", &format!("{offer}/{criterion}"))
}

fn require_offer(evaluation: &Evaluation, id: &str) -> Result<()> {
    match evaluation.offers.iter().any(|o| o.id == id) {
        true => Ok(()),
        false => Err(not_found("offer", id)),
    }
}

fn require_evaluator(evaluation: &Evaluation, id: &str) -> Result<()> {
    match evaluation.evaluators.iter().any(|e| e.id == id) {
        true => Ok(()),
        false => Err(not_found("evaluator", id)),
    }
}

fn require_criterion(evaluation: &Evaluation, id: &str) -> Result<()> {
    match evaluation.criterion(id) {
        Some(_) => Ok(()),
        None => Err(not_found("criterion", id)),
    }
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
    found.ok_or_else(|| not_found(what, id))
}

fn apply_rows(conn: &Connection, tender: TenderId, change: &Change) -> Result<()> {
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
                return Err(not_found("offer", offer));
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
                return Err(not_found("evaluator", evaluator));
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
    }
    Ok(())
}

impl Db {
    /// Applies one change to the tender `reference` and journals it, in one transaction; see
    /// [`Change`] for what each does and refuses. Business rules are not checked here: apply
    /// the change with [`Change::apply_to`] and validate the result before calling this.
    pub fn apply_change(
        &mut self,
        reference: &str,
        change: &Change,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let tender = get_tender_id(tx, reference)?;
            apply_rows(tx, tender, change)?;
            let payload = change.payload().to_string();
            append_entry(tx, tender, at, actor, change.action(), &payload)
        })
    }
}

#[cfg(test)]
mod tests {
    use jauge_domain::{Answer, Certification, CertificationStatus, canonical_hash};

    use super::*;
    use crate::fixture::{self, at, offer, score, scored};

    const REFERENCE: &str = "2026-EX-001";

    fn stored() -> Db {
        let mut db = Db::open_in_memory().unwrap();
        db.import_evaluation(&fixture::evaluation(), at(0), "import")
            .unwrap();
        db
    }

    /// Applies `change` to the stored fixture and to the fixture in memory; both must agree,
    /// and the journal must hold the change. Returns the resulting evaluation.
    fn check(change: Change) -> Evaluation {
        let mut db = stored();
        let mut expected = fixture::evaluation();
        change.apply_to(&mut expected).unwrap();
        db.apply_change(REFERENCE, &change, at(1), "Claire Martin")
            .unwrap();
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
        let error = db
            .apply_change(REFERENCE, &change, at(1), "Claire Martin")
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
        let error = db
            .apply_change(
                REFERENCE,
                &Change::UpdateTender(other.tender.clone()),
                at(1),
                "Claire",
            )
            .unwrap_err();
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
        }));
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
        let error = db
            .apply_change(
                "nope",
                &Change::UpdateSettings(Settings::default()),
                at(1),
                "x",
            )
            .unwrap_err();
        assert_not_found(error, "tender", "nope");
    }

    #[test]
    fn payloads_use_the_spellings_of_the_format() {
        let payload = Change::SetScore(score("o1", "tech.sec", "e1", 4.0)).payload();
        assert_eq!(
            payload.to_string(),
            r#"{"offer":"o1","criterion":"tech.sec","evaluator":"e1","value":4}"#
        );
        assert_eq!(
            Change::UpdateSettings(Settings::default())
                .payload()
                .to_string(),
            "{}"
        );
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
