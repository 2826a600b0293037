//! The committee on several laptops (`jauge_api::package`): the buyer's and each evaluator's
//! databases are separate SQLite files, as on separate laptops; packages and return files pass
//! between them as files. Every refusal is checked to leave the buyer's store and journal as
//! they were.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use jauge_api::domain::package::{EvaluatorReturn, parse_return, return_to_string, scores_sha256};
use jauge_api::domain::{Answer, Evaluation, Offer, Score};
use jauge_api::store::Change;
use jauge_api::{ErrorCode, PackageRequest, Store};

use crate::support::repo_file;

const DEMO: &str = "2026-DNUM-CDC-014";

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 16, 9, 0, 0).unwrap() + Duration::minutes(minutes)
}

/// The demo less Sophie Lambert's (e1) scores on o4 and o5: what the buyer holds before the
/// committee member has scored those two offers.
fn buyer_evaluation() -> Evaluation {
    let text = std::fs::read_to_string(repo_file("assets/demo/cloud-de-confiance.json")).unwrap();
    let mut evaluation = jauge_api::read_evaluation(&text).unwrap();
    evaluation
        .scores
        .retain(|s| !(s.evaluator == "e1" && ["o4", "o5"].contains(&s.offer.as_str())));
    evaluation
}

struct Laptop {
    _dir: tempfile::TempDir,
    folder: PathBuf,
    store: Store,
}

impl Laptop {
    fn new() -> Laptop {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().to_path_buf();
        let store = jauge_api::open_store(&folder.join("jauge.sqlite3")).unwrap();
        Laptop {
            _dir: dir,
            folder,
            store,
        }
    }

    fn buyer() -> Laptop {
        let mut laptop = Laptop::new();
        let text = jauge_api::domain::evaluation_to_string(&buyer_evaluation());
        jauge_api::import_evaluation(&mut laptop.store, &text, false, at(0), "Claire").unwrap();
        laptop
    }

    fn file(&self, name: &str) -> PathBuf {
        self.folder.join(name)
    }

    /// The stored evaluation's fingerprint and journal length: what a refusal must not move.
    fn state(&self) -> (String, usize) {
        let evaluation = jauge_api::load_evaluation(&self.store, DEMO).unwrap();
        let journal = jauge_api::list_journal(&self.store, DEMO).unwrap();
        (
            jauge_api::domain::canonical_hash(&evaluation),
            journal.len(),
        )
    }
}

fn score(offer: &str, criterion: &str, value: f64, justification: &str) -> Score {
    Score {
        offer: offer.into(),
        criterion: criterion.into(),
        evaluator: "e1".into(),
        answer: Answer::Value(value),
        justification: Some(justification.into()),
        at: None,
    }
}

/// The buyer exports e1's package; e1 opens it on their laptop and scores o4 and o5 on the
/// technical criteria; returns the path of the return file (written on e1's laptop).
fn scored_return(buyer: &mut Laptop, evaluator: &mut Laptop, request: &PackageRequest) -> PathBuf {
    let package = buyer.file("paquet-e1.json");
    jauge_api::export_package_file(&mut buyer.store, DEMO, request, at(1), "Claire", &package)
        .unwrap();
    let received = evaluator.file("paquet-e1.json");
    std::fs::copy(&package, &received).unwrap();
    jauge_api::open_package_file(&mut evaluator.store, &received, false, at(2), "Sophie").unwrap();
    for (i, (offer, value)) in [("o4", 2.0), ("o5", 3.0)].into_iter().enumerate() {
        let change = Change::SetScore(score(offer, "tech.archi", value, "Deux zones seulement."));
        jauge_api::apply_change(
            &mut evaluator.store,
            DEMO,
            &change,
            at(3 + i as i64),
            "Sophie",
        )
        .unwrap();
    }
    let returned = evaluator.file("retour-e1.json");
    jauge_api::write_return_file(&evaluator.store, DEMO, at(10), &returned, None).unwrap();
    returned
}

fn all(evaluator: &str) -> PackageRequest {
    PackageRequest {
        evaluator: evaluator.into(),
        criteria: None,
    }
}

fn held(store: &Store, offer: &str, criterion: &str) -> Option<Answer> {
    jauge_api::load_evaluation(store, DEMO)
        .unwrap()
        .scores
        .into_iter()
        .find(|s| s.offer == offer && s.criterion == criterion && s.evaluator == "e1")
        .map(|s| s.answer)
}

#[test]
fn a_package_holds_one_evaluator_their_criteria_and_their_scores_and_no_committee_decision() {
    let mut buyer = Laptop::buyer();
    let path = buyer.file("paquet.json");
    let request = PackageRequest {
        evaluator: "e2".into(),
        criteria: Some(vec!["tech.iam".into(), "tech.archi".into()]),
    };
    jauge_api::export_package_file(&mut buyer.store, DEMO, &request, at(1), "Claire", &path)
        .unwrap();
    let package = jauge_api::read_package_file(&path).unwrap();
    assert_eq!(package.evaluator, "e2");
    assert_eq!(
        package.criteria,
        ["tech.archi", "tech.iam"],
        "in tree order"
    );
    let cut = &package.evaluation;
    assert_eq!(cut.evaluators.len(), 1);
    assert_eq!(cut.evaluators[0].id, "e2");
    assert!(cut.consensus.is_empty(), "no committee decision leaves");
    assert!(!cut.scores.is_empty());
    assert!(
        cut.scores
            .iter()
            .all(|s| s.evaluator == "e2"
                && ["tech.archi", "tech.iam"].contains(&s.criterion.as_str()))
    );
    let buyer_copy = jauge_api::load_evaluation(&buyer.store, DEMO).unwrap();
    assert_eq!(
        package.source_sha256,
        jauge_api::domain::canonical_hash(&buyer_copy)
    );
    // The price and an automatically checked requirement are not an evaluator's to score.
    for criterion in ["price", "req.snc"] {
        let request = PackageRequest {
            evaluator: "e2".into(),
            criteria: Some(vec![criterion.into()]),
        };
        let error = jauge_api::export_package_file(
            &mut buyer.store,
            DEMO,
            &request,
            at(1),
            "Claire",
            &path,
        )
        .unwrap_err();
        assert_eq!(error.code(), ErrorCode::Invalid, "{criterion}: {error}");
    }
}

