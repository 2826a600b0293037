//! Consultations with lots in the store (migration 9): import, read back, edits of one lot,
//! verification, and a store from before consultations migrating with its journals intact.
//! Through `jauge-api` on real SQLite files; here rather than in the root's integration tests,
//! whose build is a second build of the workspace.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../../../tests/support.rs"]
mod support;

use chrono::{DateTime, TimeZone, Utc};
use jauge_api::domain::lots::{AwardRules, ConsultationEdit, LotPart};
use jauge_api::domain::{Answer, Change, Consultation, Score, canonical_hash, parse_consultation};
use jauge_api::store::{BreakReason, Db, SCHEMA_VERSION, lot_key};

use crate::support::{fixture, repo_file};

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 9, minute, 0).unwrap()
}

fn four_lots() -> String {
    std::fs::read_to_string(fixture("consultation-four-lots.json")).unwrap()
}

const REFERENCE: &str = "2026-CL-004";

fn alpha_score(value: f64) -> Change {
    Change::SetScore(Score {
        offer: "alpha".into(),
        criterion: "tech".into(),
        evaluator: "e1".into(),
        answer: Answer::Value(value),
        justification: None,
        at: None,
    })
}

#[test]
fn a_consultation_is_stored_and_reads_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jauge.sqlite3");
    let text = four_lots();
    let parsed = parse_consultation(&text).unwrap();
    {
        let mut store = jauge_api::open_store(&path).unwrap();
        let imported = jauge_api::import_consultation(&mut store, &text, at(0), "Claire").unwrap();
        assert_eq!(imported, parsed);
    }
    // A new connection on the file: what is read comes from SQLite.
    let store = jauge_api::open_store(&path).unwrap();
    let opened = jauge_api::open_consultation(&store, REFERENCE).unwrap();
    assert_eq!(opened.consultation, parsed);
    assert_eq!(
        opened.results,
        jauge_api::evaluate_consultation(&parsed).unwrap()
    );
    assert_eq!(
        opened.lot_keys,
        ["iaas", "paas", "k8s", "rev"]
            .map(|lot| lot_key(REFERENCE, lot))
            .to_vec()
    );
    // Each lot is an evaluation of its own, carrying the consultation's reference, with a
    // journal whose state is the lot's evaluation.
    for (key, lot) in opened.lot_keys.iter().zip(&parsed.lots) {
        let evaluation = jauge_api::load_evaluation(&store, key).unwrap();
        assert_eq!(evaluation, lot.evaluation);
        assert_eq!(evaluation.tender.reference, REFERENCE);
        let journal = jauge_api::list_journal(&store, key).unwrap();
        assert_eq!(journal.len(), 1);
        assert_eq!(journal[0].state_hash, canonical_hash(&lot.evaluation));
    }
    let verdict = jauge_api::verify_consultation(&store, REFERENCE).unwrap();
    assert!(verdict.is_intact(), "{verdict:?}");
    assert_eq!(verdict.head.as_ref().map(|h| h.entries), Some(1));
    assert_eq!(verdict.lots.len(), 4);
}

#[test]
fn an_edit_of_one_lot_moves_the_award_and_stays_journaled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jauge.sqlite3");
    let text = four_lots();
    let mut store = jauge_api::open_store(&path).unwrap();
    jauge_api::import_consultation(&mut store, &text, at(0), "Claire").unwrap();
    let before = jauge_api::open_consultation(&store, REFERENCE).unwrap();
    let key = lot_key(REFERENCE, "iaas");
    jauge_api::apply_change(&mut store, &key, &alpha_score(0.0), at(1), "Claire").unwrap();

    let mut expected: Consultation = parse_consultation(&text).unwrap();
    alpha_score(0.0)
        .apply_to(&mut expected.lots[0].evaluation)
        .unwrap();
    let after = jauge_api::open_consultation(&store, REFERENCE).unwrap();
    assert_eq!(after.consultation, expected);
    assert_eq!(
        after.results,
        jauge_api::evaluate_consultation(&expected).unwrap()
    );
    assert_ne!(
        after.results.allocation, before.results.allocation,
        "alpha's lower score on lot 1 changes the award"
    );
    assert_eq!(jauge_api::list_journal(&store, &key).unwrap().len(), 2);
    assert!(
        jauge_api::verify_consultation(&store, REFERENCE)
            .unwrap()
            .is_intact()
    );
}

