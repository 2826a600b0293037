//! Tests for the report area: real reports of the spec example and the demo, in both
//! languages, checked with the tools a reader would use (qpdf, pdftotext, pdfinfo), and the
//! embedded evaluation recomputed from the PDF alone.

use std::path::{Path, PathBuf};
use std::process::Command;

use jauge_domain::catalog::Catalogs;
use jauge_domain::{
    Evaluation, Results, canonical_hash, evaluate, evaluation_to_canonical_string,
    parse_evaluation, sha256_hex,
};
use jauge_report::{Error, JournalDigest, Lang, ReportInput, extract_evaluation, render_report};

use crate::support::{fixture, pdftotext, plain, repo_file, run, tool};

fn generated_at() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-11-02T09:05:00Z")
        .expect("valid date")
        .to_utc()
}

fn load(path: &Path) -> (Evaluation, Results) {
    let text = std::fs::read_to_string(path).expect("readable evaluation");
    let evaluation = match parse_evaluation(&text) {
        Ok(e) => e,
        Err(invalid) => panic!("{}: {invalid}", path.display()),
    };
    let results = evaluate(&evaluation, &Catalogs::bundled().expect("catalogs"));
    (evaluation, results)
}

/// Renders `path` in `lang` into `dir` and returns the PDF's path.
fn render_to(dir: &Path, path: &Path, lang: Lang, journal: Option<JournalDigest>) -> PathBuf {
    let (evaluation, results) = load(path);
    let bytes = render_report(&ReportInput {
        evaluation: &evaluation,
        results: &results,
        results_as_submitted: None,
        rounds: &[],
        lang,
        generated_at: generated_at(),
        software_version: "0.1.0-test",
        journal,
        lot_award: None,
    })
    .expect("report renders");
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("report");
    let out = dir.join(format!("{stem}-{lang:?}.pdf"));
    std::fs::write(&out, bytes).expect("write pdf");
    out
}

fn check_pdf(pdf: &Path, evaluation: &Evaluation, lang: Lang) {
    if let Some(qpdf) = tool("qpdf") {
        let (code, out, err) = run(Command::new(qpdf).arg("--check").arg(pdf));
        assert_eq!(code, 0, "qpdf --check failed:\n{out}\n{err}");
        assert!(out.contains("No syntax or stream encoding errors"), "{out}");
    }
    let pages = tool("pdfinfo").map(|pdfinfo| {
        let (code, info, err) = run(Command::new(pdfinfo).arg(pdf));
        assert_eq!(code, 0, "{err}");
        assert!(
            info.contains("Page size:       595.28 x 841.89 pts (A4)"),
            "{info}"
        );
        assert!(
            info.contains("CreationDate:    Mon Nov  2 09:05:00 2026"),
            "{info}"
        );
        assert!(
            info.contains("ModDate:         Mon Nov  2 09:05:00 2026"),
            "{info}"
        );
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("page count");
        assert!(pages >= 5, "{pages} pages");
        pages
    });
    if let Some(text) = pdftotext(pdf).map(|t| plain(&t)) {
        let expected: &[&str] = match lang {
            Lang::Fr => &[
                "Rapport d’analyse des offres",
                "Classement",
                "Offres éliminées",
                "Offre anormalement basse",
                "Pondération",
                "Méthode de notation",
                "« evaluation.json »",
                "Son empreinte SHA-256 est celle imprimée dans ce rapport",
                "Détail par offre",
                "Sensibilité des pondérations",
                "Date limite de remise des offres",
            ],
            Lang::En => &[
                "Tender evaluation report",
                "Ranking",
                "Eliminated offers",
                "Abnormally low offers",
                "Weight",
                "Scoring method",
                "“evaluation.json”",
                "Offer details",
            ],
        };
        for needle in expected {
            assert!(
                text.contains(needle),
                "missing {needle:?} in {}",
                pdf.display()
            );
        }
        assert!(text.contains(&evaluation.tender.reference));
        assert!(text.contains(&evaluation.tender.title), "tender title");
        for offer in &evaluation.offers {
            assert!(
                text.contains(&offer.bidder),
                "missing bidder {}",
                offer.bidder
            );
        }
        for evaluator in &evaluation.evaluators {
            assert!(text.contains(&evaluator.name), "missing {}", evaluator.name);
        }
        let canonical = canonical_hash(evaluation);
        assert!(text.contains(&canonical), "canonical hash printed");
        if let Some(pages) = pages {
            assert!(
                text.contains(&format!("Page 1 / {pages}")),
                "first page number"
            );
            assert!(
                text.contains(&format!("Page {pages} / {pages}")),
                "last page number"
            );
        }
        let deadline = evaluation.tender.deadline;
        assert!(
            text.contains(&lang.date(deadline)),
            "deadline {}",
            lang.date(deadline)
        );
    }
}