#[test]
fn a_return_file_merges_in_one_journal_entry_naming_it_and_a_second_import_changes_nothing() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    let returned = scored_return(&mut buyer, &mut sophie, &all("e1"));
    let (_, entries_before) = buyer.state();

    let merged =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &returned, false, at(20), "Claire")
            .unwrap();
    assert_eq!(merged.evaluator, "e1");
    assert_eq!(merged.written, 2, "o4 and o5 on tech.archi: {merged:?}");
    assert!(merged.conflicts.is_empty());
    assert!(
        merged.unchanged > 0,
        "e1's earlier scores came back as they were"
    );
    assert_eq!(
        held(&buyer.store, "o4", "tech.archi"),
        Some(Answer::Value(2.0))
    );
    assert_eq!(
        held(&buyer.store, "o5", "tech.archi"),
        Some(Answer::Value(3.0))
    );

    let journal = jauge_api::list_journal(&buyer.store, DEMO).unwrap();
    assert_eq!(
        journal.len(),
        entries_before + 1,
        "one entry for the whole file"
    );
    let entry = journal.last().unwrap();
    assert_eq!(entry.action, "scores.import");
    let sha = jauge_api::domain::sha256_hex(&std::fs::read(&returned).unwrap());
    assert_eq!(merged.file.sha256, sha);
    assert!(
        entry.payload.contains("retour-e1.json"),
        "{}",
        entry.payload
    );
    assert!(entry.payload.contains(&sha), "{}", entry.payload);
    assert!(
        jauge_api::verify_journal(&buyer.store, DEMO)
            .unwrap()
            .broken
            .is_none()
    );

    let state = buyer.state();
    let again =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &returned, false, at(21), "Claire")
            .unwrap();
    assert_eq!(again.written, 0);
    assert!(again.conflicts.is_empty());
    assert!(!again.changed);
    assert_received_unchanged(&buyer, &state);
}

/// The evaluation did not move, and the journal gained one entry tracing the file received
/// with its outcome `nothing_changed`.
fn assert_received_unchanged(buyer: &Laptop, before: &(String, usize)) {
    let after = buyer.state();
    assert_eq!(after.0, before.0, "a file imported twice changes nothing");
    assert_eq!(after.1, before.1 + 1, "but its reception is journaled");
    let entry = jauge_api::list_journal(&buyer.store, DEMO)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(entry.action, "scores.import");
    assert!(
        entry.payload.contains("\"outcome\":\"nothing_changed\""),
        "{}",
        entry.payload
    );
}

/// The journal verifies: its chain holds and its head's state hash is the stored evaluation's
/// (each merge's state hash is computed from the evaluation in memory, not read back).
fn assert_journal_intact(laptop: &Laptop) {
    let verdict = jauge_api::verify_journal(&laptop.store, DEMO).unwrap();
    assert!(verdict.broken.is_none(), "{verdict:?}");
}

#[test]
fn a_cell_held_with_another_value_is_a_conflict_kept_until_the_buyer_takes_the_files() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    let returned = scored_return(&mut buyer, &mut sophie, &all("e1"));
    // Meanwhile, the buyer typed a score of their own for e1 on o4.
    let typed = Change::SetScore(score("o4", "tech.archi", 4.0, "Noté en séance."));
    jauge_api::apply_change(&mut buyer.store, DEMO, &typed, at(15), "Claire").unwrap();

    let merged =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &returned, false, at(20), "Claire")
            .unwrap();
    assert_eq!(merged.written, 1, "o5 only");
    assert_eq!(merged.conflicts.len(), 1);
    let conflict = &merged.conflicts[0];
    assert_eq!(
        (
            conflict.ours.offer.as_str(),
            conflict.ours.criterion.as_str()
        ),
        ("o4", "tech.archi")
    );
    assert_eq!(conflict.ours.answer, Answer::Value(4.0));
    assert_eq!(conflict.theirs.answer, Answer::Value(2.0));
    assert_eq!(
        held(&buyer.store, "o4", "tech.archi"),
        Some(Answer::Value(4.0)),
        "never overwritten silently"
    );

    let taken =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &returned, true, at(25), "Claire")
            .unwrap();
    assert_eq!(taken.written, 1);
    assert!(taken.conflicts.is_empty());
    assert_eq!(
        held(&buyer.store, "o4", "tech.archi"),
        Some(Answer::Value(2.0))
    );
    assert_journal_intact(&buyer);
}

/// Rewrites a return file through `edit`; `reseal` recomputes its check sum, as someone who
/// knows the format would.
fn tampered(source: &Path, target: &Path, reseal: bool, edit: impl FnOnce(&mut EvaluatorReturn)) {
    let mut file = parse_return(&std::fs::read_to_string(source).unwrap()).unwrap();
    edit(&mut file);
    if reseal {
        file.scores_sha256 = scores_sha256(&file.scores);
    }
    std::fs::write(target, return_to_string(&file)).unwrap();
}

#[test]
fn every_refused_return_file_leaves_the_store_and_the_journal_as_they_were() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    let returned = scored_return(&mut buyer, &mut sophie, &all("e1"));
    let bad = buyer.file("retour-modifié.json");

    type Edit = Box<dyn FnOnce(&mut EvaluatorReturn)>;
    let cases: Vec<(&str, bool, Edit, &str)> = vec![
        (
            "another tender",
            true,
            Box::new(|f| f.tender = "2026-AUTRE-001".into()),
            "2026-AUTRE-001",
        ),
        (
            "a score changed by hand",
            false,
            Box::new(|f| f.scores[0].answer = Answer::Value(5.0)),
            "scores_sha256",
        ),
        (
            "another evaluator's score slipped in",
            true,
            Box::new(|f| f.scores[0].evaluator = "e2".into()),
            "scores[0]",
        ),
        (
            "an evaluator the tender does not have",
            true,
            Box::new(|f| f.evaluator = "e9".into()),
            "e9",
        ),
        (
            "the price scored by hand",
            true,
            Box::new(|f| f.scores[0].criterion = "price".into()),
            "price",
        ),
        (
            "another format",
            true,
            Box::new(|f| f.format = "jauge-evaluator-return/9".into()),
            "format",
        ),
    ];
    for (case, reseal, edit, named) in cases {
        tampered(&returned, &bad, reseal, edit);
        let before = buyer.state();
        let error =
            jauge_api::import_return_file(&mut buyer.store, DEMO, &bad, false, at(30), "Claire")
                .unwrap_err();
        assert_eq!(error.code(), ErrorCode::Invalid, "{case}: {error}");
        assert!(error.to_string().contains(named), "{case}: {error}");
        assert_eq!(buyer.state(), before, "{case}: nothing written");
    }

    // Not JSON at all, and a package where a return file is expected.
    std::fs::write(&bad, "PK\u{3}\u{4} not a return file").unwrap();
    let before = buyer.state();
    let error =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &bad, false, at(30), "Claire")
            .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid);
    assert_eq!(buyer.state(), before);

    // The criteria or offers changed after the package was sent: the scores were given on
    // another basis.
    let late = Change::UpsertOffer(Offer {
        id: "o6".into(),
        bidder: "Retardataire SA".into(),
        name: None,
        price: Some(1_900_000.0),
        irregular: None,
        certifications: None,
    });
    jauge_api::apply_change(&mut buyer.store, DEMO, &late, at(31), "Claire").unwrap();
    let before = buyer.state();
    let error =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &returned, false, at(32), "Claire")
            .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid);
    assert!(error.to_string().contains("basis_sha256"), "{error}");
    assert_eq!(buyer.state(), before);
}