#[test]
fn a_head_edited_behind_jauges_back_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jauge.sqlite3");
    {
        let mut store = jauge_api::open_store(&path).unwrap();
        jauge_api::import_consultation(&mut store, &four_lots(), at(0), "Claire").unwrap();
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    let changed = conn
        .execute(
            "UPDATE consultations SET head = replace(head, '\"max_lots_awarded_per_bidder\":2', \
             '\"max_lots_awarded_per_bidder\":3') WHERE reference = ?1",
            [REFERENCE],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    let db = Db::open(&path).unwrap();
    let verdict = db.verify_consultation(REFERENCE).unwrap();
    assert!(!verdict.is_intact());
    let broken = verdict.head.unwrap().broken.unwrap();
    assert_eq!(broken.reason, BreakReason::StateEditedAfter);
    assert!(verdict.lots.iter().all(|(_, v)| v.is_intact()));
    // The edited head still reads: the cap the file now says is the one applied.
    assert_eq!(
        db.load_consultation(REFERENCE)
            .unwrap()
            .rules
            .max_lots_awarded_per_bidder,
        Some(3)
    );
}

#[test]
fn references_stay_one_consultation_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = jauge_api::open_store(&dir.path().join("jauge.sqlite3")).unwrap();
    let text = four_lots();
    jauge_api::import_consultation(&mut store, &text, at(0), "Claire").unwrap();
    // The same consultation twice, or an evaluation under its reference: refused, nothing moved.
    let again = jauge_api::import_consultation(&mut store, &text, at(1), "Claire").unwrap_err();
    assert_eq!(again.code(), jauge_api::ErrorCode::Conflict, "{again}");
    let mut lot = parse_consultation(&text).unwrap().lots[0]
        .evaluation
        .clone();
    lot.tender.lot = None;
    let evaluation = jauge_api::domain::evaluation_to_string(&lot);
    let clash =
        jauge_api::import_evaluation(&mut store, &evaluation, false, at(2), "Claire").unwrap_err();
    assert_eq!(clash.code(), jauge_api::ErrorCode::Conflict, "{clash}");
    // A lot goes with its consultation only.
    let key = lot_key(REFERENCE, "paas");
    let alone = jauge_api::delete_evaluation(&mut store, &key).unwrap_err();
    assert_eq!(alone.code(), jauge_api::ErrorCode::Conflict, "{alone}");
    jauge_api::delete_consultation(&mut store, REFERENCE).unwrap();
    assert!(jauge_api::list_evaluations(&store).unwrap().is_empty());
    // Once deleted, the reference is free again, for an evaluation as well.
    jauge_api::import_evaluation(&mut store, &evaluation, false, at(3), "Claire").unwrap();
    let one = jauge_api::open_consultation(&store, REFERENCE).unwrap();
    assert_eq!(one.lot_keys, [REFERENCE.to_owned()]);
    assert_eq!(one.consultation, Consultation::from_evaluation(lot));
}

