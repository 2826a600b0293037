//! Round trips through the crate's own reader and a workbook rewritten by another writer, and
//! the refusals of hostile or wrong workbooks.

use std::io::{Cursor, Write};

use calamine::{Data, Reader, SheetVisible, Xlsx};
use jauge_domain::catalog::Catalogs;
use jauge_domain::{Answer, Evaluation, Score, parse_evaluation};

use crate::limits::{MAX_EXPANDED_BYTES, MAX_WORKBOOK_BYTES};
use crate::*;

fn demo() -> Evaluation {
    parse_evaluation(include_str!("../../../assets/demo/cloud-de-confiance.json"))
        .expect("the demo parses")
}

/// A value typed into a cell by the filler.
enum Fill<'a> {
    Number(f64),
    Text(&'a str),
}

/// A sheet's name, whether it is visible, and its cells by absolute position.
type SheetDump = (String, bool, Vec<((u32, u32), Data)>);

/// Every sheet as calamine reads it.
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

/// Rewrites the workbook cell by cell with rust_xlsxwriter (as another tool saving the file
/// would), then types `edits` into it.
fn refill(bytes: &[u8], edits: &[(&str, u32, u32, Fill)]) -> Vec<u8> {
    let mut out = rust_xlsxwriter::Workbook::new();
    for (name, visible, cells) in read_all(bytes) {
        let sheet = out.add_worksheet();
        sheet.set_name(&name).unwrap();
        sheet.set_hidden(!visible);
        for ((row, column), value) in cells {
            let column = column as u16;
            match value {
                Data::Float(f) => sheet.write_number(row, column, f).map(|_| ()),
                Data::Int(i) => sheet.write_number(row, column, i as f64).map(|_| ()),
                Data::String(s) => sheet.write_string(row, column, s).map(|_| ()),
                Data::Bool(b) => sheet.write_boolean(row, column, b).map(|_| ()),
                Data::DateTime(d) => sheet.write_number(row, column, d.as_f64()).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
        for (target, row, column, fill) in edits {
            if *target == name {
                let column = *column as u16;
                match fill {
                    Fill::Number(n) => sheet.write_number(*row, column, *n).map(|_| ()),
                    Fill::Text(t) => sheet.write_string(*row, column, *t).map(|_| ()),
                }
                .unwrap();
            }
        }
    }
    out.save_to_buffer().unwrap()
}

/// Where the grid wants the score (`field` "value") or justification of (offer, criterion).
fn locate(bytes: &[u8], offer: &str, criterion: &str, field: &str) -> (u32, u32) {
    let sheets = read_all(bytes);
    let (_, _, cells) = &sheets[0];
    let text = |r: u32, c: u32| {
        cells
            .iter()
            .find(|(p, _)| *p == (r, c))
            .map(|(_, v)| v.to_string())
            .unwrap_or_default()
    };
    let row_of = |mark: &str| {
        cells
            .iter()
            .find(|((_, c), v)| *c == 0 && *v == Data::String(mark.to_owned()))
            .map(|((r, _), _)| *r)
            .unwrap()
    };
    let (offer_row, field_row) = (row_of("jauge:offer"), row_of("jauge:field"));
    let row = row_of(criterion);
    let column = (1..200)
        .find(|&c| text(offer_row, c) == offer && text(field_row, c) == field)
        .unwrap();
    (row, column)
}

fn without_scores_of(evaluator: &str) -> (Evaluation, Vec<Score>) {
    let mut evaluation = demo();
    let (theirs, others) = evaluation
        .scores
        .drain(..)
        .partition(|s| s.evaluator == evaluator);
    evaluation.scores = others;
    (evaluation, theirs)
}

#[test]
fn a_filled_grid_reads_back_to_the_scores_typed_in() {
    let (evaluation, originals) = without_scores_of("e3");
    let grid = score_grid(&evaluation, "e3", Lang::Fr).unwrap();
    let mut edits = Vec::new();
    for score in &originals {
        let (row, column) = locate(&grid, &score.offer, &score.criterion, "value");
        let fill = match score.answer {
            Answer::Value(v) => Fill::Number(v),
            Answer::Met(true) => Fill::Text("Oui"),
            Answer::Met(false) => Fill::Text("non"),
        };
        edits.push(("Notes", row, column, fill));
        if let Some(j) = &score.justification {
            let (row, column) = locate(&grid, &score.offer, &score.criterion, "justification");
            edits.push(("Notes", row, column, Fill::Text(j.as_str())));
        }
    }
    let filled = refill(&grid, &edits);
    let read = read_score_grid(&filled, &evaluation, "e3", "2026-10-21T10:00:00Z").unwrap();
    assert_eq!(read.len(), originals.len());
    for score in &originals {
        let back = read
            .iter()
            .find(|s| s.offer == score.offer && s.criterion == score.criterion)
            .unwrap();
        assert_eq!(
            back.answer, score.answer,
            "{}/{}",
            score.offer, score.criterion
        );
        assert_eq!(back.justification, score.justification);
        assert_eq!(back.evaluator, "e3");
        assert_eq!(back.at.as_deref(), Some("2026-10-21T10:00:00Z"));
    }
}

fn problems(result: Result<Vec<Score>>) -> Vec<String> {
    match result {
        Err(Error::Cells(problems)) => problems.iter().map(|p| p.describe(Lang::Fr)).collect(),
        other => panic!("expected cell problems, got {other:?}"),
    }
}

#[test]
fn every_wrong_cell_is_named_by_its_address() {
    let (evaluation, _) = without_scores_of("e3");
    let grid = score_grid(&evaluation, "e3", Lang::Fr).unwrap();
    let at = |o: &str, c: &str| locate(&grid, o, c, "value");
    let (r1, c1) = at("o1", "tech.archi");
    let (r2, c2) = at("o2", "tech.archi");
    let (r3, c3) = at("o3", "tech.ops");
    let (r4, c4) = at("o1", "req.loc");
    let (r5, c5) = locate(&grid, "o4", "env", "justification");
    let (r6, c6) = at("o5", "env");
    let filled = refill(
        &grid,
        &[
            ("Notes", r1, c1, Fill::Number(7.0)),
            ("Notes", r2, c2, Fill::Number(2.5)),
            ("Notes", r3, c3, Fill::Text("bien")),
            ("Notes", r4, c4, Fill::Text("Peut-être")),
            ("Notes", r5, c5, Fill::Text("Très bon bilan carbone")),
            ("Notes", r6, c6, Fill::Number(4.0)),
        ],
    );
    let found = problems(read_score_grid(&filled, &evaluation, "e3", "t"));
    let address = |r, c| format!("Notes!{}", cell_address(r, c));
    let expected = [
        format!("{}\u{a0}: 7 est hors de l’échelle 0..5", address(r1, c1)),
        format!(
            "{}\u{a0}: 2,5 n’est pas sur un pas de l’échelle (0 puis de 1 en 1)",
            address(r2, c2)
        ),
        format!("{}\u{a0}: « bien » n’est pas un nombre", address(r3, c3)),
        format!(
            "{}\u{a0}: « Peut-être » : répondez Oui ou Non",
            address(r4, c4)
        ),
        format!(
            "{}\u{a0}: une justification sans note à sa gauche",
            address(r5, c5)
        ),
    ];
    for line in &expected {
        assert!(found.contains(line), "{line:?} not in {found:#?}");
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

#[test]
fn a_grid_for_someone_else_or_another_state_is_refused_whole() {
    let (evaluation, _) = without_scores_of("e3");
    let grid = score_grid(&evaluation, "e3", Lang::En).unwrap();
    let (row, column) = locate(&grid, "o1", "tech.archi", "value");
    let filled = refill(&grid, &[("Scores", row, column, Fill::Number(3.0))]);
    assert_eq!(
        problems(read_score_grid(&filled, &evaluation, "e2", "t")),
        ["jauge!B3\u{a0}: la grille est celle de l’évaluateur « e3 », pas de « e2 »"]
    );
    let mut other = evaluation.clone();
    other.tender.reference = "2026-AUTRE".into();
    assert_eq!(
        problems(read_score_grid(&filled, &other, "e3", "t")),
        [
            "jauge!B2\u{a0}: la grille est celle de la consultation « 2026-DNUM-CDC-014 », pas de \
          « 2026-AUTRE »"
        ]
    );
    let mut changed = evaluation.clone();
    changed.criteria[1].title.push_str(" (modifié)");
    let stale = problems(read_score_grid(&filled, &changed, "e3", "t"));
    assert!(
        stale[0].starts_with("jauge!B4\u{a0}: les critères"),
        "{stale:?}"
    );
    // Scores of others and a corrected price do not make the grid stale.
    let mut moved = evaluation.clone();
    moved.offers[0].price = Some(1.0);
    moved.scores.truncate(3);
    assert_eq!(
        read_score_grid(&filled, &moved, "e3", "t").unwrap().len(),
        1
    );
    // A blank grid has nothing to import.
    assert_eq!(
        problems(read_score_grid(&grid, &evaluation, "e3", "t")),
        ["Scores\u{a0}: aucune note n’est saisie"]
    );
}

#[test]
fn hostile_files_are_refused_with_bounded_work() {
    let evaluation = demo();
    let too_large = vec![b'P'; MAX_WORKBOOK_BYTES + 1];
    assert!(matches!(
        read_score_grid(&too_large, &evaluation, "e1", "t"),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        read_offers(b"%PDF-1.7 not a workbook"),
        Err(Error::NotXlsx(_))
    ));
    // A zip whose one part inflates past the limit: refused while inflating.
    let mut bomb = zip::ZipWriter::new(Cursor::new(Vec::new()));
    bomb.start_file::<_, ()>("xl/worksheets/sheet1.xml", Default::default())
        .unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..=(MAX_EXPANDED_BYTES >> 20) {
        bomb.write_all(&zeros).unwrap();
    }
    let bomb = bomb.finish().unwrap().into_inner();
    assert!(bomb.len() < MAX_WORKBOOK_BYTES, "{} bytes", bomb.len());
    assert!(matches!(read_offers(&bomb), Err(Error::TooExpanded { .. })));
}

#[test]
fn the_results_workbook_is_read_back_by_calamine() {
    let evaluation = demo();
    let results = jauge_domain::evaluate(&evaluation, &Catalogs::bundled().unwrap());
    let bytes = results_workbook(&WorkbookInput {
        evaluation: &evaluation,
        results: &results,
        lang: Lang::Fr,
        today: chrono::NaiveDate::from_ymd_opt(2026, 10, 30).unwrap(),
    })
    .unwrap();
    let sheets = read_all(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, ..)| n.as_str()).collect();
    assert_eq!(names[..2], ["Synthèse", "Matrice"]);
    assert_eq!(sheets.len(), 2 + evaluation.evaluators.len() + 2);
}
