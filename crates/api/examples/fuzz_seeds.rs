//! Writes the generated starting inputs of the fuzz targets (`fuzz/README.md`) into a folder,
//! one sub-folder per target: small PDFs (unsigned, signed, countersigned, modified after a
//! signature, each carrying an `evaluation.json`), the workbooks Jauge writes, and the test
//! PKCS#12 files.
//!
//! The PDFs are a few kilobytes on purpose. A fuzzer spends its time where its inputs are: on a
//! 370 KB report (fonts, 20 pages) each execution parses and hashes the whole file and runs at
//! tens per second; on a one-page PDF with the same structure (catalog, name tree, attachment,
//! signature fields, incremental updates) it runs at thousands per second and mutates what
//! matters.
//!
//! `cargo run --release -p jauge-api --example fuzz_seeds -- fuzz/corpus`

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use jauge_signing::{SignOptions, SignaturePlacement, Signer, sign_pdf};

const DEMO: &str = include_str!("../../../assets/demo/cloud-de-confiance.json");
const MINIMAL: &str = include_str!("../../../tests/fixtures/example-minimal.json");
const RSA_SIGNER: &[u8] = include_bytes!("../../../tests/fixtures/pki/rsa-signer.p12");
const EC_SIGNER: &[u8] = include_bytes!("../../../tests/fixtures/pki/ec-signer.p12");
const KEY_FILES: [(&str, &[u8]); 4] = [
    ("rsa-signer.p12", RSA_SIGNER),
    ("ec-signer.p12", EC_SIGNER),
    (
        "qc-signer.p12",
        include_bytes!("../../../tests/fixtures/pki/qc-signer.p12"),
    ),
    (
        "no-key.p12",
        include_bytes!("../../../tests/fixtures/pki/no-key.p12"),
    ),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: fuzz_seeds FOLDER")?;

    let tiny = tiny_pdf(MINIMAL);
    let rsa = Signer::from_pkcs12(RSA_SIGNER, "rsa-signer-pass")?;
    let ec = Signer::from_pkcs12(EC_SIGNER, "ec-signer-pass")?;
    let mut options = SignOptions::new(Utc::now());
    options.reason = Some("Rédaction du rapport".to_owned());
    let signed = sign_pdf(&tiny, &rsa, &options)?;
    options.visible = Some(SignaturePlacement::BottomRight);
    options.signer_name = ec.common_name();
    let countersigned = sign_pdf(&signed, &ec, &options)?;
    let modified =
        replace_page_content(&signed, "BT /F1 12 Tf 72 770 Td (Offre retenue : B) Tj ET");
    let pdfs = [
        ("tiny.pdf", tiny),
        ("tiny-signed.pdf", signed),
        ("tiny-countersigned.pdf", countersigned),
        ("tiny-modified-after-signature.pdf", modified),
    ];
    for (name, bytes) in &pdfs {
        write(&out.join("pdf_readers"), name, bytes)?;
    }

    let demo = jauge_api::read_evaluation(DEMO)?;
    let sheets = out.join("sheet_read");
    for evaluator in ["e1", "e2"] {
        let grid = jauge_sheets::score_grid(&demo, evaluator, jauge_sheets::Lang::Fr)?;
        write(&sheets, &format!("grid-{evaluator}.xlsx"), &grid)?;
    }
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).ok_or("a date")?;
    let workbook = jauge_api::render_workbook(&demo, jauge_api::Lang::Fr, today)?;
    write(&sheets, "results.xlsx", &workbook)?;

    for (name, bytes) in KEY_FILES {
        write(&out.join("pkcs12_load"), name, bytes)?;
    }
    Ok(())
}

fn write(folder: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    std::fs::write(folder.join(name), bytes)
}

/// A one-page PDF 1.7 with a standard font and `evaluation` attached as a report attaches it
/// (the `EmbeddedFiles` name tree and the catalog's `/AF`), with a classic cross-reference table.
fn tiny_pdf(evaluation: &str) -> Vec<u8> {
    let content = "BT /F1 12 Tf 72 770 Td (Rapport d'analyse des offres) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(evaluation.json) 5 0 R] >> >> /AF [5 0 R] >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> >>".to_owned(),
        stream("", content),
        "<< /Type /Filespec /F (evaluation.json) /UF (evaluation.json) /EF << /F 6 0 R >> /AFRelationship /Source >>".to_owned(),
        stream("/Type /EmbeddedFile /Subtype /application#2Fjson ", evaluation),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (index, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", index + 1).as_bytes());
    }
    let xref = pdf.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        table.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.extend_from_slice(table.as_bytes());
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

fn stream(keys: &str, text: &str) -> String {
    format!(
        "<< {keys}/Length {} >>\nstream\n{text}\nendstream",
        text.len()
    )
}

/// The "incremental saving attack" on `signed`: an update after the signature that redefines
/// the page's content stream (object 4), as an attacker's editor would append it.
fn replace_page_content(signed: &[u8], content: &str) -> Vec<u8> {
    let previous = last_startxref(signed);
    let size = trailer_size(signed);
    let mut pdf = signed.to_vec();
    let offset = pdf.len();
    pdf.extend_from_slice(format!("4 0 obj\n{}\nendobj\n", stream("", content)).as_bytes());
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!(
            "xref\n4 1\n{offset:010} 00000 n \ntrailer\n<< /Size {size} /Root 1 0 R /Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    pdf
}

/// The offset after the last `startxref` of a PDF (0 when there is none).
fn last_startxref(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.rsplit("startxref")
        .next()
        .and_then(|tail| tail.split_whitespace().next())
        .and_then(|number| number.parse().ok())
        .unwrap_or(0)
}

/// The `/Size` of the last trailer or cross-reference stream (at least 8, the tiny PDF's own).
fn trailer_size(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.rsplit("/Size")
        .next()
        .and_then(|tail| tail.split_whitespace().next())
        .and_then(|number| {
            number
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .parse()
                .ok()
        })
        .unwrap_or(8)
}
