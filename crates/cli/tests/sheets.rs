//! Tests for the spreadsheets: workbooks read back by a real reader (calamine) and converted by
//! LibreOffice, a blank grid filled by another writer and imported into a real SQLite file, and
//! every wrong cell refused by its address with nothing written.
//!
//! It lives with the CLI's tests rather than in the root integration binary because this
//! package's build already holds everything it needs (the root package rebuilds the workspace
//! with other features).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../../../tests/support.rs"]
mod support;

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, SheetVisible, Xlsx};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use jauge_api::domain::{
    Answer, CriterionBody, Evaluation, LeafOutcome, OfferStatus, Results, Score, results_to_json,
    sha256_hex,
};
use jauge_api::store::Db;
use jauge_api::{Lang, WorkbookFile};
use serde_json::Value;

use crate::support::{repo_file, run, tool};

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 21, 10, minute, 0).unwrap()
}

fn demo() -> Evaluation {
    let text = std::fs::read_to_string(repo_file("assets/demo/cloud-de-confiance.json")).unwrap();
    jauge_api::domain::parse_evaluation(&text).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 30).unwrap()
}

/// A sheet's name, whether it is visible, and its cells by absolute position.
type SheetDump = (String, bool, Vec<((u32, u32), Data)>);

/// Every sheet of a workbook as calamine reads it.
fn read_all(bytes: &[u8]) -> Vec<SheetDump> {
    let mut book = Xlsx::new(Cursor::new(bytes)).unwrap();
    let sheets = book.sheets_metadata().to_vec();
    sheets
        .into_iter()
        .map(|sheet| {
            let range = book.worksheet_range(&sheet.name).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let cells = range
                .used_cells()
                .map(|(r, c, v)| ((r as u32 + r0, c as u32 + c0), v.clone()))
                .collect();
            (sheet.name, sheet.visible == SheetVisible::Visible, cells)
        })
        .collect()
}

struct Sheet(Vec<((u32, u32), Data)>);

impl Sheet {
    fn of(sheets: &[SheetDump], name: &str) -> Sheet {
        let (_, _, cells) = sheets.iter().find(|(n, ..)| n == name).unwrap();
        Sheet(cells.clone())
    }
    fn get(&self, row: u32, column: u32) -> Option<&Data> {
        self.0
            .iter()
            .find(|(p, _)| *p == (row, column))
            .map(|(_, v)| v)
    }
    fn text(&self, row: u32, column: u32) -> String {
        self.get(row, column)
            .map(Data::to_string)
            .unwrap_or_default()
    }
    fn number(&self, row: u32, column: u32) -> Option<f64> {
        match self.get(row, column)? {
            Data::Float(f) => Some(*f),
            Data::Int(i) => Some(*i as f64),
            other => panic!("({row}, {column}) holds {other:?}, not a number"),
        }
    }
    fn rows(&self) -> u32 {
        self.0.iter().map(|((r, _), _)| r + 1).max().unwrap_or(0)
    }
    /// The column whose header (in `row`) is `header`.
    fn column(&self, row: u32, header: &str) -> u32 {
        self.0
            .iter()
            .find(|((r, _), v)| *r == row && *v == header)
            .map(|((_, c), _)| *c)
            .unwrap_or_else(|| panic!("no header {header:?} in row {row}"))
    }
}

fn results(evaluation: &Evaluation) -> Results {
    jauge_api::evaluate_evaluation(evaluation).unwrap()
}