#[test]
fn a_store_from_before_consultations_migrates_with_its_journals_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    let demo = std::fs::read_to_string(repo_file("assets/demo/cloud-de-confiance.json")).unwrap();
    let negotiated = std::fs::read_to_string(fixture("negotiated.json")).unwrap();
    let references: Vec<String> = {
        let mut store = jauge_api::open_store(&path).unwrap();
        [&demo, &negotiated]
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let reference = jauge_api::import_evaluation(
                    &mut store,
                    text,
                    false,
                    at(u32::try_from(i).unwrap()),
                    "Claire",
                )
                .unwrap()
                .tender
                .reference;
                // A second entry, an edit, so that the chain has links to check.
                let evaluation = jauge_api::load_evaluation(&store, &reference).unwrap();
                let mut score = evaluation.scores[0].clone();
                score.justification = Some("Relu en commission.".into());
                jauge_api::apply_change(
                    &mut store,
                    &reference,
                    &Change::SetScore(score),
                    at(10),
                    "Claire",
                )
                .unwrap();
                reference
            })
            .collect()
    };
    // What the evaluations are, read before the file is taken back (the current code does not
    // read the older schema without migrating it).
    let evaluations: Vec<_> = {
        let db = Db::open(&path).unwrap();
        references
            .iter()
            .map(|r| db.load_evaluation(r).unwrap())
            .collect()
    };
    // Take the file back to the schema before this migration, as Jauge 0008 left it: version 8
    // (migration 10, which rebuilds the exchanges table with a wider list of kinds, runs again
    // after it and keeps every row).
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE consultation_journal; DROP TABLE lots; DROP TABLE consultations; \
             ALTER TABLE tenders DROP COLUMN evaluation_reference;",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 8).unwrap();
    }
    let before: Vec<_> = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let journal: Vec<(i64, i64, String, String)> = conn
            .prepare("SELECT tender_id, seq, hash, payload FROM journal ORDER BY tender_id, seq")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(journal.len(), 4);
        journal
    };

    let mut store = jauge_api::open_store(&path).unwrap();
    assert_eq!(store.db().schema_version().unwrap(), SCHEMA_VERSION);
    let after: Vec<(i64, i64, String, String)> = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.prepare("SELECT tender_id, seq, hash, payload FROM journal ORDER BY tender_id, seq")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert_eq!(after, before, "no journal row is rewritten");
    for (reference, evaluation) in references.iter().zip(&evaluations) {
        assert_eq!(
            &jauge_api::load_evaluation(&store, reference).unwrap(),
            evaluation
        );
        assert!(
            jauge_api::verify_journal(&store, reference)
                .unwrap()
                .is_intact()
        );
        let opened = jauge_api::open_consultation(&store, reference).unwrap();
        assert_eq!(
            opened.consultation,
            Consultation::from_evaluation(evaluation.clone())
        );
        assert_eq!(opened.lot_keys, std::slice::from_ref(reference));
        // The one lot is scored as the evaluation is: on its deciding round when it has
        // rounds, without the offers set aside earlier.
        assert_eq!(
            opened.results.lots[0],
            jauge_api::evaluate_evaluation(evaluation).unwrap()
        );
        let verdict = jauge_api::verify_consultation(&store, reference).unwrap();
        assert!(verdict.is_intact() && verdict.head.is_none(), "{verdict:?}");
    }
    // The migrated store goes on: an edit, a consultation beside the old evaluations.
    let mut score = evaluations[0].scores[1].clone();
    score.justification = Some("Après migration.".into());
    jauge_api::apply_change(
        &mut store,
        &references[0],
        &Change::SetScore(score),
        at(20),
        "Claire",
    )
    .unwrap();
    jauge_api::import_consultation(&mut store, &four_lots(), at(21), "Claire").unwrap();
    for reference in references.iter().map(String::as_str).chain([REFERENCE]) {
        assert!(
            jauge_api::verify_consultation(&store, reference)
                .unwrap()
                .is_intact()
        );
    }
    // A consultation deleted after migration leaves the old evaluations alone.
    jauge_api::delete_evaluation(&mut store, &references[1]).unwrap();
    assert!(jauge_api::open_consultation(&store, &references[1]).is_err());
    assert_eq!(jauge_api::list_evaluations(&store).unwrap().len(), 5);
}

#[test]
fn a_lot_being_edited_stays_in_memory_under_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = jauge_api::open_store(&dir.path().join("jauge.sqlite3")).unwrap();
    jauge_api::import_consultation(&mut store, &four_lots(), at(0), "Claire").unwrap();
    let key = lot_key(REFERENCE, "k8s");
    jauge_api::apply_change(&mut store, &key, &alpha_score(3.0), at(1), "Claire").unwrap();
    // The copy in memory is the lot's, under the lot's key, not under the consultation's
    // reference its evaluation carries.
    assert!(store.evaluation_in_memory(REFERENCE).is_none());
    let in_memory = store.evaluation_in_memory(&key).unwrap().clone();
    assert_eq!(in_memory, jauge_api::load_evaluation(&store, &key).unwrap());
    jauge_api::apply_change(&mut store, &key, &alpha_score(4.0), at(2), "Claire").unwrap();
    assert_eq!(jauge_api::list_journal(&store, &key).unwrap().len(), 3);
    assert!(
        jauge_api::verify_consultation(&store, REFERENCE)
            .unwrap()
            .is_intact()
    );
}