#[test]
fn a_corrected_price_does_not_make_a_package_stale() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    let returned = scored_return(&mut buyer, &mut sophie, &all("e1"));
    let mut offer = jauge_api::load_evaluation(&buyer.store, DEMO)
        .unwrap()
        .offers[0]
        .clone();
    offer.price = Some(2_370_000.0);
    jauge_api::apply_change(
        &mut buyer.store,
        DEMO,
        &Change::UpsertOffer(offer),
        at(15),
        "Claire",
    )
    .unwrap();
    let merged =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &returned, false, at(20), "Claire")
            .unwrap();
    assert_eq!(merged.written, 2);
}

#[test]
fn the_committee_sees_who_has_scored_what_per_group() {
    let buyer = Laptop::buyer();
    let progress = jauge_api::committee_progress(&buyer.store, DEMO).unwrap();
    let names: Vec<&str> = progress.iter().map(|p| p.evaluator.as_str()).collect();
    assert_eq!(names, ["e1", "e2", "e3"]);
    let evaluation = jauge_api::load_evaluation(&buyer.store, DEMO).unwrap();
    let by_hand = evaluation
        .leaves()
        .into_iter()
        .filter(|c| jauge_api::domain::package::is_scored_by_hand(c))
        .count() as u32;
    let offers = evaluation.offers.len() as u32;
    for p in &progress {
        assert_eq!(p.cells, by_hand * offers, "{p:?}");
        assert_eq!(p.groups.iter().map(|g| g.cells).sum::<u32>(), p.cells);
        assert_eq!(p.groups.iter().map(|g| g.given).sum::<u32>(), p.given);
        let scored = evaluation
            .scores
            .iter()
            .filter(|s| s.evaluator == p.evaluator)
            .count();
        assert_eq!(p.given as usize, scored, "{p:?}");
    }
    // e1's scores on o4 and o5 were taken out of the buyer's copy: 9 criteria × 3 offers left.
    let sophie = &progress[0];
    assert_eq!(sophie.given, 27);
    let technical = sophie
        .groups
        .iter()
        .find(|g| g.criterion == "tech")
        .unwrap();
    assert_eq!((technical.given, technical.cells), (12, 20));
    // The price is computed, not scored: its top-level group expects nothing and is left out.
    assert!(sophie.groups.iter().all(|g| g.criterion != "price"));
}

fn declared(offer: &str, conflict: bool) -> jauge_api::domain::Declaration {
    jauge_api::domain::Declaration {
        evaluator: "e1".into(),
        offer: offer.into(),
        conflict,
        at: "2026-11-16T09:30:00Z".into(),
        note: conflict.then(|| "Conjoint salarié du soumissionnaire".into()),
    }
}

#[test]
fn declarations_travel_in_the_return_file_and_are_journaled_with_its_scores() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    let package = buyer.file("paquet-e1.json");
    jauge_api::export_package_file(
        &mut buyer.store,
        DEMO,
        &all("e1"),
        at(1),
        "Claire",
        &package,
    )
    .unwrap();
    jauge_api::open_package_file(&mut sophie.store, &package, false, at(2), "Sophie").unwrap();
    // Sophie declares no link with o4 and a conflict with o5, then scores o4.
    let declare = Change::Declare(vec![declared("o4", false), declared("o5", true)]);
    jauge_api::apply_change(&mut sophie.store, DEMO, &declare, at(3), "Sophie").unwrap();
    let change = Change::SetScore(score("o4", "tech.archi", 2.0, "Deux zones seulement."));
    jauge_api::apply_change(&mut sophie.store, DEMO, &change, at(4), "Sophie").unwrap();
    // Scoring o5 is refused on her laptop: she withdrew from it.
    let refused = Change::SetScore(score("o5", "tech.archi", 3.0, "…"));
    let error =
        jauge_api::apply_change(&mut sophie.store, DEMO, &refused, at(5), "Sophie").unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid, "{error}");
    let returned = sophie.file("retour-e1.json");
    jauge_api::write_return_file(&sophie.store, DEMO, at(10), &returned, None).unwrap();
    let file = parse_return(&std::fs::read_to_string(&returned).unwrap()).unwrap();
    assert_eq!(file.declarations.len(), 2);
    assert!(file.declarations_sha256.is_some());

    // Altered declarations are refused whole.
    let bad = buyer.file("retour-modifié.json");
    tampered(&returned, &bad, true, |f| {
        f.declarations[1].conflict = false
    });
    let before = buyer.state();
    let error =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &bad, false, at(19), "Claire")
            .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid, "{error}");
    assert_eq!(buyer.state(), before);

    let merged =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &returned, false, at(20), "Claire")
            .unwrap();
    assert_eq!(merged.declarations, 2);
    let evaluation = jauge_api::load_evaluation(&buyer.store, DEMO).unwrap();
    assert_eq!(
        evaluation.declaration("e1", "o5"),
        Some(&declared("o5", true))
    );
    assert!(
        !evaluation
            .scores
            .iter()
            .any(|s| s.evaluator == "e1" && s.offer == "o5"),
        "a declared conflict withdraws e1 from o5 in the buyer's copy too"
    );
    let entry = jauge_api::list_journal(&buyer.store, DEMO)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(entry.action, "scores.import");
    assert!(
        entry.payload.contains("\"declarations\""),
        "{}",
        entry.payload
    );
    let state = buyer.state();
    let again =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &returned, false, at(21), "Claire")
            .unwrap();
    assert_eq!((again.written, again.declarations), (0, 0));
    assert_received_unchanged(&buyer, &state);
    let progress = jauge_api::committee_progress(&buyer.store, DEMO).unwrap();
    let e1 = progress.iter().find(|p| p.evaluator == "e1").unwrap();
    assert_eq!(e1.declared, 2);
    assert_eq!(e1.conflicts, ["o5"]);
}

