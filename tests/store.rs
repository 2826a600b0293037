//! Tests for the store area: evaluations survive a round trip through real SQLite files, edits
//! go through the journal, and edits made behind Jauge's back are caught.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use jauge_domain::{Answer, Evaluation, Score, canonical_hash, evaluation_to_json};
use jauge_store::{BreakReason, Change, Db, Edit, Error, JournalBreak};
use proptest::prelude::*;

use crate::generate;
use crate::support::fixture;

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 20, 9, minute, 0).unwrap()
}

fn example() -> Evaluation {
    let text = std::fs::read_to_string(fixture("example-minimal.json")).unwrap();
    jauge_domain::parse_evaluation(&text).expect("the spec example parses")
}

/// Applies `change` through the store as the API does: to the evaluation in memory first, for
/// the state hash, then to the rows, following the journal head. Refused by the store when it
/// refuses it in memory (the state is then left as it was, and so is its hash).
fn apply_change(
    db: &mut Db,
    reference: &str,
    change: &Change,
    at: DateTime<Utc>,
    actor: &str,
) -> jauge_store::Result<String> {
    let (mut state, follows) = db.load_evaluation_with_head(reference)?;
    let _ = change.apply_to(&mut state);
    db.apply_edit(
        reference,
        &Edit {
            change,
            follows: &follows,
            state_hash: &canonical_hash(&state),
            at,
            actor,
            source: None,
        },
    )
}

/// A database file in a fresh temporary folder (kept alive by the returned guard).
fn db_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jauge.db");
    (dir, path)
}

/// A second, raw connection to the file: what someone editing the database outside Jauge has.
fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// The example stored in a real file, with two changes after the import (three journal entries).
fn stored_example() -> (tempfile::TempDir, PathBuf, Evaluation) {
    let (dir, path) = db_file();
    let evaluation = example();
    let reference = evaluation.tender.reference.clone();
    let mut db = Db::open(&path).unwrap();
    db.import_evaluation(&evaluation, at(0), "Claire Martin")
        .unwrap();
    let change = Change::SetScore(Score {
        offer: "o2".into(),
        criterion: "tech.sec".into(),
        evaluator: "e2".into(),
        answer: Answer::Value(4.5),
        justification: Some("Audition du 19/10".into()),
        at: None,
    });
    apply_change(&mut db, &reference, &change, at(1), "Karim Benali").unwrap();
    apply_change(
        &mut db,
        &reference,
        &Change::RemoveScore {
            offer: "o3".into(),
            criterion: "env".into(),
            evaluator: "e1".into(),
        },
        at(2),
        "Claire Martin",
    )
    .unwrap();
    let current = db.load_evaluation(&reference).unwrap();
    (dir, path, current)
}

fn check_broken(path: &Path, reference: &str, expected: JournalBreak) {
    let verdict = Db::open(path).unwrap().verify_journal(reference).unwrap();
    assert_eq!(verdict.broken, Some(expected), "verdict: {verdict:?}");
}

#[test]
fn the_spec_example_round_trips_through_a_file() {
    let (_dir, path) = db_file();
    let evaluation = example();
    let reference = evaluation.tender.reference.clone();
    {
        let mut db = Db::open(&path).unwrap();
        db.import_evaluation(&evaluation, at(0), "Claire Martin")
            .unwrap();
    }
    let db = Db::open(&path).unwrap();
    let loaded = db.load_evaluation(&reference).unwrap();
    assert_eq!(loaded, evaluation, "load gives back what was imported");
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("example-minimal.json")).unwrap())
            .unwrap();
    assert_eq!(
        evaluation_to_json(&loaded),
        file,
        "export gives back the document"
    );
    let verdict = db.verify_journal(&reference).unwrap();
    assert!(verdict.is_intact(), "{verdict:?}");
    assert_eq!(verdict.entries, 1);
    let journal = db.journal(&reference).unwrap();
    assert_eq!(journal[0].action, "evaluation.import");
    assert_eq!(journal[0].state_hash, canonical_hash(&evaluation));
    assert_eq!(verdict.head_hash.as_deref(), Some(journal[0].hash.as_str()));
}