/// The list's import takes either kind of file and says which it was; the list then names each
/// lot's consultation (and none for an evaluation on its own); a consultation file never
/// replaces a stored one, and nothing is written when it is refused.
#[test]
fn the_list_imports_either_file_and_names_each_lots_consultation() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = jauge_api::open_store(&dir.path().join("jauge.sqlite3")).unwrap();
    let imported = jauge_api::import_file(
        &mut store,
        &fixture("consultation-four-lots.json"),
        false,
        at(0),
        "Claire",
    )
    .unwrap();
    assert!(matches!(imported, jauge_api::Imported::Consultation(_)));
    assert_eq!(imported.reference(), REFERENCE);
    let plain = jauge_api::import_file(
        &mut store,
        &fixture("example-minimal.json"),
        false,
        at(1),
        "Claire",
    )
    .unwrap();
    assert!(matches!(plain, jauge_api::Imported::Evaluation(_)));

    let list = jauge_api::list_evaluations(&store).unwrap();
    let lots: Vec<(&str, Option<&str>)> = list
        .iter()
        .map(|t| (t.reference.as_str(), t.consultation.as_deref()))
        .collect();
    let expected_lots: Vec<String> = ["iaas", "k8s", "paas", "rev"]
        .iter()
        .map(|lot| lot_key(REFERENCE, lot))
        .collect();
    for key in &expected_lots {
        assert!(
            lots.contains(&(key.as_str(), Some(REFERENCE))),
            "{key} in {lots:?}"
        );
    }
    assert!(lots.contains(&(plain.reference(), None)), "{lots:?}");
    assert_eq!(list.len(), 5);

    let refused = jauge_api::import_file(
        &mut store,
        &fixture("consultation-four-lots.json"),
        true,
        at(2),
        "Claire",
    )
    .unwrap_err();
    assert_eq!(refused.code(), jauge_api::ErrorCode::Conflict, "{refused}");
    assert_eq!(jauge_api::list_evaluations(&store).unwrap().len(), 5);
}

/// The problem codes of an API refusal.
fn refusal_codes(error: &jauge_api::Error) -> Vec<&'static str> {
    match error {
        jauge_api::Error::Invalid(invalid) => {
            invalid.problems.iter().map(|p| p.code.as_str()).collect()
        }
        other => panic!("not a refusal: {other:?}"),
    }
}

#[test]
fn a_bidder_edited_once_is_renamed_in_every_lot_it_bid_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jauge.sqlite3");
    let mut store = jauge_api::open_store(&path).unwrap();
    jauge_api::import_consultation(&mut store, &four_lots(), at(0), "Claire").unwrap();
    let before = jauge_api::open_consultation(&store, REFERENCE).unwrap();
    let mut alpha = before.consultation.bidder("alpha").unwrap().clone();
    alpha.company = "Nuage Alpha SAS".into();
    alpha.siret = Some("12345678900029".into());
    alpha.certifications = None;
    let edited = jauge_api::edit_consultation(
        &mut store,
        REFERENCE,
        &ConsultationEdit::UpsertBidder(alpha),
        at(1),
        "Claire",
    )
    .unwrap();
    drop(store);

    // Read again from the file: every lot alpha bid on says the new company and, its
    // certifications having been the bidder's, none now; the other lots are untouched.
    let store = jauge_api::open_store(&path).unwrap();
    let opened = jauge_api::open_consultation(&store, REFERENCE).unwrap();
    assert_eq!(opened.consultation, edited.consultation);
    for (key, lot) in opened.lot_keys.iter().zip(&before.consultation.lots) {
        let evaluation = jauge_api::load_evaluation(&store, key).unwrap();
        let alpha_bid = lot.offer_bidders.iter().position(|b| b == "alpha");
        let journal = jauge_api::list_journal(&store, key).unwrap();
        match alpha_bid {
            Some(o) => {
                assert_eq!(evaluation.offers[o].bidder, "Nuage Alpha SAS", "{key}");
                assert_eq!(evaluation.offers[o].certifications, None, "{key}");
                assert_eq!(journal.len(), 2, "{key}: the import, then the offer");
                assert_eq!(journal[1].action, "offer.upsert");
            }
            None => {
                assert!(
                    evaluation
                        .offers
                        .iter()
                        .all(|o| o.bidder != "Nuage Alpha SAS"),
                    "{key}"
                );
                assert_eq!(journal.len(), 1, "{key}: untouched");
            }
        }
    }
    // The consultation's chain has the edit; every journal verifies against the stored data.
    let verdict = jauge_api::verify_consultation(&store, REFERENCE).unwrap();
    assert!(verdict.is_intact(), "{verdict:?}");
    assert_eq!(verdict.head.as_ref().map(|h| h.entries), Some(2));
    let letters_company = opened
        .consultation
        .lots
        .iter()
        .flat_map(|l| l.evaluation.offers.iter())
        .filter(|o| o.bidder.starts_with("Nuage Alpha"))
        .map(|o| o.bidder.as_str())
        .collect::<Vec<_>>();
    assert_eq!(letters_company, ["Nuage Alpha SAS"; 3]);
}

