//! Price schedules (BPU/DQE): totals computed exactly from unit prices, the arithmetic check of
//! the bidders' own figures, corrections of material errors, several price criteria, the
//! ranking before and after corrections, and the schedule kept by the store.

use std::str::FromStr;

use chrono::TimeZone;

use jauge_domain::prices::{ScheduleIndex, line_amount, price_leaf_ids};
use jauge_domain::{
    LeafOutcome, OfferStatus, PriceBasis, Results, WarningCode, evaluate, evaluate_on,
    evaluation_to_canonical_string, parse_evaluation,
};
use jauge_store::Db;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::documents::{catalogs, parse, refused};
use crate::support::fixture;

/// A tender priced by a schedule (`tests/fixtures/price-schedule.json`): a build cost (20) and a
/// run cost (40), each its own price criterion, and a technical criterion (40). o2 wrote one line
/// total ten times too small; o3 added its own lines wrong. The fixture holds the buyer's two
/// corrections; `tender()` is the file before them.
fn corrected() -> Value {
    let text = std::fs::read_to_string(fixture("price-schedule.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn tender() -> Value {
    let mut document = corrected();
    document["price_schedule"]
        .as_object_mut()
        .unwrap()
        .remove("corrections");
    document
}

fn price_of(results: &Results, offer: &str, criterion: &str) -> Option<f64> {
    let offer = results.offers.iter().find(|o| o.id == offer).unwrap();
    let leaf = offer
        .criteria
        .iter()
        .find(|c| c.criterion == criterion)
        .unwrap();
    match leaf.outcome {
        LeafOutcome::Price { price, .. } => price,
        _ => panic!("{criterion} is not a price leaf"),
    }
}

fn status(results: &Results, offer: &str) -> OfferStatus {
    results
        .offers
        .iter()
        .find(|o| o.id == offer)
        .unwrap()
        .status
}

fn total(results: &Results, offer: &str) -> f64 {
    results
        .offers
        .iter()
        .find(|o| o.id == offer)
        .and_then(|o| o.total)
        .unwrap_or_else(|| panic!("{offer} has no total"))
}

#[test]
fn line_amounts_are_exact_decimals() {
    // In binary floating point 0.042 × 350400 is 14716.799999999999.
    assert_ne!(0.042_f64 * 350_400.0, 14_716.8);
    assert_eq!(
        line_amount(350_400.0, 0.042),
        Some(Decimal::from_str("14716.8").unwrap())
    );
    assert_eq!(
        line_amount(3.0, 0.1),
        Some(Decimal::from_str("0.3").unwrap())
    );
    // Two 15-digit numbers whose product needs 30 digits: more than a decimal holds, so
    // refused rather than rounded.
    assert_eq!(
        line_amount(999_999_999_999_999.0, 0.999_999_999_999_999),
        None
    );
    // One that fits is exact to the last digit.
    assert_eq!(
        line_amount(123_456_789_012_345.0, 0.123_456_789_012_345),
        Some(Decimal::from_str("15241578753238.669120562399025").unwrap())
    );
}

#[test]
fn totals_come_from_unit_prices_and_discrepancies_wait_for_the_buyer() {
    let results = evaluate(&parse(&tender()), catalogs());
    // o1's figures are consistent: it is scored on the totals of its lines, exactly.
    assert_eq!(price_of(&results, "o1", "price.run"), Some(16_516.8));
    assert_eq!(price_of(&results, "o1", "price.build"), Some(25_000.0));
    // o2 wrote 1 366,56 for 350 400 × 0,039 = 13 665,60: its run cost is undecided, its build
    // cost is known; o3's grand total is not the sum of its lines: both price criteria wait.
    assert_eq!(price_of(&results, "o2", "price.run"), None);
    assert_eq!(price_of(&results, "o2", "price.build"), Some(30_000.0));
    assert_eq!(price_of(&results, "o3", "price.run"), None);
    assert_eq!(price_of(&results, "o3", "price.build"), None);
    assert_eq!(status(&results, "o2"), OfferStatus::Incomplete);
    assert_eq!(status(&results, "o3"), OfferStatus::Incomplete);
    assert!(!results.complete);
    assert_eq!(results.winner, None);
    let undecided: Vec<(&str, &str)> = results
        .undecided
        .iter()
        .map(|c| (c.offer.as_str(), c.criterion.as_str()))
        .collect();
    assert_eq!(
        undecided,
        [
            ("o2", "price.run"),
            ("o3", "price.build"),
            ("o3", "price.run")
        ]
    );
    let discrepancies: Vec<(&str, Vec<String>)> = results
        .warnings
        .iter()
        .filter_map(|w| match &w.code {
            WarningCode::PriceDiscrepancy { offer, lines } => Some((offer.as_str(), lines.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        discrepancies,
        [
            ("o2", vec!["vcpu".to_owned()]),
            ("o3", vec!["total".to_owned()])
        ]
    );
    let message = &results
        .warnings
        .iter()
        .find(|w| w.code.as_str() == "price_discrepancy")
        .unwrap()
        .message;
    assert!(message.contains("Nuage Deux"), "{message}");
}

#[test]
fn accepted_corrections_rank_every_offer_on_its_computed_totals() {
    let results = evaluate(&parse(&corrected()), catalogs());
    assert!(results.complete);
    assert_eq!(price_of(&results, "o2", "price.run"), Some(16_065.6));
    assert_eq!(price_of(&results, "o3", "price.run"), Some(17_208.0));
    assert_eq!(price_of(&results, "o3", "price.build"), Some(20_000.0));
    // Each price criterion is scored on its own prices: the lowest run cost is o2's, the lowest
    // build cost o3's.
    let run = |p: f64| 40.0 * 16_065.6 / p;
    let build = |p: f64| 20.0 * 20_000.0 / p;
    assert!((total(&results, "o1") - (build(25_000.0) + run(16_516.8) + 32.0)).abs() < 1e-9);
    assert!((total(&results, "o2") - (build(30_000.0) + run(16_065.6) + 28.0)).abs() < 1e-9);
    assert!((total(&results, "o3") - (build(20_000.0) + run(17_208.0) + 24.0)).abs() < 1e-9);
    assert_eq!(results.winner.as_deref(), Some("o1"));
    assert!(
        !results
            .warnings
            .iter()
            .any(|w| w.code.as_str() == "price_discrepancy")
    );
}

#[test]
fn the_ranking_as_submitted_stays_computable() {
    let evaluation = parse(&corrected());
    let submitted = evaluate_on(&evaluation, catalogs(), PriceBasis::AsSubmitted);
    // o2's own figures: 1 366,56 + 2 400 for the run cost, ten times too cheap on one line.
    assert_eq!(price_of(&submitted, "o2", "price.run"), Some(3_766.56));
    assert_eq!(submitted.winner.as_deref(), Some("o2"));
    let corrected = evaluate(&evaluation, catalogs());
    assert_eq!(corrected.winner.as_deref(), Some("o1"));
}

#[test]
fn an_unpriced_line_makes_the_offer_incomplete_never_free() {
    let mut document = corrected();
    document["price_schedule"]["offers"][0]["prices"]
        .as_array_mut()
        .unwrap()
        .remove(1);
    document["price_schedule"]["offers"][0]["submitted_total"] = Value::Null;
    let results = evaluate(&parse(&document), catalogs());
    assert_eq!(status(&results, "o1"), OfferStatus::Incomplete);
    assert_eq!(price_of(&results, "o1", "price.run"), None);
    assert_eq!(price_of(&results, "o1", "price.build"), Some(25_000.0));
    assert!(
        results
            .missing
            .iter()
            .any(|c| c.offer == "o1" && c.criterion == "price.run")
    );
    let warning = results
        .warnings
        .iter()
        .find(|w| matches!(&w.code, WarningCode::UnitPricesMissing { offer, lines } if offer == "o1" && lines == &["storage"]))
        .expect("a warning names the unpriced line");
    assert!(warning.message.contains("Nuage Un"));
    // An explicit 0 is a price.
    let mut free = corrected();
    free["price_schedule"]["offers"][0]["prices"][1]["unit_price"] = json!(0);
    free["price_schedule"]["offers"][0]["prices"][1]["submitted_total"] = json!(0);
    free["price_schedule"]["offers"][0]["submitted_total"] = json!(39716.8);
    let results = evaluate(&parse(&free), catalogs());
    assert_eq!(price_of(&results, "o1", "price.run"), Some(14_716.8));
}

#[test]
fn the_abnormally_low_check_reads_the_total_the_tender_names() {
    let mut document = corrected();
    document["settings"] =
        json!({"abnormally_low": {"method": "percent_below_mean", "percent": 5}});
    // Grand totals 41 516,8 / 46 065,6 / 37 208: mean 41 596,8, limit 39 517: o3 is flagged.
    let results = evaluate(&parse(&document), catalogs());
    let flagged: Vec<&str> = results
        .offers
        .iter()
        .filter(|o| o.abnormally_low)
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(flagged, ["o3"]);
    // On the run cost alone (16 516,8 / 16 065,6 / 17 208: mean 16 596,8, limit 15 767): none.
    document["price_schedule"]["abnormally_low_on"] = json!("price.run");
    let results = evaluate(&parse(&document), catalogs());
    assert!(results.offers.iter().all(|o| !o.abnormally_low));
}

#[test]
fn the_schedule_is_held_to_its_rules() {
    let mut with_price = corrected();
    with_price["offers"][0]["price"] = json!(41516.8);
    refused(&with_price, "offers[0].price", "price schedule");

    let mut no_criterion = corrected();
    no_criterion["price_schedule"]["lines"][0]["criterion"] = Value::Null;
    refused(
        &no_criterion,
        "price_schedule.lines[0].criterion",
        "several price criteria (price.build, price.run)",
    );

    let mut not_price = corrected();
    not_price["price_schedule"]["lines"][2]["criterion"] = json!("tech");
    refused(
        &not_price,
        "price_schedule.lines[2].criterion",
        "\"tech\" is not a price criterion",
    );
    refused(
        &not_price,
        "price_schedule.lines",
        "no line of the price schedule counts towards the price criterion \"price.build\"",
    );

    let mut unknown_line = corrected();
    unknown_line["price_schedule"]["offers"][0]["prices"][0]["line"] = json!("gpu");
    refused(
        &unknown_line,
        "price_schedule.offers[0].prices[0].line",
        "no line \"gpu\"",
    );

    let mut twice = corrected();
    twice["price_schedule"]["offers"][0]["prices"][1]["line"] = json!("vcpu");
    refused(
        &twice,
        "price_schedule.offers[0].prices[1].line",
        "already has a price",
    );

    let mut precise = corrected();
    precise["price_schedule"]["offers"][0]["prices"][0]["unit_price"] =
        json!(1_234_567.123_456_789);
    refused(
        &precise,
        "price_schedule.offers[0].prices[0].unit_price",
        "more than 15 significant digits",
    );

    let mut negative = corrected();
    negative["price_schedule"]["lines"][1]["quantity"] = json!(-5);
    refused(&negative, "price_schedule.lines[1].quantity", "is negative");

    let mut nothing_to_correct = corrected();
    nothing_to_correct["price_schedule"]["corrections"][0]["offer"] = json!("o1");
    refused(
        &nothing_to_correct,
        "price_schedule.corrections[0]",
        "offer \"o1\" has no discrepancy to correct on vcpu",
    );

    // A price criterion totalling 0 cannot be scored (every formula divides by a price): found
    // by fuzzing, where it gave NaN points.
    let mut free = corrected();
    free["price_schedule"]["offers"][2]["prices"][2]["unit_price"] = json!(0);
    refused(
        &free,
        "price_schedule.offers[2]",
        "offer \"o3\" totals 0 on the price criterion \"price.build\"",
    );

    let mut low_on = corrected();
    low_on["price_schedule"]["abnormally_low_on"] = json!("tech");
    refused(
        &low_on,
        "price_schedule.abnormally_low_on",
        "not a price criterion",
    );

    // Without a schedule, one price criterion at most, as before.
    let mut two_prices = corrected();
    two_prices.as_object_mut().unwrap().remove("price_schedule");
    for offer in two_prices["offers"].as_array_mut().unwrap() {
        offer["price"] = json!(1000);
    }
    refused(
        &two_prices,
        "criteria[0].children[1].kind",
        "a second price criterion",
    );
}

#[test]
fn the_schedule_reads_back_as_written_and_the_store_keeps_it() {
    let evaluation = parse(&corrected());
    let canonical = evaluation_to_canonical_string(&evaluation);
    assert_eq!(parse_evaluation(&canonical).unwrap(), evaluation);
    // serde's derives (what the desktop's IPC carries) read the canonical text and write it
    // back to the same model.
    let through_serde: jauge_domain::Evaluation = serde_json::from_str(&canonical).unwrap();
    assert_eq!(through_serde, evaluation);
    let again: jauge_domain::Evaluation =
        serde_json::from_str(&serde_json::to_string(&through_serde).unwrap()).unwrap();
    assert_eq!(again, evaluation);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jauge.sqlite3");
    let mut db = Db::open(&path).unwrap();
    let at = chrono::Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0).unwrap();
    db.import_evaluation(&evaluation, at, "Claire Martin")
        .unwrap();
    drop(db);
    let db = Db::open(&path).unwrap();
    let loaded = db.load_evaluation("DQE-2026-01").unwrap();
    assert_eq!(loaded, evaluation);
    assert_eq!(evaluation_to_canonical_string(&loaded), canonical);
    assert!(db.verify_journal("DQE-2026-01").unwrap().is_intact());
}

/// A schedule of `lines` (quantity, unit price in cents) for one price criterion.
fn schedule_document(lines: &[(u32, u32)], written: Option<(usize, i64)>) -> Value {
    let mut document = tender();
    document["criteria"] = json!([
        {"id": "price", "title": "Prix", "weight": 60, "kind": "price",
         "formula": {"name": "proportional"}},
        {"id": "tech", "title": "Valeur technique", "weight": 40, "kind": "scored",
         "scale": {"min": 0, "max": 10}}
    ]);
    document["price_schedule"] = json!({
        "lines": lines.iter().enumerate().map(|(i, (q, _))| json!({
            "id": format!("l{i}"), "label": format!("Ligne {i}"), "unit": "u", "quantity": q
        })).collect::<Vec<_>>(),
        "offers": [{"offer": "o1", "prices": lines.iter().enumerate().map(|(i, (_, cents))| {
            let mut price = json!({"line": format!("l{i}"), "unit_price": f64::from(*cents) / 100.0});
            if let Some((line, total_cents)) = written && line == i {
                price["submitted_total"] = json!(total_cents as f64 / 100.0);
            }
            price
        }).collect::<Vec<_>>()}]
    });
    document
}

fn cents(amount: i64) -> Decimal {
    Decimal::new(amount, 2)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A total is the sum of the exact line products, to the last digit (computed here on
    /// integers: quantity × cents).
    #[test]
    fn a_total_is_the_sum_of_exact_line_products(
        lines in prop::collection::vec((0u32..1_000_000, 0u32..10_000_000), 1..40)
    ) {
        let evaluation = parse(&schedule_document(&lines, None));
        let leaves = price_leaf_ids(&evaluation);
        let schedule = evaluation.price_schedule.as_ref().unwrap();
        let pricing = ScheduleIndex::new(schedule, &leaves).pricing("o1");
        let expected: i64 = lines.iter().map(|(q, c)| i64::from(*q) * i64::from(*c)).sum();
        prop_assert_eq!(pricing.totals[0].1, Some(cents(expected)));
        prop_assert_eq!(pricing.grand_total, Some(cents(expected)));
    }

    /// Correcting a line changes the total by exactly the difference between what the bidder
    /// wrote and quantity × unit price.
    #[test]
    fn a_correction_moves_the_total_by_exactly_the_difference(
        lines in prop::collection::vec((1u32..100_000, 1u32..1_000_000), 1..20),
        pick in 0usize..20,
        error in 1i64..10_000_000,
    ) {
        let line = pick % lines.len();
        let (q, c) = lines[line];
        let right = i64::from(q) * i64::from(c);
        let written = right + error;
        let evaluation = parse(&schedule_document(&lines, Some((line, written))));
        let leaves = price_leaf_ids(&evaluation);
        let schedule = evaluation.price_schedule.as_ref().unwrap();
        let index = ScheduleIndex::new(schedule, &leaves);
        let pricing = index.pricing("o1");
        prop_assert_eq!(pricing.discrepancies.len(), 1);
        prop_assert_eq!(pricing.discrepancies[0].effect(), cents(right - written));
        let as_submitted = evaluate_on(&evaluation, catalogs(), PriceBasis::AsSubmitted);
        let expected: i64 = lines.iter().map(|(q, c)| i64::from(*q) * i64::from(*c)).sum();
        let submitted_price = price_of(&as_submitted, "o1", "price").unwrap();
        prop_assert_eq!(
            jauge_domain::prices::exact(submitted_price),
            Some(cents(expected - right + written))
        );
    }

    /// The order of the lines changes nothing in the results.
    #[test]
    fn the_order_of_lines_does_not_matter(seed in any::<u64>()) {
        let mut document = corrected();
        let lines = document["price_schedule"]["lines"].as_array_mut().unwrap();
        let n = lines.len();
        lines.swap((seed % n as u64) as usize, ((seed / 7) % n as u64) as usize);
        let prices = document["price_schedule"]["offers"][1]["prices"].as_array_mut().unwrap();
        prices.swap(0, (seed % 3) as usize);
        let shuffled = evaluate(&parse(&document), catalogs());
        let original = evaluate(&parse(&corrected()), catalogs());
        prop_assert_eq!(shuffled, original);
    }
}

/// The report of a tender priced by a schedule, through the API as the app and the CLI make it,
/// read back by pdftotext: the price check lists every correction with its effect and the ranks
/// before and after.
#[test]
fn the_report_shows_the_price_check_and_what_corrections_changed() {
    let evaluation = parse(&corrected());
    let at = chrono::Utc.with_ymd_and_hms(2026, 12, 6, 11, 0, 0).unwrap();
    let bytes =
        jauge_api::render_report(&evaluation, jauge_report::Lang::Fr, at).expect("report renders");
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("rapport.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let Some(text) = crate::support::pdftotext(&pdf).map(|t| crate::support::plain(&t)) else {
        return;
    };
    for expected in [
        "5. Vérification des prix et erreurs matérielles",
        "Montants calculés par critère prix",
        // o2's line as written, as computed, and the correction's effect.
        "1 366,56 €",
        "13 665,60 €",
        "12 299,04 €",
        "Erreur de multiplication",
        // o3's total as written and the sum of its own lines.
        "37 000,00 €",
        "37 208,00 €",
        "Rang sur les montants écrits",
        "Rang après corrections",
        "6. Matrice",
    ] {
        assert!(
            text.contains(expected),
            "missing « {expected} » in:\n{text}"
        );
    }
}

/// The generator the price-schedule benchmark runs on makes a valid file on which every offer
/// ranks (its line totals are written right).
#[test]
fn the_benchmark_schedule_is_valid_and_ranks_every_offer() {
    let evaluation = jauge_domain::synthetic::synthetic_schedule_evaluation(200, 4);
    jauge_domain::validate_evaluation(&evaluation).expect("valid");
    let results = evaluate(&evaluation, catalogs());
    assert!(results.complete, "{:?}", results.warnings);
    assert!(
        results
            .offers
            .iter()
            .all(|o| o.status == OfferStatus::Ranked)
    );
}

/// A store file holding the fixture's tender before any correction, opened through the API.
fn stored_tender(dir: &tempfile::TempDir) -> (std::path::PathBuf, jauge_api::Store) {
    let path = dir.path().join("jauge.sqlite3");
    let mut store = jauge_api::open_store(&path).unwrap();
    jauge_api::import_evaluation(&mut store, &tender().to_string(), false, at(0), "Claire")
        .unwrap();
    (path, store)
}

fn at(minute: u32) -> chrono::DateTime<chrono::Utc> {
    chrono::Utc
        .with_ymd_and_hms(2026, 12, 6, 11, minute, 0)
        .unwrap()
}

/// The results the API returned after an edit are those of the evaluation the store file
/// holds, read back by a fresh connection; its journal verifies.
fn agrees_with_the_file(path: &std::path::Path, results: &Results) -> jauge_domain::Evaluation {
    let store = jauge_api::open_store(path).unwrap();
    assert!(
        jauge_api::verify_journal(&store, "DQE-2026-01")
            .unwrap()
            .is_intact()
    );
    let (evaluation, from_file) = jauge_api::evaluate_stored(&store, "DQE-2026-01").unwrap();
    assert_eq!(
        &from_file, results,
        "the edit's results are the stored evaluation's"
    );
    evaluation
}

#[test]
fn a_unit_price_edit_is_journaled_and_moves_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store) = stored_tender(&dir);
    // o1 lowers its storage price from 0,015 to 0,011 (120 000 Go·mois: 1 320,00).
    let price = jauge_domain::LinePrice {
        line: "storage".into(),
        unit_price: 0.011,
        submitted_total: Some(1320.0),
    };
    let results =
        jauge_api::set_line_price(&mut store, "DQE-2026-01", "o1", price, at(1), "Claire").unwrap();
    // The grand total o1 wrote (41 516,80) is no longer the sum of its lines: it waits for the
    // buyer, until the total is typed in as the bidder wrote it on its new schedule.
    assert_eq!(price_of(&results, "o1", "price.run"), None);
    agrees_with_the_file(&path, &results);
    let results = jauge_api::set_submitted_total(
        &mut store,
        "DQE-2026-01",
        "o1",
        Some(41_036.8),
        at(1),
        "Claire",
    )
    .unwrap();
    assert_eq!(price_of(&results, "o1", "price.run"), Some(16_036.8));
    agrees_with_the_file(&path, &results);
    let journal = jauge_api::list_journal(&store, "DQE-2026-01").unwrap();
    let last = &journal[journal.len() - 2];
    assert_eq!(last.action, "line_price.set");
    assert_eq!(
        last.payload,
        r#"{"offer":"o1","price":{"line":"storage","unit_price":0.011,"submitted_total":1320}}"#
    );

    // Cleared, the line is unpriced: o1 is incomplete, never priced at zero.
    let results =
        jauge_api::clear_line_price(&mut store, "DQE-2026-01", "o1", "storage", at(2), "Claire")
            .unwrap();
    assert_eq!(price_of(&results, "o1", "price.run"), None);
    assert_eq!(price_of(&results, "o1", "price.build"), Some(25_000.0));
    assert_eq!(status(&results, "o1"), OfferStatus::Incomplete);
    let evaluation = agrees_with_the_file(&path, &results);
    let schedule = evaluation.price_schedule.unwrap();
    assert!(
        !schedule.offers[0]
            .prices
            .iter()
            .any(|p| p.line == "storage")
    );

    // Priced again, the line comes after o1's others, in memory as in the file.
    let price = jauge_domain::LinePrice {
        line: "storage".into(),
        unit_price: 0.015,
        submitted_total: Some(1800.0),
    };
    jauge_api::set_line_price(&mut store, "DQE-2026-01", "o1", price, at(3), "Claire").unwrap();
    let results = jauge_api::set_submitted_total(
        &mut store,
        "DQE-2026-01",
        "o1",
        Some(41_516.8),
        at(4),
        "Claire",
    )
    .unwrap();
    assert_eq!(price_of(&results, "o1", "price.run"), Some(16_516.8));
    let evaluation = agrees_with_the_file(&path, &results);
    let lines: Vec<&str> = evaluation.price_schedule.as_ref().unwrap().offers[0]
        .prices
        .iter()
        .map(|p| p.line.as_str())
        .collect();
    assert_eq!(lines, ["vcpu", "migration", "storage"]);
}

#[test]
fn refused_schedule_edits_change_nothing_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store) = stored_tender(&dir);
    let entries = jauge_api::list_journal(&store, "DQE-2026-01")
        .unwrap()
        .len();
    let negative = jauge_domain::LinePrice {
        line: "vcpu".into(),
        unit_price: -0.04,
        submitted_total: None,
    };
    let error = jauge_api::set_line_price(&mut store, "DQE-2026-01", "o3", negative, at(1), "C")
        .unwrap_err()
        .to_string();
    // Named where it would be in the file: o3's entry (the third), its first price.
    assert!(
        error.contains("price_schedule.offers[2].prices[0].unit_price"),
        "{error}"
    );
    let unknown = jauge_domain::LinePrice {
        line: "gpu".into(),
        unit_price: 1.0,
        submitted_total: None,
    };
    assert!(
        jauge_api::set_line_price(&mut store, "DQE-2026-01", "o3", unknown, at(1), "C").is_err()
    );
    // o1's figures are right: there is nothing to correct.
    let error = jauge_api::accept_correction(
        &mut store,
        "DQE-2026-01",
        "o1",
        Some("vcpu"),
        jauge_domain::CorrectionRoute::TenderRules,
        "Erreur de multiplication",
        at(2),
        "C",
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("price_schedule.corrections[0]"), "{error}");
    assert!(
        jauge_api::withdraw_correction(&mut store, "DQE-2026-01", "o2", Some("vcpu"), at(3), "C")
            .is_err()
    );
    drop(store);
    let store = jauge_api::open_store(&path).unwrap();
    assert_eq!(
        jauge_api::list_journal(&store, "DQE-2026-01")
            .unwrap()
            .len(),
        entries
    );
    assert_eq!(
        jauge_api::load_evaluation(&store, "DQE-2026-01").unwrap(),
        parse(&tender())
    );
}

#[test]
fn accepting_a_correction_moves_the_total_by_exactly_the_difference() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store) = stored_tender(&dir);
    let before = jauge_api::load_evaluation(&store, "DQE-2026-01").unwrap();
    let as_submitted = jauge_api::evaluate_as_submitted(&before).unwrap();
    let written = price_of(&as_submitted, "o2", "price.run").unwrap();
    // The discrepancy the domain finds on o2's vCPU line, and what its correction adds.
    let leaves = price_leaf_ids(&before);
    let schedule = before.price_schedule.as_ref().unwrap();
    let pricing = ScheduleIndex::new(schedule, &leaves).pricing("o2");
    let effect = pricing.discrepancies[0].effect();
    assert_eq!(effect, Decimal::from_str("12299.04").unwrap());

    let results = jauge_api::accept_correction(
        &mut store,
        "DQE-2026-01",
        "o2",
        Some("vcpu"),
        jauge_domain::CorrectionRoute::TenderRules,
        "Erreur de multiplication ; le prix unitaire prévaut (RC art. 7.2)",
        at(1),
        "Claire",
    )
    .unwrap();
    let corrected = price_of(&results, "o2", "price.run").unwrap();
    assert_eq!(
        Decimal::from_str(&corrected.to_string()).unwrap()
            - Decimal::from_str(&written.to_string()).unwrap(),
        effect
    );
    let evaluation = agrees_with_the_file(&path, &results);
    let correction = &evaluation.price_schedule.as_ref().unwrap().corrections[0];
    assert_eq!(
        correction.route,
        Some(jauge_domain::CorrectionRoute::TenderRules)
    );
    assert_eq!(correction.at, "2026-12-06T11:01:00Z");
    let exported = jauge_api::export_evaluation(&store, "DQE-2026-01").unwrap();
    assert!(
        exported.contains(r#""route": "tender_rules""#),
        "{exported}"
    );
    let journal = jauge_api::list_journal(&store, "DQE-2026-01").unwrap();
    assert_eq!(journal.last().unwrap().action, "correction.accept");
    assert!(
        journal
            .last()
            .unwrap()
            .payload
            .contains(r#""route":"tender_rules""#)
    );

    // o3's grand total, corrected after the bidder confirmed it: every offer is ranked, as in
    // the fixture's file (whose corrections carry no route).
    let results = jauge_api::accept_correction(
        &mut store,
        "DQE-2026-01",
        "o3",
        None,
        jauge_domain::CorrectionRoute::BidderConfirmed,
        "Erreur d’addition du total",
        at(2),
        "Claire",
    )
    .unwrap();
    assert!(results.complete);
    assert_eq!(results.winner.as_deref(), Some("o1"));
    agrees_with_the_file(&path, &results);

    // Accepted again with another route, the correction is replaced in place.
    jauge_api::accept_correction(
        &mut store,
        "DQE-2026-01",
        "o2",
        Some("vcpu"),
        jauge_domain::CorrectionRoute::Regularisation,
        "Le soumissionnaire a régularisé son offre",
        at(3),
        "Claire",
    )
    .unwrap();
    let evaluation = jauge_api::load_evaluation(&store, "DQE-2026-01").unwrap();
    let routes: Vec<_> = evaluation
        .price_schedule
        .as_ref()
        .unwrap()
        .corrections
        .iter()
        .map(|c| (c.offer.as_str(), c.route))
        .collect();
    assert_eq!(
        routes,
        [
            ("o2", Some(jauge_domain::CorrectionRoute::Regularisation)),
            ("o3", Some(jauge_domain::CorrectionRoute::BidderConfirmed))
        ]
    );

    // Withdrawn, o2's run cost waits for the buyer again.
    let results =
        jauge_api::withdraw_correction(&mut store, "DQE-2026-01", "o2", Some("vcpu"), at(4), "C")
            .unwrap();
    assert_eq!(price_of(&results, "o2", "price.run"), None);
    agrees_with_the_file(&path, &results);
}

#[test]
fn a_grand_total_typed_in_is_checked_like_a_written_one() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store) = stored_tender(&dir);
    // o1's own lines sum to 41 516,80; a grand total of 41 000 is a discrepancy.
    let results =
        jauge_api::set_submitted_total(&mut store, "DQE-2026-01", "o1", Some(41_000.0), at(1), "C")
            .unwrap();
    assert_eq!(price_of(&results, "o1", "price.run"), None);
    agrees_with_the_file(&path, &results);
    let results =
        jauge_api::set_submitted_total(&mut store, "DQE-2026-01", "o1", None, at(2), "C").unwrap();
    assert_eq!(price_of(&results, "o1", "price.run"), Some(16_516.8));
    agrees_with_the_file(&path, &results);
}