#[test]
fn importing_a_stored_reference_is_refused_and_changes_nothing() {
    let (_dir, path) = db_file();
    let mut db = Db::open(&path).unwrap();
    let first = example();
    db.import_evaluation(&first, at(0), "Claire Martin")
        .unwrap();
    let mut second = first.clone();
    second.tender.title = "Autre marché".into();
    second.offers.truncate(1);
    second.scores.retain(|s| s.offer == "o1");
    let error = db
        .import_evaluation(&second, at(1), "Karim Benali")
        .unwrap_err();
    match &error {
        Error::Conflict { reference } => assert_eq!(reference, "2026-EX-001"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(
        error.to_string().contains("2026-EX-001"),
        "the message names it: {error}"
    );
    assert_eq!(
        db.load_evaluation("2026-EX-001").unwrap(),
        first,
        "stored data unchanged"
    );
    assert_eq!(
        db.journal("2026-EX-001").unwrap().len(),
        1,
        "nothing journaled"
    );
    // Replacing on purpose keeps the history.
    db.replace_evaluation(&second, at(2), "Karim Benali")
        .unwrap();
    assert_eq!(db.load_evaluation("2026-EX-001").unwrap(), second);
    let journal = db.journal("2026-EX-001").unwrap();
    assert_eq!(
        journal
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        ["evaluation.import", "evaluation.replace"]
    );
    assert!(db.verify_journal("2026-EX-001").unwrap().is_intact());
}

#[test]
fn tenders_are_listed_counted_and_deleted() {
    let (_dir, path) = db_file();
    let mut db = Db::open(&path).unwrap();
    let first = example();
    let mut second = example();
    second.tender.reference = "2025-AA-007".into();
    second.scores.clear();
    db.import_evaluation(&first, at(0), "a").unwrap();
    db.import_evaluation(&second, at(3), "a").unwrap();
    apply_change(
        &mut db,
        "2026-EX-001",
        &Change::RemoveOffer { offer: "o3".into() },
        at(5),
        "a",
    )
    .unwrap();
    let list = db.list_tenders().unwrap();
    let summary: Vec<_> = list
        .iter()
        .map(|t| {
            (
                t.reference.as_str(),
                t.offers,
                t.evaluators,
                t.scores,
                t.changed_at,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("2025-AA-007", 3, 2, 0, Some(at(3))),
            ("2026-EX-001", 2, 2, 7, Some(at(5))),
        ]
    );
    assert_eq!(list[1].title, first.tender.title);
    assert_eq!(list[1].deadline, first.tender.deadline);
    db.delete_tender("2025-AA-007").unwrap();
    assert_eq!(db.list_tenders().unwrap().len(), 1);
    for error in [
        db.load_evaluation("2025-AA-007").unwrap_err(),
        db.delete_tender("2025-AA-007").unwrap_err(),
        db.journal("2025-AA-007").unwrap_err(),
    ] {
        assert!(
            matches!(&error, Error::NotFound { what: "tender", key } if key == "2025-AA-007"),
            "{error:?}"
        );
    }
}

#[test]
fn an_untouched_journal_verifies() {
    let (_dir, path, current) = stored_example();
    let db = Db::open(&path).unwrap();
    let verdict = db.verify_journal("2026-EX-001").unwrap();
    let journal = db.journal("2026-EX-001").unwrap();
    assert!(verdict.is_intact(), "{verdict:?}");
    assert_eq!(verdict.entries, 3);
    assert_eq!(verdict.head_hash, journal.last().map(|e| e.hash.clone()));
    assert_eq!(journal[2].state_hash, canonical_hash(&current));
    assert_eq!(
        journal.iter().map(|e| (e.seq, e.at)).collect::<Vec<_>>(),
        [(1, at(0)), (2, at(1)), (3, at(2))]
    );
}

#[test]
fn a_score_edited_behind_jauges_back_is_detected() {
    let (_dir, path, _) = stored_example();
    let edited = raw(&path)
        .execute(
            "UPDATE scores SET value = 5 WHERE offer_id = 'o1' AND criterion_id = 'tech.sec' \
             AND evaluator_id = 'e2'",
            [],
        )
        .unwrap();
    assert_eq!(edited, 1);
    check_broken(
        &path,
        "2026-EX-001",
        JournalBreak {
            seq: 3,
            reason: BreakReason::StateEditedAfter,
        },
    );
}

#[test]
fn a_row_made_unreadable_is_reported_as_an_edit() {
    let (_dir, path, _) = stored_example();
    raw(&path)
        .execute("UPDATE tenders SET deadline = 'demain'", [])
        .unwrap();
    let error = Db::open(&path)
        .unwrap()
        .load_evaluation("2026-EX-001")
        .unwrap_err();
    assert!(matches!(error, Error::Corrupt(_)), "{error:?}");
    check_broken(
        &path,
        "2026-EX-001",
        JournalBreak {
            seq: 3,
            reason: BreakReason::StateEditedAfter,
        },
    );
}

#[test]
fn an_edited_journal_payload_is_detected() {
    let (_dir, path, _) = stored_example();
    raw(&path)
        .execute(
            "UPDATE journal SET payload = replace(payload, '4.5', '2') WHERE seq = 2",
            [],
        )
        .unwrap();
    check_broken(
        &path,
        "2026-EX-001",
        JournalBreak {
            seq: 2,
            reason: BreakReason::HashMismatch,
        },
    );
}

#[test]
fn a_rehashed_journal_entry_breaks_the_next_link() {
    let (_dir, path, _) = stored_example();
    let db = Db::open(&path).unwrap();
    let entry = db.journal("2026-EX-001").unwrap().remove(1);
    drop(db);
    // Someone who knows the layout rewrites entry 2 consistently; entry 3 still points to the
    // old hash.
    let actor = "Quelqu'un d'autre";
    let at_text = raw(&path)
        .query_row("SELECT at FROM journal WHERE seq = 2", [], |r| {
            r.get::<_, String>(0)
        })
        .unwrap();
    let hash = jauge_store::entry_hash(
        &entry.prev_hash,
        2,
        &at_text,
        actor,
        &entry.action,
        &entry.payload,
        &entry.state_hash,
    );
    raw(&path)
        .execute(
            "UPDATE journal SET actor = ?1, hash = ?2 WHERE seq = 2",
            rusqlite::params![actor, hash],
        )
        .unwrap();
    check_broken(
        &path,
        "2026-EX-001",
        JournalBreak {
            seq: 3,
            reason: BreakReason::PrevHashMismatch,
        },
    );
}

#[test]
fn a_deleted_journal_entry_is_detected() {
    let (_dir, path, _) = stored_example();
    raw(&path)
        .execute("DELETE FROM journal WHERE seq = 2", [])
        .unwrap();
    check_broken(
        &path,
        "2026-EX-001",
        JournalBreak {
            seq: 2,
            reason: BreakReason::MissingEntry,
        },
    );
}

#[test]
fn a_deleted_last_entry_is_detected_through_the_state() {
    let (_dir, path, _) = stored_example();
    raw(&path)
        .execute("DELETE FROM journal WHERE seq = 3", [])
        .unwrap();
    check_broken(
        &path,
        "2026-EX-001",
        JournalBreak {
            seq: 2,
            reason: BreakReason::StateEditedAfter,
        },
    );
}

#[test]
fn a_score_on_an_unknown_offer_is_refused_by_a_real_file() {
    let (_dir, path) = db_file();
    let mut db = Db::open(&path).unwrap();
    let mut evaluation = example();
    evaluation.scores[0].offer = "o9".into();
    let error = db
        .import_evaluation(&evaluation, at(0), "Claire")
        .unwrap_err();
    assert!(matches!(error, Error::Sqlite(_)), "{error:?}");
    assert!(db.list_tenders().unwrap().is_empty(), "nothing stored");
}

/// Changes built from a second generated evaluation, applied to the first: every offer and
/// evaluator upserted, the criteria replaced, scores set where their keys exist, and so on.
fn changes_towards(base: &Evaluation, other: &Evaluation) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut tender = other.tender.clone();
    tender.reference = base.tender.reference.clone();
    changes.push(Change::UpdateTender(tender));
    changes.push(Change::UpdateSettings(other.settings.clone()));
    changes.extend(
        other
            .evaluators
            .iter()
            .cloned()
            .map(Change::UpsertEvaluator),
    );
    changes.extend(other.offers.iter().cloned().map(Change::UpsertOffer));
    changes.push(Change::ReplaceCriteria(other.criteria.clone()));
    changes.extend(other.scores.iter().cloned().map(Change::SetScore));
    changes.extend(other.consensus.iter().cloned().map(Change::SetConsensus));
    if let Some(score) = other.scores.first() {
        changes.push(Change::RemoveScore {
            offer: score.offer.clone(),
            criterion: score.criterion.clone(),
            evaluator: score.evaluator.clone(),
        });
    }
    if let Some(consensus) = other.consensus.last() {
        changes.push(Change::RemoveConsensus {
            offer: consensus.offer.clone(),
            criterion: consensus.criterion.clone(),
        });
    }
    if let Some(offer) = base.offers.first() {
        changes.push(Change::RemoveOffer {
            offer: offer.id.clone(),
        });
    }
    if let Some(evaluator) = base.evaluators.last() {
        changes.push(Change::RemoveEvaluator {
            evaluator: evaluator.id.clone(),
        });
    }
    changes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_evaluations_round_trip(evaluation in generate::evaluation()) {
        let mut db = Db::open_in_memory().unwrap();
        db.import_evaluation(&evaluation, at(0), "proptest").unwrap();
        let loaded = db.load_evaluation(&evaluation.tender.reference).unwrap();
        prop_assert_eq!(evaluation_to_json(&loaded), evaluation_to_json(&evaluation));
        prop_assert_eq!(&loaded, &evaluation);
        let verdict = db.verify_journal(&evaluation.tender.reference).unwrap();
        prop_assert!(verdict.is_intact(), "{:?}", verdict);
    }

}

proptest! {
    // Each case applies dozens of changes; fewer cases keep the suite quick on shared machines.
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn stored_changes_agree_with_changes_in_memory(
        base in generate::evaluation(),
        other in generate::evaluation(),
    ) {
        let reference = base.tender.reference.clone();
        let mut db = Db::open_in_memory().unwrap();
        db.import_evaluation(&base, at(0), "proptest").unwrap();
        let mut expected = base.clone();
        let mut applied = 1;
        for change in changes_towards(&base, &other) {
            let in_memory = change.apply_to(&mut expected);
            let stored = apply_change(&mut db, &reference, &change, at(1), "proptest");
            // A change refused in memory (a score on an offer that is not there) is refused by
            // the store too, and leaves both unchanged.
            prop_assert_eq!(in_memory.is_ok(), stored.is_ok(), "{:?}: {:?}", change, stored);
            if stored.is_ok() {
                applied += 1;
            }
        }
        prop_assert_eq!(db.load_evaluation(&reference).unwrap(), expected);
        let verdict = db.verify_journal(&reference).unwrap();
        prop_assert!(verdict.is_intact(), "{:?}", verdict);
        prop_assert_eq!(verdict.entries, applied);
    }
}
