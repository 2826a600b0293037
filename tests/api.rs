//! Tests for `jauge-api`, the crate every host goes through: one check per user action, on real
//! SQLite files in temporary folders. Every refused edit must leave the store file and the
//! journal exactly as they were, and the copy the API keeps in memory equal to the store, which
//! a second connection to the file reads independently.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use jauge_api::domain::{
    Answer, Consensus, CriterionBody, Evaluation, Evaluator, Score, Settings, canonical_hash,
};
use jauge_api::store::{Change, Db, JournalEntry};
use jauge_api::{ErrorCode, NewEvaluation, Store};

use crate::support::repo_file;

const DEMO: &str = "2026-DNUM-CDC-014";

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 20, 9, minute, 0).unwrap()
}

fn demo_text() -> String {
    std::fs::read_to_string(repo_file("assets/demo/cloud-de-confiance.json")).unwrap()
}

/// A store file in a fresh temporary folder with the demo imported.
fn demo_store() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("jauge.sqlite3");
    let mut store = jauge_api::open_store(&path).unwrap();
    assert!(store.warnings().is_empty(), "{:?}", store.warnings());
    jauge_api::import_evaluation(&mut store, &demo_text(), false, at(0), "Claire").unwrap();
    (dir, path, store)
}

/// The stored evaluation as a second connection to the file reads it.
fn read_independently(path: &Path, reference: &str) -> Evaluation {
    Db::open(path).unwrap().load_evaluation(reference).unwrap()
}

/// What a refused edit must leave as it was: the exported text and the journal.
fn snapshot(store: &Store, reference: &str) -> (String, Vec<JournalEntry>) {
    (
        jauge_api::export_evaluation(store, reference).unwrap(),
        jauge_api::list_journal(store, reference).unwrap(),
    )
}

/// The copy in memory, when there is one, is the stored evaluation; the journal verifies.
fn assert_in_step(store: &Store, path: &Path, reference: &str) {
    let stored = read_independently(path, reference);
    if let Some(in_memory) = store.evaluation_in_memory(reference) {
        assert_eq!(in_memory, &stored, "the copy in memory is the stored one");
    }
    let verdict = jauge_api::verify_journal(store, reference).unwrap();
    assert!(verdict.is_intact(), "{verdict:?}");
}

fn demo_score(offer: &str, criterion: &str, evaluator: &str, answer: Answer) -> Score {
    Score {
        offer: offer.into(),
        criterion: criterion.into(),
        evaluator: evaluator.into(),
        answer,
        justification: Some("Revu en commission".into()),
        at: Some("2026-10-21T10:00:00Z".into()),
    }
}

/// Applies `change` to the demo and checks it saved: the results returned are those of the
/// stored evaluation, the journal gained one entry recording its state, and memory, store and
/// journal agree. Returns the stored evaluation.
fn check_applied(store: &mut Store, path: &Path, reference: &str, change: Change) -> Evaluation {
    let entries = jauge_api::list_journal(store, reference).unwrap().len();
    let results = jauge_api::apply_change(store, reference, &change, at(5), "Karim").unwrap();
    let renamed = match &change {
        Change::UpdateTender(tender) => tender.reference.clone(),
        _ => reference.to_owned(),
    };
    let stored = read_independently(path, &renamed);
    assert_eq!(
        results,
        jauge_api::evaluate_evaluation(&stored).unwrap(),
        "{}: the results returned are those of the stored state",
        change.action()
    );
    let journal = jauge_api::list_journal(store, &renamed).unwrap();
    assert_eq!(journal.len(), entries + 1, "{}", change.action());
    let head = journal.last().unwrap();
    assert_eq!(head.action, change.action());
    assert_eq!(head.actor, "Karim");
    assert_eq!(head.state_hash, canonical_hash(&stored));
    assert_in_step(store, path, &renamed);
    stored
}

