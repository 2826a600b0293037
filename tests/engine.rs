//! The engine against the spec: every validation rule names its path, every scoring rule of §8
//! gives the hand-computed figure.

use jauge_domain::{
    EliminationReason, Evaluation, OfferStatus, Results, evaluate, parse_evaluation,
    results_to_json,
};
use serde_json::{Value, json};

use crate::documents::{catalogs, parse, problems, refused};
use crate::support::fixture;

fn results(document: &Value) -> Results {
    evaluate(&parse(document), catalogs())
}

/// Asserts that the base document with `value` at `pointer` is refused at `path` with `words`.
fn refused_at(pointer: &str, value: Value, path: &str, words: &str) {
    refused(&with(base(), pointer, value), path, words);
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-9
}

fn assert_close(actual: Option<f64>, expected: f64, what: &str) {
    let actual = actual.unwrap_or_else(|| panic!("{what}: no value"));
    assert!(close(actual, expected), "{what}: {actual} != {expected}");
}

/// The points an offer earns on one leaf.
fn points_of(offer: &jauge_domain::OfferResult, leaf: &str) -> Option<f64> {
    offer.leaf(leaf).and_then(|l| l.outcome.points())
}

fn example() -> Value {
    let text = std::fs::read_to_string(fixture("example-minimal.json")).expect("spec example");
    serde_json::from_str(&text).expect("spec example is JSON")
}

/// A small document to vary: price 40 + one scored leaf 60 (0..10 step 1), two evaluators.
fn base() -> Value {
    json!({
        "format": "jauge/evaluation@1",
        "tender": {"reference": "T-1", "title": "Test", "buyer": "Ministère", "deadline": "2026-10-15"},
        "criteria": [
            {"id": "price", "title": "Prix", "weight": 40, "kind": "price", "formula": {"name": "proportional"}},
            {"id": "q", "title": "Qualité", "weight": 60, "kind": "scored", "scale": {"min": 0, "max": 10, "step": 1}}
        ],
        "evaluators": [{"id": "e1", "name": "Claire"}, {"id": "e2", "name": "Karim"}],
        "offers": [
            {"id": "a", "bidder": "A", "price": 100},
            {"id": "b", "bidder": "B", "price": 200}
        ],
        "scores": [
            {"offer": "a", "criterion": "q", "evaluator": "e1", "value": 5},
            {"offer": "b", "criterion": "q", "evaluator": "e1", "value": 10}
        ],
        "consensus": []
    })
}

fn set(document: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer has a parent");
    let target = document
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent} in the document"));
    match target {
        Value::Object(map) => {
            map.insert(key.to_owned(), value);
        }
        Value::Array(items) => {
            let i: usize = key.parse().expect("array index");
            if i == items.len() {
                items.push(value);
            } else {
                items[i] = value;
            }
        }
        _ => panic!("{parent} is not a container"),
    }
}

fn with(mut document: Value, pointer: &str, value: Value) -> Value {
    set(&mut document, pointer, value);
    document
}

fn push(mut document: Value, pointer: &str, value: Value) -> Value {
    document
        .pointer_mut(pointer)
        .and_then(Value::as_array_mut)
        .unwrap_or_else(|| panic!("{pointer} is not an array"))
        .push(value);
    document
}

mod spec_example {
    use super::*;

    #[test]
    fn gives_the_hand_computed_totals_ranks_and_winner() {
        let r = results(&example());
        let o1 = r.offer("o1").expect("o1");
        let o2 = r.offer("o2").expect("o2");
        assert_close(o1.total, 73.0, "o1 total");
        assert_close(o2.total, 84.0, "o2 total");
        assert_close(points_of(o1, "price"), 32.0, "o1 price");
        assert_close(points_of(o1, "tech.sec"), 21.0, "o1 sec");
        assert_close(points_of(o1, "tech.rev"), 12.0, "o1 rev");
        assert_close(points_of(o1, "env"), 8.0, "o1 env");
        assert_close(points_of(o2, "price"), 40.0, "o2 price");
        assert_close(o1.group("tech"), 33.0, "o1 tech subtotal");
        assert_eq!((o1.rank, o2.rank), (Some(2), Some(1)));
        assert_eq!(r.winner.as_deref(), Some("o2"));
        assert!(r.complete);
    }

    #[test]
    fn eliminates_the_offer_whose_secnumcloud_expired_and_ignores_its_price() {
        let r = results(&example());
        let o3 = r.offer("o3").expect("o3");
        assert_eq!(o3.status, OfferStatus::Eliminated);
        assert_eq!(o3.eliminated_because.len(), 1);
        assert_eq!(
            o3.eliminated_because[0].reason,
            EliminationReason::RequirementNotMet
        );
        assert_eq!(
            o3.eliminated_because[0].criterion.as_deref(),
            Some("req.snc")
        );
        // The reason names the scheme as readers know it.
        assert!(
            o3.eliminated_because[0]
                .detail
                .contains("aucune certification « SecNumCloud » valide à la date limite du"),
            "{}",
            o3.eliminated_because[0].detail
        );
        assert_eq!(o3.total, None);
        assert_eq!(o3.rank, None);
        assert!(r.divergences.is_empty(), "o1/sec spread 0.2 is under 0.30");
    }

    #[test]
    fn results_document_has_the_shape_of_section_9() {
        let r = results(&example());
        let doc = results_to_json(&r);
        assert_eq!(doc["format"], "jauge/results@1");
        assert_eq!(doc["winner"], "o2");
        let o1 = &doc["offers"][0];
        assert_eq!(o1["id"], "o1");
        assert_eq!(o1["status"], "ranked");
        assert_eq!(o1["criteria"]["req.snc"], json!({"met": true}));
        assert_eq!(o1["criteria"]["tech.sec"]["value"], json!(3.5));
        assert_eq!(o1["criteria"]["price"]["value"], json!(1_000_000));
        let o3 = &doc["offers"][2];
        assert_eq!(o3["groups"], Value::Null);
        assert_eq!(o3["total"], Value::Null);
        assert_eq!(o3["rank"], Value::Null);
        assert_eq!(o3["criteria"]["tech.sec"]["points"], Value::Null);
        assert_eq!(o3["criteria"]["req.snc"], json!({"met": false}));
        assert_eq!(o3["eliminated_because"][0]["reason"], "requirement_not_met");
        assert_eq!(o3["eliminated_because"][0]["criterion"], "req.snc");
        let keys: Vec<&str> = o1["criteria"]
            .as_object()
            .expect("criteria map")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["price", "tech.sec", "tech.rev", "env", "req.snc"]);
        let groups: Vec<&str> = o1["groups"]
            .as_object()
            .expect("groups map")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            groups,
            ["price", "tech", "env", "req"],
            "every top-level node"
        );
        for key in [
            "missing",
            "undecided",
            "divergences",
            "sensitivity",
            "warnings",
        ] {
            assert!(doc[key].is_array(), "{key} is an array");
        }
    }
}

mod validation {
    use super::*;

    #[test]
    fn the_spec_example_and_the_base_document_are_valid() {
        parse(&example());
        parse(&base());
    }

    #[test]
    fn malformed_json_gives_line_and_column() {
        let err =
            parse_evaluation("{\n  \"format\": \"jauge/evaluation@1\",\n  \"tender\": {,}\n}")
                .expect_err("malformed");
        assert_eq!(err.problems.len(), 1);
        assert_eq!(err.problems[0].path, "line 3, column 14");
        assert!(err.problems[0].message().contains("malformed JSON"));
    }

    #[test]
    fn a_byte_order_mark_is_tolerated() {
        let text = format!("\u{feff}{}", base());
        assert!(parse_evaluation(&text).is_ok());
    }

    #[test]
    fn format_must_be_exactly_version_1() {
        refused_at(
            "/format",
            json!("jauge/evaluation@2"),
            "format",
            "not supported",
        );
        refused_at("/format", json!(1), "format", "expected a string");
    }