/// The evaluation read back from the PDF is the input, its SHA-256 is the fingerprint the report
/// prints, and it recomputes to the same results.
fn check_round_trip(pdf: &Path, evaluation: &Evaluation, results: &Results) {
    let bytes = std::fs::read(pdf).expect("read pdf");
    let text = extract_evaluation(&bytes).expect("embedded evaluation");
    assert_eq!(text, evaluation_to_canonical_string(evaluation));
    assert_eq!(sha256_hex(text.as_bytes()), canonical_hash(evaluation));
    let reparsed = parse_evaluation(&text).expect("the extracted evaluation parses");
    assert_eq!(&reparsed, evaluation);
    let recomputed = evaluate(&reparsed, &Catalogs::bundled().expect("catalogs"));
    assert_eq!(&recomputed, results);
}

#[test]
fn report_of_the_spec_example_in_french_and_english() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture("example-minimal.json");
    let (evaluation, results) = load(&path);
    for lang in [Lang::Fr, Lang::En] {
        let pdf = render_to(dir.path(), &path, lang, None);
        check_pdf(&pdf, &evaluation, lang);
        check_round_trip(&pdf, &evaluation, &results);
    }
    let fr = dir.path().join("example-minimal-Fr.pdf");
    if let Some(text) = pdftotext(&fr) {
        let text = plain(&text);
        for needle in [
            "Beta Cloud — Total 84,00 / 100",
            "Note = 40 × Pmin / P",
            "1 000 000,00 €",
            "73,00",
            "Exigence non satisfaite",
            "15/10/2026",
            "02/11/2026 à 09:05 UTC",
            "Siège et actionnariat conformes au §19.6.",
            "Karim Benali : 3 — Support hors UE encore mal documenté.",
            "non fourni",
        ] {
            assert!(text.contains(needle), "missing {needle:?}");
        }
    }
    let en = dir.path().join("example-minimal-En.pdf");
    if let Some(text) = pdftotext(&en) {
        let text = plain(&text);
        for needle in [
            "Beta Cloud — Total 84.00 / 100",
            "Score = 40 × Pmin / P",
            "€1,000,000.00",
            "15 Oct 2026",
        ] {
            assert!(text.contains(needle), "missing {needle:?}");
        }
    }
}

#[test]
fn report_of_the_demo_in_french_and_english() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = repo_file("assets/demo/cloud-de-confiance.json");
    let (evaluation, results) = load(&path);
    let journal = JournalDigest {
        entries: 128,
        head_hash: "5f".repeat(32),
        committee_files: Vec::new(),
    };
    for lang in [Lang::Fr, Lang::En] {
        let pdf = render_to(dir.path(), &path, lang, Some(journal.clone()));
        check_pdf(&pdf, &evaluation, lang);
        check_round_trip(&pdf, &evaluation, &results);
        if let Some(text) = pdftotext(&pdf) {
            assert!(text.contains(&journal.head_hash), "journal head hash");
            assert!(text.contains("128"), "journal entries");
        }
    }
    if let Some(text) = pdftotext(&dir.path().join("cloud-de-confiance-Fr.pdf")) {
        for needle in ["é", "è", "à", "ç", "’", "«", "»", "€"] {
            assert!(text.contains(needle), "missing {needle:?}");
        }
        if results.offers.iter().any(|o| o.abnormally_low) {
            assert!(text.contains("R2152-3") && text.contains("R2152-4"));
        }
    }
    // Reasons for elimination in the report's language, rebuilt from the results' fields.
    if let Some(text) = pdftotext(&dir.path().join("cloud-de-confiance-En.pdf")).map(|t| plain(&t))
    {
        assert!(
            text.contains("no “SecNumCloud” certification valid on the deadline (19 Oct 2026)"),
            "English reason for Altiplano"
        );
        assert!(
            text.contains("judged not met by the evaluators"),
            "English reason for Bravia"
        );
        assert!(
            !text.contains("aucune certification"),
            "no French reason in English"
        );
    }
    if let Some(text) = pdftotext(&dir.path().join("cloud-de-confiance-Fr.pdf")).map(|t| plain(&t))
    {
        assert!(
            text.contains(
                "aucune certification « SecNumCloud » valide à la date limite du 19/10/2026"
            ),
            "French reason for Altiplano"
        );
        assert!(text.contains("jugée non satisfaite par les évaluateurs"));
    }
    // Altiplano's SecNumCloud application, in progress since 15/06/2026, is not valid on the
    // deadline although its dates cover it: the report must not say otherwise.
    let pdftotext = tool("pdftotext");
    if let Some(pdftotext) = pdftotext {
        let (code, out, err) = run(Command::new(pdftotext)
            .arg("-layout")
            .arg(dir.path().join("cloud-de-confiance-Fr.pdf"))
            .arg("-"));
        assert_eq!(code, 0, "pdftotext failed: {err}");
        let row = out
            .lines()
            .find(|line| line.contains("en cours") && line.contains("15/06/2026"))
            .expect("the certification row of the in-progress application");
        assert!(
            row.contains("Non") && !row.contains("Oui"),
            "in progress is not valid on the deadline: {row}"
        );
        let granted = out
            .lines()
            .find(|line| line.contains("qualifiée") && line.contains("03/02/2025"))
            .expect("the certification row of Nébula's qualification");
        assert!(
            granted.contains("Oui"),
            "a qualification in force: {granted}"
        );
        // Schemes and levels as readers know them (spec §6), not as files spell them.
        assert!(
            granted.starts_with("SecNumCloud "),
            "scheme label: {granted}"
        );
        assert!(
            out.lines().any(|line| line.starts_with("Gaia-X ")
                && line.contains("Label niveau 3")
                && line.contains("certifiée")),
            "Eurostrata's Gaia-X label of level 3"
        );
        assert!(
            out.lines()
                .any(|line| line.starts_with("BSI C5 ") && line.contains("type 2")),
            "Eurostrata's C5 type 2 attestation"
        );
    }
}