#[test]
fn award_rules_and_a_lot_sans_suite_are_edited_on_the_consultation_and_move_the_award() {
    let mut store = jauge_api::Store::open_in_memory().unwrap();
    jauge_api::import_consultation(&mut store, &four_lots(), at(0), "Claire").unwrap();
    let capped = jauge_api::open_consultation(&store, REFERENCE).unwrap();
    let uncapped = jauge_api::edit_consultation(
        &mut store,
        REFERENCE,
        &ConsultationEdit::SetRules(AwardRules::default()),
        at(1),
        "Claire",
    )
    .unwrap();
    assert_eq!(uncapped.consultation.rules, AwardRules::default());
    assert_ne!(
        uncapped.results.allocation.lots, capped.results.allocation.lots,
        "without the cap of 2 lots, alpha keeps every lot it ranks on"
    );
    let expected = {
        let mut c = capped.consultation.clone();
        c.rules = AwardRules::default();
        jauge_api::evaluate_consultation(&c).unwrap()
    };
    assert_eq!(uncapped.results, expected);

    let lot = &uncapped.consultation.lots[2];
    let part = LotPart {
        id: lot.id.clone(),
        number: lot.number,
        title: "Kubernetes managé (CaaS)".into(),
        estimated_value: lot.estimated_value,
        award: lot.award,
        sans_suite: Some("Besoin redéfini après la consultation".into()),
    };
    let after = jauge_api::edit_consultation(
        &mut store,
        REFERENCE,
        &ConsultationEdit::UpdateLot(part),
        at(2),
        "Claire",
    )
    .unwrap();
    assert_eq!(
        after.results.allocation.lots[2].status,
        jauge_api::domain::lots::LotStatus::SansSuite
    );
    // The lot's title is in its evaluation's tender too, journaled there.
    let key = lot_key(REFERENCE, "k8s");
    let evaluation = jauge_api::load_evaluation(&store, &key).unwrap();
    assert_eq!(
        evaluation.tender.lot.as_deref(),
        Some("3 – Kubernetes managé (CaaS)")
    );
    assert_eq!(
        jauge_api::list_journal(&store, &key).unwrap()[1].action,
        "tender.update"
    );
    let reopened = jauge_api::open_consultation(&store, REFERENCE).unwrap();
    assert_eq!(reopened.consultation, after.consultation);
    assert!(
        jauge_api::verify_consultation(&store, REFERENCE)
            .unwrap()
            .is_intact()
    );
}