    #[test]
    fn unknown_keys_are_refused_everywhere_with_their_path() {
        refused_at("/extra", json!(1), "extra", "unknown key");
        refused_at("/tender/titel", json!("x"), "tender.titel", "unknown key");
        refused_at(
            "/criteria/1/wieght",
            json!(1),
            "criteria[1].wieght",
            "unknown key",
        );
        refused_at("/offers/0/prix", json!(1), "offers[0].prix", "unknown key");
        refused_at(
            "/scores/0/comment",
            json!("x"),
            "scores[0].comment",
            "unknown key",
        );
        refused_at(
            "/settings",
            json!({"abnormally_low": {"method": "none", "percent": 5}}),
            "settings.abnormally_low.percent",
            "unknown key",
        );
        refused_at(
            "/criteria/0/formula",
            json!({"name": "linear", "n": 2}),
            "criteria[0].formula.n",
            "unknown key",
        );
    }

    #[test]
    fn keys_of_another_kind_of_node_are_named_as_such() {
        refused_at(
            "/criteria/0/scale",
            json!({"min": 0, "max": 1}),
            "criteria[0].scale",
            "only allowed on a scored leaf",
        );
        refused_at(
            "/criteria/1/formula",
            json!({"name": "linear"}),
            "criteria[1].formula",
            "only allowed on the price leaf",
        );
    }

    #[test]
    fn required_keys_are_named() {
        let mut doc = base();
        doc["tender"]
            .as_object_mut()
            .expect("tender")
            .remove("deadline");
        refused(&doc, "tender.deadline", "is required");
        let mut doc = base();
        doc.as_object_mut().expect("root").remove("offers");
        refused(&doc, "offers", "is required");
        let mut doc = base();
        doc["criteria"][1]
            .as_object_mut()
            .expect("q")
            .remove("scale");
        refused(&doc, "criteria[1].scale", "is required");
    }

    #[test]
    fn tender_fields_are_checked() {
        refused_at(
            "/tender/reference",
            json!("  "),
            "tender.reference",
            "must not be empty",
        );
        refused_at(
            "/tender/procedure",
            json!("ouverte"),
            "tender.procedure",
            "not one of",
        );
        refused_at(
            "/tender/deadline",
            json!("15/10/2026"),
            "tender.deadline",
            "YYYY-MM-DD",
        );
        refused_at(
            "/tender/deadline",
            json!("2026-02-30"),
            "tender.deadline",
            "YYYY-MM-DD",
        );
        refused_at(
            "/tender/launch_date",
            json!("2026-9-1"),
            "tender.launch_date",
            "YYYY-MM-DD",
        );
        refused_at(
            "/tender/currency",
            json!("eur"),
            "tender.currency",
            "ISO 4217",
        );
    }

    #[test]
    fn settings_are_checked() {
        refused_at(
            "/settings",
            json!({"consolidation": "mode"}),
            "settings.consolidation",
            "not one of",
        );
        refused_at(
            "/settings",
            json!({"divergence_threshold": 0}),
            "settings.divergence_threshold",
            "outside (0, 1]",
        );
        refused_at(
            "/settings",
            json!({"divergence_threshold": 1.5}),
            "settings.divergence_threshold",
            "outside (0, 1]",
        );
        parse(&with(
            base(),
            "/settings",
            json!({"divergence_threshold": 1}),
        ));
        refused_at(
            "/settings",
            json!({"abnormally_low": {"method": "percent_below_mean", "percent": 100}}),
            "settings.abnormally_low.percent",
            "outside (0, 100)",
        );
        refused_at(
            "/settings",
            json!({"abnormally_low": {"method": "median"}}),
            "settings.abnormally_low.method",
            "not one of",
        );
    }

    #[test]
    fn group_weights_must_sum_to_the_group_weight() {
        let mut doc = example();
        doc["criteria"][1]["children"][1]["weight"] = json!(15);
        let found = problems(&doc);
        assert!(
            found.contains(
                &r#"criteria[1].children: weights sum to 45 but group "tech" weighs 50"#.to_owned()
            ),
            "{found:#?}"
        );
    }

    #[test]
    fn top_level_weights_must_sum_to_100() {
        refused_at("/criteria/1/weight", json!(50), "criteria", "sum to 90");
    }

    #[test]
    fn leaf_weights_follow_their_kind() {
        let mut doc = example();
        doc["criteria"][3]["children"][0]["weight"] = json!(5);
        doc["criteria"][3]["weight"] = json!(5);
        doc["criteria"][0]["weight"] = json!(35);
        refused(
            &doc,
            "criteria[3].children[0].weight",
            "a requirement weighs 0",
        );
        let doc = push(
            with(base(), "/criteria/1/weight", json!(60)),
            "/criteria",
            json!({"id": "z", "title": "Zéro", "weight": 0, "kind": "scored", "scale": {"min": 0, "max": 1}}),
        );
        refused(&doc, "criteria[2].weight", "must weigh more than 0");
    }

    #[test]
    fn a_group_of_weight_0_may_hold_only_requirements() {
        let doc = push(
            base(),
            "/criteria",
            json!({"id": "g", "title": "G", "weight": 0, "children": [
                {"id": "g.s", "title": "S", "weight": 0, "kind": "scored", "scale": {"min": 0, "max": 1}}
            ]}),
        );
        refused(
            &doc,
            "criteria[2].children[0]",
            "may hold only requirements",
        );
    }

    #[test]
    fn at_most_one_price_leaf() {
        let doc = with(
            base(),
            "/criteria/1",
            json!({"id": "p2", "title": "Prix 2", "weight": 60, "kind": "price", "formula": {"name": "linear"}}),
        );
        refused(&doc, "criteria[1].kind", "a second price criterion");
    }

    #[test]
    fn node_shape_is_checked() {
        refused_at("/criteria/1/children", json!([]), "criteria[1]", "not both");
        let mut doc = base();
        doc["criteria"][1]
            .as_object_mut()
            .expect("q")
            .remove("kind");
        doc["criteria"][1]
            .as_object_mut()
            .expect("q")
            .remove("scale");
        refused(&doc, "criteria[1]", "needs \"kind\"");
        let doc = with(
            base(),
            "/criteria/1",
            json!({"id": "q", "title": "Q", "weight": 60, "children": []}),
        );
        refused(&doc, "criteria[1].children", "at least one child");
        refused_at(
            "/criteria/1/kind",
            json!("bonus"),
            "criteria[1].kind",
            "not one of",
        );
    }

    #[test]
    fn identifiers_have_a_pattern_and_are_unique_across_the_tree() {
        refused_at(
            "/criteria/1/id",
            json!("qualité"),
            "criteria[1].id",
            "not a valid id",
        );
        refused_at(
            "/criteria/1/id",
            json!("x".repeat(65)),
            "criteria[1].id",
            "not a valid id",
        );
        parse(&with(base(), "/evaluators/1/id", json!("x".repeat(64))));
        let mut doc = example();
        doc["criteria"][1]["children"][0]["id"] = json!("env");
        doc["scores"] = json!([]);
        refused(
            &doc,
            "criteria[2].id",
            "already used by criteria[1].children[0]",
        );
        refused_at("/offers/1/id", json!("a"), "offers[1].id", "already used");
        refused_at(
            "/evaluators/1/id",
            json!("e1"),
            "evaluators[1].id",
            "already used",
        );
    }

    #[test]
    fn scales_thresholds_levels_and_formulas_are_checked() {
        refused_at(
            "/criteria/1/scale",
            json!({"min": 5, "max": 5}),
            "criteria[1].scale",
            "must be below max",
        );
        refused_at(
            "/criteria/1/scale",
            json!({"min": 0, "max": 5, "step": 0}),
            "criteria[1].scale.step",
            "greater than 0",
        );
        refused_at(
            "/criteria/1/threshold",
            json!(11),
            "criteria[1].threshold",
            "outside the scale",
        );
        refused_at(
            "/criteria/1/levels",
            json!([{"value": 2.5, "label": "Moyen"}]),
            "criteria[1].levels[0].value",
            "not on the step",
        );
        refused_at(
            "/criteria/0/formula",
            json!({"name": "n_times", "n": 1}),
            "criteria[0].formula.n",
            "greater than 1",
        );
        refused_at(
            "/criteria/0/formula",
            json!({"name": "n_times"}),
            "criteria[0].formula.n",
            "is required",
        );
        refused_at(
            "/criteria/0/formula",
            json!({"name": "mean"}),
            "criteria[0].formula.name",
            "not one of",
        );
    }