/// The text of one part of the XLSX archive.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_workbook_holds_every_figure_of_the_results() {
    let evaluation = demo();
    let results = results(&evaluation);
    let bytes = jauge_api::render_workbook(&evaluation, Lang::Fr, today()).unwrap();
    let sheets = read_all(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, ..)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Synthèse",
            "Matrice",
            "e1 Sophie Lambert",
            "e2 Julien Morel",
            "e3 Nadia Haddad",
            "Commission",
            "Consultation"
        ]
    );

    // Summary: one row per offer, ranked ones first by rank.
    let summary = Sheet::of(&sheets, "Synthèse");
    assert_eq!(summary.rows(), 1 + evaluation.offers.len() as u32);
    let total = summary.column(0, "Total (sur 100)");
    let status = summary.column(0, "Statut");
    let reasons = summary.column(0, "Motifs d'élimination");
    let low = summary.column(0, "Offre anormalement basse");
    let price = summary.column(0, "Prix");
    let ranking = results.ranking();
    for row in 1..summary.rows() {
        let id = summary.text(row, 1);
        let result = results.offer(&id).unwrap();
        let offer = evaluation.offers.iter().find(|o| o.id == id).unwrap();
        if let Some(rank) = result.rank {
            assert_eq!(ranking[row as usize - 1].id, id, "ranked in order");
            assert_eq!(summary.number(row, 0), Some(f64::from(rank)));
        }
        assert_eq!(summary.number(row, total), result.total, "total of {id}");
        for group in &evaluation.criteria {
            let column = summary.column(0, &format!("{} ({})", group.title, group.weight));
            assert_eq!(
                summary.number(row, column),
                result.group(&group.id),
                "{id}/{}",
                group.id
            );
        }
        let expected_status = match result.status {
            OfferStatus::Ranked => "Classée",
            OfferStatus::Incomplete => "Incomplète",
            OfferStatus::Eliminated => "Éliminée",
        };
        assert_eq!(summary.text(row, status), expected_status);
        let details: Vec<&str> = result
            .eliminated_because
            .iter()
            .map(|e| e.detail.as_str())
            .collect();
        assert_eq!(summary.text(row, reasons), details.join("\n"));
        assert_eq!(
            summary.text(row, low),
            if result.abnormally_low { "Oui" } else { "" }
        );
        assert_eq!(summary.number(row, price), offer.price);
    }
    assert!(
        results.offers.iter().any(|o| o.abnormally_low),
        "the demo flags one offer"
    );
    assert!(
        results
            .offers
            .iter()
            .any(|o| !o.eliminated_because.is_empty()),
        "the demo eliminates one offer"
    );

    // Matrix: every consolidated value and points, offers in file order.
    let matrix = Sheet::of(&sheets, "Matrice");
    let leaves = evaluation.leaves();
    for (row, offer) in (2u32..).zip(&evaluation.offers) {
        assert_eq!(matrix.text(row, 0), offer.id);
        let result = results.offer(&offer.id).unwrap();
        let mut column = 2;
        for leaf in &leaves {
            match &result.leaf(&leaf.id).unwrap().outcome {
                LeafOutcome::Requirement { met, .. } => {
                    let shown = met.map(|m| if m { "Oui" } else { "Non" }).unwrap_or("");
                    assert_eq!(matrix.text(row, column), shown, "{}/{}", offer.id, leaf.id);
                    column += 1;
                }
                LeafOutcome::Scored { value, points, .. } => {
                    assert_eq!(
                        matrix.number(row, column),
                        *value,
                        "{}/{}",
                        offer.id,
                        leaf.id
                    );
                    assert_eq!(matrix.number(row, column + 1), *points);
                    column += 2;
                }
                LeafOutcome::Price { price, points } => {
                    assert_eq!(matrix.number(row, column), *price);
                    assert_eq!(matrix.number(row, column + 1), *points);
                    column += 2;
                }
            }
        }
        assert_eq!(matrix.number(row, column), result.total);
    }

    // One sheet per evaluator: every score and justification, once.
    for (name, evaluator) in [
        ("e1 Sophie Lambert", "e1"),
        ("e2 Julien Morel", "e2"),
        ("e3 Nadia Haddad", "e3"),
    ] {
        let sheet = Sheet::of(&sheets, name);
        let theirs: Vec<&Score> = evaluation
            .scores
            .iter()
            .filter(|s| s.evaluator == evaluator)
            .collect();
        assert_eq!(sheet.rows(), 1 + theirs.len() as u32, "{name}");
        for row in 1..sheet.rows() {
            let score = theirs
                .iter()
                .find(|s| s.offer == sheet.text(row, 0) && s.criterion == sheet.text(row, 2))
                .unwrap();
            match score.answer {
                Answer::Value(v) => assert_eq!(sheet.number(row, 4), Some(v)),
                Answer::Met(m) => assert_eq!(sheet.text(row, 4), if m { "Oui" } else { "Non" }),
            }
            assert_eq!(
                sheet.text(row, 5),
                score.justification.clone().unwrap_or_default()
            );
        }
    }

    // The committee's decisions.
    let committee = Sheet::of(&sheets, "Commission");
    assert_eq!(committee.rows(), 1 + evaluation.consensus.len() as u32);
    for decision in &evaluation.consensus {
        let row = (1..committee.rows())
            .find(|&r| {
                committee.text(r, 0) == decision.offer && committee.text(r, 2) == decision.criterion
            })
            .unwrap();
        assert_eq!(committee.text(row, 5), decision.justification);
    }

    // The deadline is a real date (an Excel serial day), shown jj/mm/aaaa.
    let tender = Sheet::of(&sheets, "Consultation");
    let deadline_row = (0..tender.rows())
        .find(|&r| tender.text(r, 0) == "Date limite de remise des offres")
        .unwrap();
    let Some(Data::DateTime(deadline)) = tender.get(deadline_row, 1) else {
        panic!(
            "the deadline is not a date: {:?}",
            tender.get(deadline_row, 1)
        );
    };
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    let serial = (evaluation.tender.deadline - epoch).num_days() as f64;
    assert_eq!(deadline.as_f64(), serial);
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="dd/mm/yyyy""#), "{styles}");
    assert!(styles.contains(r##"formatCode="#,##0.00""##), "{styles}");
    // Header rows stay in view.
    assert!(part(&bytes, "xl/worksheets/sheet1.xml").contains(r#"state="frozen""#));
    assert!(part(&bytes, "xl/worksheets/sheet2.xml").contains(r#"state="frozen""#));
}

#[test]
fn the_english_workbook_speaks_english() {
    let evaluation = demo();
    let bytes = jauge_api::render_workbook(&evaluation, Lang::En, today()).unwrap();
    let sheets = read_all(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, ..)| n.as_str()).collect();
    assert_eq!(names[..2], ["Summary", "Matrix"]);
    assert_eq!(names[names.len() - 2..], ["Committee", "Tender"]);
    let summary = Sheet::of(&sheets, "Summary");
    let reasons = summary.column(0, "Reasons for elimination");
    let statuses: Vec<String> = (1..summary.rows()).map(|r| summary.text(r, 4)).collect();
    assert!(
        statuses
            .iter()
            .all(|s| ["Ranked", "Incomplete", "Eliminated"].contains(&s.as_str()))
    );
    let eliminated = (1..summary.rows())
        .find(|&r| summary.text(r, 4) == "Eliminated")
        .unwrap();
    assert!(
        summary
            .text(eliminated, reasons)
            .starts_with("Requirement not met: "),
        "{}",
        summary.text(eliminated, reasons)
    );
}

/// LibreOffice with a profile of its own (a shared one would clash between parallel tests).
fn soffice(dir: &Path) -> Option<Command> {
    let binary = tool("soffice")?;
    let mut command = Command::new(binary);
    command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--norestore"]);
    Some(command)
}

/// One LibreOffice at a time: two first starts in parallel, each creating its profile, were
/// seen to abort in LibreOffice's extension-repository sync (signal 6) before opening any file.
static LIBREOFFICE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Converts `input` with LibreOffice; returns the output's bytes, failing on any reported error.
fn convert(dir: &Path, input: &Path, to: &str) -> Option<Vec<u8>> {
    let mut command = soffice(dir)?;
    let extension = to.split(':').next().unwrap();
    let out = dir.join(format!("out-{extension}"));
    let (code, stdout, stderr) = {
        let _one_at_a_time = LIBREOFFICE.lock().unwrap_or_else(|e| e.into_inner());
        run(command
            .args(["--convert-to", to, "--outdir"])
            .arg(&out)
            .arg(input))
    };
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    assert!(!stderr.to_lowercase().contains("error"), "stderr: {stderr}");
    let stem = input.file_stem().unwrap().to_str().unwrap();
    let path = out.join(format!("{stem}.{extension}"));
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}\n{stdout}", path.display()));
    assert!(!bytes.is_empty());
    Some(bytes)
}

#[test]
fn libreoffice_opens_the_workbook_and_the_grid_without_error() {
    let dir = tempfile::tempdir().unwrap();
    let evaluation = demo();
    let workbook = dir.path().join("analyse.xlsx");
    std::fs::write(
        &workbook,
        jauge_api::render_workbook(&evaluation, Lang::Fr, today()).unwrap(),
    )
    .unwrap();
    let Some(csv) = convert(dir.path(), &workbook, "csv") else {
        return;
    };
    // The first sheet, the summary, as LibreOffice computed it: the winner's line is there.
    let csv = String::from_utf8_lossy(&csv).into_owned();
    let results = results(&evaluation);
    let winner = results.winner.clone().unwrap();
    let bidder = &evaluation
        .offers
        .iter()
        .find(|o| o.id == winner)
        .unwrap()
        .bidder;
    let first_line = csv.lines().nth(1).unwrap();
    assert!(first_line.contains(bidder.as_str()), "{csv}");
    let pdf = convert(dir.path(), &workbook, "pdf").unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    let (_dir, path, _) = stored_without("e2");
    let _db = Db::open(&path).unwrap();
    let grid = dir.path().join("grille.xlsx");
    std::fs::write(
        &grid,
        jauge_api::render_score_grid(
            &jauge_api::Store::open(path.as_ref()).unwrap(),
            &evaluation.tender.reference,
            "e2",
            Lang::Fr,
        )
        .unwrap(),
    )
    .unwrap();
    let pdf = convert(dir.path(), &grid, "pdf").unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

// ---- a consultation of several lots ----------------------------------------------------------

/// The four-lot consultation's workbook: the award sheet holds every bid with the outcome the
/// consultation results give (one row per bid, lot by lot), then every step of the award; each
/// lot has its summary and matrix, its summary ranking as the lot's own results do; the stored
/// consultation gives the same workbook through the CLI; LibreOffice opens it.
#[test]
fn a_consultation_workbook_has_the_award_then_each_lots_sheets() {
    let text =
        std::fs::read_to_string(repo_file("tests/fixtures/consultation-four-lots.json")).unwrap();
    let consultation = jauge_api::read_consultation(&text).unwrap();
    let results = jauge_api::evaluate_consultation(&consultation).unwrap();
    let expected = jauge_api::domain::lots::consultation_results_to_json(&consultation, &results);
    let bytes = jauge_api::render_consultation_workbook(&consultation, Lang::Fr, today()).unwrap();
    let sheets = read_all(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, ..)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Attribution des lots",
            "Lot 1 – Synthèse",
            "Lot 1 – Matrice",
            "Lot 2 – Synthèse",
            "Lot 2 – Matrice",
            "Lot 3 – Synthèse",
            "Lot 3 – Matrice",
            "Lot 4 – Synthèse",
            "Lot 4 – Matrice",
        ]
    );
    let award = Sheet::of(&sheets, "Attribution des lots");
    let (lot, offer, outcome, rank) = (
        award.column(0, "Lot"),
        award.column(0, "Identifiant"),
        award.column(0, "Issue"),
        award.column(0, "Rang"),
    );
    let mut bids = 0;
    for bidder in expected["bidders"].as_array().unwrap() {
        for bid in bidder["lots"].as_array().unwrap() {
            let number = consultation
                .lots
                .iter()
                .find(|l| l.id == bid["lot"].as_str().unwrap())
                .unwrap()
                .number;
            let row = (1..award.rows())
                .find(|&r| {
                    award.number(r, lot) == Some(f64::from(number))
                        && award.text(r, offer) == bid["offer"].as_str().unwrap()
                })
                .unwrap_or_else(|| panic!("no row for {bid}"));
            let said = jauge_api::domain::words::render(
                jauge_api::domain::words::BID_OUTCOMES,
                bid["outcome"].as_str().unwrap(),
                &jauge_api::domain::words::Params::new(),
                jauge_api::domain::words::Lang::Fr,
            );
            assert_eq!(award.text(row, outcome), said, "{bid}");
            assert_eq!(award.number(row, rank), bid["rank"].as_f64(), "{bid}");
            bids += 1;
        }
    }
    assert_eq!(
        bids,
        consultation
            .lots
            .iter()
            .map(|l| l.evaluation.offers.len())
            .sum::<usize>()
    );
    let all_text: Vec<String> = (0..award.rows()).map(|r| award.text(r, 0)).collect();
    for step in &results.allocation.trace {
        let sentence = step.sentence(jauge_api::domain::words::Lang::Fr);
        assert!(all_text.contains(&sentence), "step missing: {sentence}");
    }
    // Each lot's summary ranks as its own results do.
    for (l, lot) in consultation.lots.iter().enumerate() {
        let summary = Sheet::of(&sheets, &format!("Lot {} – Synthèse", lot.number));
        let first = results.lots[l].ranking().first().map(|r| r.id.clone());
        assert_eq!(Some(summary.text(1, 1)), first, "lot {}", lot.id);
    }

    // The stored consultation, through the CLI.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jauge.sqlite3");
    let mut store = jauge_api::open_store(&db).unwrap();
    jauge_api::import_consultation(&mut store, &text, at(0), "Claire").unwrap();
    drop(store);
    let output = dir.path().join("consultation.xlsx");
    let jauge = env!("CARGO_BIN_EXE_jauge");
    let (code, _, err) = run(Command::new(jauge)
        .args(["xlsx", "export", "--reference", "2026-CL-004", "--db"])
        .arg(&db)
        .arg("-o")
        .arg(&output));
    assert_eq!(code, 0, "{err}");
    let stored = read_all(&std::fs::read(&output).unwrap());
    assert_eq!(
        stored.iter().map(|(n, ..)| n.as_str()).collect::<Vec<_>>(),
        names
    );
    let Some(csv) = convert(dir.path(), &output, "csv") else {
        return;
    };
    let csv = String::from_utf8_lossy(&csv).into_owned();
    assert!(csv.contains("Infrastructure (IaaS)"), "{csv}");
}

// ---- the scoring grid, filled elsewhere and imported ------------------------------------------

/// The demo without the scores of `evaluator`, stored in a real SQLite file.
fn stored_without(evaluator: &str) -> (tempfile::TempDir, std::path::PathBuf, Vec<Score>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jauge.sqlite3");
    let mut evaluation = demo();
    let (theirs, others) = evaluation
        .scores
        .drain(..)
        .partition(|s| s.evaluator == evaluator);
    evaluation.scores = others;
    jauge_api::domain::validate_evaluation(&evaluation).unwrap();
    let mut db = Db::open(&path).unwrap();
    db.import_evaluation(&evaluation, at(0), "Sophie Lambert")
        .unwrap();
    (dir, path, theirs)
}

/// A value typed into a cell.
enum Fill<'a> {
    Number(f64),
    Text(&'a str),
}

/// Rewrites the workbook cell by cell with another writer than Jauge's exporter (as a
/// spreadsheet saving the file would), then types `edits` into the first sheet.
fn refill(bytes: &[u8], edits: &[(u32, u32, Fill)]) -> Vec<u8> {
    let mut out = rust_xlsxwriter::Workbook::new();
    for (index, (name, visible, cells)) in read_all(bytes).into_iter().enumerate() {
        let sheet = out.add_worksheet();
        sheet.set_name(&name).unwrap();
        sheet.set_hidden(!visible);
        let mut edited: Vec<(u32, u32)> = Vec::new();
        if index == 0 {
            for (row, column, fill) in edits {
                match fill {
                    Fill::Number(n) => sheet.write_number(*row, *column as u16, *n).map(|_| ()),
                    Fill::Text(t) => sheet.write_string(*row, *column as u16, *t).map(|_| ()),
                }
                .unwrap();
                edited.push((*row, *column));
            }
        }
        for ((row, column), value) in cells {
            if edited.contains(&(row, column)) {
                continue;
            }
            let column = column as u16;
            match value {
                Data::Float(f) => sheet.write_number(row, column, f).map(|_| ()),
                Data::Int(i) => sheet.write_number(row, column, i as f64).map(|_| ()),
                Data::String(s) => sheet.write_string(row, column, s).map(|_| ()),
                Data::Bool(b) => sheet.write_boolean(row, column, b).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
    }
    out.save_to_buffer().unwrap()
}

/// Where the grid wants the `field` ("value" or "justification") of (offer, criterion), found
/// through the grid's own hidden map.
fn locate(bytes: &[u8], offer: &str, criterion: &str, field: &str) -> (u32, u32) {
    let sheets = read_all(bytes);
    let sheet = Sheet(sheets[0].2.clone());
    let row_of = |mark: &str| {
        (0..sheet.rows())
            .find(|&r| sheet.text(r, 0) == mark)
            .unwrap_or_else(|| panic!("no row {mark}"))
    };
    let (offer_row, field_row) = (row_of("jauge:offer"), row_of("jauge:field"));
    let row = row_of(criterion);
    let column = (1..200)
        .find(|&c| sheet.text(offer_row, c) == offer && sheet.text(field_row, c) == field)
        .unwrap();
    (row, column)
}

/// The grid of `evaluator` filled with `scores`.
fn filled_grid(grid: &[u8], scores: &[Score]) -> Vec<u8> {
    let mut edits = Vec::new();
    for score in scores {
        let (row, column) = locate(grid, &score.offer, &score.criterion, "value");
        let fill = match score.answer {
            Answer::Value(v) => Fill::Number(v),
            Answer::Met(true) => Fill::Text("Oui"),
            Answer::Met(false) => Fill::Text("Non"),
        };
        edits.push((row, column, fill));
        if let Some(j) = &score.justification {
            let (row, column) = locate(grid, &score.offer, &score.criterion, "justification");
            edits.push((row, column, Fill::Text(j.as_str())));
        }
    }
    refill(grid, &edits)
}

fn workbook_file(name: &str, bytes: Vec<u8>) -> WorkbookFile {
    WorkbookFile {
        name: name.to_owned(),
        bytes,
    }
}

fn assert_same_scores(stored: &Evaluation, evaluator: &str, expected: &[Score], stamp: &str) {
    let theirs: Vec<&Score> = stored
        .scores
        .iter()
        .filter(|s| s.evaluator == evaluator)
        .collect();
    assert_eq!(theirs.len(), expected.len());
    for score in expected {
        let back = theirs
            .iter()
            .find(|s| s.offer == score.offer && s.criterion == score.criterion)
            .unwrap();
        assert_eq!(
            back.answer, score.answer,
            "{}/{}",
            score.offer, score.criterion
        );
        assert_eq!(back.justification, score.justification);
        assert_eq!(back.at.as_deref(), Some(stamp));
    }
}

#[test]
fn a_grid_filled_elsewhere_imports_in_one_journal_entry_naming_the_file() {
    let (_dir, path, originals) = stored_without("e2");
    let reference = demo().tender.reference;
    let db = Db::open(&path).unwrap();
    let grid = jauge_api::render_score_grid(
        &jauge_api::Store::open(path.as_ref()).unwrap(),
        &reference,
        "e2",
        Lang::Fr,
    )
    .unwrap();
    let filled = filled_grid(&grid, &originals);
    let sha256 = sha256_hex(&filled);
    let before = db.journal(&reference).unwrap().len();

    let done = jauge_api::import_score_grid(
        &mut jauge_api::Store::open(path.as_ref()).unwrap(),
        &reference,
        "e2",
        &workbook_file("grille-e2.xlsx", filled),
        at(5),
        "Sophie Lambert",
    )
    .unwrap();
    assert_eq!(done.count, originals.len());
    assert_eq!(done.file.sha256, sha256);

    // Read back from a fresh connection to the file.
    drop(db);
    let db = Db::open(&path).unwrap();
    let stored = db.load_evaluation(&reference).unwrap();
    assert_same_scores(&stored, "e2", &originals, "2026-10-21T10:05:00Z");
    // With e2's scores back, the results are the demo's, figure for figure.
    assert_eq!(
        results_to_json(&results(&stored)),
        results_to_json(&results(&demo()))
    );
    let journal = db.journal(&reference).unwrap();
    assert_eq!(journal.len(), before + 1, "one entry for the whole file");
    let entry = journal.last().unwrap();
    assert_eq!(entry.action, "scores.import");
    assert_eq!(entry.actor, "Sophie Lambert");
    let payload: Value = serde_json::from_str(&entry.payload).unwrap();
    assert_eq!(payload["file"]["name"], "grille-e2.xlsx");
    assert_eq!(payload["file"]["sha256"], sha256.as_str());
    assert_eq!(payload["scores"].as_array().unwrap().len(), originals.len());
    assert!(db.verify_journal(&reference).unwrap().is_intact());
}

#[test]
fn a_grid_saved_again_by_libreoffice_still_imports() {
    let (dir, path, originals) = stored_without("e2");
    let reference = demo().tender.reference;
    let db = Db::open(&path).unwrap();
    let grid = jauge_api::render_score_grid(
        &jauge_api::Store::open(path.as_ref()).unwrap(),
        &reference,
        "e2",
        Lang::Fr,
    )
    .unwrap();
    let filled = dir.path().join("filled.xlsx");
    std::fs::write(&filled, filled_grid(&grid, &originals)).unwrap();
    let Some(saved) = convert(dir.path(), &filled, "xlsx:Calc MS Excel 2007 XML") else {
        return;
    };
    jauge_api::import_score_grid(
        &mut jauge_api::Store::open(path.as_ref()).unwrap(),
        &reference,
        "e2",
        &workbook_file("filled.xlsx", saved),
        at(5),
        "Sophie Lambert",
    )
    .unwrap();
    let stored = db.load_evaluation(&reference).unwrap();
    assert_same_scores(&stored, "e2", &originals, "2026-10-21T10:05:00Z");
    assert!(db.verify_journal(&reference).unwrap().is_intact());
}

/// Imports `bytes` and expects a refusal; checks that neither the evaluation nor the journal
/// moved, and returns the problems as printed.
fn refused(path: &Path, evaluator: &str, bytes: Vec<u8>, lang: Lang) -> Vec<String> {
    let reference = demo().tender.reference;
    let db = Db::open(path).unwrap();
    let evaluation = db.load_evaluation(&reference).unwrap();
    let journal = db.journal(&reference).unwrap();
    let error = jauge_api::import_score_grid(
        &mut jauge_api::Store::open(path).unwrap(),
        &reference,
        evaluator,
        &workbook_file("grille.xlsx", bytes),
        at(9),
        "Sophie Lambert",
    )
    .unwrap_err();
    assert_eq!(error.code(), jauge_api::ErrorCode::Invalid, "{error}");
    drop(db);
    let db = Db::open(path).unwrap();
    assert_eq!(db.load_evaluation(&reference).unwrap(), evaluation);
    assert_eq!(db.journal(&reference).unwrap(), journal);
    assert!(db.verify_journal(&reference).unwrap().is_intact());
    match error {
        jauge_api::Error::Invalid(invalid) => invalid
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message_in(lang.words())))
            .collect(),
        other => panic!("{other}"),
    }
}

#[test]
fn every_wrong_cell_is_refused_by_its_address_and_nothing_is_written() {
    let (_dir, path, originals) = stored_without("e2");
    let reference = demo().tender.reference;
    let db = Db::open(&path).unwrap();
    let grid = jauge_api::render_score_grid(
        &jauge_api::Store::open(path.as_ref()).unwrap(),
        &reference,
        "e2",
        Lang::Fr,
    )
    .unwrap();
    drop(db);
    let cell = |o: &str, c: &str| locate(&grid, o, c, "value");
    let address = |(r, c): (u32, u32)| format!("Notes!{}", cell_name(r, c));
    let off_scale = cell("o1", "tech.archi");
    let off_step = cell("o2", "tech.ops");
    let text = cell("o3", "tech.iam");
    let not_yes_no = cell("o1", "req.loc");
    // The colleague also renamed an offer in the hidden row of ids.
    let hidden_o5 = {
        let sheets = read_all(&grid);
        let sheet = Sheet(sheets[0].2.clone());
        let row = (0..sheet.rows())
            .find(|&r| sheet.text(r, 0) == "jauge:offer")
            .unwrap();
        let column = (1..200).find(|&c| sheet.text(row, c) == "o5").unwrap();
        (row, column)
    };
    let mut good: Vec<Score> = originals
        .iter()
        .filter(|s| s.offer == "o4")
        .cloned()
        .collect();
    good.truncate(3);
    let filled = filled_grid(&grid, &good);
    let filled = refill(
        &filled,
        &[
            (off_scale.0, off_scale.1, Fill::Number(7.0)),
            (off_step.0, off_step.1, Fill::Number(2.5)),
            (text.0, text.1, Fill::Text("très bien")),
            (not_yes_no.0, not_yes_no.1, Fill::Text("Peut-être")),
            (hidden_o5.0, hidden_o5.1, Fill::Text("o9")),
        ],
    );
    let problems = refused(&path, "e2", filled.clone(), Lang::Fr);
    let expected = [
        format!("{}: 7 est hors de l’échelle 0..5", address(off_scale)),
        format!(
            "{}: 2,5 n’est pas sur un pas de l’échelle (0 puis de 1 en 1)",
            address(off_step)
        ),
        format!("{}: « très bien » n’est pas un nombre", address(text)),
        format!(
            "{}: « Peut-être » : répondez Oui ou Non",
            address(not_yes_no)
        ),
        format!(
            "{}: l’offre « o9 » n’est pas dans la consultation",
            address(hidden_o5)
        ),
    ];
    for line in &expected {
        assert!(problems.contains(line), "{line:?} not in {problems:#?}");
    }
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    // The same in English.
    let english = refused(&path, "e2", filled, Lang::En);
    assert!(
        english.contains(&format!(
            "{}: 7 is outside the scale 0..5",
            address(off_scale)
        )),
        "{english:#?}"
    );

    // A grid for another evaluator, another tender, or made before the criteria changed.
    let one = filled_grid(&grid, &good);
    assert_eq!(
        refused(&path, "e1", one.clone(), Lang::Fr),
        ["jauge!B3: la grille est celle de l’évaluateur « e2 », pas de « e1 »"]
    );
    let mut db = Db::open(&path).unwrap();
    let mut renamed = db.load_evaluation(&reference).unwrap();
    renamed.tender.reference = "2026-DNUM-CDC-015".into();
    db.import_evaluation(&renamed, at(1), "Sophie Lambert")
        .unwrap();
    let error = jauge_api::import_score_grid(
        &mut jauge_api::Store::open(path.as_ref()).unwrap(),
        "2026-DNUM-CDC-015",
        "e2",
        &workbook_file("grille.xlsx", one.clone()),
        at(2),
        "Sophie Lambert",
    )
    .unwrap_err();
    let jauge_api::Error::Invalid(invalid) = error else {
        panic!("a grid of another tender is refused as invalid: {error}");
    };
    let lines: Vec<String> = invalid
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.path, p.message_in(Lang::Fr.words())))
        .collect();
    assert_eq!(
        lines,
        [
            "jauge!B2: la grille est celle de la consultation « 2026-DNUM-CDC-014 », pas de \
          « 2026-DNUM-CDC-015 »"
        ]
    );
    let mut changed = db.load_evaluation(&reference).unwrap();
    let CriterionBody::Group { children } = &mut changed.criteria[1].body else {
        panic!("the demo's second criterion is a group");
    };
    children[0].title.push_str(" (précisé)");
    db.replace_evaluation(&changed, at(3), "Sophie Lambert")
        .unwrap();
    drop(db);
    let stale = refused(&path, "e2", one, Lang::Fr);
    assert_eq!(stale.len(), 1);
    assert!(stale[0].starts_with("jauge!B4: les critères ou les offres ont changé"));

    // Not a workbook at all.
    let not_xlsx = refused(&path, "e2", b"%PDF-1.7".to_vec(), Lang::Fr);
    assert!(
        not_xlsx[0].starts_with("grille.xlsx: ce n’est pas un classeur XLSX lisible"),
        "{not_xlsx:?}"
    );
}