#[test]
fn sealed_prices_stay_out_of_packages_until_the_buyer_opens_them() {
    let mut buyer = Laptop::buyer();
    let mut settings = jauge_api::load_evaluation(&buyer.store, DEMO)
        .unwrap()
        .settings;
    settings.sealed_prices = Some(true);
    jauge_api::apply_change(
        &mut buyer.store,
        DEMO,
        &Change::UpdateSettings(settings),
        at(1),
        "Claire",
    )
    .unwrap();
    let path = buyer.file("paquet-e2.json");
    jauge_api::export_package_file(&mut buyer.store, DEMO, &all("e2"), at(2), "Claire", &path)
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let package = jauge_api::read_package_file(&path).unwrap();
    assert!(package.prices_hidden);
    assert!(package.evaluation.offers.iter().all(|o| o.price.is_none()));
    assert!(
        !text.contains("\"price\":"),
        "no price anywhere in the file"
    );
    // The package opens on the evaluator's laptop, prices and all missing.
    let mut karim = Laptop::new();
    jauge_api::open_package_file(&mut karim.store, &path, false, at(3), "Karim").unwrap();

    let open = Change::OpenPrices {
        at: "2026-11-20T10:00:00Z".into(),
    };
    jauge_api::apply_change(&mut buyer.store, DEMO, &open, at(4), "Claire").unwrap();
    let evaluation = jauge_api::load_evaluation(&buyer.store, DEMO).unwrap();
    assert_eq!(
        evaluation.prices_opened_at.as_deref(),
        Some("2026-11-20T10:00:00Z")
    );
    jauge_api::export_package_file(&mut buyer.store, DEMO, &all("e2"), at(5), "Claire", &path)
        .unwrap();
    let package = jauge_api::read_package_file(&path).unwrap();
    assert!(!package.prices_hidden);
    assert!(package.evaluation.offers.iter().all(|o| o.price.is_some()));
}

#[test]
fn the_report_prints_the_declarations_the_price_opening_and_every_file_sent_and_received() {
    let mut buyer = Laptop::buyer();
    let mut settings = jauge_api::load_evaluation(&buyer.store, DEMO)
        .unwrap()
        .settings;
    settings.sealed_prices = Some(true);
    settings.declarations_required = Some(true);
    let change = Change::UpdateSettings(settings);
    jauge_api::apply_change(&mut buyer.store, DEMO, &change, at(0), "Claire").unwrap();
    let (_, results) = jauge_api::evaluate_stored(&buyer.store, DEMO).unwrap();
    assert_eq!(
        results.winner, None,
        "nothing ranks while prices are sealed"
    );

    let mut sophie = Laptop::new();
    let package = buyer.file("paquet-e1.json");
    jauge_api::export_package_file(
        &mut buyer.store,
        DEMO,
        &all("e1"),
        at(1),
        "Claire",
        &package,
    )
    .unwrap();
    jauge_api::open_package_file(&mut sophie.store, &package, false, at(2), "Sophie").unwrap();
    let offers: Vec<String> = jauge_api::load_evaluation(&sophie.store, DEMO)
        .unwrap()
        .offers
        .iter()
        .map(|o| o.id.clone())
        .collect();
    let declarations = offers.iter().map(|o| declared(o, o == "o5")).collect();
    let change = Change::Declare(declarations);
    jauge_api::apply_change(&mut sophie.store, DEMO, &change, at(3), "Sophie").unwrap();
    let change = Change::SetScore(score("o4", "tech.archi", 2.0, "Deux zones seulement."));
    jauge_api::apply_change(&mut sophie.store, DEMO, &change, at(4), "Sophie").unwrap();
    let returned = sophie.file("retour-e1.json");
    let (p12, password) = key("rsa-signer");
    let keyfile = jauge_api::KeyFile {
        p12: &p12,
        password: &password,
    };
    jauge_api::write_return_file(&sophie.store, DEMO, at(10), &returned, Some(keyfile)).unwrap();
    jauge_api::import_return_file(&mut buyer.store, DEMO, &returned, false, at(20), "Claire")
        .unwrap();
    let open = Change::OpenPrices {
        at: "2026-11-20T10:00:00Z".into(),
    };
    jauge_api::apply_change(&mut buyer.store, DEMO, &open, at(30), "Claire").unwrap();

    let files = jauge_api::committee_files(&buyer.store, DEMO).unwrap();
    assert_eq!(files.len(), 2, "{files:?}");
    assert_eq!(files[0].name, "paquet-e1.json");
    assert_eq!(files[0].evaluators, ["e1"]);
    assert_eq!(files[1].name, "retour-e1.json");
    assert_eq!(files[1].declarations, offers.len() as u32);
    let returned_sha = jauge_api::domain::sha256_hex(&std::fs::read(&returned).unwrap());
    assert_eq!(files[1].sha256, returned_sha);
    let (_, results) = jauge_api::evaluate_stored(&buyer.store, DEMO).unwrap();
    assert!(
        results
            .warnings
            .iter()
            .any(|w| w.code.as_str() == "undeclared_interest"
                && w.params.get("evaluator") == Some("e2")),
        "the other evaluators scored without declaring: {:?}",
        results.warnings
    );
    assert!(
        !results
            .warnings
            .iter()
            .any(|w| w.params.get("evaluator") == Some("e1"))
    );

    let pdf = buyer.file("rapport.pdf");
    jauge_api::export_report_file(&buyer.store, DEMO, jauge_api::Lang::Fr, at(40), &pdf).unwrap();
    let Some(text) = crate::support::pdftotext(&pdf).map(|t| crate::support::plain(&t)) else {
        return;
    };
    for needle in [
        "Déclarations d’intérêts",
        "Absence de conflit d’intérêts",
        "Conflit d’intérêts déclaré",
        "jusqu’à leur ouverture, le 20/11/2026 à 10:00 UTC",
        "Paquets envoyés et fichiers de notation reçus",
        "paquet-e1.json",
        "retour-e1.json",
        &returned_sha,
        "sans avoir déclaré",
        "signé par",
        "signature vérifiée à l’import",
        // The signer's certificate and what the buyer was told at import: the test certificate
        // is Jeanne Dupré's, valid from 2026-12-01, and the return was written on 2026-11-16.
        "Certificat du signataire, SHA-256",
        "n’était pas valide à la date du retour",
        "au nom de « Jeanne Dupré », pas de « Sophie Lambert »",
    ] {
        assert!(text.contains(needle), "the report lacks {needle:?}");
    }
}