    #[test]
    fn offers_are_checked() {
        let mut doc = base();
        doc["offers"][1].as_object_mut().expect("b").remove("price");
        refused(&doc, "offers[1].price", "required because");
        refused_at(
            "/offers/0/price",
            json!(0),
            "offers[0].price",
            "greater than 0",
        );
        refused_at(
            "/offers/0/irregular",
            json!({"reason": ""}),
            "offers[0].irregular.reason",
            "must not be empty",
        );
        refused_at(
            "/offers/0/certifications",
            json!([{"scheme": "SecNumCloud", "status": "qualified"}]),
            "offers[0].certifications[0].scheme",
            "lower-case",
        );
        refused_at(
            "/offers/0/certifications",
            json!([{"scheme": "hds", "status": "valid"}]),
            "offers[0].certifications[0].status",
            "not one of",
        );
        // Without a price leaf, offers need no price.
        let doc = with(
            with(
                base(),
                "/criteria/0",
                json!({"id": "r", "title": "R", "weight": 40, "kind": "scored", "scale": {"min": 0, "max": 1}}),
            ),
            "/offers/0",
            json!({"id": "a", "bidder": "A"}),
        );
        parse(&doc);
    }

    #[test]
    fn score_values_must_fit_the_scale_with_the_spec_wording() {
        let mut doc = example();
        doc["scores"][0]["value"] = json!(7);
        let found = problems(&doc);
        assert!(
            found.contains(
                &r#"scores[0].value: 7 is outside the scale 0..5 of criterion "tech.sec""#
                    .to_owned()
            ),
            "{found:#?}"
        );
        doc["scores"][0]["value"] = json!(3.2);
        refused(&doc, "scores[0].value", "not on the step 0.5");
        doc["scores"][0]["value"] = json!(3.5);
        parse(&doc);
    }

    #[test]
    fn scores_must_target_the_right_kind_of_leaf() {
        let score = |criterion: &str, answer: Value| {
            let mut s = json!({"offer": "o1", "criterion": criterion, "evaluator": "e1"});
            for (k, v) in answer.as_object().expect("answer") {
                s[k] = v.clone();
            }
            push(example(), "/scores", s)
        };
        refused(
            &score("tech", json!({"value": 3})),
            "scores[10].criterion",
            "is a group",
        );
        refused(
            &score("price", json!({"value": 3})),
            "scores[10].criterion",
            "price criterion",
        );
        refused(
            &score("req.snc", json!({"met": true})),
            "scores[10].criterion",
            "checked automatically",
        );
        refused(
            &score("tech.rev", json!({"met": true})),
            "scores[10].met",
            "give a \"value\"",
        );
        refused(
            &score("tech.sec", json!({"value": 3, "met": true})),
            "scores[10]",
            "both",
        );
        refused(
            &score("tech.sec", json!({})),
            "scores[10]",
            "needs \"value\"",
        );
        refused(
            &score("nope", json!({"value": 3})),
            "scores[10].criterion",
            "no criterion",
        );
        refused(
            &score("tech.sec", json!({"value": 3})),
            "scores[10]",
            "a second score",
        );
    }

    #[test]
    fn a_value_on_a_requirement_is_refused() {
        let doc = push(
            with(
                base(),
                "/criteria/2",
                json!({"id": "r", "title": "R", "weight": 0, "kind": "requirement"}),
            ),
            "/scores",
            json!({"offer": "a", "criterion": "r", "evaluator": "e1", "value": 1}),
        );
        refused(&doc, "scores[2].value", "is a requirement");
    }

    #[test]
    fn scores_name_existing_offers_and_evaluators_and_valid_times() {
        refused_at(
            "/scores/0/offer",
            json!("zz"),
            "scores[0].offer",
            "no offer",
        );
        refused_at(
            "/scores/0/evaluator",
            json!("e9"),
            "scores[0].evaluator",
            "no evaluator",
        );
        refused_at("/scores/0/at", json!("hier"), "scores[0].at", "RFC 3339");
        parse(&with(
            base(),
            "/scores/0/at",
            json!("2026-10-20T14:30:00+02:00"),
        ));
    }

    #[test]
    fn consensus_needs_a_justification_and_a_fitting_leaf() {
        let decision = |value: Value| push(example(), "/consensus", value);
        refused(
            &decision(json!({"offer": "o1", "criterion": "tech.sec", "value": 4})),
            "consensus[0].justification",
            "is required",
        );
        refused(
            &decision(
                json!({"offer": "o1", "criterion": "tech.sec", "value": 4, "justification": " "}),
            ),
            "consensus[0].justification",
            "must not be empty",
        );
        refused(
            &decision(
                json!({"offer": "o1", "criterion": "price", "value": 4, "justification": "x"}),
            ),
            "consensus[0].criterion",
            "price criterion",
        );
        parse(&decision(
            json!({"offer": "o3", "criterion": "req.snc", "met": true, "justification": "Renouvellement vérifié"}),
        ));
        let twice = push(
            decision(
                json!({"offer": "o1", "criterion": "tech.sec", "value": 4, "justification": "x"}),
            ),
            "/consensus",
            json!({"offer": "o1", "criterion": "tech.sec", "value": 3, "justification": "y"}),
        );
        refused(&twice, "consensus[1]", "a second consensus");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut doc = base();
        doc["tender"]["reference"] = json!("");
        doc["offers"][0]["price"] = json!(-1);
        doc["scores"][0]["value"] = json!(11);
        let found = problems(&doc);
        assert_eq!(found.len(), 3, "{found:#?}");
    }
}

mod rules {
    use super::*;

    fn value(r: &Results, offer: &str, criterion: &str) -> Option<f64> {
        let doc = results_to_json(r);
        let o = doc["offers"]
            .as_array()
            .expect("offers")
            .iter()
            .find(|o| o["id"] == offer)
            .expect("offer")
            .clone();
        o["criteria"][criterion]["value"].as_f64()
    }

    #[test]
    fn mean_and_median_consolidation() {
        let doc = push(
            push(
                with(base(), "/evaluators/2", json!({"id": "e3", "name": "Léa"})),
                "/scores",
                json!({"offer": "a", "criterion": "q", "evaluator": "e2", "value": 6}),
            ),
            "/scores",
            json!({"offer": "a", "criterion": "q", "evaluator": "e3", "value": 10}),
        );
        let r = results(&doc);
        assert_close(value(&r, "a", "q"), 7.0, "mean of 5, 6, 10");
        let median = with(doc.clone(), "/settings", json!({"consolidation": "median"}));
        assert_close(
            value(&results(&median), "a", "q"),
            6.0,
            "median of 5, 6, 10",
        );
        let mut even = median.clone();
        even["scores"].as_array_mut().expect("scores").pop();
        assert_close(
            value(&results(&even), "a", "q"),
            5.5,
            "median of 5, 6 is their mean",
        );
    }

    #[test]
    fn consensus_overrides_individual_scores() {
        let doc = push(
            base(),
            "/consensus",
            json!({"offer": "a", "criterion": "q", "value": 8, "justification": "Revu en commission"}),
        );
        assert_close(value(&results(&doc), "a", "q"), 8.0, "consensus");
    }

    fn with_requirement(auto: Option<Value>) -> Value {
        let mut requirement =
            json!({"id": "r", "title": "Exigence", "weight": 0, "kind": "requirement"});
        if let Some(auto) = auto {
            requirement["auto"] = auto;
        }
        with(base(), "/criteria/2", requirement)
    }

    fn met(r: &Results, offer: &str) -> Option<bool> {
        match r.offer(offer)?.leaf("r")?.outcome {
            jauge_domain::LeafOutcome::Requirement { met, .. } => met,
            _ => None,
        }
    }

