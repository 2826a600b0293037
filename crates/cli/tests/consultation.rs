//! `jauge evaluate` on a consultation with several lots: the real binary on the four-lot
//! fixture (two frameworks of two holders, a single award, a framework above a minimum total,
//! a cap of two lots per bidder, lots kept by decreasing estimated value).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../../../tests/support.rs"]
mod support;

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::support::{fixture, run};

fn jauge(args: &[&str]) -> (i32, String, String) {
    run(Command::new(Path::new(env!("CARGO_BIN_EXE_jauge"))).args(args))
}

fn four_lots() -> String {
    fixture("consultation-four-lots.json")
        .to_str()
        .expect("utf-8 path")
        .to_owned()
}

fn lot<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["lots"]
        .as_array()
        .expect("lots")
        .iter()
        .find(|l| l["id"] == id)
        .expect("lot")
}

fn holders(doc: &Value, id: &str) -> Vec<(String, u64, u64)> {
    lot(doc, id)["holders"]
        .as_array()
        .expect("holders")
        .iter()
        .map(|h| {
            (
                h["bidder"].as_str().expect("bidder").to_owned(),
                h["rank"].as_u64().expect("rank"),
                h["holder_rank"].as_u64().expect("holder rank"),
            )
        })
        .collect()
}

#[test]
fn the_award_across_four_lots_applies_the_cap_by_decreasing_value() {
    let (code, stdout, stderr) = jauge(&["evaluate", &four_lots(), "--json"]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let doc: Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    assert_eq!(doc["format"], "jauge/consultation-results@1");
    assert_eq!(
        doc["rules"],
        json!({"max_lots_awarded_per_bidder": 2, "over_cap_rule": "lot_value"})
    );
    assert_eq!(doc["settled"], true);
    // Lot 1 (800 000 €) and lot 2 (500 000 €): Alpha first on both, holder of both.
    assert_eq!(
        holders(&doc, "iaas"),
        [("alpha".into(), 1, 1), ("beta".into(), 2, 2)]
    );
    assert_eq!(
        holders(&doc, "paas"),
        [("alpha".into(), 1, 1), ("gamma".into(), 2, 2)]
    );
    // Lot 3: Alpha first again but at its cap of two lots; Beta, second, is awarded it.
    assert_eq!(holders(&doc, "k8s"), [("beta".into(), 2, 1)]);
    let skipped = &lot(&doc, "k8s")["skipped_for_cap"];
    assert_eq!(skipped[0]["bidder"], "alpha");
    assert_eq!(skipped[0]["kept_lots"], json!(["iaas", "paas"]));
    // Lot 4: Beta first but now at the cap too; Epsilon (60) reaches the mark, Gamma (50) not.
    assert_eq!(holders(&doc, "rev"), [("epsilon".into(), 2, 1)]);
    assert_eq!(lot(&doc, "rev")["skipped_for_cap"][0]["bidder"], "beta");
    // Each lot's own results are the engine's.
    assert_eq!(
        lot(&doc, "k8s")["results"]["offers"][0]["total"],
        json!(100)
    );
    assert_eq!(lot(&doc, "k8s")["results"]["winner"], "alpha");
    // Each bidder's outcome per lot.
    let alpha = doc["bidders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "alpha")
        .unwrap();
    let outcomes: Vec<(&str, &str)> = alpha["lots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["lot"].as_str().unwrap(), l["outcome"].as_str().unwrap()))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("iaas", "holder"),
            ("paas", "holder"),
            ("k8s", "skipped_for_cap")
        ]
    );
    let trace: Vec<&str> = doc["trace"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["fr"].as_str().unwrap())
        .collect();
    assert!(
        trace.contains(
            &"Offre de Nuage Alpha classée première sur les lots 1, 2 et 3 ; plafond de 2 lots"
        ),
        "{trace:#?}"
    );
    assert!(
        trace.contains(&"Lot 3 attribué à l’offre classée deuxième, celle de Beta Cloud"),
        "{trace:#?}"
    );
}

#[test]
fn the_summary_in_french_names_each_lot_and_the_steps() {
    let (code, stdout, stderr) = jauge(&["evaluate", &four_lots()]);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert!(stdout.contains("Lot 3 — Kubernetes managé"), "{stdout}");
    assert!(
        stdout.contains("écartée par le plafond de lots"),
        "{stdout}"
    );
    assert!(
        stdout.contains("titulaire de l’accord-cadre (rang 1)"),
        "{stdout}"
    );
    assert!(stdout.contains("Attribution des lots :"), "{stdout}");
    assert!(!stdout.contains("Attribution provisoire"), "{stdout}");
}

#[test]
fn a_consultation_with_errors_exits_2_naming_the_place_in_the_lot() {
    let text = std::fs::read_to_string(four_lots()).unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["lots"][2]["evaluation"]["offers"][1]["bidder"] = json!("zeta");
    doc["lots"][1]["evaluation"]["scores"][0]["value"] = json!(11);
    doc["award"]["over_cap_rule"] = json!("coin_toss");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    let (code, stdout, stderr) = jauge(&["evaluate", path.to_str().unwrap()]);
    assert_eq!(code, 2, "stdout: {stdout}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("error: award.over_cap_rule:"), "{stderr}");
    assert!(
        stderr
            .contains("error: lots[2].evaluation.offers[1].bidder: no bidder has the id \"zeta\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: lots[1].evaluation.scores[0].value:"),
        "{stderr}"
    );
}

#[test]
fn a_plain_evaluation_file_evaluates_as_before() {
    let example = fixture("example-minimal.json");
    let (code, stdout, _) = jauge(&["evaluate", example.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["format"], "jauge/results@1");
    assert_eq!(doc["winner"], "o2");
}

#[test]
fn the_report_of_one_lot_tells_its_award_and_the_cap_read_back_by_pdftotext() {
    let Some(pdftotext) = support::tool("pdftotext") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("lot3.pdf");
    let (code, _, stderr) = jauge(&[
        "report",
        &four_lots(),
        "--lot",
        "k8s",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let (code, text, stderr) = run(Command::new(pdftotext).arg(&pdf).arg("-"));
    assert_eq!(code, 0, "stderr: {stderr}");
    // pdftotext breaks lines where the layout does: compare on words alone.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Attribution du lot dans la consultation"),
        "{words}"
    );
    assert!(words.contains("Statut du lot : attribué"), "{words}");
    assert!(
        words.contains("Offres retenues : 1. Beta Cloud (rang 2)"),
        "{words}"
    );
    assert!(
        words.contains("Lot 3 attribué à l’offre classée deuxième, celle de Beta Cloud"),
        "{words}"
    );
    assert!(
        words.contains(
            "Offre de Nuage Alpha classée première sur les lots 1, 2 et 3 ; plafond de 2 lots"
        ),
        "{words}"
    );
    // Lot 4's steps belong to lot 4's report.
    assert!(!words.contains("Lot 4 :"), "{words}");
}

#[test]
fn a_consultation_report_needs_a_lot() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("none.pdf");
    let (code, _, stderr) = jauge(&["report", &four_lots(), "-o", pdf.to_str().unwrap()]);
    assert_eq!(code, 2, "stderr: {stderr}");
    assert!(stderr.contains("--lot"), "{stderr}");
    assert!(!pdf.exists());
    let (code, _, stderr) = jauge(&[
        "report",
        &four_lots(),
        "--lot",
        "nope",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "stderr: {stderr}");
    assert!(stderr.contains("iaas, paas, k8s, rev"), "{stderr}");
    assert!(!pdf.exists());
}