fn key(name: &str) -> (PathBuf, String) {
    let p12 = repo_file(&format!("tests/fixtures/pki/{name}.p12"));
    let password =
        std::fs::read_to_string(repo_file(&format!("tests/fixtures/pki/{name}.password")))
            .unwrap()
            .trim_end()
            .to_owned();
    (p12, password)
}

#[test]
fn a_signed_return_file_names_its_signer_and_is_refused_once_changed() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    let unsigned = scored_return(&mut buyer, &mut sophie, &all("e1"));
    let (p12, password) = key("rsa-signer");
    let signed = sophie.file("retour-e1-signé.json");
    let keyfile = jauge_api::KeyFile {
        p12: &p12,
        password: &password,
    };
    jauge_api::write_return_file(&sophie.store, DEMO, at(10), &signed, Some(keyfile)).unwrap();
    let file = parse_return(&std::fs::read_to_string(&signed).unwrap()).unwrap();
    assert!(file.signature.is_some());
    assert_eq!(
        parse_return(&std::fs::read_to_string(&unsigned).unwrap())
            .unwrap()
            .signature,
        None
    );
    // A wrong password writes nothing.
    let wrong = sophie.file("retour-mauvais-mot-de-passe.json");
    let error = jauge_api::write_return_file(
        &sophie.store,
        DEMO,
        at(10),
        &wrong,
        Some(jauge_api::KeyFile {
            p12: &p12,
            password: "not the password",
        }),
    )
    .unwrap_err();
    assert_eq!(error.code(), ErrorCode::WrongPassword, "{error}");
    assert!(!wrong.exists());

    // Changed after signing, check sums recomputed as someone who knows the format would:
    // the signature no longer covers it, refused whole.
    let bad = buyer.file("retour-modifié.json");
    tampered(&signed, &bad, true, |f| {
        f.scores[0].answer = Answer::Value(5.0)
    });
    let before = buyer.state();
    let error =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &bad, false, at(19), "Claire")
            .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid, "{error}");
    assert!(error.to_string().contains("signature"), "{error}");
    assert_eq!(buyer.state(), before, "nothing written");

    let merged =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &signed, false, at(20), "Claire")
            .unwrap();
    let signer = merged.file.signer.clone().expect("the signer");
    let details = jauge_signing::Signer::from_pkcs12(&std::fs::read(&p12).unwrap(), &password)
        .unwrap()
        .certificate_details();
    assert_eq!(signer.certificate_sha256, details.sha256_fingerprint);
    assert_eq!(signer.subject, details.subject);
    let entry = jauge_api::list_journal(&buyer.store, DEMO)
        .unwrap()
        .pop()
        .unwrap();
    assert!(
        entry.payload.contains(&details.sha256_fingerprint),
        "{}",
        entry.payload
    );
    let files = jauge_api::committee_files(&buyer.store, DEMO).unwrap();
    assert_eq!(
        files.last().unwrap().signed_by.as_deref(),
        Some(details.subject.as_str())
    );
}

#[test]
fn a_workspace_lets_its_evaluator_change_only_their_scores_and_declarations() {
    let mut buyer = Laptop::buyer();
    let path = buyer.file("paquet-e2.json");
    let request = PackageRequest {
        evaluator: "e2".into(),
        criteria: Some(vec!["tech.archi".into()]),
    };
    jauge_api::export_package_file(&mut buyer.store, DEMO, &request, at(1), "Claire", &path)
        .unwrap();
    assert_eq!(
        jauge_api::evaluator_workspace(&buyer.store, DEMO).unwrap(),
        None
    );
    let error =
        jauge_api::write_return_file(&buyer.store, DEMO, at(2), &buyer.file("r.json"), None)
            .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotReady, "{error}");

    let mut karim = Laptop::new();
    jauge_api::open_package_file(&mut karim.store, &path, false, at(2), "Karim").unwrap();
    let workspace = jauge_api::evaluator_workspace(&karim.store, DEMO)
        .unwrap()
        .expect("a workspace");
    assert_eq!(workspace.evaluator, "e2");
    assert_eq!(workspace.criteria, ["tech.archi"]);
    assert_eq!(workspace.package_name, "paquet-e2.json");
    assert_eq!(
        workspace.package_sha256,
        jauge_api::domain::sha256_hex(&std::fs::read(&path).unwrap())
    );
    let state = |store: &Store| {
        (
            jauge_api::domain::canonical_hash(&jauge_api::load_evaluation(store, DEMO).unwrap()),
            jauge_api::list_journal(store, DEMO).unwrap().len(),
        )
    };
    let before = state(&karim.store);
    let by = |evaluator: &str, criterion: &str| {
        Change::SetScore(Score {
            evaluator: evaluator.into(),
            ..score("o4", criterion, 3.0, "Trois zones.")
        })
    };
    let evaluation = jauge_api::load_evaluation(&karim.store, DEMO).unwrap();
    let refused = [
        by("e1", "tech.archi"),
        by("e2", "tech.iam"),
        Change::UpdateTender(evaluation.tender.clone()),
        Change::UpsertOffer(evaluation.offers[0].clone()),
        Change::UpdateSettings(evaluation.settings.clone()),
        Change::Declare(vec![jauge_api::domain::Declaration {
            evaluator: "e1".into(),
            ..declared("o4", false)
        }]),
    ];
    for change in &refused {
        let error =
            jauge_api::apply_change(&mut karim.store, DEMO, change, at(3), "Karim").unwrap_err();
        assert_eq!(
            error.code(),
            ErrorCode::Invalid,
            "{}: {error}",
            change.action()
        );
        assert!(error.to_string().contains("workspace"), "{error}");
        assert_eq!(
            state(&karim.store),
            before,
            "{} changed nothing",
            change.action()
        );
    }
    let mine = Change::Declare(vec![jauge_api::domain::Declaration {
        evaluator: "e2".into(),
        ..declared("o4", false)
    }]);
    jauge_api::apply_change(&mut karim.store, DEMO, &mine, at(4), "Karim").unwrap();
    jauge_api::apply_change(
        &mut karim.store,
        DEMO,
        &by("e2", "tech.archi"),
        at(5),
        "Karim",
    )
    .unwrap();
    // A newer package replaces the workspace, its facts with it.
    jauge_api::export_package_file(&mut buyer.store, DEMO, &all("e2"), at(6), "Claire", &path)
        .unwrap();
    jauge_api::open_package_file(&mut karim.store, &path, true, at(7), "Karim").unwrap();
    let workspace = jauge_api::evaluator_workspace(&karim.store, DEMO)
        .unwrap()
        .expect("still a workspace");
    assert!(workspace.criteria.len() > 1, "every criterion now");
    jauge_api::apply_change(
        &mut karim.store,
        DEMO,
        &by("e2", "tech.iam"),
        at(8),
        "Karim",
    )
    .unwrap();
}