    #[test]
    fn manual_requirements_agree_disagree_or_are_missing() {
        let doc = with_requirement(None);
        let r = results(&doc);
        assert_eq!(
            r.offer("a").map(|o| o.status),
            Some(OfferStatus::Incomplete)
        );
        assert!(
            r.missing
                .iter()
                .any(|c| c.offer == "a" && c.criterion == "r")
        );
        assert!(!r.complete);
        assert_eq!(r.winner, None);

        let agreed = push(
            push(
                push(
                    doc.clone(),
                    "/scores",
                    json!({"offer": "a", "criterion": "r", "evaluator": "e1", "met": true}),
                ),
                "/scores",
                json!({"offer": "a", "criterion": "r", "evaluator": "e2", "met": true}),
            ),
            "/scores",
            json!({"offer": "b", "criterion": "r", "evaluator": "e1", "met": true}),
        );
        let r = results(&agreed);
        assert_eq!(met(&r, "a"), Some(true));
        assert_eq!(r.winner.as_deref(), Some("b"));

        let disagreed = with(agreed.clone(), "/scores/3/met", json!(false));
        let r = results(&disagreed);
        assert_eq!(met(&r, "a"), None);
        assert!(
            r.undecided
                .iter()
                .any(|c| c.offer == "a" && c.criterion == "r")
        );
        assert_eq!(
            r.offer("a").map(|o| o.status),
            Some(OfferStatus::Incomplete)
        );

        let settled = push(
            disagreed,
            "/consensus",
            json!({"offer": "a", "criterion": "r", "met": false, "justification": "Pièce manquante"}),
        );
        let r = results(&settled);
        assert_eq!(
            r.offer("a").map(|o| o.status),
            Some(OfferStatus::Eliminated)
        );
        assert!(r.undecided.is_empty());
    }

    #[test]
    fn automatic_checks_follow_status_level_and_validity_on_the_deadline() {
        let auto = json!({"scheme": "gaia-x", "min_level": 2});
        let doc = with_requirement(Some(auto));
        let cert = |c: Value| {
            let mut d = with(doc.clone(), "/offers/0/certifications", json!([c]));
            d["offers"][1]["certifications"] =
                json!([{"scheme": "gaia-x", "level": 3, "status": "certified"}]);
            met(&results(&d), "a")
        };
        assert_eq!(
            cert(json!({"scheme": "gaia-x", "level": 2, "status": "certified"})),
            Some(true)
        );
        assert_eq!(
            cert(json!({"scheme": "gaia-x", "level": 1, "status": "certified"})),
            Some(false)
        );
        assert_eq!(
            cert(json!({"scheme": "gaia-x", "status": "certified"})),
            Some(false),
            "no level"
        );
        assert_eq!(
            cert(json!({"scheme": "gaia-x", "level": 3, "status": "declared"})),
            Some(false)
        );
        assert_eq!(
            cert(json!({"scheme": "hds", "level": 3, "status": "certified"})),
            Some(false)
        );
        assert_eq!(
            cert(
                json!({"scheme": "gaia-x", "level": 2, "status": "certified", "valid_until": "2026-10-15"})
            ),
            Some(true),
            "valid until the deadline itself"
        );
        assert_eq!(
            cert(
                json!({"scheme": "gaia-x", "level": 2, "status": "certified", "valid_from": "2026-10-15"})
            ),
            Some(true),
            "valid from the deadline itself"
        );
        assert_eq!(
            cert(
                json!({"scheme": "gaia-x", "level": 2, "status": "certified", "valid_from": "2026-10-16"})
            ),
            Some(false)
        );
        assert_eq!(
            cert(
                json!({"scheme": "gaia-x", "level": 2, "status": "certified", "valid_until": "2026-10-14"})
            ),
            Some(false)
        );
        let listed = with_requirement(Some(
            json!({"scheme": "secnumcloud", "status": ["in_progress"]}),
        ));
        let d = with(
            listed,
            "/offers/0/certifications",
            json!([{"scheme": "secnumcloud", "status": "in_progress"}]),
        );
        assert_eq!(met(&results(&d), "a"), Some(true));
    }

    #[test]
    fn consensus_overrides_an_automatic_check() {
        let doc = push(
            with_requirement(Some(json!({"scheme": "hds"}))),
            "/consensus",
            json!({"offer": "a", "criterion": "r", "met": true, "justification": "Certificat renouvelé vérifié"}),
        );
        let r = results(&doc);
        assert_eq!(met(&r, "a"), Some(true));
        assert_eq!(met(&r, "b"), Some(false));
    }

    #[test]
    fn thresholds_eliminate_only_below_and_reasons_are_in_order() {
        let doc = with(base(), "/criteria/1/threshold", json!(5));
        let r = results(&doc);
        assert_eq!(
            r.offer("a").map(|o| o.status),
            Some(OfferStatus::Ranked),
            "5 is not below 5"
        );
        let doc = with(
            with(doc, "/criteria/1/threshold", json!(6)),
            "/offers/0/irregular",
            json!({"reason": "Pièce manquante"}),
        );
        let r = results(&doc);
        let a = r.offer("a").expect("a");
        assert_eq!(a.status, OfferStatus::Eliminated);
        let reasons: Vec<_> = a.eliminated_because.iter().map(|e| e.reason).collect();
        assert_eq!(
            reasons,
            [
                EliminationReason::Irregular,
                EliminationReason::BelowThreshold
            ]
        );
        assert_eq!(a.eliminated_because[0].criterion, None);
        assert_eq!(a.eliminated_because[1].criterion.as_deref(), Some("q"));
    }

    fn price_points(formula: Value, prices: &[f64]) -> Vec<Option<f64>> {
        let mut doc = with(base(), "/criteria/0/formula", formula);
        doc["offers"] = json!([]);
        doc["scores"] = json!([]);
        for (i, price) in prices.iter().enumerate() {
            let id = format!("o{i}");
            doc["offers"]
                .as_array_mut()
                .expect("offers")
                .push(json!({"id": id, "bidder": id, "price": price}));
            doc["scores"]
                .as_array_mut()
                .expect("scores")
                .push(json!({"offer": id, "criterion": "q", "evaluator": "e1", "value": 5}));
        }
        let r = results(&doc);
        r.offers
            .iter()
            .map(|o| o.leaf("price").and_then(|l| l.outcome.points()))
            .collect()
    }

    fn assert_points(actual: &[Option<f64>], expected: &[f64]) {
        assert_eq!(actual.len(), expected.len());
        for (a, e) in actual.iter().zip(expected) {
            assert_close(*a, *e, "price points");
        }
    }

    #[test]
    fn the_four_price_formulas() {
        let prices = [100.0, 150.0, 250.0];
        assert_points(
            &price_points(json!({"name": "proportional"}), &prices),
            &[40.0, 40.0 * 100.0 / 150.0, 16.0],
        );
        assert_points(
            &price_points(json!({"name": "linear"}), &prices),
            &[40.0, 40.0 * 100.0 / 150.0, 0.0],
        );
        assert_points(
            &price_points(json!({"name": "relative_gap"}), &prices),
            &[40.0, 20.0, 0.0],
        );
        assert_points(
            &price_points(json!({"name": "n_times", "n": 3}), &prices),
            &[40.0, 30.0, 10.0],
        );
        assert_points(
            &price_points(json!({"name": "n_times", "n": 2}), &prices),
            &[40.0, 20.0, 0.0],
        );
        assert_points(
            &price_points(json!({"name": "linear"}), &[120.0, 120.0]),
            &[40.0, 40.0],
        );
    }

    #[test]
    fn eliminated_offers_do_not_set_the_lowest_price() {
        let doc = with(
            base(),
            "/offers/2",
            json!({"id": "c", "bidder": "C", "price": 50, "irregular": {"reason": "Hors délai"}}),
        );
        let doc = push(
            doc,
            "/scores",
            json!({"offer": "c", "criterion": "q", "evaluator": "e1", "value": 10}),
        );
        let r = results(&doc);
        assert_close(
            r.offer("a").and_then(|o| o.leaf("price")?.outcome.points()),
            40.0,
            "a is the lowest in S",
        );
        assert_close(
            r.offer("b").and_then(|o| o.leaf("price")?.outcome.points()),
            20.0,
            "b",
        );
    }

    fn flags(method: Value, prices: &[f64]) -> Vec<bool> {
        let mut doc = with(base(), "/settings", json!({"abnormally_low": method}));
        doc["offers"] = json!([]);
        doc["scores"] = json!([]);
        for (i, price) in prices.iter().enumerate() {
            let id = format!("o{i}");
            doc["offers"]
                .as_array_mut()
                .expect("offers")
                .push(json!({"id": id, "bidder": id, "price": price}));
            doc["scores"]
                .as_array_mut()
                .expect("scores")
                .push(json!({"offer": id, "criterion": "q", "evaluator": "e1", "value": 5}));
        }
        results(&doc)
            .offers
            .iter()
            .map(|o| o.abnormally_low)
            .collect()
    }