// ---- the list of bids --------------------------------------------------------------------------

/// A list of bids as a buyer keeps it: a title line, then the columns, in another order.
fn bids(rows: &[[&str; 5]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Offres").unwrap();
    sheet
        .write_string(0, 0, "Offres reçues — 2026-DNUM-CDC-014")
        .unwrap();
    let headers = [
        "Soumissionnaire",
        "Identifiant",
        "Offre",
        "Prix",
        "Irrégularité",
    ];
    for (column, header) in (0u16..).zip(headers) {
        sheet.write_string(2, column, header).unwrap();
    }
    sheet.write_string(2, 5, "Observations").unwrap();
    for (row, cells) in (3u32..).zip(rows) {
        for (column, value) in (0u16..).zip(cells) {
            if value.is_empty() {
                continue;
            }
            match (column, value.parse::<f64>()) {
                (3, Ok(n)) => sheet.write_number(row, column, n).map(|_| ()),
                _ => sheet.write_string(row, column, *value).map(|_| ()),
            }
            .unwrap();
        }
        sheet
            .write_string(row, 5, "reçue par la plateforme")
            .unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_list_of_bids_updates_and_adds_offers_in_one_journal_entry() {
    let (_dir, path, _) = stored_without("e2");
    let reference = demo().tender.reference;
    let db = Db::open(&path).unwrap();
    let before = db.load_evaluation(&reference).unwrap();
    let bytes = bids(&[
        [
            "Nébula Souveraine SAS",
            "o1",
            "Nébula Cloud Souverain",
            "2 390 000,00 €",
            "",
        ],
        [
            "Bravia Cloud Services SAS",
            "o4",
            "Bravia Public Cloud",
            "1150000",
            "Offre remise hors délai",
        ],
        [
            "Stratus Numérique SAS",
            "o6",
            "Stratus Cloud",
            "1990000",
            "",
        ],
    ]);
    let done = jauge_api::import_offers_workbook(
        &mut jauge_api::Store::open(path.as_ref()).unwrap(),
        &reference,
        &workbook_file("offres.xlsx", bytes.clone()),
        at(6),
        "Sophie Lambert",
    )
    .unwrap();
    assert_eq!(done.count, 3);
    let stored = db.load_evaluation(&reference).unwrap();
    let offer = |id: &str| stored.offers.iter().find(|o| o.id == id).unwrap();
    assert_eq!(offer("o1").price, Some(2_390_000.0));
    assert_eq!(offer("o1").name.as_deref(), Some("Nébula Cloud Souverain"));
    assert_eq!(
        offer("o1").certifications,
        before.offers[0].certifications,
        "certifications stay"
    );
    assert_eq!(
        offer("o4").irregular.as_deref(),
        Some("Offre remise hors délai")
    );
    assert_eq!(offer("o6").bidder, "Stratus Numérique SAS");
    assert_eq!(stored.offers.len(), before.offers.len() + 1);
    assert_eq!(
        stored.offers.last().unwrap().id,
        "o6",
        "new offers come last"
    );
    assert_eq!(stored.scores, before.scores, "scores stay");
    let results = results(&stored);
    assert_eq!(results.offer("o4").unwrap().status, OfferStatus::Eliminated);
    let journal = db.journal(&reference).unwrap();
    let entry = journal.last().unwrap();
    assert_eq!(journal.len(), 2);
    assert_eq!(entry.action, "offers.import");
    let payload: Value = serde_json::from_str(&entry.payload).unwrap();
    assert_eq!(payload["file"]["name"], "offres.xlsx");
    assert_eq!(payload["file"]["sha256"], sha256_hex(&bytes).as_str());
    assert_eq!(payload["offers"].as_array().unwrap().len(), 3);
    assert!(db.verify_journal(&reference).unwrap().is_intact());
}

#[test]
fn a_wrong_list_of_bids_is_refused_by_cell_and_nothing_is_written() {
    let (_dir, path, _) = stored_without("e2");
    let reference = demo().tender.reference;
    let db = Db::open(&path).unwrap();
    let before = db.load_evaluation(&reference).unwrap();
    let journal = db.journal(&reference).unwrap();
    let bytes = bids(&[
        ["Nébula Souveraine SAS", "o1", "", "-5", ""],
        ["Altiplano Cloud SA", "o2", "", "sur devis", ""],
        ["", "o3", "", "", ""],
        ["Altiplano Cloud SA", "o2", "", "", ""],
    ]);
    let error = jauge_api::import_offers_workbook(
        &mut jauge_api::Store::open(path.as_ref()).unwrap(),
        &reference,
        &workbook_file("offres.xlsx", bytes),
        at(6),
        "Sophie Lambert",
    )
    .unwrap_err();
    let problems: Vec<String> = match error {
        jauge_api::Error::Invalid(invalid) => invalid
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message_in(Lang::Fr.words())))
            .collect(),
        other => panic!("{other}"),
    };
    assert_eq!(
        problems,
        [
            "Offres!D4: le prix -5 est négatif",
            "Offres!D5: « sur devis » n’est pas un nombre",
            "Offres!A6: cellule vide : « Soumissionnaire » est obligatoire",
            "Offres!B7: l’identifiant « o2 » figure déjà ligne 5",
        ]
    );
    assert_eq!(db.load_evaluation(&reference).unwrap(), before);
    assert_eq!(db.journal(&reference).unwrap(), journal);

    // A sheet without the required columns says which ones it lacks.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .write_string(0, 0, "Nom du candidat")
        .unwrap();
    let error = jauge_api::import_offers_workbook(
        &mut jauge_api::Store::open(path.as_ref()).unwrap(),
        &reference,
        &workbook_file("offres.xlsx", book.save_to_buffer().unwrap()),
        at(6),
        "Sophie Lambert",
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("Sheet1: the column \"Identifiant\" is missing"),
        "{error}"
    );
}

/// Imports a list of bids expected to be refused; checks that nothing moved and returns the
/// problems as printed in French.
fn refused_bids(path: &Path, name: &str, bytes: Vec<u8>) -> Vec<String> {
    let reference = demo().tender.reference;
    let db = Db::open(path).unwrap();
    let before = db.load_evaluation(&reference).unwrap();
    let journal = db.journal(&reference).unwrap();
    let error = jauge_api::import_offers_workbook(
        &mut jauge_api::Store::open(path).unwrap(),
        &reference,
        &workbook_file(name, bytes),
        at(7),
        "Sophie Lambert",
    )
    .unwrap_err();
    assert_eq!(db.load_evaluation(&reference).unwrap(), before);
    assert_eq!(db.journal(&reference).unwrap(), journal);
    match error {
        jauge_api::Error::Invalid(invalid) => invalid
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message_in(Lang::Fr.words())))
            .collect(),
        other => panic!("{other}"),
    }
}