/// `change` must be refused with `code`, leaving the file, the journal and the copy in memory
/// as they were.
fn check_refused(store: &mut Store, path: &Path, change: Change, code: ErrorCode) -> String {
    let before = snapshot(store, DEMO);
    let error = jauge_api::apply_change(store, DEMO, &change, at(9), "Karim").unwrap_err();
    assert_eq!(error.code(), code, "{}: {error}", change.action());
    assert_eq!(
        snapshot(store, DEMO),
        before,
        "{}: nothing changed",
        change.action()
    );
    assert_in_step(store, path, DEMO);
    error.to_string()
}

#[test]
fn importing_stores_the_file_and_journals_it_once() {
    let (_dir, path, mut store) = demo_store();
    let listed = jauge_api::list_evaluations(&store).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].reference, DEMO);
    assert_eq!(listed[0].offers, 5);
    assert_eq!(listed[0].scores, 126);
    let journal = jauge_api::list_journal(&store, DEMO).unwrap();
    assert_eq!(journal.len(), 1);
    assert_eq!(journal[0].action, "evaluation.import");
    let demo = jauge_api::read_evaluation(&demo_text()).unwrap();
    assert_eq!(read_independently(&path, DEMO), demo);
    assert_eq!(journal[0].state_hash, canonical_hash(&demo));

    // A second import of the same reference is refused and changes nothing.
    let before = snapshot(&store, DEMO);
    let error =
        jauge_api::import_evaluation(&mut store, &demo_text(), false, at(1), "x").unwrap_err();
    assert_eq!(error.code(), ErrorCode::Conflict, "{error}");
    assert_eq!(snapshot(&store, DEMO), before);

    // Invalid text is refused before anything is written.
    let error = jauge_api::import_evaluation(&mut store, "{}", false, at(1), "x").unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid, "{error}");
    assert_eq!(jauge_api::list_evaluations(&store).unwrap().len(), 1);
}

#[test]
fn replacing_keeps_the_journal_and_what_is_in_memory_follows() {
    let (_dir, path, mut store) = demo_store();
    // Open the evaluation in memory with a first edit.
    let score = demo_score("o1", "tech.archi", "e1", Answer::Value(2.0));
    check_applied(&mut store, &path, DEMO, Change::SetScore(score));
    assert!(store.evaluation_in_memory(DEMO).is_some());
    // Replacing it with the file as it was drops the copy...
    let text = demo_text();
    jauge_api::import_evaluation(&mut store, &text, true, at(6), "Claire").unwrap();
    assert!(store.evaluation_in_memory(DEMO).is_none());
    let journal = jauge_api::list_journal(&store, DEMO).unwrap();
    assert_eq!(journal.len(), 3);
    assert_eq!(journal[2].action, "evaluation.replace");
    // ...so the next edit starts from the replaced data.
    let stored = check_applied(
        &mut store,
        &path,
        DEMO,
        Change::RemoveScore {
            offer: "o2".into(),
            criterion: "tech.archi".into(),
            evaluator: "e1".into(),
        },
    );
    let demo = jauge_api::read_evaluation(&text).unwrap();
    assert_eq!(stored.scores.len(), demo.scores.len() - 1);
    assert_eq!(
        stored.scores[0], demo.scores[0],
        "the first edit was replaced"
    );
}

#[test]
fn creating_from_a_template_stores_a_valid_evaluation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jauge.sqlite3");
    let mut store = jauge_api::open_store(&path).unwrap();
    let new = NewEvaluation {
        template: jauge_api::list_templates()[0].name.to_string(),
        reference: "2026-NEW-001".into(),
        title: "Nouvelle consultation".into(),
        buyer: "Acheteur".into(),
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let (evaluation, results) =
        jauge_api::create_evaluation_from_template(&mut store, &new, today, at(0), "Claire")
            .unwrap();
    assert_eq!(evaluation.tender.reference, "2026-NEW-001");
    assert_eq!(read_independently(&path, "2026-NEW-001"), evaluation);
    assert_eq!(
        results,
        jauge_api::evaluate_evaluation(&evaluation).unwrap()
    );
    // The same reference again is a conflict.
    let error =
        jauge_api::create_evaluation_from_template(&mut store, &new, today, at(1), "Claire")
            .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Conflict, "{error}");
}