#[test]
fn a_new_offer_on_a_lot_names_its_bidder_and_is_scored_as_any_other() {
    let mut store = jauge_api::Store::open_in_memory().unwrap();
    jauge_api::import_consultation(&mut store, &four_lots(), at(0), "Claire").unwrap();
    let key = lot_key(REFERENCE, "iaas");
    // In the lot alone, a new offer would have no bidder: refused, nothing written.
    let stranger = jauge_api::domain::Offer {
        id: "zeta".into(),
        bidder: "Zeta Cloud".into(),
        name: None,
        price: None,
        irregular: None,
        certifications: None,
    };
    let refused =
        jauge_api::apply_change(&mut store, &key, &Change::UpsertOffer(stranger), at(1), "C")
            .unwrap_err();
    assert_eq!(refusal_codes(&refused), ["offer_added_from_consultation"]);
    // Nor is an offer's company changed in one lot, nor the lot's tender.
    let mut beta = jauge_api::load_evaluation(&store, &key).unwrap().offers[1].clone();
    beta.bidder = "Beta Cloud France".into();
    let refused = jauge_api::apply_change(&mut store, &key, &Change::UpsertOffer(beta), at(1), "C")
        .unwrap_err();
    assert_eq!(refusal_codes(&refused), ["given_by_consultation"]);
    let mut tender = jauge_api::load_evaluation(&store, &key).unwrap().tender;
    tender.title = "Autre".into();
    let refused =
        jauge_api::apply_change(&mut store, &key, &Change::UpdateTender(tender), at(1), "C")
            .unwrap_err();
    assert_eq!(refusal_codes(&refused), ["given_by_consultation"]);
    assert_eq!(jauge_api::list_journal(&store, &key).unwrap().len(), 1);

    // From the consultation: epsilon bids on lot 1, and its offer is scored in the lot.
    let added = jauge_api::edit_consultation(
        &mut store,
        REFERENCE,
        &ConsultationEdit::AddBid {
            lot: "iaas".into(),
            bidder: "epsilon".into(),
            offer: "epsilon".into(),
        },
        at(2),
        "Claire",
    )
    .unwrap();
    assert_eq!(
        added.consultation.lots[0].offer_bidders.last().unwrap(),
        "epsilon"
    );
    let score = Change::SetScore(Score {
        offer: "epsilon".into(),
        criterion: "tech".into(),
        evaluator: "e1".into(),
        answer: Answer::Value(9.0),
        justification: None,
        at: None,
    });
    jauge_api::apply_change(&mut store, &key, &score, at(3), "Claire").unwrap();
    let opened = jauge_api::open_consultation(&store, REFERENCE).unwrap();
    let offer = opened.consultation.lots[0]
        .evaluation
        .offers
        .last()
        .unwrap();
    assert_eq!(
        (offer.id.as_str(), offer.bidder.as_str()),
        ("epsilon", "Epsilon Services")
    );
    assert!(
        jauge_api::verify_consultation(&store, REFERENCE)
            .unwrap()
            .is_intact()
    );

    // A second offer of the same bidder on the lot is refused by the consultation's rule.
    let twice = jauge_api::edit_consultation(
        &mut store,
        REFERENCE,
        &ConsultationEdit::AddBid {
            lot: "iaas".into(),
            bidder: "epsilon".into(),
            offer: "epsilon2".into(),
        },
        at(4),
        "Claire",
    )
    .unwrap_err();
    assert_eq!(refusal_codes(&twice), ["duplicate_bid"]);
}

#[test]
fn what_a_consultation_cannot_take_is_refused_with_nothing_written() {
    let mut store = jauge_api::Store::open_in_memory().unwrap();
    jauge_api::import_consultation(&mut store, &four_lots(), at(0), "Claire").unwrap();
    let before = jauge_api::open_consultation(&store, REFERENCE).unwrap();
    let edit = |store: &mut jauge_api::Store, edit: ConsultationEdit| {
        jauge_api::edit_consultation(store, REFERENCE, &edit, at(1), "Claire").unwrap_err()
    };
    let removed = edit(
        &mut store,
        ConsultationEdit::RemoveBidder {
            bidder: "beta".into(),
        },
    );
    assert_eq!(refusal_codes(&removed), ["bidder_has_offers"]);
    assert!(removed.to_string().contains("Beta Cloud"), "{removed}");
    let mut info = before.consultation.info.clone();
    info.reference = "2026-CL-005".into();
    assert_eq!(
        refusal_codes(&edit(&mut store, ConsultationEdit::UpdateInfo(info))),
        ["reference_fixed"]
    );
    let mut bad_siret = before.consultation.bidders[1].clone();
    bad_siret.siret = Some("123".into());
    assert_eq!(
        refusal_codes(&edit(&mut store, ConsultationEdit::UpsertBidder(bad_siret))),
        ["invalid_siret"]
    );
    let lot = &before.consultation.lots[1];
    let clash = LotPart {
        id: lot.id.clone(),
        number: 1,
        title: lot.title.clone(),
        estimated_value: lot.estimated_value,
        award: lot.award,
        sans_suite: None,
    };
    assert_eq!(
        refusal_codes(&edit(&mut store, ConsultationEdit::UpdateLot(clash))),
        ["duplicate_lot_number"]
    );
    let after = jauge_api::open_consultation(&store, REFERENCE).unwrap();
    assert_eq!(after.consultation, before.consultation);
    let verdict = jauge_api::verify_consultation(&store, REFERENCE).unwrap();
    assert_eq!(verdict.head.as_ref().map(|h| h.entries), Some(1));

    // A bidder without offers goes; one added comes.
    let mut zeta = before.consultation.bidders[0].clone();
    zeta.id = "zeta".into();
    zeta.company = "Zeta Cloud".into();
    zeta.siret = None;
    let added = jauge_api::edit_consultation(
        &mut store,
        REFERENCE,
        &ConsultationEdit::UpsertBidder(zeta),
        at(2),
        "C",
    )
    .unwrap();
    assert_eq!(added.consultation.bidders.len(), 6);
    let removed = jauge_api::edit_consultation(
        &mut store,
        REFERENCE,
        &ConsultationEdit::RemoveBidder {
            bidder: "zeta".into(),
        },
        at(3),
        "C",
    )
    .unwrap();
    assert_eq!(removed.consultation, before.consultation);
    let verdict = jauge_api::verify_consultation(&store, REFERENCE).unwrap();
    assert!(verdict.is_intact(), "{verdict:?}");
    assert_eq!(verdict.head.as_ref().map(|h| h.entries), Some(3));
}