#[test]
fn a_rule_broken_by_a_bid_is_named_by_its_cell_and_numbers_are_never_guessed() {
    let (_dir, path, _) = stored_without("e2");
    // A price of 0 reads, but the evaluation's rules refuse it: named by the sheet's cell, not
    // by `offers[0].price`.
    let zero = bids(&[
        ["Nébula Souveraine SAS", "o1", "", "1 234,56", ""],
        ["Altiplano Cloud SA", "o2", "", "0", ""],
    ]);
    assert_eq!(
        refused_bids(&path, "offres.xlsx", zero),
        ["Offres!D5: 0 doit être supérieur à 0"]
    );
    // `1.234` could be a thousand or a decimal: refused with both readings, never guessed.
    // (Typed as text: the leading space keeps `bids` from writing a number.)
    let ambiguous = bids(&[["Nébula Souveraine SAS", "o1", "", " 1.234", ""]]);
    assert_eq!(
        refused_bids(&path, "offres.xlsx", ambiguous),
        [
            "Offres!D4: « 1.234 » se lit 1\u{202f}234 ou 1,234 : écrivez-le sans séparateur de \
             milliers, ou saisissez-le comme un nombre, pour lever le doute"
        ]
    );
    // `1.234,56` has one reading.
    let reference = demo().tender.reference;
    jauge_api::import_offers_workbook(
        &mut jauge_api::Store::open(path.as_ref()).unwrap(),
        &reference,
        &workbook_file(
            "offres.xlsx",
            bids(&[["Nébula Souveraine SAS", "o1", "", "1.234,56", ""]]),
        ),
        at(8),
        "Sophie Lambert",
    )
    .unwrap();
    let stored = Db::open(&path)
        .unwrap()
        .load_evaluation(&reference)
        .unwrap();
    assert_eq!(stored.offers[0].price, Some(1234.56));
}