    #[test]
    fn abnormally_low_methods() {
        // mean 100, σ = √(2/3·100²·…) for 50, 125, 125: mean 100, σ ≈ 35.36 → limit ≈ 64.6.
        assert_eq!(
            flags(json!({"method": "mean_minus_sigma"}), &[50.0, 125.0, 125.0]),
            [true, false, false]
        );
        assert_eq!(
            flags(json!({"method": "none"}), &[50.0, 125.0, 125.0]),
            [false, false, false]
        );
        // mean 100 → limit 80 (default 20 %): 80 is not below.
        assert_eq!(
            flags(
                json!({"method": "percent_below_mean"}),
                &[80.0, 100.0, 120.0]
            ),
            [false, false, false]
        );
        assert_eq!(
            flags(
                json!({"method": "percent_below_mean"}),
                &[79.0, 101.0, 120.0]
            ),
            [true, false, false]
        );
        assert_eq!(
            flags(
                json!({"method": "percent_below_mean", "percent": 10}),
                &[85.0, 100.0, 115.0]
            ),
            [true, false, false]
        );
        // m1 = 150; 300 > 180 is dropped; m2 = 100; limit 90.
        assert_eq!(
            flags(
                json!({"method": "trimmed_mean"}),
                &[89.0, 111.0, 300.0, 100.0]
            ),
            [true, false, false, false]
        );
        assert_eq!(
            flags(
                json!({"method": "trimmed_mean"}),
                &[90.0, 110.0, 300.0, 100.0]
            ),
            [false, false, false, false]
        );
        // Fewer than 3 offers in S: no flags.
        assert_eq!(
            flags(json!({"method": "percent_below_mean"}), &[10.0, 100.0]),
            [false, false]
        );
    }

    #[test]
    fn eliminated_offers_are_never_flagged_nor_counted() {
        let mut doc = with(
            base(),
            "/settings",
            json!({"abnormally_low": {"method": "percent_below_mean"}}),
        );
        doc["offers"] = json!([
            {"id": "a", "bidder": "A", "price": 10, "irregular": {"reason": "x"}},
            {"id": "b", "bidder": "B", "price": 100},
            {"id": "c", "bidder": "C", "price": 100},
            {"id": "d", "bidder": "D", "price": 100}
        ]);
        doc["scores"] = json!([]);
        let r = results(&doc);
        assert!(r.offers.iter().all(|o| !o.abnormally_low));
    }

    fn totals_doc(scores: &[f64]) -> Value {
        let mut doc = base();
        doc["criteria"] = json!([{"id": "q", "title": "Q", "weight": 100, "kind": "scored", "scale": {"min": 0, "max": 10}}]);
        doc["offers"] = json!([]);
        doc["scores"] = json!([]);
        for (i, v) in scores.iter().enumerate() {
            let id = format!("o{i}");
            doc["offers"]
                .as_array_mut()
                .expect("offers")
                .push(json!({"id": id, "bidder": id}));
            doc["scores"]
                .as_array_mut()
                .expect("scores")
                .push(json!({"offer": id, "criterion": "q", "evaluator": "e1", "value": v}));
        }
        doc
    }

    #[test]
    fn competition_ranking_with_ties() {
        let r = results(&totals_doc(&[8.0, 9.0, 9.0, 7.0]));
        let ranks: Vec<_> = r.offers.iter().map(|o| o.rank).collect();
        assert_eq!(ranks, [Some(3), Some(1), Some(1), Some(4)]);
        assert_eq!(r.winner, None, "a tie at the top has no winner");
        let r = results(&totals_doc(&[8.0, 9.0, 8.0]));
        let ranks: Vec<_> = r.offers.iter().map(|o| o.rank).collect();
        assert_eq!(ranks, [Some(2), Some(1), Some(2)]);
        assert_eq!(r.winner.as_deref(), Some("o1"));
    }

    #[test]
    fn no_winner_while_an_offer_is_incomplete() {
        let mut doc = totals_doc(&[8.0, 9.0]);
        doc["offers"]
            .as_array_mut()
            .expect("offers")
            .push(json!({"id": "late", "bidder": "L"}));
        let r = results(&doc);
        assert_eq!(
            r.offer("late").map(|o| o.status),
            Some(OfferStatus::Incomplete)
        );
        assert_eq!(r.offer("o1").map(|o| o.rank), Some(Some(1)));
        assert_eq!(r.winner, None);
        assert!(!r.complete);
        assert_eq!(r.missing.len(), 1);
    }

    #[test]
    fn divergences_from_the_threshold_on_and_resolution() {
        let mut doc = base();
        doc["scores"] = json!([
            {"offer": "a", "criterion": "q", "evaluator": "e1", "value": 5},
            {"offer": "a", "criterion": "q", "evaluator": "e2", "value": 8},
            {"offer": "b", "criterion": "q", "evaluator": "e1", "value": 5},
            {"offer": "b", "criterion": "q", "evaluator": "e2", "value": 7}
        ]);
        let r = results(&doc);
        assert_eq!(r.divergences.len(), 1, "a: spread 0.3 ≥ 0.30; b: 0.2");
        assert_eq!(r.divergences[0].offer, "a");
        assert!(close(r.divergences[0].spread, 0.3));
        assert!(!r.divergences[0].resolved);
        let doc = push(
            doc,
            "/consensus",
            json!({"offer": "a", "criterion": "q", "value": 7, "justification": "Accord"}),
        );
        assert!(results(&doc).divergences[0].resolved);
        let doc = with(doc, "/offers/0/irregular", json!({"reason": "x"}));
        assert!(results(&doc).divergences.is_empty(), "only offers in S");
    }

    #[test]
    fn sensitivity_interval_crosses_where_the_totals_meet() {
        // Price 40 + quality 60. a: price 40, q 5 → 30; b: price 20, q 10 → 60.
        // Winner b. For price weight w: a = w + (100 − w)·0.5, b = 0.5w + (100 − w)·1.
        // Equal when w + 50 − 0.5w = 0.5w + 100 − w → w = 50: b stays first on [0, 50].
        let r = results(&base());
        assert_eq!(r.winner.as_deref(), Some("b"));
        let price = r
            .sensitivity
            .iter()
            .find(|s| s.criterion == "price")
            .expect("price");
        assert!(close(price.weight, 40.0));
        assert!(close(price.from, 0.0) && close(price.to, 50.0), "{price:?}");
        let quality = r
            .sensitivity
            .iter()
            .find(|s| s.criterion == "q")
            .expect("q");
        assert!(
            close(quality.from, 50.0) && close(quality.to, 100.0),
            "{quality:?}"
        );
    }

    #[test]
    fn no_sensitivity_without_winner_or_rival() {
        let r = results(&totals_doc(&[9.0, 9.0]));
        assert!(r.sensitivity.is_empty());
        let mut doc = base();
        doc["offers"].as_array_mut().expect("offers").truncate(1);
        doc["scores"].as_array_mut().expect("scores").truncate(1);
        assert!(results(&doc).sensitivity.is_empty());
    }

    #[test]
    fn environmental_criterion_warning_from_21_august_2026() {
        let warned = |launch: &str, environmental: bool| {
            let mut doc = with(base(), "/tender/launch_date", json!(launch));
            if environmental {
                doc["criteria"][1]["environmental"] = json!(true);
            }
            results(&doc)
                .warnings
                .iter()
                .any(|w| w.code.as_str() == "no_environmental_criterion")
        };
        assert!(warned("2026-08-21", false));
        assert!(!warned("2026-08-20", false));
        assert!(!warned("2026-09-01", true));
        assert!(
            !results(&base())
                .warnings
                .iter()
                .any(|w| w.code.as_str() == "no_environmental_criterion"),
            "no launch date"
        );
    }
}

mod properties {
    use jauge_domain::{Answer, Consensus, CriterionBody, OfferResult};
    use proptest::prelude::*;

    use super::*;
    use crate::generate;