#[test]
fn exporting_writes_the_stored_evaluation_and_nothing_else() {
    let (dir, _path, mut store) = demo_store();
    let score = demo_score("o3", "env", "e2", Answer::Value(1.0));
    jauge_api::apply_change(&mut store, DEMO, &Change::SetScore(score), at(1), "x").unwrap();
    let out = dir.path().join("export.json");
    jauge_api::export_evaluation_file(&store, DEMO, &out).unwrap();
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written, jauge_api::export_evaluation(&store, DEMO).unwrap());
    assert_eq!(
        jauge_api::read_evaluation(&written).unwrap(),
        jauge_api::load_evaluation(&store, DEMO).unwrap()
    );
    assert_eq!(
        leftovers(dir.path()),
        Vec::<String>::new(),
        "no temporary file left"
    );
    // An unknown reference writes nothing.
    let missing = dir.path().join("missing.json");
    let error = jauge_api::export_evaluation_file(&store, "nope", &missing).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
    assert!(!missing.exists());
}

/// Temporary files left in `folder`.
fn leftovers(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".partial"))
        .collect()
}

#[test]
fn a_failed_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be: the rename fails after the temporary was written.
    let target = dir.path().join("report.pdf");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep"), "x").unwrap();
    let error = jauge_api::write_file_atomically(&target, b"%PDF-1.7").unwrap_err();
    assert_eq!(error.code(), ErrorCode::Io, "{error}");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    // A folder that does not exist: nothing is created at all.
    let error =
        jauge_api::write_file_atomically(&dir.path().join("no/such/file.json"), b"{}").unwrap_err();
    assert_eq!(error.code(), ErrorCode::Io, "{error}");
    // And the ordinary case replaces an existing file whole.
    let file = dir.path().join("out.json");
    std::fs::write(&file, "old and longer").unwrap();
    jauge_api::write_file_atomically(&file, b"new").unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), b"new");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn deleting_removes_the_evaluation_and_its_copy_in_memory() {
    let (_dir, path, mut store) = demo_store();
    let score = demo_score("o1", "env", "e1", Answer::Value(5.0));
    jauge_api::apply_change(&mut store, DEMO, &Change::SetScore(score), at(1), "x").unwrap();
    jauge_api::delete_evaluation(&mut store, DEMO).unwrap();
    assert!(store.evaluation_in_memory(DEMO).is_none());
    assert!(jauge_api::list_evaluations(&store).unwrap().is_empty());
    assert!(Db::open(&path).unwrap().load_evaluation(DEMO).is_err());
    let error = jauge_api::delete_evaluation(&mut store, DEMO).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
    // Importing it again starts a fresh journal, and edits go to the new rows.
    jauge_api::import_evaluation(&mut store, &demo_text(), false, at(2), "x").unwrap();
    let score = demo_score("o2", "env", "e1", Answer::Value(0.0));
    check_applied(&mut store, &path, DEMO, Change::SetScore(score));
    assert_eq!(jauge_api::list_journal(&store, DEMO).unwrap().len(), 2);
}