#[test]
fn a_workbook_protected_by_a_password_is_refused_as_such() {
    let (_dir, path, _) = stored_without("e2");
    // What Excel or LibreOffice write for a workbook saved with a password: an OLE compound
    // file holding the encrypted package.
    let mut ole = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for stream in ["EncryptionInfo", "EncryptedPackage"] {
        std::io::Write::write_all(&mut ole.create_stream(stream).unwrap(), &[7; 4096]).unwrap();
    }
    ole.flush().unwrap();
    let bytes = ole.into_inner().into_inner();
    assert_eq!(
        refused_bids(&path, "offres.xlsx", bytes),
        [
            "offres.xlsx: le classeur est protégé par un mot de passe : enregistrez-en une copie \
             sans mot de passe, puis importez cette copie"
        ]
    );
}

/// `D14` from zero-based (13, 3), written here independently of the crate under test.
fn cell_name(row: u32, column: u32) -> String {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        letters.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// The worked example of the price schedule (two price criteria, three offers) stored without
/// its corrections nor o2's prices: o2's schedule comes back as a workbook.
fn stored_schedule() -> (tempfile::TempDir, std::path::PathBuf, Evaluation) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jauge.sqlite3");
    let text = std::fs::read_to_string(repo_file("tests/fixtures/price-schedule.json")).unwrap();
    let mut evaluation = jauge_api::domain::parse_evaluation(&text).unwrap();
    let schedule = evaluation.price_schedule.as_mut().unwrap();
    schedule.corrections.clear();
    schedule.offers.retain(|o| o.offer != "o2");
    let mut db = Db::open(&path).unwrap();
    db.import_evaluation(&evaluation, at(0), "Claire Martin")
        .unwrap();
    (dir, path, evaluation)
}