#[test]
fn extracting_from_something_else_fails_cleanly() {
    assert!(matches!(
        extract_evaluation(b"not a pdf at all"),
        Err(Error::NotPdf(_))
    ));
    let spec = std::fs::read(fixture("example-minimal.json")).expect("spec example");
    assert!(matches!(extract_evaluation(&spec), Err(Error::NotPdf(_))));
}

/// The page count of `pdf`, from pdfinfo.
fn page_count(pdf: &Path) -> Option<usize> {
    let pdfinfo = tool("pdfinfo")?;
    let (code, info, err) = run(Command::new(pdfinfo).arg(pdf));
    assert_eq!(code, 0, "{err}");
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}

fn page_text(pdf: &Path, page: usize) -> Option<String> {
    let pdftotext = tool("pdftotext")?;
    let number = page.to_string();
    let (code, out, err) = run(Command::new(pdftotext)
        .args(["-f", &number, "-l", &number])
        .arg(pdf)
        .arg("-"));
    assert_eq!(code, 0, "pdftotext failed: {err}");
    Some(plain(&out))
}

#[test]
fn a_long_report_serialised_in_parts_reads_as_one_document() {
    // 20 offers × 400 criteria give some 400 pages, which the report serialises in parts on
    // several threads and joins: pages, fonts, outline and numbering must not show the seams.
    let evaluation = jauge_domain::synthetic::synthetic_evaluation(20, 400, 2);
    let results = evaluate(&evaluation, &Catalogs::bundled().expect("catalogs"));
    let bytes = render_report(&ReportInput {
        evaluation: &evaluation,
        results: &results,
        results_as_submitted: None,
        rounds: &[],
        lang: Lang::Fr,
        generated_at: generated_at(),
        software_version: "0.1.0-test",
        journal: None,
        lot_award: None,
    })
    .expect("report renders");
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("long.pdf");
    std::fs::write(&pdf, &bytes).expect("write pdf");
    check_round_trip(&pdf, &evaluation, &results);

    if let Some(qpdf) = tool("qpdf") {
        let (code, out, err) = run(Command::new(&qpdf).arg("--check").arg(&pdf));
        assert_eq!(code, 0, "qpdf --check failed:\n{out}\n{err}");
    }
    let Some(pages) = page_count(&pdf) else {
        return;
    };
    assert!(
        pages >= 380,
        "only {pages} pages: the report would not be cut"
    );

    // Every part embeds its own font subsets; each must have its own subset tag.
    if let Some(pdffonts) = tool("pdffonts") {
        let (code, out, err) = run(Command::new(pdffonts).arg(&pdf));
        assert_eq!(code, 0, "{err}");
        let names: Vec<&str> = out
            .lines()
            .skip(2)
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert!(names.len() >= 4, "one subset pair per part: {names:?}");
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "subset tags repeat: {names:?}");
        assert!(
            out.lines().skip(2).all(|l| l.contains(" yes yes yes ")),
            "every font embedded, subset, with a ToUnicode map:\n{out}"
        );
    }

    // Page numbers run on across the seams, and the pages of the last offer come last.
    for page in [1, pages / 2, pages / 2 + 1, pages] {
        if let Some(text) = page_text(&pdf, page) {
            assert!(
                text.contains(&format!("Page {page} / {pages}")),
                "page {page}: {text:.200}"
            );
        }
    }

    // Each bookmark leads to the page that carries its title, in every part.
    let Some(qpdf) = tool("qpdf") else {
        return;
    };
    let (code, out, err) = run(Command::new(qpdf)
        .args(["--json", "--json-key=outlines"])
        .arg(&pdf));
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("qpdf json");
    let outlines = json["outlines"].as_array().expect("an outline");
    assert!(outlines.len() > 20, "sections and one entry per offer");
    let last_offer = &evaluation.offers[19].bidder;
    let mut saw_last_offer = false;
    for entry in outlines {
        let title = entry["title"].as_str().expect("title");
        let page = entry["destpageposfrom1"].as_u64().expect("destination") as usize;
        let text = page_text(&pdf, page).expect("pdftotext");
        assert!(
            text.contains(&plain(title)),
            "bookmark {title:?} leads to page {page}"
        );
        if title.contains(last_offer.as_str()) {
            saw_last_offer = true;
            assert!(page > pages / 2, "{title:?} on page {page} of {pages}");
        }
    }
    assert!(saw_last_offer, "the last offer has a bookmark");
}
