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

// ---- workbooks from others: numbers, cells, bounds ---------------------------------------------

/// A workbook written by hand, part by part, as a script or a hostile file would: one sheet
/// `Offres` (`sheet_data` is the inside of `<sheetData>`), shared strings when given, and
/// `extra` parts or a replaced workbook part.
fn handmade(sheet_data: &str, shared: Option<&str>, workbook_extra: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut part = |name: &str, text: &str| {
        zip.start_file::<_, ()>(name, Default::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    part(
        "[Content_Types].xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
         </Types>",
    );
    part(
        "_rels/.rels",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
         </Relationships>",
    );
    part(
        "xl/workbook.xml",
        &format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
             xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
             <sheets><sheet name=\"Offres\" sheetId=\"1\" r:id=\"rId1\"/></sheets>{workbook_extra}</workbook>"
        ),
    );
    part(
        "xl/_rels/workbook.xml.rels",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
         </Relationships>",
    );
    part(
        "xl/worksheets/sheet1.xml",
        &format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
             <sheetData>{sheet_data}</sheetData></worksheet>"
        ),
    );
    if let Some(shared) = shared {
        part("xl/sharedStrings.xml", shared);
    }
    zip.finish().unwrap().into_inner()
}

/// An inline-text cell.
fn text_cell(at: &str, text: &str) -> String {
    format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
}

/// The header row of a list of bids (row 1) and one row per bid: id, bidder, price cell.
fn bid_rows(rows: &[(&str, &str, &str)]) -> String {
    let mut data = format!(
        "<row r=\"1\">{}{}{}</row>",
        text_cell("A1", "Identifiant"),
        text_cell("B1", "Soumissionnaire"),
        text_cell("C1", "Prix")
    );
    for (row, (id, bidder, price)) in (2..).zip(rows) {
        data.push_str(&format!(
            "<row r=\"{row}\">{}{}{price}</row>",
            text_cell(&format!("A{row}"), id),
            text_cell(&format!("B{row}"), bidder),
        ));
    }
    data
}

fn offer_problems(bytes: &[u8], lang: Lang) -> Vec<String> {
    match read_offers(bytes) {
        Err(Error::Cells(problems)) => problems.iter().map(|p| p.describe(lang)).collect(),
        other => panic!("expected cell problems, got {other:?}"),
    }
}

#[test]
fn prices_typed_as_text_read_exactly_or_are_refused_by_their_cell() {
    let price = |row: u32, text: &str| text_cell(&format!("C{row}"), text);
    let bytes = handmade(
        &bid_rows(&[
            ("o1", "Nébula", &price(2, "1.234,56")),
            ("o2", "Altiplano", &price(3, "1 234,56 €")),
            ("o3", "Bravia", &price(4, "1\u{202f}234,56")),
            ("o4", "Stratus", &price(5, "1,234.56")),
            ("o5", "Cumulus", "<c r=\"C6\"><v>1234.56</v></c>"),
        ]),
        None,
        "",
    );
    let read = read_offers(&bytes).unwrap();
    let prices: Vec<Option<f64>> = read.offers.iter().map(|o| o.price).collect();
    assert_eq!(prices, [Some(1234.56); 5]);
    assert_eq!(read.cell_of("o3", "price").as_deref(), Some("Offres!C4"));

    let bytes = handmade(
        &bid_rows(&[
            ("o1", "Nébula", &price(2, "1.234")),
            ("o2", "Altiplano", &price(3, "1 234.567,89")),
            ("o3", "Bravia", &price(4, "1234567890123456")),
            ("o4", "Stratus", &price(5, "12 %")),
            ("o5", "Cumulus", "<c r=\"C6\"><v>inf</v></c>"),
        ]),
        None,
        "",
    );
    assert_eq!(
        offer_problems(&bytes, Lang::Fr),
        [
            "Offres!C2\u{a0}: « 1.234 » se lit 1\u{202f}234 ou 1,234 : écrivez-le sans séparateur \
             de milliers, ou saisissez-le comme un nombre, pour lever le doute",
            "Offres!C3\u{a0}: « 1 234.567,89 » n’est pas un nombre",
            "Offres!C4\u{a0}: « 1234567890123456 » a plus de 15 chiffres significatifs : un \
             tableur n’en garde que 15, la valeur enregistrée différerait de celle affichée",
            "Offres!C5\u{a0}: « 12 % » : un pourcentage n’est pas attendu ici",
            "Offres!C6\u{a0}: la valeur n’est pas un nombre fini",
        ]
    );
    assert_eq!(
        offer_problems(&bytes, Lang::En)[0],
        "Offres!C2: \"1.234\" reads as 1,234 or 1.234: type it without a thousands separator, \
         or enter it as a number, to remove the doubt"
    );
}

