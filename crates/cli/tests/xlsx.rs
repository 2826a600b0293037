//! `jauge xlsx` as a user runs it: workbooks written, a grid refused cell by cell with exit
//! status 2 and nothing written, then imported once filled.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../../../tests/support.rs"]
mod support;

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};

use crate::support::{repo_file, run};

fn jauge(args: &[&str]) -> (i32, String, String) {
    run(Command::new(env!("CARGO_BIN_EXE_jauge")).args(args))
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

const REFERENCE: &str = "2026-DNUM-CDC-014";

/// The first sheet's name and its cell at (row, column), as calamine reads them.
fn first_sheet(path: &Path) -> (String, calamine::Range<Data>) {
    let bytes = std::fs::read(path).unwrap();
    let mut book = Xlsx::new(Cursor::new(bytes)).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    (name, range)
}

#[test]
fn xlsx_export_grid_and_import_scores_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jauge.sqlite3");
    let db = path_str(&db);
    let demo = repo_file("assets/demo/cloud-de-confiance.json");
    let (code, _, stderr) = jauge(&["import", path_str(&demo), "--db", db]);
    assert_eq!(code, 0, "{stderr}");

    // The workbook, from the database and from the file alike.
    let stored = dir.path().join("analyse.xlsx");
    let (code, _, stderr) = jauge(&[
        "xlsx",
        "export",
        "--reference",
        REFERENCE,
        "-o",
        path_str(&stored),
        "--db",
        db,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(first_sheet(&stored).0, "Synthèse");
    let from_file = dir.path().join("analysis.xlsx");
    let (code, _, stderr) = jauge(&[
        "xlsx",
        "export",
        path_str(&demo),
        "-o",
        path_str(&from_file),
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(first_sheet(&from_file).0, "Summary");

    // A blank grid has nothing to import: exit 2, the journal untouched.
    let grid = dir.path().join("grille-e1.xlsx");
    let (code, _, stderr) = jauge(&[
        "xlsx",
        "grid",
        REFERENCE,
        "--evaluator",
        "e1",
        "-o",
        path_str(&grid),
        "--db",
        db,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let import = |grid: &Path, evaluator: &str| {
        jauge(&[
            "xlsx",
            "import-scores",
            REFERENCE,
            path_str(grid),
            "--evaluator",
            evaluator,
            "--db",
            db,
        ])
    };
    let (code, _, stderr) = import(&grid, "e1");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("error: Notes: aucune note n’est saisie"),
        "{stderr}"
    );
    let (code, _, stderr) = import(&grid, "e9");
    assert_eq!(code, 2, "{stderr}");
    let (_, journal, _) = jauge(&["journal", "show", REFERENCE, "--db", db]);

    // One score typed in by another writer, at the cell the grid's hidden map names.
    let (name, cells) = first_sheet(&grid);
    let (r0, c0) = cells.start().unwrap();
    let text = |r: u32, c: u32| {
        cells
            .get_value((r, c))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    let row_of = |mark: &str| (r0..r0 + 100).find(|&r| text(r, 0) == mark).unwrap();
    let (offers, fields, criterion) = (row_of("jauge:offer"), row_of("jauge:field"), row_of("env"));
    let column = (c0..c0 + 100)
        .find(|&c| text(offers, c) == "o2" && text(fields, c) == "value")
        .unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let bytes = std::fs::read(&grid).unwrap();
    let mut source = Xlsx::new(Cursor::new(bytes)).unwrap();
    for sheet_meta in source.sheets_metadata().to_vec() {
        let range = source.worksheet_range(&sheet_meta.name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let sheet = book.add_worksheet();
        sheet.set_name(&sheet_meta.name).unwrap();
        for (r, c, value) in range.used_cells() {
            if let Data::String(s) = value {
                sheet
                    .write_string(r as u32 + r0, (c as u32 + c0) as u16, s)
                    .unwrap();
            }
        }
        if sheet_meta.name == name {
            sheet.write_number(criterion, column as u16, 9.0).unwrap();
        }
    }
    let filled = dir.path().join("grille-remplie.xlsx");
    std::fs::write(&filled, book.save_to_buffer().unwrap()).unwrap();
    let (code, _, stderr) = import(&filled, "e1");
    assert_eq!(code, 2, "{stderr}");
    let address = format!("error: Notes!{}", cell_name(criterion, column));
    assert!(
        stderr.contains(&format!("{address}: 9 est hors de l’échelle 0..5")),
        "{stderr}"
    );
    let (_, journal_after, _) = jauge(&["journal", "show", REFERENCE, "--db", db]);
    assert_eq!(journal_after, journal, "nothing written");

    // Corrected, it imports with one journal entry naming the file.
    let mut book = rust_xlsxwriter::Workbook::new();
    let bytes = std::fs::read(&filled).unwrap();
    let mut source = Xlsx::new(Cursor::new(bytes)).unwrap();
    for sheet_meta in source.sheets_metadata().to_vec() {
        let range = source.worksheet_range(&sheet_meta.name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let sheet = book.add_worksheet();
        sheet.set_name(&sheet_meta.name).unwrap();
        for (r, c, value) in range.used_cells() {
            if let Data::String(s) = value {
                sheet
                    .write_string(r as u32 + r0, (c as u32 + c0) as u16, s)
                    .unwrap();
            }
        }
        if sheet_meta.name == name {
            sheet.write_number(criterion, column as u16, 4.0).unwrap();
        }
    }
    std::fs::write(&filled, book.save_to_buffer().unwrap()).unwrap();
    let (code, stdout, stderr) = import(&filled, "e1");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("1 notes importées de grille-remplie.xlsx (SHA-256 "),
        "{stdout}"
    );
    let (code, stdout, _) = jauge(&["journal", "verify", REFERENCE, "--db", db]);
    assert_eq!(code, 0, "{stdout}");
}

fn cell_name(row: u32, column: u32) -> String {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        letters.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}
