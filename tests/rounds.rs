//! Negotiated procedures: rounds of offers scored each by the engine on its own view, offers set
//! aside between rounds, the comparison of two rounds, and the exchanges with bidders that
//! scores cite (`tests/fixtures/negotiated.json`).

use jauge_domain::rounds::{
    citations, compare_rounds, deciding_results, evaluate_rounds, notes, round_view,
};
use jauge_domain::{
    EvaluationDocument, Negotiation, Round, RoundKind, canonical_hash, evaluate,
    evaluation_to_canonical_string, evaluation_to_string, parse_evaluation, validate_evaluation,
};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::documents::{catalogs, parse, refused};
use crate::generate;
use crate::support::fixture;

fn document() -> Value {
    let text = std::fs::read_to_string(fixture("negotiated.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_final_round_changes_the_winner_and_decides() {
    let evaluation = parse(&document());
    let rounds = evaluate_rounds(&evaluation, catalogs());
    assert_eq!(rounds.len(), 2);
    let (initial, last) = (&rounds[0], &rounds[1]);
    // Initial offers (prices 1000, 900, 1500; quality 8, 6, 3): 45 + 32 + 5 = 82 for o1,
    // 50 + 24 + 5 = 79 for o2, 30 + 12 + 5 = 47 for o3.
    assert_eq!(initial.results.winner.as_deref(), Some("o1"));
    assert_eq!(initial.results.offer("o1").unwrap().total, Some(82.0));
    assert_eq!(initial.results.offer("o2").unwrap().total, Some(79.0));
    assert_eq!(initial.results.offer("o3").unwrap().total, Some(47.0));
    // Final offers (o2 at 700, quality 7): 35 + 32 + 5 = 72 for o1, 50 + 28 + 5 = 83 for o2.
    assert_eq!(last.results.winner.as_deref(), Some("o2"));
    assert_eq!(last.results.offer("o1").unwrap().total, Some(72.0));
    assert_eq!(last.results.offer("o2").unwrap().total, Some(83.0));
    assert_eq!(deciding_results(&evaluation, catalogs()), last.results);

    let comparison = compare_rounds(initial, last);
    assert!(comparison.winner_changed());
    let o2 = comparison.offers.iter().find(|o| o.offer == "o2").unwrap();
    assert_eq!((o2.rank_before, o2.rank_after), (Some(2), Some(1)));
    let price = o2.criteria.iter().find(|c| c.criterion == "price").unwrap();
    assert_eq!(
        (price.value_before, price.value_after),
        (Some(900.0), Some(700.0))
    );
    let quality = o2
        .criteria
        .iter()
        .find(|c| c.criterion == "quality")
        .unwrap();
    assert_eq!(
        (quality.value_before, quality.value_after),
        (Some(6.0), Some(7.0))
    );
    // Nothing changed on env for o2: not listed.
    assert!(o2.criteria.iter().all(|c| c.criterion != "env"));
    let o1 = comparison.offers.iter().find(|o| o.offer == "o1").unwrap();
    // o1's price did not move, its points did (o2's lower price moved the minimum).
    let price = o1.criteria.iter().find(|c| c.criterion == "price").unwrap();
    assert_eq!(
        (price.points_before, price.points_after),
        (Some(45.0), Some(35.0))
    );
}

#[test]
fn an_offer_eliminated_at_round_one_is_absent_from_round_two() {
    let evaluation = parse(&document());
    let rounds = evaluate_rounds(&evaluation, catalogs());
    assert!(rounds[0].results.offer("o3").is_some());
    assert_eq!(rounds[0].eliminated[0].offer, "o3");
    assert!(rounds[1].results.offer("o3").is_none());
    let view = round_view(&evaluation, 1).unwrap();
    assert!(view.offers.iter().all(|o| o.id != "o3"));
    let comparison = compare_rounds(&rounds[0], &rounds[1]);
    let o3 = comparison.offers.iter().find(|o| o.offer == "o3").unwrap();
    assert!(o3.left);
    assert_eq!(o3.rank_after, None);

    // A score of the final round on it is refused, by name.
    let mut document = document();
    document["scores"]
        .as_array_mut()
        .unwrap()
        .push(json!({"offer": "o3", "criterion": "quality", "evaluator": "e1", "value": 9}));
    refused(
        &document,
        "scores[4].offer",
        "no longer takes part in round \"r2\"",
    );
}

#[test]
fn a_score_cites_the_exchange_it_relies_on() {
    let evaluation = parse(&document());
    let cited = citations(&evaluation, None, "o2", "quality", Some("e1"));
    assert_eq!(cited.len(), 1);
    assert_eq!(cited[0].id, "x2");
    assert_eq!(
        cited[0].answer.as_deref(),
        Some("Oui, sauvegardes comprises, sans frais.")
    );
    assert!(citations(&evaluation, Some("r1"), "o2", "quality", Some("e1")).is_empty());
    assert!(citations(&evaluation, None, "o1", "quality", Some("e1")).is_empty());

    // A citation of a score that does not exist is refused.
    let mut document = document();
    document["exchanges"][1]["cited_by"] = json!([{"criterion": "quality"}]);
    refused(
        &document,
        "exchanges[1].cited_by[0]",
        "no score by committee",
    );
}

#[test]
fn the_procedure_rules_are_problems_of_the_file() {
    // An open procedure forbids negotiation: no second round, no negotiation exchange.
    let mut open = document();
    open["tender"]["procedure"] = json!("open");
    refused(&open, "negotiation.rounds[1]", "forbids any negotiation");
    refused(&open, "exchanges[0].kind", "forbids any negotiation");

    // Regularisation only of an irregular offer.
    let mut regular = document();
    regular["exchanges"][0]["kind"] = json!("regularisation");
    refused(&regular, "exchanges[0].kind", "is not declared irregular");
    let mut irregular = regular.clone();
    irregular["offers"][1]["irregular"] = json!({"reason": "Bordereau incomplet"});
    parse(&irregular);
    // Every regularisation request of a round has the same deadline.
    irregular["offers"][0]["irregular"] = json!({"reason": "Attestation manquante"});
    irregular["exchanges"].as_array_mut().unwrap().push(json!({
        "id": "x3", "offer": "o1", "kind": "regularisation", "round": "r1",
        "question": "Fournir l'attestation.", "sent": "2026-10-20", "deadline": "2026-10-25"
    }));
    refused(&irregular, "exchanges[2].deadline", "same deadline");

    // Final offers are not negotiated.
    let mut final_negotiated = document();
    final_negotiated["exchanges"][1]["kind"] = json!("negotiation");
    refused(&final_negotiated, "exchanges[1].kind", "are not negotiated");

    // Setting offers aside between rounds must have been announced.
    let mut unannounced = document();
    unannounced["negotiation"]
        .as_object_mut()
        .unwrap()
        .remove("reduction_announced");
    refused(
        &unannounced,
        "negotiation.rounds[0].eliminated[0]",
        "R2161-18",
    );

    // The latest round's scores are the evaluation's own.
    let mut own = document();
    own["negotiation"]["rounds"][1]["scores"] = own["scores"].clone();
    refused(
        &own,
        "negotiation.rounds[1]",
        "carries no offers, scores or decisions",
    );

    // Kinds in order, dates in order, digests and rounds that exist.
    let mut disordered = document();
    disordered["negotiation"]["rounds"][0]["kind"] = json!("final");
    refused(
        &disordered,
        "negotiation.rounds[0].kind",
        "initial offers come first",
    );
    let mut late = document();
    late["exchanges"][0]["received"] = json!("2026-10-01");
    refused(&late, "exchanges[0].received", "comes before");
    let mut digest = document();
    digest["exchanges"][0]["file_sha256"] = json!("9F86");
    refused(&digest, "exchanges[0].file_sha256", "not a SHA-256");
    let mut nowhere = document();
    nowhere["exchanges"][0]["round"] = json!("r9");
    refused(&nowhere, "exchanges[0].round", "no round has the id \"r9\"");
}

#[test]
fn the_notes_warn_of_a_thin_final_round_and_a_regularisation_not_offered_to_all() {
    let evaluation = parse(&document());
    assert!(notes(&evaluation).is_empty());

    let mut thin = document();
    thin["negotiation"]["rounds"][0]["eliminated"]
        .as_array_mut()
        .unwrap()
        .push(json!({"offer": "o1", "reason": "Deuxième au classement."}));
    thin["scores"] = json!([
        {"offer": "o2", "criterion": "quality", "evaluator": "e1", "value": 7},
        {"offer": "o2", "criterion": "env", "evaluator": "e1", "value": 5}
    ]);
    thin["exchanges"] = json!([]);
    let codes: Vec<&str> = notes(&parse(&thin)).iter().map(|n| n.code).collect();
    assert_eq!(codes, ["few_final_offers"]);

    let mut unequal = document();
    unequal["offers"][0]["irregular"] = json!({"reason": "Attestation manquante"});
    unequal["offers"][1]["irregular"] = json!({"reason": "Bordereau incomplet"});
    unequal["exchanges"][0]["kind"] = json!("regularisation");
    let found = notes(&parse(&unequal));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, "regularisation_not_offered_to_all");
    assert_eq!(found[0].params.get("bidders"), Some("Nuage Alpha"));
}

#[test]
fn rounds_and_exchanges_are_written_back_as_read() {
    let evaluation = parse(&document());
    let text = evaluation_to_string(&evaluation);
    assert_eq!(parse_evaluation(&text).unwrap(), evaluation);
    // The canonical text is serde's for the same tree (the journal chains its hash).
    let serde_text = serde_json::to_string(&EvaluationDocument::new(&evaluation)).unwrap();
    let serde_value: Value = serde_json::from_str(&serde_text).unwrap();
    assert_eq!(parse_evaluation(&serde_text).unwrap(), evaluation);
    assert_eq!(
        normalised(&serde_value),
        normalised(&serde_json::from_str(&evaluation_to_canonical_string(&evaluation)).unwrap())
    );
    // Without rounds and exchanges, not one key more.
    let mut without = evaluation.clone();
    without.negotiation = None;
    without.exchanges.clear();
    let text = evaluation_to_canonical_string(&without);
    assert!(!text.contains("negotiation") && !text.contains("exchanges"));
}

/// Numbers as f64 (serde writes `3.0` where the canonical writer writes `3`).
fn normalised(value: &Value) -> Value {
    match value {
        Value::Number(n) => json!(n.as_f64()),
        Value::Array(items) => Value::Array(items.iter().map(normalised).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), normalised(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// One round of offers is the evaluation itself: the same results, round and decision.
    #[test]
    fn a_one_round_file_scores_as_the_file_without_rounds(evaluation in generate::evaluation()) {
        let before = evaluate(&evaluation, catalogs());
        let hash = canonical_hash(&evaluation);
        let mut one = evaluation.clone();
        one.negotiation = Some(Negotiation {
            reduction_announced: None,
            initial_award_reserved: None,
            rounds: vec![Round {
                id: "r1".into(),
                label: "Offres initiales".into(),
                kind: RoundKind::Initial,
                invited: None,
                deadline: None,
                offers: Vec::new(),
                scores: Vec::new(),
                consensus: Vec::new(),
                eliminated: Vec::new(),
            }],
        });
        prop_assert_eq!(
            validate_evaluation(&evaluation).is_ok(),
            validate_evaluation(&one).is_ok()
        );
        let rounds = evaluate_rounds(&one, catalogs());
        prop_assert_eq!(rounds.len(), 1);
        prop_assert_eq!(&rounds[0].results, &before);
        prop_assert_eq!(&deciding_results(&one, catalogs()), &before);
        prop_assert_eq!(&evaluate(&one, catalogs()), &before);
        // And the file without rounds keeps its hash.
        prop_assert_eq!(canonical_hash(&evaluation), hash);
        prop_assert_ne!(canonical_hash(&one), canonical_hash(&evaluation));
    }
}

/// The report of a two-round evaluation, read back by pdftotext: a section per round, what
/// changed between them and its effect on the ranking, and the table of exchanges.
#[test]
fn the_report_shows_each_round_what_changed_and_every_exchange() {
    let evaluation = parse(&document());
    let at = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 1, 11, 0, 0).unwrap();
    let bytes =
        jauge_api::render_report(&evaluation, jauge_report::Lang::Fr, at).expect("report renders");
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("rapport.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let Some(text) = crate::support::pdftotext(&pdf).map(|t| crate::support::plain(&t)) else {
        return;
    };
    let section = text
        .find("Tours de négociation et échanges avec les soumissionnaires")
        .map(|at| &text[at..])
        .unwrap_or_else(|| panic!("no rounds section in:\n{text}"));
    for expected in [
        "Offres initiales (offres initiales) — Invitation du 01/09/2026, offres attendues le 15/10/2026",
        "Offres finales (offres finales)",
        "Gamma Hosting — Offre écartée à l’issue de ce tour : Troisième au classement",
        "Ce qui a changé entre « Offres initiales » → « Offres finales »",
        "Le classement change : l’offre la mieux classée passe de Nuage Alpha → Beta Cloud.",
        // o3 left: its row of the comparison says so (pdftotext sets the offer column apart).
        "écartée, absente de ce tour 3e — 47,00 —",
        "Rang 2e 1er 79,00 83,00 Prix 900 700 50,00 50,00 Valeur technique 6 7 24,00 28,00",
        "Échanges avec les soumissionnaires",
        "demande de précisions — Offres finales",
        "Le plan de réversibilité couvre-t-il les sauvegardes ?",
        "reçue le 20/11/2026",
        "Notes qui s’y appuient : Valeur technique (Claire Martin)",
    ] {
        assert!(
            section.contains(expected),
            "missing {expected:?} in:\n{section}"
        );
    }
    // The answer file's digest, whole (a table cell may wrap it).
    let joined: String = section.split_whitespace().collect();
    assert!(joined.contains("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
    // The deciding results are the final round's: the summary names Beta Cloud.
    assert!(text.contains("Beta Cloud"));
}

/// Every bidder whose offer is rejected is told so and why: an offer set aside at the initial
/// offers gets its letter (which round, the reason, who won at the end), not silence; the others
/// are compared on the final round.
#[test]
fn an_offer_set_aside_at_an_earlier_round_gets_its_letter() {
    use jauge_api::domain::letters::Decision;
    let evaluation = parse(&document());
    let request = jauge_api::LettersRequest {
        notification: jauge_api::LetterNotification {
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            channel: jauge_api::NotificationChannel::Electronic,
        },
        lang: jauge_report::Lang::Fr,
        advantages: Default::default(),
        at: chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 2, 9, 0, 0).unwrap(),
    };
    let letters = jauge_api::render_letters(&evaluation, &request).expect("letters render");
    let kinds: Vec<(&str, &str)> = letters
        .iter()
        .map(|(_, letter, _)| {
            let kind = match &letter.decision {
                Decision::Awarded { .. } => "awarded",
                Decision::Ranked { .. } => "ranked",
                Decision::Eliminated { .. } => "eliminated",
                Decision::SetAside { .. } => "set_aside",
            };
            (letter.offer.as_str(), kind)
        })
        .collect();
    assert_eq!(
        kinds,
        [("o2", "awarded"), ("o1", "ranked"), ("o3", "set_aside")]
    );
    let (_, letter, pdf) = &letters[2];
    match &letter.decision {
        Decision::SetAside {
            round,
            round_label,
            reason,
        } => {
            assert_eq!(
                (round.as_str(), round_label.as_str()),
                ("r1", "Offres initiales")
            );
            assert!(reason.starts_with("Troisième au classement"), "{reason}");
        }
        other => panic!("expected a set-aside decision, got {other:?}"),
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("courrier-o3.pdf");
    std::fs::write(&path, pdf).unwrap();
    let Some(text) = crate::support::pdftotext(&path).map(|t| crate::support::plain(&t)) else {
        return;
    };
    for expected in [
        "Gamma Hosting",
        "Nous avons le regret de vous informer que votre offre n’a pas été retenue.",
        "Votre offre a été écartée à l’issue du tour « Offres initiales » de la procédure",
        "Motif : Troisième au classement des offres initiales",
        "L’offre retenue est celle de Beta Cloud",
        "Voies de recours",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // A bidder set aside earlier has no points to compare on the final round.
    assert!(!text.contains("Vos points"), "{text}");
}

#[test]
fn a_regularisation_waits_until_an_open_abnormally_low_check_is_answered() {
    // Nuage Alpha's offer is irregular, and its price's justification is asked for on 17/11.
    let mut base = document();
    base["offers"][0]["irregular"] = json!({"reason": "cadre de réponse non signé"});
    base["exchanges"].as_array_mut().unwrap().extend([
        json!({"id": "j1", "offer": "o1", "kind": "abnormally_low", "round": "r2",
               "question": "Justifiez le prix de l'exploitation.", "criteria": ["price"],
               "sent": "2026-11-17", "deadline": "2026-11-24"}),
        json!({"id": "x3", "offer": "o1", "kind": "regularisation", "round": "r2",
               "question": "Transmettez le cadre de réponse signé.",
               "sent": "2026-11-18", "deadline": "2026-11-25"}),
    ]);
    // Not answered when the regularisation is asked: refused.
    refused(
        &base,
        "exchanges[3].kind",
        "while the justification of its price",
    );
    // Answered after the regularisation was asked: still refused (it was open that day).
    let mut late = base.clone();
    late["exchanges"][2]["received"] = json!("2026-11-19");
    late["exchanges"][2]["answer"] = json!("Décomposition du prix transmise.");
    refused(
        &late,
        "exchanges[3].kind",
        "while the justification of its price",
    );
    // Answered by then: the regularisation may be asked.
    let mut answered = base.clone();
    answered["exchanges"][2]["received"] = json!("2026-11-18");
    answered["exchanges"][2]["answer"] = json!("Décomposition du prix transmise.");
    let evaluation = parse(&answered);
    assert_eq!(evaluation.exchanges[2].kind.as_str(), "abnormally_low");
    // A check on another offer does not hold this one back.
    let mut other = base.clone();
    other["exchanges"][2]["offer"] = json!("o2");
    parse(&other);
    // A check asked for after the regularisation was sent did not hold it back either.
    let mut after = base;
    after["exchanges"][2]["sent"] = json!("2026-11-19");
    after["exchanges"][2]["deadline"] = json!("2026-11-26");
    parse(&after);
}

#[test]
fn the_scoring_basis_follows_the_round_scored_not_the_record_of_exchanges() {
    use jauge_domain::package::scoring_basis_hash;
    let base = document();
    let hash = |document: &Value| scoring_basis_hash(&parse(document));
    let before = hash(&base);

    // The committee's record: labels, dates, announcements, reasons, exchanges and answers.
    let mut record = base.clone();
    record["negotiation"]["rounds"][1]["label"] = json!("Offres finales (BAFO)");
    record["negotiation"]["rounds"][1]["deadline"] = json!("2026-11-20");
    record["negotiation"]["initial_award_reserved"] = json!(true);
    record["negotiation"]["rounds"][0]["eliminated"][0]["reason"] = json!("Autre motif.");
    record["exchanges"][1]["answer"] = json!("Oui, sauvegardes comprises.");
    record["exchanges"].as_array_mut().unwrap().remove(0);
    assert_eq!(hash(&record), before);
    // The frozen round's own scores and offer versions are not what a grid scores now.
    let mut frozen = base.clone();
    frozen["negotiation"]["rounds"][0]["scores"][0]["value"] = json!(2);
    frozen["negotiation"]["rounds"][0]["offers"][0]["price"] = json!(950);
    assert_eq!(hash(&frozen), before);

    // What is scored: the round (a package of round 1 does not score round 2) and the offers
    // still in it (o3, set aside after round 1, is not scored in round 2).
    let mut one_round = base.clone();
    one_round["negotiation"]["rounds"]
        .as_array_mut()
        .unwrap()
        .pop();
    one_round["exchanges"].as_array_mut().unwrap().pop();
    let first = one_round["negotiation"]["rounds"][0]
        .as_object_mut()
        .unwrap();
    first.remove("offers");
    let frozen_scores = first.remove("scores").unwrap();
    one_round["scores"] = frozen_scores;
    one_round["offers"][1]["price"] = json!(900);
    assert_ne!(hash(&one_round), before);
    let mut kept = base.clone();
    kept["negotiation"]["rounds"][0]
        .as_object_mut()
        .unwrap()
        .remove("eliminated");
    kept["scores"].as_array_mut().unwrap().extend([
        json!({"offer": "o3", "criterion": "quality", "evaluator": "e1", "value": 3}),
        json!({"offer": "o3", "criterion": "env", "evaluator": "e1", "value": 5}),
    ]);
    assert_ne!(hash(&kept), before);
    // Setting an offer aside at the end of the latest round: it is still scored in that round.
    let mut aside_at_latest = one_round.clone();
    let latest = hash(&one_round);
    aside_at_latest["negotiation"]["rounds"][0]["eliminated"] =
        json!([{"offer": "o1", "reason": "Motif."}]);
    assert_eq!(hash(&aside_at_latest), latest);

    // Without rounds, exchanges are no part of the basis either, and the rounds were.
    let mut plain = base.clone();
    plain.as_object_mut().unwrap().remove("negotiation");
    let mut exchanges = plain["exchanges"].take();
    for exchange in exchanges.as_array_mut().unwrap() {
        exchange.as_object_mut().unwrap().remove("round");
    }
    plain["exchanges"] = json!([]);
    let without = hash(&plain);
    plain["exchanges"] = exchanges;
    assert_eq!(hash(&plain), without);
    assert_ne!(without, before);
}

// ---- the store and the API, on a real SQLite file ------------------------------------------

mod stored {
    use std::path::Path;

    use chrono::{DateTime, NaiveDate, TimeZone, Utc};
    use jauge_api::domain::rounds::RoundNote;
    use jauge_api::domain::{
        Answer, Citation, Exchange, ExchangeKind, RoundKind, RoundOpening, Score, canonical_hash,
        sha256_hex,
    };
    use jauge_api::store::{Change, Db, SCHEMA_VERSION};
    use jauge_api::{ErrorCode, Store};
    use serde_json::json;

    use super::document;

    const REFERENCE: &str = "2026-NEG-004";

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, 9, minute, 0).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// The fixture's tender as it stood when the initial offers came in: no rounds yet, the
    /// initial prices and scores.
    fn initial_text() -> String {
        let mut document = document();
        let map = document.as_object_mut().unwrap();
        map.remove("negotiation");
        map.remove("exchanges");
        document["offers"][1]["price"] = json!(900);
        document["scores"] = json!([
            {"offer": "o1", "criterion": "quality", "evaluator": "e1", "value": 8},
            {"offer": "o1", "criterion": "env", "evaluator": "e1", "value": 5},
            {"offer": "o2", "criterion": "quality", "evaluator": "e1", "value": 6},
            {"offer": "o2", "criterion": "env", "evaluator": "e1", "value": 5},
            {"offer": "o3", "criterion": "quality", "evaluator": "e1", "value": 3},
            {"offer": "o3", "criterion": "env", "evaluator": "e1", "value": 5}
        ]);
        document.to_string()
    }

    fn opening(id: &str, kind: RoundKind, announced: Option<bool>) -> RoundOpening {
        RoundOpening {
            id: id.into(),
            label: format!("Tour {id}"),
            kind,
            invited: Some(day("2026-11-02")),
            deadline: Some(day("2026-11-16")),
            reduction_announced: announced,
            initial_award_reserved: None,
        }
    }

    fn in_step(store: &Store, path: &Path) {
        let stored = Db::open(path).unwrap().load_evaluation(REFERENCE).unwrap();
        assert_eq!(store.evaluation_in_memory(REFERENCE), Some(&stored));
        let verdict = jauge_api::verify_journal(store, REFERENCE).unwrap();
        assert!(verdict.is_intact(), "{verdict:?}");
    }

    #[test]
    fn a_negotiation_is_run_journaled_and_read_back_from_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jauge.sqlite3");
        let mut store = jauge_api::open_store(&path).unwrap();
        jauge_api::import_evaluation(&mut store, &initial_text(), false, at(0), "Claire").unwrap();

        let (saved, results) = jauge_api::open_round(
            &mut store,
            REFERENCE,
            opening("r1", RoundKind::Initial, Some(true)),
            at(1),
            "Claire",
        )
        .unwrap();
        assert_eq!(results.winner.as_deref(), Some("o1"));
        assert_eq!(saved.rounds().len(), 1);
        let question = Exchange {
            id: "x1".into(),
            offer: "o2".into(),
            kind: ExchangeKind::Negotiation,
            round: Some("r1".into()),
            question: "Pouvez-vous revoir le prix de l'exploitation ?".into(),
            criteria: vec!["price".into()],
            sent: day("2026-10-20"),
            deadline: Some(day("2026-10-30")),
            received: None,
            answer: None,
            file_sha256: None,
            cited_by: Vec::new(),
        };
        jauge_api::record_exchange(&mut store, REFERENCE, question, at(2), "Claire").unwrap();
        let answer_file = dir.path().join("reponse-beta.pdf");
        std::fs::write(&answer_file, b"%PDF-1.7 reponse de Beta Cloud").unwrap();
        jauge_api::answer_exchange(
            &mut store,
            REFERENCE,
            "x1",
            day("2026-10-29"),
            "Prix de l'exploitation revu.",
            Some(&answer_file),
            at(3),
            "Claire",
        )
        .unwrap();
        jauge_api::eliminate_at_round(
            &mut store,
            REFERENCE,
            "r1",
            "o3",
            "Troisième au classement des offres initiales.",
            at(4),
            "Claire",
        )
        .unwrap();
        in_step(&store, &path);

        // The final offers: o3 is gone with its scores; o2 lowers its price and is rescored.
        jauge_api::open_round(
            &mut store,
            REFERENCE,
            opening("r2", RoundKind::Final, None),
            at(5),
            "Claire",
        )
        .unwrap();
        let evaluation = store.evaluation_in_memory(REFERENCE).unwrap().clone();
        assert!(evaluation.scores.iter().all(|s| s.offer != "o3"));
        assert_eq!(evaluation.rounds()[0].scores.len(), 6);
        let mut o2 = evaluation.offers[1].clone();
        o2.price = Some(700.0);
        jauge_api::apply_change(
            &mut store,
            REFERENCE,
            &Change::UpsertOffer(o2),
            at(6),
            "Claire",
        )
        .unwrap();
        let rescored = Score {
            offer: "o2".into(),
            criterion: "quality".into(),
            evaluator: "e1".into(),
            answer: Answer::Value(7.0),
            justification: Some("Réversibilité précisée (x2).".into()),
            at: None,
        };
        // One cell of the final round edited: the results come from that offer's row of the
        // round's view, recomputed alone, and equal the whole round scored afresh.
        let (_, edited) = jauge_api::change_cell(
            &mut store,
            REFERENCE,
            &Change::SetScore(rescored),
            at(7),
            "Claire",
        )
        .unwrap();
        let fresh = jauge_domain::rounds::deciding_results(
            store.evaluation_in_memory(REFERENCE).unwrap(),
            super::catalogs(),
        );
        assert_eq!(edited, fresh);
        assert_eq!(edited.offer("o2").unwrap().total, Some(83.0));
        assert!(edited.offer("o3").is_none());
        let clarification = Exchange {
            id: "x2".into(),
            offer: "o2".into(),
            kind: ExchangeKind::Clarification,
            round: Some("r2".into()),
            question: "Le plan de réversibilité couvre-t-il les sauvegardes ?".into(),
            criteria: vec!["quality".into()],
            sent: day("2026-11-18"),
            deadline: Some(day("2026-11-21")),
            received: Some(day("2026-11-20")),
            answer: Some("Oui, sans frais.".into()),
            file_sha256: None,
            cited_by: vec![Citation {
                criterion: "quality".into(),
                evaluator: Some("e1".into()),
            }],
        };
        let (_, results) =
            jauge_api::record_exchange(&mut store, REFERENCE, clarification, at(8), "Claire")
                .unwrap();
        assert_eq!(results.winner.as_deref(), Some("o2"));
        assert!(results.offer("o3").is_none());
        in_step(&store, &path);

        // Refused, nothing written: negotiating the final offers, removing a cited score.
        let journal = jauge_api::list_journal(&store, REFERENCE).unwrap().len();
        let mut negotiate = store.evaluation_in_memory(REFERENCE).unwrap().exchanges[1].clone();
        negotiate.id = "x3".into();
        negotiate.kind = ExchangeKind::Negotiation;
        negotiate.cited_by.clear();
        let error = jauge_api::record_exchange(&mut store, REFERENCE, negotiate, at(9), "Claire")
            .unwrap_err();
        assert_eq!(error.code(), ErrorCode::Invalid, "{error}");
        let remove = Change::RemoveScore {
            offer: "o2".into(),
            criterion: "quality".into(),
            evaluator: "e1".into(),
        };
        let error =
            jauge_api::apply_change(&mut store, REFERENCE, &remove, at(9), "Claire").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("exchange \"x2\" relies on this score"),
            "{error}"
        );
        assert_eq!(
            jauge_api::list_journal(&store, REFERENCE).unwrap().len(),
            journal
        );

        // Read back by a second program from the file alone.
        drop(store);
        let store = jauge_api::open_store(&path).unwrap();
        let stored = jauge_api::load_evaluation(&store, REFERENCE).unwrap();
        let digest = sha256_hex(b"%PDF-1.7 reponse de Beta Cloud");
        assert_eq!(
            stored.exchanges[0].file_sha256.as_deref(),
            Some(digest.as_str())
        );
        assert_eq!(stored.exchanges[0].received, Some(day("2026-10-29")));
        let journal = jauge_api::list_journal(&store, REFERENCE).unwrap();
        let actions: Vec<&str> = journal.iter().map(|e| e.action.as_str()).collect();
        for action in [
            "round.open",
            "exchange.record",
            "exchange.answer",
            "round.eliminate",
        ] {
            assert!(actions.contains(&action), "{action} in {actions:?}");
        }
        assert_eq!(journal.last().unwrap().state_hash, canonical_hash(&stored));
        assert!(
            jauge_api::verify_journal(&store, REFERENCE)
                .unwrap()
                .is_intact()
        );

        let overview = jauge_api::rounds_overview(&store, REFERENCE).unwrap();
        assert_eq!(overview.rounds.len(), 2);
        assert_eq!(overview.rounds[0].results.winner.as_deref(), Some("o1"));
        assert_eq!(overview.rounds[1].results.winner.as_deref(), Some("o2"));
        assert!(overview.comparisons[0].winner_changed());
        assert_eq!(overview.notes, Vec::<RoundNote>::new());
        // The frozen initial round is the one the fixture describes by hand: same results.
        let by_hand = super::evaluate_rounds(&super::parse(&document()), super::catalogs());
        assert_eq!(overview.rounds[0].results, by_hand[0].results);
        assert_eq!(overview.rounds[1].results, by_hand[1].results);
    }

    #[test]
    fn a_store_from_before_rounds_migrates_and_reads_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        let text = std::fs::read_to_string(crate::support::repo_file(
            "assets/demo/cloud-de-confiance.json",
        ))
        .unwrap();
        let reference = {
            let mut store = jauge_api::open_store(&path).unwrap();
            jauge_api::import_evaluation(&mut store, &text, false, at(0), "Claire")
                .unwrap()
                .tender
                .reference
        };
        let before = Db::open(&path)
            .unwrap()
            .load_evaluation(&reference)
            .unwrap();
        // Take the file back to the schema before the rounds migration, as an older Jauge left
        // it: migrations 10 (the wider list of request kinds, in the exchanges table), 9
        // (consultations) and 8 (rounds) undone: version 7.
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(
                "DROP TABLE consultation_journal; DROP TABLE lots; DROP TABLE consultations; \
                 ALTER TABLE tenders DROP COLUMN evaluation_reference; \
                 DROP TABLE round_eliminations; DROP TABLE rounds; DROP TABLE negotiations; \
                 DROP TABLE exchanges;",
            )
            .unwrap();
            conn.pragma_update(None, "user_version", 7).unwrap();
        }
        let db = Db::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
        let after = db.load_evaluation(&reference).unwrap();
        assert_eq!(after, before);
        assert!(after.negotiation.is_none() && after.exchanges.is_empty());
        assert_eq!(canonical_hash(&after), canonical_hash(&before));
        assert!(db.verify_journal(&reference).unwrap().is_intact());
    }

    #[test]
    fn a_store_from_before_justification_requests_keeps_its_exchanges_and_takes_the_new_kind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("before-0010.sqlite3");
        let text = document().to_string();
        {
            let mut store = jauge_api::open_store(&path).unwrap();
            jauge_api::import_evaluation(&mut store, &text, false, at(0), "Claire").unwrap();
        }
        let before = Db::open(&path).unwrap().load_evaluation(REFERENCE).unwrap();
        assert_eq!(before.exchanges.len(), 2);
        // The exchanges table as migration 0008 made it, its rows copied, one version back.
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(
                "ALTER TABLE exchanges RENAME TO exchanges_wide; \
                 CREATE TABLE exchanges (
                    tender_id INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
                    id TEXT NOT NULL, position INTEGER NOT NULL, offer_id TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('clarification', 'regularisation', 'negotiation')),
                    round_id TEXT, question TEXT NOT NULL, criteria TEXT NOT NULL, sent TEXT NOT NULL,
                    deadline TEXT, received TEXT, answer TEXT, file_sha256 TEXT, cited_by TEXT NOT NULL,
                    PRIMARY KEY (tender_id, id),
                    FOREIGN KEY (tender_id, offer_id) REFERENCES offers (tender_id, id)
                 ) STRICT; \
                 INSERT INTO exchanges SELECT * FROM exchanges_wide; DROP TABLE exchanges_wide;",
            )
            .unwrap();
            let refused = conn.execute(
                "UPDATE exchanges SET kind = 'abnormally_low' WHERE id = 'x1'",
                [],
            );
            assert!(refused.is_err(), "the old table refuses the new kind");
            conn.pragma_update(None, "user_version", SCHEMA_VERSION - 1)
                .unwrap();
        }
        let mut store = jauge_api::open_store(&path).unwrap();
        assert_eq!(store.db().schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(store.db().load_evaluation(REFERENCE).unwrap(), before);
        assert!(store.db().verify_journal(REFERENCE).unwrap().is_intact());
        let justification = Exchange {
            id: "x3".into(),
            offer: "o1".into(),
            kind: ExchangeKind::AbnormallyLow,
            round: Some("r2".into()),
            question: "Justifiez le prix de l'exploitation.".into(),
            criteria: vec!["price".into()],
            sent: day("2026-11-18"),
            deadline: Some(day("2026-11-25")),
            received: None,
            answer: None,
            file_sha256: None,
            cited_by: Vec::new(),
        };
        jauge_api::record_exchange(&mut store, REFERENCE, justification, at(1), "Claire").unwrap();
        in_step(&store, &path);
    }
}