#[test]
fn a_member_of_two_lots_keeps_a_workspace_per_lot_and_each_return_goes_back_to_its_lot() {
    let dir = tempfile::tempdir().unwrap();
    let mut buyer = jauge_api::Store::open_in_memory().unwrap();
    jauge_api::import_consultation(&mut buyer, &four_lots(), at(0), "Claire").unwrap();
    let request = jauge_api::PackageRequest {
        evaluator: "e1".into(),
        criteria: None,
    };
    let mut member = jauge_api::open_store(&dir.path().join("member.sqlite3")).unwrap();
    let mut keys = Vec::new();
    for (lot, value) in [("iaas", 3.0), ("paas", 4.0)] {
        let package = dir.path().join(format!("paquet-{lot}.json"));
        jauge_api::export_package_file(
            &mut buyer,
            &lot_key(REFERENCE, lot),
            &request,
            at(1),
            "Claire",
            &package,
        )
        .unwrap();
        // Both packages open on one laptop, neither replacing the other.
        let opened =
            jauge_api::open_package_file(&mut member, &package, false, at(2), "e1").unwrap();
        let key = jauge_api::workspace_key(&opened.evaluation);
        assert_ne!(key, REFERENCE);
        let mut score = alpha_score(value);
        if let Change::SetScore(s) = &mut score {
            s.justification = Some(format!("Noté sur le lot {lot}"));
        }
        jauge_api::apply_change(&mut member, &key, &score, at(3), "e1").unwrap();
        keys.push(key);
    }
    assert_ne!(keys[0], keys[1]);
    assert_eq!(jauge_api::list_evaluations(&member).unwrap().len(), 2);

    let returns: Vec<_> = keys
        .iter()
        .zip(["iaas", "paas"])
        .map(|(key, lot)| {
            let path = dir.path().join(format!("retour-{lot}.json"));
            jauge_api::write_return_file(&member, key, at(4), &path, None).unwrap();
            path
        })
        .collect();
    // A lot's return merged into the other lot is refused: the scoring basis holds the lot.
    let crossed = jauge_api::import_return_file(
        &mut buyer,
        &lot_key(REFERENCE, "paas"),
        &returns[0],
        true,
        at(5),
        "Claire",
    )
    .unwrap_err();
    assert_eq!(refusal_codes(&crossed), ["stale_basis"]);
    for (path, (lot, value)) in returns.iter().zip([("iaas", 3.0), ("paas", 4.0)]) {
        let key = lot_key(REFERENCE, lot);
        let merged =
            jauge_api::import_return_file(&mut buyer, &key, path, true, at(6), "Claire").unwrap();
        assert_eq!(merged.written, 1, "{lot}");
        let evaluation = jauge_api::load_evaluation(&buyer, &key).unwrap();
        let alpha = evaluation
            .scores
            .iter()
            .find(|s| s.offer == "alpha" && s.criterion == "tech" && s.evaluator == "e1")
            .unwrap();
        assert_eq!(alpha.answer, Answer::Value(value), "{lot}");
    }
}
