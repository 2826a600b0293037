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
fn an_unknown_lot_is_refused_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("none.pdf");
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

fn pdf_words(pdftotext: &Path, pdf: &Path) -> String {
    let (code, text, stderr) = run(Command::new(pdftotext).arg(pdf).arg("-"));
    assert_eq!(code, 0, "stderr: {stderr}");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The steps of the four-lot award, in the order the report must explain them.
const STEPS: [&str; 5] = [
    "Plafond de 2 lots attribué(s) par soumissionnaire",
    "Ordre d’examen des lots : 1, 2, 3, 4",
    "Offre de Nuage Alpha classée première sur les lots 1, 2 et 3 ; plafond de 2 lots",
    "Lot 3 : l’offre de Nuage Alpha, classée première, est écartée",
    "Lot 3 attribué à l’offre classée deuxième, celle de Beta Cloud",
];

fn assert_whole_report(words: &str) {
    assert!(words.contains("1. Attribution des lots"), "{words}");
    // Every step of the award, in order, in the first part.
    let mut from = 0;
    for step in STEPS {
        let at = words[from..]
            .find(step)
            .unwrap_or_else(|| panic!("step {step:?} missing or out of order: {words}"));
        from += at + step.len();
    }
    // Each lot's status and holders in the first part, then each lot's own report.
    assert!(words.contains("Lot 3 – "), "{words}");
    for title in ["Attribution du lot dans la consultation", "Synthèse"] {
        assert_eq!(
            words.matches(title).count(),
            4,
            "{title} once per lot: {words}"
        );
    }
}

#[test]
fn the_report_of_the_whole_consultation_explains_every_step_and_is_signed() {
    let Some(pdftotext) = support::tool("pdftotext") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("consultation.pdf");
    let (code, _, stderr) = jauge(&["report", &four_lots(), "-o", pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let words = pdf_words(&pdftotext, &pdf);
    assert_whole_report(&words);
    assert!(
        words.contains("Définitif : chaque lot est attribué, infructueux ou déclaré sans suite"),
        "{words}"
    );
    // The consultation file is attached: extracted, it reads back as the same consultation.
    let extracted = dir.path().join("attached.json");
    let (code, _, stderr) = jauge(&[
        "extract",
        pdf.to_str().unwrap(),
        "-o",
        extracted.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let (code, stdout, stderr) = jauge(&["evaluate", extracted.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let (_, original, _) = jauge(&["evaluate", &four_lots(), "--json"]);
    assert_eq!(stdout, original);
    // Signed as a single report is, and verified intact.
    let signed = dir.path().join("signed.pdf");
    let pki = |name: &str| fixture(&format!("pki/{name}"));
    let (code, _, stderr) = jauge(&[
        "sign",
        pdf.to_str().unwrap(),
        "-o",
        signed.to_str().unwrap(),
        "--p12",
        pki("rsa-signer.p12").to_str().unwrap(),
        "--password-file",
        pki("rsa-signer.password").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let (code, stdout, stderr) = jauge(&["verify", signed.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "stdout: {stdout} stderr: {stderr}");
    assert!(stdout.contains("\"unchanged\""), "{stdout}");
}

#[test]
fn a_stored_consultation_is_imported_and_reported_with_its_journals() {
    let Some(pdftotext) = support::tool("pdftotext") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jauge.sqlite3");
    let db = db.to_str().unwrap();
    let (code, stdout, stderr) = jauge(&["import", &four_lots(), "--db", db]);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert!(stdout.contains("2026-CL-004 importée : 4 lots"), "{stdout}");
    assert!(stdout.contains("2026-CL-004#k8s"), "{stdout}");
    let pdf = dir.path().join("stored.pdf");
    let (code, _, stderr) = jauge(&[
        "report",
        "--reference",
        "2026-CL-004",
        "-o",
        pdf.to_str().unwrap(),
        "--db",
        db,
    ]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let words = pdf_words(&pdftotext, &pdf);
    assert_whole_report(&words);
    // Each lot's part carries its own journal (one entry: the import), on its cover and in its
    // traceability section.
    assert_eq!(words.matches(" 1 entrées").count(), 8, "{words}");
}

#[test]
fn each_bidder_gets_one_letter_telling_each_lot_it_bid_on() {
    let Some(pdftotext) = support::tool("pdftotext") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("lettres");
    let pki = |name: &str| fixture(&format!("pki/{name}"));
    let (code, stdout, stderr) = jauge(&[
        "letters",
        &four_lots(),
        "-o",
        folder.to_str().unwrap(),
        "--notified",
        "2026-12-07",
        "--channel",
        "electronic",
        "--p12",
        pki("rsa-signer.p12").to_str().unwrap(),
        "--password-file",
        pki("rsa-signer.password").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "stdout: {stdout} stderr: {stderr}");
    // One letter per bidder, each signed.
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["alpha", "beta", "delta", "epsilon", "gamma"].map(|b| format!("lettre-{b}.pdf"))
    );
    assert_eq!(stdout.matches("(signée)").count(), 5, "{stdout}");
    // 7 December 2026 by electronic means: signature from the 18th (day 11).
    assert!(stdout.contains("à compter du 18/12/2026"), "{stdout}");

    let alpha = pdf_words(&pdftotext, &folder.join("lettre-alpha.pdf"));
    for sentence in [
        "Lot 1 – Infrastructure (IaaS) : votre offre, classée première, est retenue ; vous êtes titulaire n° 1 de l’accord-cadre. Titulaires : Nuage Alpha (1), Beta Cloud (2).",
        "Lot 2 – Plateforme (PaaS) : votre offre, classée première, est retenue ; vous êtes titulaire n° 1 de l’accord-cadre.",
        "Lot 3 – Kubernetes managé : votre offre est classée première, mais le règlement de la consultation limite à 2 lots le nombre de lots attribués à un même soumissionnaire ; les lots 1 et 2 qui vous sont attribués passent avant celui-ci selon la règle publiée. Offre(s) retenue(s) : Beta Cloud (2).",
        "le marché ne sera pas signé avant l’expiration d’un délai de 11 jours",
        "18/12/2026",
        "Voies de recours",
    ] {
        assert!(alpha.contains(sentence), "{sentence:?} in {alpha}");
    }
    // Lot 4 is none of alpha's business, nor any figure of another bidder's.
    assert!(!alpha.contains("Lot 4"), "{alpha}");
    let gamma = pdf_words(&pdftotext, &folder.join("lettre-gamma.pdf"));
    assert!(
        gamma.contains(
            "Lot 1 – Infrastructure (IaaS) : votre offre, classée troisième, n’est pas retenue."
        ),
        "{gamma}"
    );
    assert!(gamma.contains("titulaire n° 2"), "{gamma}");
    assert!(
        !gamma.contains("Lot 3"),
        "gamma did not bid on lot 3: {gamma}"
    );
    // Every letter verifies as signed and unchanged.
    let (code, stdout, stderr) = jauge(&[
        "verify",
        folder.join("lettre-beta.pdf").to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 0, "stdout: {stdout} stderr: {stderr}");
    assert!(stdout.contains("\"unchanged\""), "{stdout}");
}

#[test]
fn a_lot_declared_sans_suite_is_reported_and_told_to_its_bidders() {
    let Some(pdftotext) = support::tool("pdftotext") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(four_lots()).unwrap()).unwrap();
    doc["lots"][0]["sans_suite"] = json!({"reason": "besoin redéfini"});
    let file = dir.path().join("sans-suite.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let file = file.to_str().unwrap();

    let (code, stdout, stderr) = jauge(&["evaluate", file, "--json"]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let results: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(lot(&results, "iaas")["status"], "sans_suite");
    assert_eq!(holders(&results, "k8s"), [("alpha".to_owned(), 1, 1)]);

    let pdf = dir.path().join("report.pdf");
    let (code, _, stderr) = jauge(&["report", file, "-o", pdf.to_str().unwrap()]);
    assert_eq!(code, 0, "stderr: {stderr}");
    let words = pdf_words(&pdftotext, &pdf);
    assert!(
        words.contains("Statut du lot : déclaré sans suite"),
        "{words}"
    );
    assert!(
        words.contains("Lot 1 : déclaré sans suite par l’acheteur (besoin redéfini)"),
        "{words}"
    );

    let folder = dir.path().join("lettres");
    let (code, stdout, stderr) = jauge(&[
        "letters",
        file,
        "-o",
        folder.to_str().unwrap(),
        "--notified",
        "2026-12-07",
        "--channel",
        "post",
    ]);
    assert_eq!(code, 0, "stdout: {stdout} stderr: {stderr}");
    let beta = pdf_words(&pdftotext, &folder.join("lettre-beta.pdf"));
    assert!(
        beta.contains("Lot 1 – Infrastructure (IaaS) : la procédure est déclarée sans suite pour ce lot, qui n’est attribué à personne. Motif : besoin redéfini."),
        "{beta}"
    );
}
