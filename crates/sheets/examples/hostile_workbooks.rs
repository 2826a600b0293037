//! Writes the workbooks the README's import figures are measured on into a folder: lists of
//! 10,000, 20,000 and 40,000 bids, and hostile workbooks that stay under the size and expansion
//! limits but aim at memory (one cell of 250 MB of zeros, 15 million shared strings, one 200 MB
//! shared string, 5 million defined names) or at cell positions (a reference past row 2³²).
//!
//! `cargo run -p jauge-sheets --example hostile_workbooks -- DIR`, then
//! `/usr/bin/time -v jauge xlsx import-offers REF DIR/<file> --db …` on each (see the README).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Cursor, Write};
use std::path::Path;

/// Writes a part's content.
type Writes<'a> = &'a dyn Fn(&mut dyn Write);

/// A one-sheet workbook whose sheet holds `sheet_data`, with `shared` strings and the workbook's
/// `extra` XML, the large parts given as writers so that nothing is held whole here either.
fn workbook(
    dir: &Path,
    name: &str,
    sheet_data: Writes,
    shared: Option<Writes>,
    workbook_extra: Writes,
) {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut part = |name: &str, write: Writes| {
        zip.start_file(name, options).unwrap();
        write(&mut zip);
    };
    part("[Content_Types].xml", &|w| {
        w.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
              <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
              <Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>",
        )
        .unwrap()
    });
    part("_rels/.rels", &|w| {
        w.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
              <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
        )
        .unwrap()
    });
    part("xl/workbook.xml", &|w| {
        w.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
              xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
              <sheets><sheet name=\"Offres\" sheetId=\"1\" r:id=\"rId1\"/></sheets>",
        )
        .unwrap();
        workbook_extra(w);
        w.write_all(b"</workbook>").unwrap();
    });
    part("xl/_rels/workbook.xml.rels", &|w| {
        w.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
              <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
        )
        .unwrap()
    });
    part("xl/worksheets/sheet1.xml", &|w| {
        w.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\
              <row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Identifiant</t></is></c>\
              <c r=\"B1\" t=\"inlineStr\"><is><t>Soumissionnaire</t></is></c></row>",
        )
        .unwrap();
        sheet_data(w);
        w.write_all(b"</sheetData></worksheet>").unwrap();
    });
    if let Some(shared) = shared {
        part("xl/sharedStrings.xml", &|w| {
            w.write_all(
                b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
            )
            .unwrap();
            shared(w);
            w.write_all(b"</sst>").unwrap();
        });
    }
    let bytes = zip.finish().unwrap().into_inner();
    std::fs::write(dir.join(name), &bytes).unwrap();
    println!("{name}: {} bytes", bytes.len());
}

/// `count` times the same bytes, written in blocks.
fn repeat(w: &mut dyn Write, unit: &[u8], count: usize) {
    let block = unit.repeat((1 << 16) / unit.len().max(1));
    let per_block = block.len() / unit.len();
    for _ in 0..count / per_block {
        w.write_all(&block).unwrap();
    }
    for _ in 0..count % per_block {
        w.write_all(unit).unwrap();
    }
}

fn bids(dir: &Path, count: usize) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Offres").unwrap();
    for (column, header) in (0u16..).zip(["Identifiant", "Soumissionnaire", "Offre", "Prix"]) {
        sheet.write_string(0, column, header).unwrap();
    }
    for row in 1..=count as u32 {
        sheet.write_string(row, 0, format!("b{row}")).unwrap();
        sheet
            .write_string(row, 1, format!("Soumissionnaire {row}"))
            .unwrap();
        sheet.write_string(row, 2, format!("Offre {row}")).unwrap();
        sheet
            .write_string(row, 3, format!("{} {:03},50 €", row / 1000 + 1, row % 1000))
            .unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let name = format!("bids-{count}.xlsx");
    std::fs::write(dir.join(&name), &bytes).unwrap();
    println!("{name}: {} bytes", bytes.len());
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: hostile_workbooks DIR");
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    for count in [10_000, 20_000, 40_000] {
        bids(dir, count);
    }
    let none = |_: &mut dyn Write| {};
    workbook(
        dir,
        "zeros-in-a-cell.xlsx",
        &|w| {
            w.write_all(b"<row r=\"2\"><c r=\"A2\"><v>").unwrap();
            repeat(w, b"0", 250_000_000);
            w.write_all(b"</v></c></row>").unwrap();
        },
        None,
        &none,
    );
    workbook(
        dir,
        "spaces-in-a-tag.xlsx",
        &|w| {
            w.write_all(b"<row r=\"2\"><c r=\"A2\"").unwrap();
            repeat(w, b" ", 250_000_000);
            w.write_all(b"><v>1</v></c></row>").unwrap();
        },
        None,
        &none,
    );
    workbook(
        dir,
        "shared-strings-15m.xlsx",
        &none,
        Some(&|w| repeat(w, b"<si><t>a</t></si>", 15_000_000)),
        &none,
    );
    workbook(
        dir,
        "one-string-200mb.xlsx",
        &|w| {
            w.write_all(b"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>")
                .unwrap()
        },
        Some(&|w| {
            w.write_all(b"<si><t>").unwrap();
            repeat(w, b"a", 200_000_000);
            w.write_all(b"</t></si>").unwrap();
        }),
        &none,
    );
    workbook(dir, "defined-names-5m.xlsx", &none, None, &|w| {
        w.write_all(b"<definedNames>").unwrap();
        repeat(
            w,
            b"<definedName name=\"n\">Offres!$A$1</definedName>",
            5_000_000,
        );
        w.write_all(b"</definedNames>").unwrap();
    });
    workbook(
        dir,
        "reference-past-row-2-32.xlsx",
        &|w| {
            w.write_all(
                b"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>o1</t></is></c>\
                  <c r=\"B2\" t=\"inlineStr\"><is><t>Altiplano</t></is></c></row>\
                  <row r=\"8\"><c r=\"B4294967304\" t=\"inlineStr\"><is><t>Overwritten</t></is></c></row>",
            )
            .unwrap()
        },
        None,
        &none,
    );
}