#[test]
fn every_kind_of_change_is_saved_journaled_and_kept_in_step() {
    let (_dir, path, mut store) = demo_store();
    let demo = jauge_api::read_evaluation(&demo_text()).unwrap();

    // Scores: replaced in place, added, removed.
    let replaced = demo_score("o1", "tech.archi", "e1", Answer::Value(1.0));
    let stored = check_applied(&mut store, &path, DEMO, Change::SetScore(replaced.clone()));
    assert_eq!(stored.scores[0], replaced, "same place");
    let requirement = demo_score("o1", "req.loc", "e3", Answer::Met(false));
    let stored = check_applied(
        &mut store,
        &path,
        DEMO,
        Change::SetScore(requirement.clone()),
    );
    assert!(stored.scores.contains(&requirement));
    let stored = check_applied(
        &mut store,
        &path,
        DEMO,
        Change::RemoveScore {
            offer: "o1".into(),
            criterion: "req.loc".into(),
            evaluator: "e3".into(),
        },
    );
    assert!(!stored.scores.contains(&requirement));

    // Consensus: set, removed.
    let decision = Consensus {
        offer: "o2".into(),
        criterion: "tech.ops".into(),
        answer: Answer::Value(3.0),
        justification: "Accord après audition".into(),
    };
    let stored = check_applied(
        &mut store,
        &path,
        DEMO,
        Change::SetConsensus(decision.clone()),
    );
    assert_eq!(stored.consensus.last(), Some(&decision));
    let stored = check_applied(
        &mut store,
        &path,
        DEMO,
        Change::RemoveConsensus {
            offer: "o2".into(),
            criterion: "tech.ops".into(),
        },
    );
    assert!(!stored.consensus.contains(&decision));

    // Offers and evaluators: upserted, removed with their scores.
    let mut offer = demo.offers[1].clone();
    offer.price = Some(1_990_000.0);
    let stored = check_applied(&mut store, &path, DEMO, Change::UpsertOffer(offer.clone()));
    assert_eq!(stored.offers[1], offer);
    let stored = check_applied(
        &mut store,
        &path,
        DEMO,
        Change::RemoveOffer { offer: "o5".into() },
    );
    assert!(stored.scores.iter().all(|s| s.offer != "o5"));
    let evaluator = Evaluator {
        id: "e4".into(),
        name: "Nadia Haddad".into(),
        role: Some("Juriste".into()),
    };
    let stored = check_applied(&mut store, &path, DEMO, Change::UpsertEvaluator(evaluator));
    assert_eq!(stored.evaluators.len(), 4);
    let stored = check_applied(
        &mut store,
        &path,
        DEMO,
        Change::RemoveEvaluator {
            evaluator: "e3".into(),
        },
    );
    assert!(stored.scores.iter().all(|s| s.evaluator != "e3"));

    // Settings, then the criteria tree (scores of a dropped leaf go with it).
    let settings = Settings {
        divergence_threshold: Some(0.5),
        ..demo.settings.clone()
    };
    check_applied(&mut store, &path, DEMO, Change::UpdateSettings(settings));
    let mut criteria = demo.criteria.clone();
    let CriterionBody::Group { children } = &mut criteria[2].body else {
        panic!("rev is a group");
    };
    children.truncate(1);
    children[0].weight = 15.0;
    let stored = check_applied(&mut store, &path, DEMO, Change::ReplaceCriteria(criteria));
    assert!(stored.scores.iter().all(|s| s.criterion != "rev.terms"));

    // Tender data, then a rename: the copy in memory follows the new reference.
    let mut tender = demo.tender.clone();
    tender.title = "Hébergement en cloud de confiance — lot unique".into();
    check_applied(
        &mut store,
        &path,
        DEMO,
        Change::UpdateTender(tender.clone()),
    );
    tender.reference = "2026-DNUM-CDC-015".into();
    check_applied(&mut store, &path, DEMO, Change::UpdateTender(tender));
    assert!(store.evaluation_in_memory(DEMO).is_none());
    assert!(store.evaluation_in_memory("2026-DNUM-CDC-015").is_some());
    let score = demo_score("o2", "env", "e1", Answer::Value(4.0));
    check_applied(
        &mut store,
        &path,
        "2026-DNUM-CDC-015",
        Change::SetScore(score),
    );
    let (evaluation, _) = jauge_api::change_evaluation(
        &mut store,
        "2026-DNUM-CDC-015",
        &Change::SetScore(demo_score("o2", "env", "e2", Answer::Value(4.0))),
        at(7),
        "x",
    )
    .unwrap();
    assert_eq!(evaluation, read_independently(&path, "2026-DNUM-CDC-015"));
}

