//! The wire speaks the file format: what the desktop shell sends over IPC (serde's serialisation
//! of the domain values, through `EvaluationDocument` and `ResultsDocument`) is what the file
//! writers write, and what the screens send back (the same shapes) reads as the same values.
//! Numbers are compared as f64: serde writes `3.0` where the canonical writer writes `3`.

use jauge_domain::catalog::Catalogs;
use jauge_domain::{
    Consensus, Criterion, Evaluation, EvaluationDocument, Evaluator, Offer, ResultsDocument, Score,
    Settings, Tender, evaluate, evaluation_to_json, parse_evaluation, results_to_json,
};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::documents::catalogs;
use crate::generate;

/// The first place where `a` and `b` differ, as a JSON path, numbers compared as f64.
fn difference(path: &str, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64() != y.as_f64()).then(|| format!("{path}: {x} ≠ {y}"))
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(format!("{path}: {} items ≠ {}", x.len(), y.len()));
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (x, y))| difference(&format!("{path}[{i}]"), x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .find_map(|key| match (x.get(key), y.get(key)) {
                    (Some(x), Some(y)) => difference(&format!("{path}.{key}"), x, y),
                    (Some(_), None) => Some(format!("{path}.{key}: sent, not in the file")),
                    (None, _) => Some(format!("{path}.{key}: in the file, not sent")),
                })
        }
        _ => (a != b).then(|| format!("{path}: {a} ≠ {b}")),
    }
}

/// Reads `value` as `T` the way the shell reads what a screen sends.
fn read<T: DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{e}: {value}"))
}

fn assert_wire_is_file(evaluation: &Evaluation, catalogs: &Catalogs) {
    let sent = serde_json::to_value(EvaluationDocument::new(evaluation)).unwrap();
    let file = evaluation_to_json(evaluation);
    assert_eq!(difference("$", &sent, &file), None);

    let text = serde_json::to_string(&EvaluationDocument::new(evaluation)).unwrap();
    assert_eq!(&parse_evaluation(&text).unwrap(), evaluation);

    // The parts screens send back read as the values they came from.
    assert_eq!(&read::<Tender>(&sent["tender"]), &evaluation.tender);
    let settings = sent.get("settings").map_or_else(Settings::default, read);
    assert_eq!(settings, evaluation.settings);
    assert_eq!(
        read::<Vec<Criterion>>(&sent["criteria"]),
        evaluation.criteria
    );
    assert_eq!(
        read::<Vec<Evaluator>>(&sent["evaluators"]),
        evaluation.evaluators
    );
    assert_eq!(read::<Vec<Offer>>(&sent["offers"]), evaluation.offers);
    assert_eq!(read::<Vec<Score>>(&sent["scores"]), evaluation.scores);
    assert_eq!(
        read::<Vec<Consensus>>(&sent["consensus"]),
        evaluation.consensus
    );

    let results = evaluate(evaluation, catalogs);
    let sent = serde_json::to_value(ResultsDocument::new(&results)).unwrap();
    assert_eq!(difference("$", &sent, &results_to_json(&results)), None);
}

#[test]
fn the_demo_goes_over_the_wire_as_its_file() {
    let demo = include_str!("../assets/demo/cloud-de-confiance.json");
    assert_wire_is_file(&parse_evaluation(demo).unwrap(), catalogs());
}

#[test]
fn absent_optional_keys_stay_absent_on_the_wire() {
    let demo = include_str!("../assets/demo/cloud-de-confiance.json");
    let mut evaluation = parse_evaluation(demo).unwrap();
    evaluation.settings = Settings::default();
    evaluation.tender.lot = None;
    let sent = serde_json::to_value(EvaluationDocument::new(&evaluation)).unwrap();
    assert!(
        sent.get("settings").is_none(),
        "default settings are not sent"
    );
    assert!(
        sent["tender"].get("lot").is_none(),
        "no lot is not `lot: null`"
    );
    assert_eq!(sent["format"], "jauge/evaluation@1");
}

#[test]
fn a_malformed_part_from_a_screen_is_refused_not_guessed() {
    let score = serde_json::json!({"offer": "o1", "criterion": "c", "evaluator": "e"});
    assert!(
        serde_json::from_value::<Score>(score).is_err(),
        "a score needs value or met"
    );
    let tender =
        serde_json::json!({"reference": "R", "title": "T", "buyer": "B", "deadline": "19/10/2026"});
    assert!(
        serde_json::from_value::<Tender>(tender).is_err(),
        "dates are YYYY-MM-DD"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn what_the_shell_sends_is_what_the_file_writer_writes(evaluation in generate::evaluation()) {
        assert_wire_is_file(&evaluation, catalogs());
    }
}