/// The row of line `id` in a schedule workbook, through its hidden column of ids.
fn schedule_row(bytes: &[u8], id: &str) -> u32 {
    let sheets = read_all(bytes);
    let sheet = Sheet(sheets[0].2.clone());
    (0..sheet.rows())
        .find(|&r| sheet.text(r, 0) == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// o2's schedule as it wrote it: one line amount ten times too small (1 366,56 for
/// 350 400 × 0,039), a unit price typed as French text, and a grand total.
fn filled_schedule(blank: &[u8]) -> Vec<u8> {
    let (vcpu, storage, migration, total) = (
        schedule_row(blank, "vcpu"),
        schedule_row(blank, "storage"),
        schedule_row(blank, "migration"),
        schedule_row(blank, "jauge:total"),
    );
    refill(
        blank,
        &[
            (vcpu, 5, Fill::Number(0.039)),
            (vcpu, 6, Fill::Number(1366.56)),
            (storage, 5, Fill::Text("0,02 €")),
            (storage, 6, Fill::Number(2400.0)),
            (migration, 5, Fill::Number(30000.0)),
            (migration, 6, Fill::Number(30000.0)),
            (total, 6, Fill::Number(33766.56)),
        ],
    )
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

#[test]
fn the_blank_price_schedule_lists_the_lines_for_a_bidder_to_price() {
    let (_dir, path, evaluation) = stored_schedule();
    let store = jauge_api::Store::open(&path).unwrap();
    let blank = jauge_api::render_schedule_workbook(&store, "DQE-2026-01", Lang::Fr).unwrap();
    let sheets = read_all(&blank);
    assert_eq!(sheets[0].0, "BPU-DQE");
    assert!(sheets[0].1, "the schedule is visible");
    assert_eq!(sheets[1].0, "jauge");
    assert!(!sheets[1].1, "the map is hidden");
    let sheet = Sheet(sheets[0].2.clone());
    for line in &evaluation.price_schedule.as_ref().unwrap().lines {
        let row = schedule_row(&blank, &line.id);
        assert_eq!(sheet.text(row, 2), line.label);
        assert_eq!(sheet.text(row, 3), line.unit);
        assert_eq!(sheet.get(row, 4), Some(&Data::Float(line.quantity)));
        assert_eq!(sheet.get(row, 5), None, "no unit price yet");
        assert_eq!(sheet.get(row, 6), None, "no amount yet");
    }
    assert_eq!(sheet.text(3, 5), "Prix unitaire HT");
    // A schedule filled for nothing imports nothing.
    let error = jauge_api::import_schedule_workbook(
        &mut jauge_api::Store::open(&path).unwrap(),
        "DQE-2026-01",
        "o2",
        &workbook_file("bpu.xlsx", blank),
        at(1),
        "Claire Martin",
    )
    .unwrap_err();
    assert_eq!(error.code(), jauge_api::ErrorCode::Invalid, "{error}");
}

#[test]
fn a_price_schedule_filled_and_saved_by_libreoffice_imports_and_is_checked() {
    let (dir, path, _) = stored_schedule();
    let blank = jauge_api::render_schedule_workbook(
        &jauge_api::Store::open(&path).unwrap(),
        "DQE-2026-01",
        Lang::Fr,
    )
    .unwrap();
    let filled = dir.path().join("bpu-o2.xlsx");
    std::fs::write(&filled, filled_schedule(&blank)).unwrap();
    let Some(saved) = convert(dir.path(), &filled, "xlsx:Calc MS Excel 2007 XML") else {
        return;
    };
    let mut store = jauge_api::Store::open(&path).unwrap();
    let results = jauge_api::import_schedule_workbook(
        &mut store,
        "DQE-2026-01",
        "o2",
        &workbook_file("bpu-o2.xlsx", saved),
        at(2),
        "Claire Martin",
    )
    .unwrap();
    // The unit prices and the bidder's own figures came through LibreOffice unchanged…
    let stored = jauge_api::load_evaluation(&store, "DQE-2026-01").unwrap();
    let o2 = stored
        .price_schedule
        .as_ref()
        .unwrap()
        .offers
        .iter()
        .find(|o| o.offer == "o2")
        .unwrap()
        .clone();
    let prices: Vec<(&str, f64, Option<f64>)> = o2
        .prices
        .iter()
        .map(|p| (p.line.as_str(), p.unit_price, p.submitted_total))
        .collect();
    assert_eq!(
        prices,
        [
            ("vcpu", 0.039, Some(1366.56)),
            ("storage", 0.02, Some(2400.0)),
            ("migration", 30000.0, Some(30000.0))
        ]
    );
    assert_eq!(o2.submitted_total, Some(33766.56));
    // …and the arithmetic check found the wrong line amount: o2's run cost waits for the buyer,
    // its build cost counts.
    assert_eq!(price_of(&results, "o2", "price.run"), None);
    assert_eq!(price_of(&results, "o2", "price.build"), Some(30_000.0));
    let results = jauge_api::accept_correction(
        &mut store,
        "DQE-2026-01",
        "o2",
        Some("vcpu"),
        jauge_api::domain::CorrectionRoute::TenderRules,
        "Erreur de multiplication ; le prix unitaire prévaut",
        at(3),
        "Claire Martin",
    )
    .unwrap();
    assert_eq!(price_of(&results, "o2", "price.run"), Some(16_065.6));
    let db = Db::open(&path).unwrap();
    assert!(db.verify_journal("DQE-2026-01").unwrap().is_intact());
    let actions: Vec<String> = db
        .journal("DQE-2026-01")
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions[actions.len() - 2..],
        ["schedule_offer.set", "correction.accept"]
    );
}

/// What the price screen does: write the blank schedule to a file, import the filled one from
/// its file, and tell how many lines it priced and how many of its figures its unit prices
/// contradict; a refused file names its cells and changes nothing.
#[test]
fn the_app_writes_the_blank_schedule_and_imports_a_filled_one_from_files() {
    let (dir, path, _) = stored_schedule();
    let blank_path = dir.path().join("bpu-vierge.xlsx");
    let exported = jauge_api::export_schedule_workbook_file(
        &jauge_api::Store::open(&path).unwrap(),
        "DQE-2026-01",
        Lang::Fr,
        &blank_path,
    )
    .unwrap();
    let blank = std::fs::read(&blank_path).unwrap();
    assert_eq!(exported.sha256, sha256_hex(&blank));
    assert_eq!(read_all(&blank)[0].0, "BPU-DQE");

    let mut store = jauge_api::Store::open(&path).unwrap();
    // The blank one back unfilled: refused, nothing written.
    let error = jauge_api::import_schedule_workbook_file(
        &mut store,
        "DQE-2026-01",
        "o2",
        &blank_path,
        at(1),
        "Claire Martin",
    )
    .unwrap_err();
    assert_eq!(error.code(), jauge_api::ErrorCode::Invalid, "{error}");

    let filled_path = dir.path().join("bpu-o2.xlsx");
    let filled = filled_schedule(&blank);
    std::fs::write(&filled_path, &filled).unwrap();
    let imported = jauge_api::import_schedule_workbook_file(
        &mut store,
        "DQE-2026-01",
        "o2",
        &filled_path,
        at(2),
        "Claire Martin",
    )
    .unwrap();
    assert_eq!(imported.lines, 3);
    assert_eq!(
        imported.discrepancies, 1,
        "the vCPU line amount, ten times too small"
    );
    assert_eq!(imported.file.name, "bpu-o2.xlsx");
    assert_eq!(imported.file.sha256, sha256_hex(&filled));
    let o2 = imported.sheet.iter().find(|s| s.offer == "o2").unwrap();
    assert_eq!(o2.discrepancies[0].line.as_deref(), Some("vcpu"));
    assert_eq!(o2.grand_total, Some(46_065.6));
    assert_eq!(o2.compared, None, "the discrepancy waits for the buyer");
    assert_eq!(
        price_of(&imported.results, "o2", "price.build"),
        Some(30_000.0)
    );
    let db = Db::open(&path).unwrap();
    let last = db.journal("DQE-2026-01").unwrap().pop().unwrap();
    assert_eq!(last.action, "schedule_offer.set");
}

#[test]
fn every_wrong_schedule_cell_is_refused_by_its_address_and_nothing_is_written() {
    let (_dir, path, evaluation) = stored_schedule();
    let blank = jauge_api::render_schedule_workbook(
        &jauge_api::Store::open(&path).unwrap(),
        "DQE-2026-01",
        Lang::Fr,
    )
    .unwrap();
    let (vcpu, storage, migration) = (
        schedule_row(&blank, "vcpu"),
        schedule_row(&blank, "storage"),
        schedule_row(&blank, "migration"),
    );
    let wrong = refill(
        &blank,
        &[
            (vcpu, 5, Fill::Text("quarante")),
            (storage, 5, Fill::Number(-0.02)),
            (migration, 5, Fill::Text("1.234")),
            (migration + 1, 0, Fill::Text("gpu")),
        ],
    );
    let journal = Db::open(&path).unwrap().journal("DQE-2026-01").unwrap();
    let error = jauge_api::import_schedule_workbook(
        &mut jauge_api::Store::open(&path).unwrap(),
        "DQE-2026-01",
        "o2",
        &workbook_file("bpu-o2.xlsx", wrong),
        at(4),
        "Claire Martin",
    )
    .unwrap_err();
    let jauge_api::Error::Invalid(invalid) = error else {
        panic!("{error}");
    };
    let found: Vec<String> = invalid
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.path, p.message_in(Lang::Fr.words())))
        .collect();
    let cell = |row: u32, column: u32| format!("BPU-DQE!{}", cell_name(row, column));
    for (address, words) in [
        (cell(vcpu, 5), "quarante"),
        (cell(storage, 5), "0,02"),
        (cell(migration, 5), "1.234"),
        (cell(migration + 1, 1), "gpu"),
    ] {
        assert!(
            found
                .iter()
                .any(|p| p.starts_with(&format!("{address}: ")) && p.contains(words)),
            "expected a problem at {address} mentioning {words}: {found:#?}"
        );
    }
    // A rule of the schedule broken by the figures as a whole is refused too: a build cost of
    // 0 (every formula divides by a price).
    let precise = refill(
        &blank,
        &[
            (vcpu, 5, Fill::Number(0.039)),
            (storage, 5, Fill::Number(0.02)),
            (migration, 5, Fill::Number(0.0)),
        ],
    );
    let error = jauge_api::import_schedule_workbook(
        &mut jauge_api::Store::open(&path).unwrap(),
        "DQE-2026-01",
        "o2",
        &workbook_file("bpu-o2.xlsx", precise),
        at(5),
        "Claire Martin",
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("price.build"), "{error}");
    let db = Db::open(&path).unwrap();
    assert_eq!(db.journal("DQE-2026-01").unwrap(), journal);
    assert_eq!(db.load_evaluation("DQE-2026-01").unwrap(), evaluation);
}