    /// Fills every open (offer, leaf) with a consensus so that most generated offers get ranked
    /// (a generated evaluation is often sparse, and properties of totals need totals).
    fn completed(mut evaluation: Evaluation) -> Evaluation {
        let r = evaluate(&evaluation, catalogs());
        for cell in r.missing.iter().chain(&r.undecided) {
            let leaf = evaluation.criterion(&cell.criterion).expect("leaf");
            let answer = match &leaf.body {
                CriterionBody::Scored { scale, .. } => Answer::Value(scale.max),
                _ => Answer::Met(true),
            };
            evaluation.consensus.push(Consensus {
                offer: cell.offer.clone(),
                criterion: cell.criterion.clone(),
                answer,
                justification: "Complété pour le test".into(),
            });
        }
        evaluation
    }

    fn price_points(offer: &OfferResult) -> Option<f64> {
        offer.criteria.iter().find_map(|l| match l.outcome {
            jauge_domain::LeafOutcome::Price { points, .. } => points,
            _ => None,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn totals_stay_within_0_and_100(evaluation in generate::evaluation()) {
            let r = evaluate(&completed(evaluation), catalogs());
            for offer in &r.offers {
                if let Some(total) = offer.total {
                    prop_assert!((-1e-9..=100.0 + 1e-9).contains(&total), "{total}");
                }
            }
        }

        #[test]
        fn permuting_offers_permutes_results(evaluation in generate::evaluation()) {
            let evaluation = completed(evaluation);
            let r = evaluate(&evaluation, catalogs());
            let mut reversed = evaluation.clone();
            reversed.offers.reverse();
            let rr = evaluate(&reversed, catalogs());
            prop_assert_eq!(&r.winner, &rr.winner);
            prop_assert_eq!(r.offers.len(), rr.offers.len());
            for (a, b) in r.offers.iter().zip(rr.offers.iter().rev()) {
                prop_assert_eq!(&a.id, &b.id);
                prop_assert_eq!(a.status, b.status);
                prop_assert_eq!(a.rank, b.rank);
                prop_assert_eq!(a.abnormally_low, b.abnormally_low);
                match (a.total, b.total) {
                    (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9),
                    (x, y) => prop_assert_eq!(x, y),
                }
            }
        }

        #[test]
        fn the_lowest_price_gets_the_most_price_points(evaluation in generate::evaluation()) {
            let evaluation = completed(evaluation);
            let r = evaluate(&evaluation, catalogs());
            let priced: Vec<(f64, f64)> = r
                .offers
                .iter()
                .filter_map(|o| {
                    let price = evaluation.offers.iter().find(|x| x.id == o.id)?.price?;
                    Some((price, price_points(o)?))
                })
                .collect();
            for (p1, s1) in &priced {
                for (p2, s2) in &priced {
                    if p1 <= p2 {
                        prop_assert!(s1 + 1e-9 >= *s2, "price {p1} got {s1} < {s2} for {p2}");
                    }
                }
            }
        }

        #[test]
        fn raising_a_score_never_lowers_that_offers_total(
            evaluation in generate::evaluation(),
            pick in any::<prop::sample::Index>(),
        ) {
            let evaluation = completed(evaluation);
            let raisable: Vec<usize> = evaluation
                .scores
                .iter()
                .enumerate()
                .filter(|(_, s)| matches!(s.answer, Answer::Value(_)))
                .map(|(i, _)| i)
                .collect();
            prop_assume!(!raisable.is_empty());
            let i = raisable[pick.index(raisable.len())];
            let before = evaluate(&evaluation, catalogs());
            let mut raised = evaluation.clone();
            let leaf = evaluation.criterion(&evaluation.scores[i].criterion).expect("leaf");
            if let CriterionBody::Scored { scale, .. } = &leaf.body {
                raised.scores[i].answer = Answer::Value(scale.max);
            }
            let after = evaluate(&raised, catalogs());
            let offer = &evaluation.scores[i].offer;
            let (b, a) = (before.offer(offer).expect("offer"), after.offer(offer).expect("offer"));
            if let (Some(tb), Some(ta)) = (b.total, a.total) {
                prop_assert!(ta + 1e-9 >= tb, "total fell from {tb} to {ta}");
            }
            if b.status == OfferStatus::Ranked {
                prop_assert_eq!(a.status, OfferStatus::Ranked, "raising a score cannot eliminate");
            }
        }

        #[test]
        fn the_sensitivity_interval_contains_the_current_weight(evaluation in generate::evaluation()) {
            let r = evaluate(&completed(evaluation), catalogs());
            for s in &r.sensitivity {
                prop_assert!(s.from <= s.weight + 1e-9 && s.weight <= s.to + 1e-9, "{s:?}");
                prop_assert!((0.0..=100.0).contains(&s.from) && (0.0..=100.0).contains(&s.to));
            }
        }

        #[test]
        fn written_evaluations_read_back_equal(evaluation in generate::evaluation()) {
            let text = jauge_domain::evaluation_to_string(&evaluation);
            let back = parse_evaluation(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back, evaluation);
        }

        #[test]
        fn the_canonical_text_is_what_serde_json_writes(mut evaluation in generate::evaluation(),
                                                        odd in "[\\x00-\\x1f\"\\\\\u{7f}\u{2028}é€ ]{0,12}") {
            // The writer streams text itself; it must spell strings, numbers and spacing exactly
            // as serde_json does, or hashes chained in existing journals would stop matching.
            evaluation.tender.title.push_str(&odd);
            let canonical = jauge_domain::evaluation_to_canonical_string(&evaluation);
            let value: serde_json::Value = serde_json::from_str(&canonical)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(serde_json::to_string(&value).ok(), Some(canonical));
            let pretty = serde_json::to_string_pretty(&value).map(|t| t + "\n").ok();
            prop_assert_eq!(pretty, Some(jauge_domain::evaluation_to_string(&evaluation)));
        }
    }

    /// One edit of a cell chosen by `pick`: a score set to an end of its scale or flipped, a
    /// score removed, or a committee decision recorded or removed.
    fn cell_edit(
        evaluation: &Evaluation,
        pick: prop::sample::Index,
        kind: u8,
    ) -> Option<jauge_domain::Change> {
        use jauge_domain::Change;
        let score = evaluation
            .scores
            .get(pick.index(evaluation.scores.len().max(1)))?;
        let leaf = evaluation.criterion(&score.criterion)?;
        let other = match (&leaf.body, score.answer) {
            (CriterionBody::Scored { scale, .. }, Answer::Value(v)) => {
                Answer::Value(if v == scale.min { scale.max } else { scale.min })
            }
            (_, Answer::Met(met)) => Answer::Met(!met),
            (_, answer) => answer,
        };
        Some(match kind % 4 {
            0 | 1 => Change::SetScore(jauge_domain::Score {
                answer: other,
                ..score.clone()
            }),
            2 => Change::RemoveScore {
                offer: score.offer.clone(),
                criterion: score.criterion.clone(),
                evaluator: score.evaluator.clone(),
            },
            _ if kind % 8 == 3 => Change::SetConsensus(Consensus {
                offer: score.offer.clone(),
                criterion: score.criterion.clone(),
                answer: other,
                justification: "Arbitrage du comité".into(),
            }),
            _ => Change::RemoveConsensus {
                offer: score.offer.clone(),
                criterion: score.criterion.clone(),
            },
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(150))]

        /// What the API does on each edit of an open evaluation: only the edited offer's row
        /// is recomputed, and the results must be those of evaluating the whole again.
        #[test]
        fn recomputing_the_edited_offer_alone_gives_the_full_results(
            evaluation in generate::evaluation(),
            declarations_required in any::<bool>(),
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        ) {
            let mut evaluation = evaluation;
            evaluation.settings.declarations_required = Some(declarations_required);
            let mut rows = jauge_domain::OfferRows::new(&evaluation);
            prop_assert_eq!(rows.results(&evaluation, catalogs()), evaluate(&evaluation, catalogs()));
            for (pick, kind) in edits {
                let Some(change) = cell_edit(&evaluation, pick, kind) else { continue };
                let Some((offer, _)) = change.cell() else { continue };
                let offer = offer.to_owned();
                if change.apply_to(&mut evaluation).is_err() {
                    continue;
                }
                rows.recompute_offer(&evaluation, &offer);
                prop_assert_eq!(&rows, &jauge_domain::OfferRows::new(&evaluation));
                prop_assert_eq!(
                    rows.results(&evaluation, catalogs()),
                    evaluate(&evaluation, catalogs())
                );
            }
        }
    }

    #[test]
    fn the_demo_keeps_its_canonical_hash() {
        // Journals in users' stores chain this fingerprint: a change in the canonical writer that
        // alters it would make every existing journal fail verification.
        let text = std::fs::read_to_string(
            crate::support::repo_root().join("assets/demo/cloud-de-confiance.json"),
        )
        .expect("demo");
        let evaluation = parse_evaluation(&text).expect("demo parses");
        assert_eq!(
            jauge_domain::canonical_hash(&evaluation),
            "27782145aa76ad081e8383be97fa0e1abbb8a8f882c3febeb7b604fd6ee00d07"
        );
    }

    #[test]
    fn generated_evaluations_often_have_a_winner() {
        // Guards the properties above against vacuity: the generator must produce rankings.
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let mut with_winner = 0;
        for _ in 0..100 {
            let evaluation = generate::evaluation()
                .new_tree(&mut runner)
                .expect("tree")
                .current();
            if evaluate(&completed(evaluation), catalogs())
                .winner
                .is_some()
            {
                with_winner += 1;
            }
        }
        assert!(
            with_winner >= 20,
            "only {with_winner} of 100 generated evaluations had a winner"
        );
    }
}

#[test]
fn a_certification_is_in_force_only_once_granted_and_within_its_dates() {
    use jauge_domain::{Certification, CertificationStatus};
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date");
    let deadline = day("2026-10-19");
    let cert = |status, from: Option<&str>, until: Option<&str>| Certification {
        scheme: "secnumcloud".into(),
        level: None,
        status,
        valid_from: from.map(day),
        valid_until: until.map(day),
        reference: None,
    };
    // The demo's Altiplano: an application in progress since June has dates covering the
    // deadline, yet is no qualification.
    let applying = cert(CertificationStatus::InProgress, Some("2026-06-15"), None);
    assert!(applying.covers(deadline));
    assert!(!applying.is_in_force_on(deadline));
    for status in [
        CertificationStatus::Qualified,
        CertificationStatus::Certified,
    ] {
        assert!(cert(status, Some("2025-02-03"), Some("2028-02-02")).is_in_force_on(deadline));
        assert!(cert(status, None, None).is_in_force_on(deadline));
        assert!(!cert(status, Some("2026-10-20"), None).is_in_force_on(deadline));
        assert!(!cert(status, None, Some("2026-10-18")).is_in_force_on(deadline));
    }
    for status in [
        CertificationStatus::Declared,
        CertificationStatus::Expired,
        CertificationStatus::Withdrawn,
    ] {
        assert!(!cert(status, None, None).is_in_force_on(deadline));
    }
}

/// Bad input, bounded: degenerate numbers are refused with their path, and no number of the
/// results of a valid evaluation is ever an infinity or a NaN, even at the edges of what the
/// reader accepts.
mod bounded {
    use jauge_domain::{
        Answer, CriterionBody, MAX_PROBLEMS, OfferResult, PriceFormula, Scale, validate_evaluation,
    };
    use proptest::prelude::*;

    use super::*;
    use crate::generate;

    #[test]
    fn a_scale_as_wide_as_a_double_is_refused() {
        let document = with(
            base(),
            "/criteria/1/scale",
            json!({"min": -1.7e308, "max": 1.7e308}),
        );
        refused(
            &document,
            "criteria[1].scale.min",
            "-1.7e308 is beyond 1e15",
        );
        refused(&document, "criteria[1].scale.max", "1.7e308 is beyond 1e15");
    }

    #[test]
    fn prices_and_n_beyond_what_is_computed_exactly_are_refused() {
        refused_at(
            "/offers/0/price",
            json!(1e300),
            "offers[0].price",
            "is beyond",
        );
        let n_times = json!({"name": "n_times", "n": 1e200});
        refused_at(
            "/criteria/0/formula",
            n_times,
            "criteria[0].formula.n",
            "is beyond",
        );
    }

    #[test]
    fn non_finite_numbers_built_in_memory_are_refused() {
        let mut evaluation = parse(&base());
        evaluation.criteria[0].weight = f64::NAN;
        evaluation.offers[0].price = Some(f64::INFINITY);
        let invalid = validate_evaluation(&evaluation).expect_err("NaN weight refused");
        let lines: Vec<String> = invalid.problems.iter().map(ToString::to_string).collect();
        assert!(
            lines.contains(&"criteria[0].weight: is not a finite number".to_owned()),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"offers[0].price: is not a finite number".to_owned()),
            "{lines:?}"
        );
    }

    #[test]
    fn a_flood_of_problems_is_cut_at_a_hundred_with_the_count_of_the_rest() {
        let scores: Vec<Value> = (0..5000)
            .map(|_| json!({"offer": "a", "criterion": "q", "evaluator": "nobody", "value": 99}))
            .collect();
        let text = with(base(), "/scores", Value::Array(scores)).to_string();
        let invalid = parse_evaluation(&text).expect_err("refused");
        assert_eq!(invalid.problems.len(), MAX_PROBLEMS);
        // Every score brings an unknown evaluator, an off-scale value and (but the first) a
        // duplicate: 3 × 5000 − 1 problems.
        assert_eq!(invalid.problems.len() + invalid.omitted, 3 * 5000 - 1);
        assert!(invalid.to_string().ends_with("… and 14899 more"));
    }

    /// Stretches every scale to ±10¹⁵ (the widest accepted) and sets every price to one of the
    /// extremes accepted, keeping the evaluation valid.
    fn stretched(mut evaluation: Evaluation, prices: &[f64]) -> Evaluation {
        const EDGE: f64 = 1e15;
        let mut scales = std::collections::HashMap::new();
        fn walk(
            nodes: &mut [jauge_domain::Criterion],
            scales: &mut std::collections::HashMap<String, Scale>,
        ) {
            for node in nodes {
                if let CriterionBody::Scored {
                    scale,
                    levels,
                    threshold,
                } = &mut node.body
                {
                    let old = *scale;
                    let map = |v: f64| {
                        (-EDGE + (v - old.min) / (old.max - old.min) * 2.0 * EDGE)
                            .clamp(-EDGE, EDGE)
                    };
                    *scale = Scale {
                        min: -EDGE,
                        max: EDGE,
                        step: None,
                    };
                    for level in levels.iter_mut().flatten() {
                        level.value = map(level.value);
                    }
                    *threshold = threshold.map(map);
                    scales.insert(node.id.clone(), old);
                }
                if let CriterionBody::Price {
                    formula: PriceFormula::NTimes { n },
                } = &mut node.body
                {
                    *n = EDGE;
                }
                if let CriterionBody::Group { children } = &mut node.body {
                    walk(children, scales);
                }
            }
        }
        walk(&mut evaluation.criteria, &mut scales);
        let map = |criterion: &str, answer: &mut Answer| {
            if let (Some(old), Answer::Value(v)) = (scales.get(criterion), answer) {
                *v = (-EDGE + (*v - old.min) / (old.max - old.min) * 2.0 * EDGE).clamp(-EDGE, EDGE);
            }
        };
        for score in &mut evaluation.scores {
            map(&score.criterion, &mut score.answer);
        }
        for decision in &mut evaluation.consensus {
            map(&decision.criterion, &mut decision.answer);
        }
        for (offer, price) in evaluation.offers.iter_mut().zip(prices.iter().cycle()) {
            if offer.price.is_some() {
                offer.price = Some(*price);
            }
        }
        evaluation
    }

    fn all_finite(offer: &OfferResult) -> bool {
        let leaves = offer.criteria.iter().all(|leaf| match &leaf.outcome {
            jauge_domain::LeafOutcome::Scored { value, points, .. } => {
                value.is_none_or(f64::is_finite) && points.is_none_or(f64::is_finite)
            }
            jauge_domain::LeafOutcome::Price { price, points } => {
                price.is_none_or(f64::is_finite) && points.is_none_or(f64::is_finite)
            }
            jauge_domain::LeafOutcome::Requirement { .. } => true,
        });
        leaves
            && offer.total.is_none_or(f64::is_finite)
            && offer.groups.iter().flatten().all(|(_, v)| v.is_finite())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn no_result_number_is_ever_infinite_or_nan(
            evaluation in generate::evaluation(),
            prices in proptest::collection::vec(
                prop_oneof![Just(1e-300), Just(1e-9), Just(1.0), Just(7.5e14), Just(1e15)],
                1..6,
            ),
        ) {
            for evaluation in [evaluation.clone(), stretched(evaluation, &prices)] {
                prop_assert!(validate_evaluation(&evaluation).is_ok(), "{:?}", validate_evaluation(&evaluation));
                let r = evaluate(&evaluation, catalogs());
                for offer in &r.offers {
                    prop_assert!(all_finite(offer), "{offer:?}");
                }
                for d in &r.divergences {
                    prop_assert!(d.spread.is_finite(), "{d:?}");
                }
                for s in &r.sensitivity {
                    prop_assert!(s.weight.is_finite() && s.from.is_finite() && s.to.is_finite(), "{s:?}");
                }
            }
        }
    }
}

// ---- declarations of interests and sealed prices (extensions of the format) -----------------

fn declaration(evaluator: &str, offer: &str, conflict: bool) -> Value {
    json!({"evaluator": evaluator, "offer": offer, "conflict": conflict, "at": "2026-10-16T09:00:00Z"})
}

fn warning_codes(results: &Results) -> Vec<&'static str> {
    results.warnings.iter().map(|w| w.code.as_str()).collect()
}