#[test]
fn imports_into_a_workspace_are_held_to_it_and_a_plain_evaluation_in_its_place_ends_it() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    // Sophie's return file, brought to Karim's laptop where e2's workspace is open.
    let returned = scored_return(&mut buyer, &mut sophie, &all("e1"));
    let path = buyer.file("paquet-e2.json");
    jauge_api::export_package_file(&mut buyer.store, DEMO, &all("e2"), at(1), "Claire", &path)
        .unwrap();
    let mut karim = Laptop::new();
    jauge_api::open_package_file(&mut karim.store, &path, false, at(2), "Karim").unwrap();
    let before = jauge_api::list_journal(&karim.store, DEMO).unwrap().len();
    let error =
        jauge_api::import_return_file(&mut karim.store, DEMO, &returned, false, at(3), "Karim");
    let error = error.unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid, "{error}");
    assert!(error.to_string().contains("workspace"), "{error}");
    assert_eq!(
        jauge_api::list_journal(&karim.store, DEMO).unwrap().len(),
        before
    );

    // The buyer's evaluation imported over it: a plain evaluation again, every edit allowed.
    let text = jauge_api::domain::evaluation_to_string(&buyer_evaluation());
    jauge_api::import_evaluation(&mut karim.store, &text, true, at(4), "Karim").unwrap();
    assert_eq!(
        jauge_api::evaluator_workspace(&karim.store, DEMO).unwrap(),
        None
    );
    let evaluation = jauge_api::load_evaluation(&karim.store, DEMO).unwrap();
    let change = Change::UpdateTender(evaluation.tender.clone());
    jauge_api::apply_change(&mut karim.store, DEMO, &change, at(5), "Karim").unwrap();
}

#[test]
fn a_return_with_a_score_on_a_criterion_not_assigned_is_refused_whole_each_score_named() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    let only_archi = PackageRequest {
        evaluator: "e1".into(),
        criteria: Some(vec!["tech.archi".into()]),
    };
    let returned = scored_return(&mut buyer, &mut sophie, &only_archi);
    // A careless or hostile copy adds scores on criteria the package did not assign, the check
    // sum recomputed.
    let bad = buyer.file("retour-élargi.json");
    tampered(&returned, &bad, true, |f| {
        for (offer, criterion) in [("o4", "tech.ops"), ("o5", "tech.ops")] {
            f.scores
                .push(score(offer, criterion, 1.0, "Non demandé au membre."));
        }
    });
    let before = buyer.state();
    let error =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &bad, false, at(20), "Claire")
            .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid, "{error}");
    let text = error.to_string();
    let held_in_file = parse_return(&std::fs::read_to_string(&returned).unwrap())
        .unwrap()
        .scores
        .len();
    for (i, named) in ["(o4, tech.ops, e1)", "(o5, tech.ops, e1)"]
        .into_iter()
        .enumerate()
    {
        let named = format!("scores[{}] {named}", held_in_file + i);
        assert!(text.contains(&named), "{named}: {text}");
    }
    assert!(text.contains("was not asked for"), "{text}");
    assert_eq!(buyer.state(), before, "nothing merged, nothing journaled");
    // The file as the member wrote it merges.
    let merged =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &returned, false, at(21), "Claire")
            .unwrap();
    assert_eq!(merged.written, 2);
}