#[test]
fn a_filled_schedule_is_journaled_with_its_file_name_and_sha256() {
    let (_dir, path, _) = stored_schedule();
    let blank = jauge_api::render_schedule_workbook(
        &jauge_api::Store::open(&path).unwrap(),
        "DQE-2026-01",
        Lang::Fr,
    )
    .unwrap();
    let filled = filled_schedule(&blank);
    let sha256 = sha256_hex(&filled);
    let before = Db::open(&path)
        .unwrap()
        .journal("DQE-2026-01")
        .unwrap()
        .len();
    jauge_api::import_schedule_workbook(
        &mut jauge_api::Store::open(&path).unwrap(),
        "DQE-2026-01",
        "o2",
        &workbook_file("bpu-o2.xlsx", filled),
        at(2),
        "Claire Martin",
    )
    .unwrap();
    let db = Db::open(&path).unwrap();
    let journal = db.journal("DQE-2026-01").unwrap();
    assert_eq!(journal.len(), before + 1, "one entry for the whole file");
    let entry = journal.last().unwrap();
    assert_eq!(entry.action, "schedule_offer.set");
    assert_eq!(entry.actor, "Claire Martin");
    let payload: Value = serde_json::from_str(&entry.payload).unwrap();
    assert_eq!(payload["file"]["name"], "bpu-o2.xlsx");
    assert_eq!(payload["file"]["sha256"], sha256.as_str());
    // The change itself is there beside the file, as a typed-in edit journals it.
    assert_eq!(payload["offer"], "o2", "{payload}");
    assert_eq!(payload["prices"].as_array().unwrap().len(), 3);
    assert!(db.verify_journal("DQE-2026-01").unwrap().is_intact());

    // A price typed in afterwards names no file.
    jauge_api::set_submitted_total(
        &mut jauge_api::Store::open(&path).unwrap(),
        "DQE-2026-01",
        "o2",
        Some(33766.56),
        at(3),
        "Claire Martin",
    )
    .unwrap();
    let journal = Db::open(&path).unwrap().journal("DQE-2026-01").unwrap();
    let payload: Value = serde_json::from_str(&journal.last().unwrap().payload).unwrap();
    assert!(payload.get("file").is_none(), "{payload}");
}