#[test]
fn files_without_declarations_or_sealed_prices_read_and_score_as_before() {
    let results = results(&example());
    assert!(results.warnings.is_empty(), "{:?}", results.warnings);
    assert_eq!(results.winner.as_deref(), Some("o2"));
    let evaluation = parse(&example());
    assert!(evaluation.declarations.is_empty());
    assert_eq!(evaluation.prices_opened_at, None);
    let written: Value =
        serde_json::from_str(&jauge_domain::evaluation_to_string(&evaluation)).unwrap();
    assert!(written.get("declarations").is_none());
    assert!(written.get("prices_opened_at").is_none());
}

#[test]
fn declarations_are_checked_and_written_back_as_read() {
    let document = with(
        base(),
        "/declarations",
        json!([declaration("e1", "a", false), {"evaluator": "e1", "offer": "b", "conflict": false,
            "at": "2026-10-16T09:00:00Z", "note": "Aucun lien avec B"}]),
    );
    let evaluation = parse(&document);
    assert_eq!(evaluation.declarations.len(), 2);
    let again =
        parse(&serde_json::from_str(&jauge_domain::evaluation_to_string(&evaluation)).unwrap());
    assert_eq!(again, evaluation);

    refused_at(
        "/declarations",
        json!([declaration("zz", "a", false)]),
        "declarations[0].evaluator",
        "no evaluator",
    );
    refused_at(
        "/declarations",
        json!([declaration("e1", "zz", false)]),
        "declarations[0].offer",
        "no offer",
    );
    refused_at(
        "/declarations",
        json!([declaration("e1", "a", false), declaration("e1", "a", true)]),
        "declarations[1]",
        "a second declaration",
    );
    refused_at(
        "/declarations",
        json!([{"evaluator": "e1", "offer": "a", "conflict": "no", "at": "2026-10-16T09:00:00Z"}]),
        "declarations[0].conflict",
        "expected true or false",
    );
    refused_at(
        "/declarations",
        json!([{"evaluator": "e1", "offer": "a", "conflict": false, "at": "hier"}]),
        "declarations[0].at",
        "RFC 3339",
    );
    // e1 scored offer a: declaring a conflict with it and keeping the score is refused.
    refused_at(
        "/declarations",
        json!([declaration("e1", "a", true)]),
        "scores[0]",
        "declared a conflict of interest",
    );
}