#[test]
fn refused_edits_change_nothing() {
    let (_dir, path, mut store) = demo_store();
    let demo = jauge_api::read_evaluation(&demo_text()).unwrap();
    // Refusals before anything is in memory, then with the copy open.
    let value = |offer: &str, criterion: &str, evaluator: &str, v: f64| {
        Change::SetScore(demo_score(offer, criterion, evaluator, Answer::Value(v)))
    };
    let message = check_refused(
        &mut store,
        &path,
        value("o9", "env", "e1", 1.0),
        ErrorCode::NotFound,
    );
    assert!(message.contains("o9"), "{message}");
    jauge_api::apply_change(&mut store, DEMO, &value("o1", "env", "e1", 2.0), at(1), "x").unwrap();
    assert!(store.evaluation_in_memory(DEMO).is_some());
    check_refused(
        &mut store,
        &path,
        value("o1", "env", "e9", 1.0),
        ErrorCode::NotFound,
    );
    check_refused(
        &mut store,
        &path,
        value("o1", "nope", "e1", 1.0),
        ErrorCode::NotFound,
    );
    // Off the scale, off the step: the path is where the score is (or would be) in the file.
    let message = check_refused(
        &mut store,
        &path,
        value("o1", "tech.archi", "e1", 6.0),
        ErrorCode::Invalid,
    );
    assert!(message.contains("scores[0].value"), "{message}");
    let message = check_refused(
        &mut store,
        &path,
        value("o1", "tech.archi", "e1", 2.5),
        ErrorCode::Invalid,
    );
    assert!(message.contains("scores[0].value"), "{message}");
    // o1 has no score by e3 on req.loc: the problem names the place it would take, last.
    let message = check_refused(
        &mut store,
        &path,
        Change::SetScore(demo_score("o1", "req.loc", "e3", Answer::Value(1.0))),
        ErrorCode::Invalid,
    );
    assert!(
        message.contains(&format!("scores[{}].value", demo.scores.len())),
        "{message}"
    );
    // A group, the price, a requirement checked from certifications, `met` on a scale.
    check_refused(
        &mut store,
        &path,
        value("o1", "tech", "e1", 1.0),
        ErrorCode::Invalid,
    );
    check_refused(
        &mut store,
        &path,
        value("o1", "price", "e1", 1.0),
        ErrorCode::Invalid,
    );
    check_refused(
        &mut store,
        &path,
        Change::SetScore(demo_score("o1", "req.snc", "e1", Answer::Met(true))),
        ErrorCode::Invalid,
    );
    check_refused(
        &mut store,
        &path,
        Change::SetScore(demo_score("o1", "env", "e1", Answer::Met(true))),
        ErrorCode::Invalid,
    );
    let mut bad_time = demo_score("o1", "env", "e1", Answer::Value(1.0));
    bad_time.at = Some("yesterday".into());
    check_refused(
        &mut store,
        &path,
        Change::SetScore(bad_time),
        ErrorCode::Invalid,
    );
    // Consensus without justification, on an unknown offer; removals of nothing.
    check_refused(
        &mut store,
        &path,
        Change::SetConsensus(Consensus {
            offer: "o1".into(),
            criterion: "env".into(),
            answer: Answer::Value(3.0),
            justification: " ".into(),
        }),
        ErrorCode::Invalid,
    );
    check_refused(
        &mut store,
        &path,
        Change::SetConsensus(Consensus {
            offer: "o9".into(),
            criterion: "env".into(),
            answer: Answer::Value(3.0),
            justification: "x".into(),
        }),
        ErrorCode::NotFound,
    );
    check_refused(
        &mut store,
        &path,
        Change::RemoveScore {
            offer: "o1".into(),
            criterion: "env".into(),
            evaluator: "e9".into(),
        },
        ErrorCode::NotFound,
    );
    check_refused(
        &mut store,
        &path,
        Change::RemoveConsensus {
            offer: "o4".into(),
            criterion: "env".into(),
        },
        ErrorCode::NotFound,
    );
    check_refused(
        &mut store,
        &path,
        Change::RemoveOffer { offer: "o9".into() },
        ErrorCode::NotFound,
    );
    check_refused(
        &mut store,
        &path,
        Change::RemoveEvaluator {
            evaluator: "e9".into(),
        },
        ErrorCode::NotFound,
    );
    // Offers, evaluators, settings, tender and criteria that break the rules.
    let mut offer = demo.offers[0].clone();
    offer.bidder = String::new();
    check_refused(
        &mut store,
        &path,
        Change::UpsertOffer(offer),
        ErrorCode::Invalid,
    );
    let mut offer = demo.offers[0].clone();
    offer.price = None;
    check_refused(
        &mut store,
        &path,
        Change::UpsertOffer(offer),
        ErrorCode::Invalid,
    );
    let evaluator = Evaluator {
        id: "bad id".into(),
        name: "X".into(),
        role: None,
    };
    check_refused(
        &mut store,
        &path,
        Change::UpsertEvaluator(evaluator),
        ErrorCode::Invalid,
    );
    let settings = Settings {
        divergence_threshold: Some(2.0),
        ..demo.settings.clone()
    };
    check_refused(
        &mut store,
        &path,
        Change::UpdateSettings(settings),
        ErrorCode::Invalid,
    );
    let mut tender = demo.tender.clone();
    tender.title = String::new();
    check_refused(
        &mut store,
        &path,
        Change::UpdateTender(tender),
        ErrorCode::Invalid,
    );
    let mut criteria = demo.criteria.clone();
    criteria[0].weight = 50.0;
    check_refused(
        &mut store,
        &path,
        Change::ReplaceCriteria(criteria),
        ErrorCode::Invalid,
    );
    // A rename onto another stored reference: refused by the store, after the copy in memory
    // had taken the change; the copy is dropped, and the next edit reads the store again.
    let mut other = demo.clone();
    other.tender.reference = "2026-OTHER".into();
    jauge_api::create_evaluation(&mut store, &other, at(2), "x").unwrap();
    check_refused(
        &mut store,
        &path,
        Change::UpdateTender(other.tender.clone()),
        ErrorCode::Conflict,
    );
    check_applied(&mut store, &path, DEMO, value("o1", "env", "e1", 3.0));
}