#[test]
fn a_score_edit_is_not_checked_against_the_bidders_prices() {
    use jauge_domain::{Answer, Change, validate_evaluation};
    let mut evaluation = parse(&corrected());
    // A price no score edit can touch, broken behind validation's back: were the whole schedule
    // validated again for each keystroke in the grid, the score below would be refused for it.
    let schedule = evaluation.price_schedule.as_mut().unwrap();
    schedule.offers[2].prices[0].unit_price = -1.0;
    let broken = validate_evaluation(&evaluation).unwrap_err().to_string();
    assert!(broken.contains("price_schedule.offers[2]"), "{broken}");
    let mut score = evaluation.scores[1].clone();
    score.answer = Answer::Value(2.0);
    Change::SetScore(score.clone()).check(&evaluation).unwrap();
    // A wrong score is still refused, named by its own place in the file.
    score.answer = Answer::Value(42.0);
    let refused = Change::SetScore(score)
        .check(&evaluation)
        .unwrap_err()
        .to_string();
    assert!(refused.contains("scores[1]"), "{refused}");
    assert!(!refused.contains("price_schedule"), "{refused}");
    // An edit of that offer's prices is still checked on them.
    let refused = Change::SetSubmittedTotal {
        offer: "o3".into(),
        total: Some(37_000.0),
    }
    .check(&evaluation)
    .unwrap_err()
    .to_string();
    assert!(refused.contains("price_schedule.offers[2]"), "{refused}");
}