#[test]
fn a_quantity_the_bidder_changed_is_refused_by_its_cell_and_nothing_is_written() {
    let (_dir, path, evaluation) = stored_schedule();
    let blank = jauge_api::render_schedule_workbook(
        &jauge_api::Store::open(&path).unwrap(),
        "DQE-2026-01",
        Lang::Fr,
    )
    .unwrap();
    let vcpu = schedule_row(&blank, "vcpu");
    // o2 priced its vCPU hours on 300 000 instead of the 350 400 the DQE publishes.
    let changed = refill(
        &filled_schedule(&blank),
        &[(vcpu, 4, Fill::Number(300_000.0))],
    );
    let journal = Db::open(&path).unwrap().journal("DQE-2026-01").unwrap();
    let error = jauge_api::import_schedule_workbook(
        &mut jauge_api::Store::open(&path).unwrap(),
        "DQE-2026-01",
        "o2",
        &workbook_file("bpu-o2.xlsx", changed),
        at(4),
        "Claire Martin",
    )
    .unwrap_err();
    let jauge_api::Error::Invalid(invalid) = error else {
        panic!("{error}");
    };
    assert_eq!(invalid.problems.len(), 1, "{invalid:?}");
    let problem = &invalid.problems[0];
    assert_eq!(problem.path, format!("BPU-DQE!{}", cell_name(vcpu, 4)));
    let french = problem
        .message_in(Lang::Fr.words())
        .replace(['\u{202f}', '\u{a0}'], " ");
    assert!(
        french.contains(
            "« vcpu » a été modifiée : 300 000 au lieu de la quantité estimée publiée (350 400)"
        ) && french.contains("régulariser"),
        "{french}"
    );
    let english = problem.message_in(Lang::En.words());
    assert!(
        english.contains(
            "line \"vcpu\" was changed: 300000 instead of the published estimated quantity (350400)"
        ),
        "{english}"
    );
    let db = Db::open(&path).unwrap();
    assert_eq!(db.journal("DQE-2026-01").unwrap(), journal);
    assert_eq!(db.load_evaluation("DQE-2026-01").unwrap(), evaluation);

    // The published quantity written back (or left as the blank schedule had it) imports.
    let same = refill(
        &filled_schedule(&blank),
        &[(vcpu, 4, Fill::Number(350_400.0))],
    );
    jauge_api::import_schedule_workbook(
        &mut jauge_api::Store::open(&path).unwrap(),
        "DQE-2026-01",
        "o2",
        &workbook_file("bpu-o2.xlsx", same),
        at(5),
        "Claire Martin",
    )
    .unwrap();
}