#[test]
fn an_edit_after_another_program_wrote_starts_from_the_stored_data() {
    let (_dir, path, mut store) = demo_store();
    let mut other = jauge_api::open_store(&path).unwrap();
    let score = |evaluator: &str, v: f64| {
        Change::SetScore(demo_score("o4", "tech.ops", evaluator, Answer::Value(v)))
    };
    jauge_api::apply_change(&mut store, DEMO, &score("e1", 1.0), at(1), "app").unwrap();
    // The command line, say, edits the same file meanwhile.
    jauge_api::apply_change(&mut other, DEMO, &score("e2", 2.0), at(2), "cli").unwrap();
    check_applied(&mut store, &path, DEMO, score("e3", 3.0));
    let stored = read_independently(&path, DEMO);
    for (evaluator, v) in [("e1", 1.0), ("e2", 2.0), ("e3", 3.0)] {
        let found = stored
            .scores
            .iter()
            .find(|s| s.offer == "o4" && s.criterion == "tech.ops" && s.evaluator == evaluator)
            .unwrap();
        assert_eq!(found.answer, Answer::Value(v), "{evaluator}'s edit is kept");
    }
}

#[test]
fn the_journal_lists_every_edit_and_catches_edits_behind_jauges_back() {
    let (_dir, path, mut store) = demo_store();
    for (i, v) in [1.0, 2.0, 3.0].into_iter().enumerate() {
        let score = demo_score("o2", "env", "e2", Answer::Value(v));
        jauge_api::apply_change(
            &mut store,
            DEMO,
            &Change::SetScore(score),
            at(i as u32),
            "x",
        )
        .unwrap();
    }
    let journal = jauge_api::list_journal(&store, DEMO).unwrap();
    assert_eq!(journal.len(), 4);
    assert!(journal.windows(2).all(|w| w[1].prev_hash == w[0].hash));
    let verdict = jauge_api::verify_journal(&store, DEMO).unwrap();
    assert!(verdict.is_intact());
    assert_eq!(verdict.head_hash.as_deref(), Some(journal[3].hash.as_str()));
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE scores SET value = 0 WHERE offer_id = 'o1' AND value IS NOT NULL",
            [],
        )
        .unwrap();
    let verdict = jauge_api::verify_journal(&store, DEMO).unwrap();
    assert!(!verdict.is_intact(), "{verdict:?}");
}