#[test]
fn a_unit_price_typed_on_the_screen_is_read_as_a_workbook_cell_and_keeps_the_written_total() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store) = stored_tender(&dir);
    let entries =
        |store: &jauge_api::Store| jauge_api::list_journal(store, "DQE-2026-01").unwrap().len();
    let before = entries(&store);
    // « 1.234 » has two readings: refused by the path the saved price would have (o1's entry,
    // its storage price), never guessed; nothing written.
    let error = jauge_api::set_unit_price_text(
        &mut store,
        "DQE-2026-01",
        "o1",
        "storage",
        "1.234",
        at(1),
        "Claire",
    )
    .unwrap_err();
    assert_eq!(error.code(), jauge_api::ErrorCode::Invalid);
    let jauge_api::Error::Invalid(invalid) = &error else {
        panic!("{error}")
    };
    assert_eq!(
        invalid.problems[0].path,
        "price_schedule.offers[0].prices[1].unit_price"
    );
    assert_eq!(
        invalid.problems[0].code,
        jauge_domain::ProblemCode::AmbiguousNumber
    );
    for refused in ["-0,5", "12 %", "douze"] {
        assert!(
            jauge_api::set_unit_price_text(
                &mut store,
                "DQE-2026-01",
                "o1",
                "storage",
                refused,
                at(1),
                "Claire"
            )
            .is_err(),
            "{refused}"
        );
    }
    assert_eq!(entries(&store), before);

    // « 0,011 € » as a workbook cell would be read: o1's storage amount is now 1 320,00, and the
    // 1 800,00 it wrote for the line stays its own figure, which its unit price now contradicts.
    let results = jauge_api::set_unit_price_text(
        &mut store,
        "DQE-2026-01",
        "o1",
        "storage",
        "0,011 €",
        at(2),
        "Claire",
    )
    .unwrap();
    assert_eq!(price_of(&results, "o1", "price.run"), None);
    let evaluation = agrees_with_the_file(&path, &results);
    let o1 = &evaluation.price_schedule.as_ref().unwrap().offers[0];
    assert_eq!(
        o1.prices[1],
        jauge_domain::LinePrice {
            line: "storage".into(),
            unit_price: 0.011,
            submitted_total: Some(1800.0),
        }
    );
    let sheet = jauge_api::price_sheet(&evaluation);
    let storage = sheet[0]
        .discrepancies
        .iter()
        .find(|d| d.line.as_deref() == Some("storage"))
        .unwrap();
    assert_eq!((storage.submitted, storage.expected), (1800.0, 1320.0));

    // Thousands grouped by a narrow no-break space, decimal comma: o3's migration at 1 234,56.
    let results = jauge_api::set_unit_price_text(
        &mut store,
        "DQE-2026-01",
        "o3",
        "migration",
        "1\u{202f}234,56",
        at(3),
        "Claire",
    )
    .unwrap();
    let evaluation = agrees_with_the_file(&path, &results);
    let o3 = &evaluation.price_schedule.as_ref().unwrap().offers[2];
    assert_eq!(o3.prices[2].unit_price, 1234.56);
    assert_eq!(o3.prices[2].submitted_total, None);

    // Emptied, the line is unpriced: the offer is incomplete, never priced at zero.
    let results =
        jauge_api::set_unit_price_text(&mut store, "DQE-2026-01", "o3", "vcpu", "  ", at(4), "C")
            .unwrap();
    assert_eq!(status(&results, "o3"), OfferStatus::Incomplete);
    let journal = jauge_api::list_journal(&store, "DQE-2026-01").unwrap();
    let actions: Vec<&str> = journal[before..]
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        actions,
        ["line_price.set", "line_price.set", "line_price.clear"]
    );

    // What the app's command answers is what opening the price screen afresh shows.
    let answered = jauge_api::set_unit_price_sheet(
        &mut store,
        "DQE-2026-01",
        "o3",
        "vcpu",
        "0,045",
        at(5),
        "C",
    )
    .unwrap();
    let o3 = &answered.0.price_schedule.as_ref().unwrap().offers[2];
    assert_eq!(o3.prices.last().unwrap().unit_price, 0.045);
    assert_eq!(
        answered,
        jauge_api::stored_price_sheet(&store, "DQE-2026-01").unwrap()
    );
    agrees_with_the_file(&path, &answered.1);
}