#[test]
fn references_past_the_sheet_are_refused_not_wrapped() {
    // Row 2³² + 8 would wrap onto D8 in calamine's u32 arithmetic.
    let wrapped = handmade(
        &bid_rows(&[("o1", "Nébula", "<c r=\"D4294967304\"><v>5</v></c>")]),
        None,
        "",
    );
    match read_offers(&wrapped) {
        Err(Error::OutOfSheet { part, sheet, cell }) => {
            assert_eq!(part, "xl/worksheets/sheet1.xml");
            assert_eq!(sheet.as_deref(), Some("Offres"), "named by its tab");
            assert_eq!(cell, "D4294967304");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // A row past the 1,048,576 that Excel and LibreOffice read, a column past XFD.
    for cell in [
        "<row r=\"1048577\"><c><v>1</v></c></row>",
        "<row r=\"9\"><c r=\"AAAAAAA9\"><v>1</v></c></row>",
    ] {
        let bytes = handmade(&format!("{}{cell}", bid_rows(&[])), None, "");
        assert!(
            matches!(read_offers(&bytes), Err(Error::OutOfSheet { .. })),
            "{cell}"
        );
    }
}

#[test]
fn a_formula_without_a_computed_value_is_refused_by_its_cell() {
    // As openpyxl writes a formula: no cached value.
    let bytes = handmade(
        &bid_rows(&[
            ("o1", "Nébula", "<c r=\"C2\"><f>1000*2</f><v></v></c>"),
            ("o2", "Altiplano", "<c r=\"C3\"><f>C2+1</f></c>"),
            ("o3", "Bravia", "<c r=\"C4\"><f>C2+1</f><v>2001</v></c>"),
            // A formula computed to the empty text: an empty cell, not a missing value.
            (
                "o4",
                "Stratus",
                "<c r=\"C5\" t=\"str\"><f>\"\"</f><v></v></c>",
            ),
        ]),
        None,
        "",
    );
    let message = "formule sans valeur calculée : ouvrez et enregistrez le fichier dans Excel ou \
                   LibreOffice";
    assert_eq!(
        offer_problems(&bytes, Lang::Fr),
        [
            format!("Offres!C2\u{a0}: {message}"),
            format!("Offres!C3\u{a0}: {message}")
        ]
    );
}

#[test]
fn a_column_named_twice_is_refused_naming_both_cells() {
    let data = format!(
        "<row r=\"1\">{}{}{}{}</row><row r=\"2\">{}{}<c r=\"C2\"><v>1</v></c><c r=\"D2\"><v>2</v></c></row>",
        text_cell("A1", "Identifiant"),
        text_cell("B1", "Soumissionnaire"),
        text_cell("C1", "Prix"),
        text_cell("D1", "Montant"),
        text_cell("A2", "o1"),
        text_cell("B2", "Nébula"),
    );
    assert_eq!(
        offer_problems(&handmade(&data, None, ""), Lang::Fr),
        [
            "Offres!D1\u{a0}: la colonne « Montant » figure deux fois, ici et en C1 : gardez-en une seule"
        ]
    );
}

#[test]
fn quoted_values_are_cut_and_huge_numbers_shown_short() {
    let long_id = "x".repeat(10_000);
    let bytes = handmade(
        &bid_rows(&[
            (&long_id, "Nébula", ""),
            (&long_id, "Nébula", ""),
            ("o3", "Bravia", &text_cell("C4", "beaucoup")),
        ]),
        None,
        "",
    );
    let found = offer_problems(&bytes, Lang::Fr);
    assert_eq!(
        found[0],
        format!(
            "Offres!A3\u{a0}: l’identifiant « {}… » figure déjà ligne 2",
            "x".repeat(MAX_QUOTED_CHARS)
        )
    );
    // A number where an id is expected is shown as the spreadsheet would, not in 309 digits.
    let numeric = |row: u32| {
        (
            format!("A{row}"),
            format!("<c r=\"A{row}\"><v>1e308</v></c>"),
        )
    };
    let mut data = bid_rows(&[("o1", "Nébula", ""), ("o2", "Nébula", "")]);
    for row in [2, 3] {
        let (at, cell) = numeric(row);
        data = data.replace(&text_cell(&at, &format!("o{}", row - 1)), &cell);
    }
    assert_eq!(
        offer_problems(&handmade(&data, None, ""), Lang::Fr),
        ["Offres!A3\u{a0}: l’identifiant « 1e308 » figure déjà ligne 2"]
    );
}

#[test]
fn a_workbook_protected_by_a_password_is_called_so() {
    // An encrypted workbook is an OLE compound file with these two streams.
    let mut ole = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    ole.create_stream("EncryptionInfo")
        .unwrap()
        .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
        .unwrap();
    ole.create_stream("EncryptedPackage")
        .unwrap()
        .write_all(&[0; 4096])
        .unwrap();
    ole.flush().unwrap();
    let bytes = ole.into_inner().into_inner();
    assert!(matches!(read_offers(&bytes), Err(Error::Protected)));
    // An .xls workbook is an OLE file too, without those streams: not called protected.
    let mut ole = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    ole.create_stream("Workbook")
        .unwrap()
        .write_all(&[0; 4096])
        .unwrap();
    ole.flush().unwrap();
    let bytes = ole.into_inner().into_inner();
    assert!(matches!(read_offers(&bytes), Err(Error::NotXlsx(_))));
}

/// An OpenDocument spreadsheet as LibreOffice stores it: `mimetype` first, then the manifest
/// (which lists encryption data for each part when the file was saved with a password).
fn open_document(manifest_entry: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut part = |name: &str, text: &str| {
        zip.start_file::<_, ()>(name, Default::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    part("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
    part(
        "META-INF/manifest.xml",
        &format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\
             <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\">\
             {manifest_entry}</manifest:file-entry></manifest:manifest>"
        ),
    );
    part("content.xml", "<office:document-content/>");
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_open_document_file_is_named_and_a_protected_one_called_protected() {
    let protected = open_document(
        "<manifest:encryption-data manifest:checksum-type=\"SHA1/1K\" manifest:checksum=\"AA==\">\
         <manifest:algorithm manifest:algorithm-name=\"Blowfish CFB\"/></manifest:encryption-data>",
    );
    assert!(matches!(read_offers(&protected), Err(Error::Protected)));
    match read_offers(&open_document("")) {
        Err(Error::NotXlsx(detail)) => assert!(detail.contains("OpenDocument"), "{detail}"),
        other => panic!("expected a refusal naming OpenDocument, got {other:?}"),
    }
}

#[test]
fn string_and_name_bombs_are_refused_before_calamine_holds_them() {
    use crate::limits::{MAX_NAMES, MAX_SHARED_STRINGS, MAX_XML_RUN_BYTES};
    let rows = bid_rows(&[("o1", "Nébula", "")]);
    // More shared strings than read, counted…
    let many = format!(
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{}</sst>",
        "<si><t>a</t></si>".repeat(MAX_SHARED_STRINGS as usize + 1)
    );
    assert!(matches!(
        read_offers(&handmade(&rows, Some(&many), "")),
        Err(Error::TooManyStrings { .. })
    ));
    // … or only declared (calamine would reserve room for them all).
    let declared = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
                    uniqueCount=\"4000000000\"><si><t>a</t></si></sst>";
    assert!(matches!(
        read_offers(&handmade(&rows, Some(declared), "")),
        Err(Error::TooManyStrings { .. })
    ));
    // One text longer than any cell, in a shared string or a cell.
    let long = format!(
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>{}</t></si></sst>",
        " ".repeat(MAX_XML_RUN_BYTES + 1)
    );
    assert!(matches!(
        read_offers(&handmade(&rows, Some(&long), "")),
        Err(Error::TextTooLong { .. })
    ));
    // Defined names by the hundred thousand.
    let names = format!(
        "<definedNames>{}</definedNames>",
        "<definedName name=\"n\">Offres!$A$1</definedName>".repeat(MAX_NAMES as usize + 1)
    );
    assert!(matches!(
        read_offers(&handmade(&rows, None, &names)),
        Err(Error::TooManyNames { .. })
    ));
    // One long shared string repeated in every cell: the sheet's text is bounded too.
    let one = format!(
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>{}</t></si></sst>",
        "y".repeat(10_000)
    );
    let repeated: String = (2..8_000)
        .map(|row| format!("<row r=\"{row}\"><c r=\"E{row}\" t=\"s\"><v>0</v></c></row>"))
        .collect();
    assert!(matches!(
        read_offers(&handmade(&format!("{rows}{repeated}"), Some(&one), "")),
        Err(Error::TooManyStrings { .. })
    ));
}

#[test]
fn a_score_typed_as_text_reads_like_a_price_and_a_formula_without_value_is_named() {
    let (evaluation, _) = without_scores_of("e3");
    let grid = score_grid(&evaluation, "e3", Lang::Fr).unwrap();
    let (r1, c1) = locate(&grid, "o1", "tech.archi", "value");
    let (r2, c2) = locate(&grid, "o2", "tech.archi", "value");
    let filled = refill(
        &grid,
        &[
            ("Notes", r1, c1, Fill::Text("3,0")),
            ("Notes", r2, c2, Fill::Number(4.0)),
        ],
    );
    let read = read_score_grid(&filled, &evaluation, "e3", "t").unwrap();
    let answers: Vec<&Answer> = read.iter().map(|s| &s.answer).collect();
    assert_eq!(answers, [&Answer::Value(3.0), &Answer::Value(4.0)]);

    // The second score made a formula, its cached value removed as a script leaves it.
    let address = cell_address(r2, c2);
    let without_value = rewrite_part(&filled, "xl/worksheets/sheet1.xml", |xml| {
        let at = xml.find(&format!("<c r=\"{address}\"")).unwrap();
        let end = at + xml[at..].find("</c>").unwrap();
        format!(
            "{}<c r=\"{address}\"><f>1+3</f></c>{}",
            &xml[..at],
            &xml[end + 4..]
        )
    });
    assert_eq!(
        problems(read_score_grid(&without_value, &evaluation, "e3", "t")),
        [format!(
            "Notes!{address}\u{a0}: formule sans valeur calculée : ouvrez et enregistrez le \
             fichier dans Excel ou LibreOffice"
        )]
    );
}

/// The workbook with one part's text rewritten.
fn rewrite_part(bytes: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let entry_name = entry.name().unwrap().into_owned();
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut content).unwrap();
        if entry_name == name {
            content = edit(std::str::from_utf8(&content).unwrap()).into_bytes();
        }
        out.start_file::<_, ()>(entry_name, Default::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}