#[test]
fn scoring_without_a_declaration_is_warned_about_only_when_declarations_are_required() {
    let required = with(base(), "/settings", json!({"declarations_required": true}));
    let warned = results(&required);
    let undeclared: Vec<_> = warned
        .warnings
        .iter()
        .filter(|w| w.code.as_str() == "undeclared_interest")
        .collect();
    assert_eq!(
        undeclared.len(),
        1,
        "one warning for e1, none for e2 who scored nothing"
    );
    assert_eq!(undeclared[0].params.get("offers"), Some("a, b"));
    let json = results_to_json(&warned);
    assert_eq!(json["warnings"][0]["evaluator"], "e1");
    assert_eq!(json["warnings"][0]["offers"], json!(["a", "b"]));
    assert!(
        undeclared[0]
            .wording(jauge_domain::words::Lang::Fr)
            .contains("sans avoir déclaré")
    );

    let declared = with(
        required.clone(),
        "/declarations",
        json!([declaration("e1", "a", false)]),
    );
    let partly = results(&declared);
    let left: Vec<_> = partly
        .warnings
        .iter()
        .filter(|w| w.code.as_str() == "undeclared_interest")
        .collect();
    assert_eq!(left[0].params.get("offers"), Some("b"));
    let all = with(
        required,
        "/declarations",
        json!([declaration("e1", "a", false), declaration("e1", "b", false)]),
    );
    assert!(warning_codes(&results(&all)).is_empty());
    assert!(
        warning_codes(&results(&base())).is_empty(),
        "not required: no warning"
    );
}

#[test]
fn sealed_prices_may_be_absent_and_nothing_ranks_until_they_are_opened() {
    let mut sealed = with(base(), "/settings", json!({"sealed_prices": true}));
    for offer in sealed["offers"].as_array_mut().unwrap() {
        offer.as_object_mut().unwrap().remove("price");
    }
    let before = results(&sealed);
    assert!(!before.complete);
    assert_eq!(before.winner, None);
    assert!(
        before
            .offers
            .iter()
            .all(|o| o.status == OfferStatus::Incomplete)
    );
    assert!(before.missing.iter().any(|c| c.criterion == "price"));
    assert_eq!(warning_codes(&before), vec!["prices_sealed"]);

    // Prices typed in while sealed do not count either.
    let typed = with(base(), "/settings", json!({"sealed_prices": true}));
    let typed_results = results(&typed);
    assert_eq!(typed_results.winner, None);
    assert_eq!(warning_codes(&typed_results), vec!["prices_sealed"]);

    // Once opened, every price is required again, and the ranking is the unsealed one.
    let opened_without_prices = with(sealed, "/prices_opened_at", json!("2026-10-20T10:00:00Z"));
    refused(&opened_without_prices, "offers[0].price", "required");
    let opened = with(typed, "/prices_opened_at", json!("2026-10-20T10:00:00Z"));
    let after = results(&opened);
    assert_eq!(after.winner, results(&base()).winner);
    assert!(after.warnings.is_empty());
    refused(
        &with(base(), "/prices_opened_at", json!("mardi")),
        "prices_opened_at",
        "RFC 3339",
    );
}

#[test]
fn opening_prices_is_an_edit_refused_when_they_are_not_sealed_or_already_open() {
    use jauge_domain::Change;
    let open = Change::OpenPrices {
        at: "2026-10-20T10:00:00Z".into(),
    };
    let mut plain = parse(&base());
    let error = open.check(&plain).unwrap_err();
    assert!(error.to_string().contains("not sealed"), "{error}");
    assert_eq!(plain, parse(&base()));
    let mut sealed = parse(&with(base(), "/settings", json!({"sealed_prices": true})));
    open.check(&sealed).unwrap();
    open.apply_to(&mut sealed).unwrap();
    assert_eq!(
        sealed.prices_opened_at.as_deref(),
        Some("2026-10-20T10:00:00Z")
    );
    let error = open.apply_to(&mut sealed).unwrap_err();
    assert!(error.to_string().contains("already opened"), "{error}");
    // A score on a cell its evaluator withdrew from is refused as an edit too.
    let declare = Change::Declare(vec![jauge_domain::Declaration {
        evaluator: "e2".into(),
        offer: "a".into(),
        conflict: true,
        at: "2026-10-16T09:00:00Z".into(),
        note: None,
    }]);
    declare.apply_to(&mut plain).unwrap();
    let score = Change::SetScore(jauge_domain::Score {
        offer: "a".into(),
        criterion: "q".into(),
        evaluator: "e2".into(),
        answer: jauge_domain::Answer::Value(3.0),
        justification: None,
        at: None,
    });
    let error = score.check(&plain).unwrap_err();
    assert!(error.to_string().contains("declared a conflict"), "{error}");
}
