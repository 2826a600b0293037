//! Merges a genuine 200,000-score return file (1,000 offers × 200 criteria) into a buyer's
//! store, the size the committee's memory and time targets are stated for. Two steps, so that
//! `/usr/bin/time -v` measures the merge alone:
//!
//! ```text
//! cargo run --release -p jauge-api --example return_merge -- make DIR
//! /usr/bin/time -v target/release/examples/return_merge merge DIR
//! ```
//!
//! `make` stores a synthetic evaluation (two evaluators; e1 has scored nothing), exports e1's
//! package (journaled, as the buyer does) and writes e1's return file scoring every cell;
//! `merge` imports it and prints what it did and how long the merge took.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::Utc;
use jauge_api::PackageRequest;
use jauge_api::domain::package::{make_return, parse_package, return_to_string};
use jauge_api::domain::synthetic::synthetic_evaluation;

const OFFERS: usize = 1_000;
/// The price and 200 criteria scored by hand.
const LEAVES: usize = 201;

fn fail(what: &str, error: impl std::fmt::Display) -> ! {
    eprintln!("{what}: {error}");
    std::process::exit(1)
}

fn make(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| fail("folder", e));
    let mut evaluation = synthetic_evaluation(OFFERS, LEAVES, 2);
    let reference = evaluation.tender.reference.clone();
    let returned = evaluation.scores.clone();
    evaluation.scores.retain(|s| s.evaluator != "e1");
    let mut store =
        jauge_api::open_store(&dir.join("buyer.sqlite3")).unwrap_or_else(|e| fail("store", e));
    jauge_api::create_evaluation(&mut store, &evaluation, Utc::now(), "bench")
        .unwrap_or_else(|e| fail("store", e));
    let package_path = dir.join("paquet-e1.json");
    let request = PackageRequest {
        evaluator: "e1".into(),
        criteria: None,
    };
    jauge_api::export_package_file(
        &mut store,
        &reference,
        &request,
        Utc::now(),
        "bench",
        &package_path,
    )
    .unwrap_or_else(|e| fail("package", e));
    let text = std::fs::read_to_string(&package_path).unwrap_or_else(|e| fail("package", e));
    let package = parse_package(&text).unwrap_or_else(|e| fail("package", e));
    let mut scored = package.evaluation.clone();
    scored.scores = returned
        .into_iter()
        .filter(|s| s.evaluator == "e1")
        .collect();
    let file = make_return(&package, &scored, Utc::now());
    let text = return_to_string(&file);
    std::fs::write(dir.join("retour-e1.json"), &text).unwrap_or_else(|e| fail("return", e));
    println!(
        "{reference}: return file of e1 with {} scores, {} bytes",
        file.scores.len(),
        text.len()
    );
}

fn merge(dir: &Path) {
    let mut store =
        jauge_api::open_store(&dir.join("buyer.sqlite3")).unwrap_or_else(|e| fail("store", e));
    let reference = synthetic_evaluation(1, 2, 1).tender.reference;
    let started = Instant::now();
    let merged = jauge_api::import_return_file(
        &mut store,
        &reference,
        &dir.join("retour-e1.json"),
        false,
        Utc::now(),
        "bench",
    )
    .unwrap_or_else(|e| fail("merge", e));
    println!(
        "merged {} scores ({} unchanged, {} conflicts) in {:.2} s",
        merged.written,
        merged.unchanged,
        merged.conflicts.len(),
        started.elapsed().as_secs_f64()
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let step = args.next().unwrap_or_default();
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "return-merge-bench".into()));
    match step.as_str() {
        "make" => make(&dir),
        "merge" => merge(&dir),
        _ => fail("usage", "return_merge make|merge DIR"),
    }
}