#[test]
fn a_stored_report_is_written_to_a_file_with_its_fingerprint() {
    let (dir, _path, store) = demo_store();
    let out = dir.path().join("rapport.pdf");
    let report =
        jauge_api::export_report_file(&store, DEMO, jauge_api::Lang::Fr, at(3), &out).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(report.bytes, bytes.len() as u64);
    assert_eq!(report.sha256, jauge_api::domain::sha256_hex(&bytes));
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    let extracted = jauge_api::extract_evaluation_file(&out).unwrap();
    assert_eq!(
        extracted.evaluation,
        jauge_api::load_evaluation(&store, DEMO).unwrap()
    );
    assert!(extracted.covered_by.is_none(), "an unsigned report");
}

#[test]
fn price_formulas_are_simulated_on_the_stored_evaluation() {
    let (_dir, _path, store) = demo_store();
    let simulations = jauge_api::simulate_stored_price_formulas(&store, DEMO).unwrap();
    assert_eq!(simulations.len(), 4, "the four formulas of the spec");
    let (evaluation, results) = jauge_api::evaluate_stored(&store, DEMO).unwrap();
    let current = simulations
        .iter()
        .find(|s| {
            matches!(evaluation.price_leaf().map(|c| &c.body),
                Some(CriterionBody::Price { formula }) if *formula == s.formula)
        })
        .unwrap();
    assert_eq!(
        current.results, results,
        "the tender's own formula gives its results"
    );
}

/// A file of `len` bytes that takes no room on disk (a hole), for limits far above the fixtures.
fn sparse_file(dir: &Path, name: &str, len: usize) -> PathBuf {
    let path = dir.join(name);
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(len as u64).unwrap();
    path
}

fn too_large_limit(error: jauge_api::Error) -> String {
    let jauge_api::Error::Invalid(invalid) = error else {
        panic!("expected invalid input, got {error:?}");
    };
    let problem = &invalid.problems[0];
    assert_eq!(problem.code, jauge_api::domain::ProblemCode::TooLarge);
    problem.params.get("limit").unwrap_or_default().to_owned()
}

#[test]
fn oversized_pdfs_and_key_files_are_refused_before_they_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = sparse_file(dir.path(), "huge.pdf", jauge_signing::MAX_PDF_BYTES + 1);
    let limit = jauge_signing::MAX_PDF_BYTES.to_string();
    let verify = jauge_api::verify_report_file(&pdf).unwrap_err();
    assert_eq!(too_large_limit(verify), limit);
    let extract = jauge_api::extract_evaluation_file(&pdf).unwrap_err();
    assert_eq!(too_large_limit(extract), limit);

    let report = dir.path().join("report.pdf");
    std::fs::write(
        &report,
        jauge_api::render_report(
            &jauge_api::read_evaluation(&demo_text()).unwrap(),
            jauge_api::Lang::Fr,
            at(0),
        )
        .unwrap(),
    )
    .unwrap();
    let key = sparse_file(
        dir.path(),
        "huge.p12",
        jauge_signing::MAX_KEY_FILE_BYTES + 1,
    );
    let request = jauge_api::SignatureRequest {
        reason: None,
        location: None,
        visible: false,
        at: Utc::now(),
    };
    let output = dir.path().join("signed.pdf");
    let sign = jauge_api::sign_report_file(&report, &output, &key, "", &request).unwrap_err();
    assert_eq!(
        too_large_limit(sign),
        jauge_signing::MAX_KEY_FILE_BYTES.to_string()
    );
    assert!(!output.exists(), "nothing is written");
}