#[test]
fn the_latest_declaration_wins_whatever_the_order_the_returns_arrive_in() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    let package = buyer.file("paquet-e1.json");
    jauge_api::export_package_file(
        &mut buyer.store,
        DEMO,
        &all("e1"),
        at(1),
        "Claire",
        &package,
    )
    .unwrap();
    jauge_api::open_package_file(&mut sophie.store, &package, false, at(2), "Sophie").unwrap();
    // First return: a conflict with o4, declared at 09:30.
    let declare = Change::Declare(vec![declared("o4", true)]);
    jauge_api::apply_change(&mut sophie.store, DEMO, &declare, at(3), "Sophie").unwrap();
    let older = sophie.file("retour-1.json");
    jauge_api::write_return_file(&sophie.store, DEMO, at(10), &older, None).unwrap();
    // Second return: the conflict withdrawn at 10:00, o4 scored 7.
    let mut withdrawn = declared("o4", false);
    withdrawn.at = "2026-11-16T10:00:00Z".into();
    jauge_api::apply_change(
        &mut sophie.store,
        DEMO,
        &Change::Declare(vec![withdrawn.clone()]),
        at(61),
        "Sophie",
    )
    .unwrap();
    let change = Change::SetScore(score("o4", "tech.archi", 4.0, "Trois zones."));
    jauge_api::apply_change(&mut sophie.store, DEMO, &change, at(62), "Sophie").unwrap();
    let newer = sophie.file("retour-2.json");
    jauge_api::write_return_file(&sophie.store, DEMO, at(70), &newer, None).unwrap();

    // The newer return arrives first, then the older one.
    let merged =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &newer, false, at(80), "Claire")
            .unwrap();
    assert!(merged.changed);
    let stale =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &older, false, at(81), "Claire")
            .unwrap();
    assert_eq!(stale.declarations, 0);
    assert_eq!(stale.stale_declarations.len(), 1, "{stale:?}");
    assert_eq!(stale.stale_declarations[0].theirs.offer, "o4");
    assert!(stale.stale_declarations[0].theirs.conflict);
    assert_eq!(stale.stale_declarations[0].held, withdrawn);
    assert!(stale.removed.is_empty());
    assert!(!stale.changed);
    assert_eq!(
        held(&buyer.store, "o4", "tech.archi"),
        Some(Answer::Value(4.0)),
        "the older conflict does not remove the score given after it was withdrawn"
    );
    let entry = jauge_api::list_journal(&buyer.store, DEMO)
        .unwrap()
        .pop()
        .unwrap();
    assert!(
        entry.payload.contains("\"stale_declarations\":[{"),
        "{}",
        entry.payload
    );

    // On another buyer's store, the older return first: its conflict is recorded; the newer
    // one withdraws it and lists the score it restores.
    let mut other = Laptop::buyer();
    jauge_api::export_package_file(
        &mut other.store,
        DEMO,
        &all("e1"),
        at(1),
        "Claire",
        &package,
    )
    .unwrap();
    jauge_api::import_return_file(&mut other.store, DEMO, &older, false, at(80), "Claire").unwrap();
    let restored =
        jauge_api::import_return_file(&mut other.store, DEMO, &newer, false, at(81), "Claire")
            .unwrap();
    assert_eq!(restored.restored.len(), 1, "{restored:?}");
    assert_eq!(restored.restored[0].offer, "o4");
    assert_eq!(
        held(&other.store, "o4", "tech.archi"),
        Some(Answer::Value(4.0))
    );
    assert_journal_intact(&buyer);
    assert_journal_intact(&other);
}

#[test]
fn a_newer_conflict_lists_each_score_it_removes() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    let returned = scored_return(&mut buyer, &mut sophie, &all("e1"));
    jauge_api::import_return_file(&mut buyer.store, DEMO, &returned, false, at(20), "Claire")
        .unwrap();
    // Sophie then declares a conflict with o5 (her score on it goes) and returns again.
    let mut conflict = declared("o5", true);
    conflict.at = "2026-11-16T12:00:00Z".into();
    jauge_api::apply_change(
        &mut sophie.store,
        DEMO,
        &Change::Declare(vec![conflict]),
        at(180),
        "Sophie",
    )
    .unwrap();
    let again = sophie.file("retour-e1-conflit.json");
    jauge_api::write_return_file(&sophie.store, DEMO, at(190), &again, None).unwrap();
    let merged =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &again, false, at(200), "Claire")
            .unwrap();
    assert!(merged.changed);
    assert_eq!(merged.written, 0);
    let removed: Vec<(&str, &str)> = merged
        .removed
        .iter()
        .map(|s| (s.offer.as_str(), s.criterion.as_str()))
        .collect();
    assert!(removed.contains(&("o5", "tech.archi")), "{removed:?}");
    assert_eq!(held(&buyer.store, "o5", "tech.archi"), None);
    assert_journal_intact(&buyer);
    let entry = jauge_api::list_journal(&buyer.store, DEMO)
        .unwrap()
        .pop()
        .unwrap();
    assert!(
        entry.payload.contains("\"removed\":[{"),
        "{}",
        entry.payload
    );
}

#[test]
fn a_package_given_as_a_return_and_the_reverse_are_named_as_such() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    let returned = scored_return(&mut buyer, &mut sophie, &all("e1"));
    let package = buyer.file("paquet-e1.json");
    let before = buyer.state();
    let error =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &package, false, at(20), "Claire")
            .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid);
    assert!(
        error.to_string().contains("is an evaluator package"),
        "{error}"
    );
    assert_eq!(buyer.state(), before);
    let error = jauge_api::read_package_file(&returned).unwrap_err();
    assert!(
        error.to_string().contains("is an evaluator's return file"),
        "{error}"
    );
    // A byte-order mark in front of the return file (Notepad) is accepted.
    let with_mark = buyer.file("retour-bom.json");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(std::fs::read(&returned).unwrap());
    std::fs::write(&with_mark, bytes).unwrap();
    let merged =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &with_mark, false, at(21), "Claire")
            .unwrap();
    assert_eq!(merged.written, 2);
}

#[test]
fn a_return_that_changes_nothing_is_listed_among_the_files_received() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    let returned = scored_return(&mut buyer, &mut sophie, &all("e1"));
    for minutes in [20, 21] {
        jauge_api::import_return_file(
            &mut buyer.store,
            DEMO,
            &returned,
            false,
            at(minutes),
            "Claire",
        )
        .unwrap();
    }
    let received: Vec<_> = jauge_api::committee_files(&buyer.store, DEMO)
        .unwrap()
        .into_iter()
        .filter(|f| f.direction == jauge_api::domain::package::FileDirection::Received)
        .collect();
    assert_eq!(received.len(), 2, "{received:?}");
    assert_eq!(received[1].evaluators, ["e1"]);
    assert_eq!(received[1].scores, 0);
    assert_eq!(received[0].sha256, received[1].sha256);
}

fn sign_return(sophie: &Laptop, name: &str, key_name: &str, minutes: i64) -> PathBuf {
    let (p12, password) = key(key_name);
    let path = sophie.file(name);
    let keyfile = jauge_api::KeyFile {
        p12: &p12,
        password: &password,
    };
    jauge_api::write_return_file(&sophie.store, DEMO, at(minutes), &path, Some(keyfile)).unwrap();
    path
}

fn fingerprint(key_name: &str) -> String {
    let (p12, password) = key(key_name);
    jauge_signing::Signer::from_pkcs12(&std::fs::read(&p12).unwrap(), &password)
        .unwrap()
        .certificate_details()
        .sha256_fingerprint
}

fn flag_codes(merged: &jauge_api::MergeReport) -> Vec<&str> {
    merged.flags.iter().map(|(code, _)| code.as_str()).collect()
}

/// The test certificates are valid from 2026-12-01 to 2046: a month after `at(0)`.
const A_MONTH: i64 = 30 * 24 * 60;

#[test]
fn with_signed_returns_required_an_unsigned_return_is_refused() {
    let mut buyer = Laptop::buyer();
    let mut settings = jauge_api::load_evaluation(&buyer.store, DEMO)
        .unwrap()
        .settings;
    settings.signed_returns_required = Some(true);
    jauge_api::apply_change(
        &mut buyer.store,
        DEMO,
        &Change::UpdateSettings(settings),
        at(0),
        "Claire",
    )
    .unwrap();
    let mut sophie = Laptop::new();
    let unsigned = scored_return(&mut buyer, &mut sophie, &all("e1"));
    let before = buyer.state();
    let error =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &unsigned, false, at(20), "Claire")
            .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid, "{error}");
    assert!(error.to_string().contains("must be signed"), "{error}");
    assert_eq!(buyer.state(), before, "nothing written, nothing journaled");
    let signed = sign_return(&sophie, "retour-signé.json", "rsa-signer", A_MONTH);
    let merged = jauge_api::import_return_file(
        &mut buyer.store,
        DEMO,
        &signed,
        false,
        at(A_MONTH + 1),
        "Claire",
    )
    .unwrap();
    assert_eq!(merged.written, 2);
    assert_eq!(merged.valid_at_signing, Some(true));
}

#[test]
fn a_members_first_certificate_is_pinned_and_another_one_needs_the_buyers_confirmation() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    scored_return(&mut buyer, &mut sophie, &all("e1"));
    let first = sign_return(&sophie, "retour-1.json", "rsa-signer", A_MONTH);
    let merged = jauge_api::import_return_file(
        &mut buyer.store,
        DEMO,
        &first,
        false,
        at(A_MONTH + 1),
        "Claire",
    )
    .unwrap();
    assert_eq!(merged.valid_at_signing, Some(true));
    // The certificate is Jeanne Dupré's, not Sophie Lambert's: flagged, not refused.
    assert_eq!(
        flag_codes(&merged),
        ["certificate_pinned", "signer_not_evaluator"]
    );
    let pinned = jauge_api::return_certificates(&buyer.store, DEMO).unwrap();
    assert_eq!(pinned.len(), 1);
    assert_eq!(pinned[0].0, "e1");
    assert_eq!(pinned[0].1.certificate_sha256, fingerprint("rsa-signer"));

    // A later return signed with another certificate: refused until the buyer confirms.
    let other = sign_return(&sophie, "retour-2.json", "ec-signer", A_MONTH + 10);
    let before = buyer.state();
    let error = jauge_api::import_return_file(
        &mut buyer.store,
        DEMO,
        &other,
        false,
        at(A_MONTH + 11),
        "Claire",
    )
    .unwrap_err();
    assert_eq!(error.code(), ErrorCode::Invalid, "{error}");
    let text = error.to_string();
    assert!(text.contains(&fingerprint("rsa-signer")), "{text}");
    assert!(text.contains(&fingerprint("ec-signer")), "{text}");
    assert_eq!(buyer.state(), before);
    let confirmed = jauge_api::import_return_file_with(
        &mut buyer.store,
        DEMO,
        &other,
        jauge_api::ReturnImport {
            take_theirs: false,
            accept_new_certificate: true,
        },
        at(A_MONTH + 12),
        "Claire",
    )
    .unwrap();
    assert!(flag_codes(&confirmed).contains(&"certificate_change_confirmed"));
    let entry = jauge_api::list_journal(&buyer.store, DEMO)
        .unwrap()
        .pop()
        .unwrap();
    assert!(
        entry.payload.contains("certificate_change_confirmed")
            && entry.payload.contains(&fingerprint("ec-signer")),
        "{}",
        entry.payload
    );
    let pinned = jauge_api::return_certificates(&buyer.store, DEMO).unwrap();
    assert_eq!(pinned[0].1.certificate_sha256, fingerprint("ec-signer"));

    // Then an unsigned return of the same member: merged, flagged, journaled, reported.
    let unsigned = sophie.file("retour-3.json");
    jauge_api::write_return_file(&sophie.store, DEMO, at(A_MONTH + 20), &unsigned, None).unwrap();
    let merged = jauge_api::import_return_file(
        &mut buyer.store,
        DEMO,
        &unsigned,
        false,
        at(A_MONTH + 21),
        "Claire",
    )
    .unwrap();
    assert_eq!(flag_codes(&merged), ["unsigned_after_signed"]);
    let files = jauge_api::committee_files(&buyer.store, DEMO).unwrap();
    let last = files.last().unwrap();
    assert_eq!(last.flags.len(), 1);
    assert_eq!(last.flags[0].0, "unsigned_after_signed");
    let sentence = jauge_api::domain::words::render_named(
        jauge_api::domain::words::RETURN_FLAGS,
        &last.flags[0].0,
        &last.flags[0].1,
        jauge_api::domain::words::Lang::Fr,
    );
    assert!(
        sentence.contains("« e1 »") && !sentence.contains('{'),
        "{sentence}"
    );
    let confirmed_file = &files[files.len() - 2];
    assert_eq!(
        confirmed_file.certificate_sha256.as_deref(),
        Some(fingerprint("ec-signer").as_str())
    );
}

#[test]
fn a_certificate_not_valid_on_the_date_of_the_return_is_flagged() {
    let mut buyer = Laptop::buyer();
    let mut sophie = Laptop::new();
    scored_return(&mut buyer, &mut sophie, &all("e1"));
    // Written on 2026-11-16, two weeks before the certificate's validity starts.
    let early = sign_return(&sophie, "retour-tôt.json", "rsa-signer", 30);
    let merged =
        jauge_api::import_return_file(&mut buyer.store, DEMO, &early, false, at(40), "Claire")
            .unwrap();
    assert_eq!(merged.valid_at_signing, Some(false));
    let (_, params) = merged
        .flags
        .iter()
        .find(|(code, _)| code == "certificate_not_valid_at_signing")
        .expect("flagged");
    assert_eq!(params.get("not_before"), Some("2026-12-01"));
}
