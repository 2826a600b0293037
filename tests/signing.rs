//! Tests for the signing area: PDFs signed by jauge-signing must satisfy the validators a
//! buyer's counterpart would use (poppler's pdfsig, pyHanko), and qpdf must find them well formed.

mod attacks;
mod interop;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{TimeZone, Utc};
use jauge_signing::{SignOptions, SignaturePlacement, Signer, sign_pdf, verify_pdf};

use crate::support::{repo_file, run, tool};

/// Text drawn on every page; flipping one of its bytes is the tampering the tests simulate.
const PAGE_TEXT: &str = "Rapport d'evaluation des offres";

fn pki_file(name: &str) -> PathBuf {
    repo_file("tests/fixtures/pki").join(name)
}

fn load_signer(name: &str) -> Signer {
    let p12 = std::fs::read(pki_file(&format!("{name}.p12"))).expect("p12 fixture is readable");
    let password = std::fs::read_to_string(pki_file(&format!("{name}.password")))
        .expect("password fixture is readable");
    Signer::from_pkcs12(&p12, password.trim_end()).expect("fixture p12 loads")
}

fn options(reason: &str) -> SignOptions {
    SignOptions {
        signer_name: None,
        reason: Some(reason.to_owned()),
        location: Some("Besançon".to_owned()),
        signing_time: Utc.with_ymd_and_hms(2026, 11, 15, 10, 30, 0).unwrap(),
        visible: Some(SignaturePlacement::BottomRight),
    }
}

/// A hand-written multi-page PDF with a classic xref table, so this test binary needs no PDF
/// library; the accented title is cp1252, as `/WinAnsiEncoding` expects.
fn sample_pdf(pages: usize) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 3 0 R >> >> >>",
            kids.join(" ")
        )
        .into_bytes(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    for number in 1..=pages {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /Contents {} 0 R >>",
                5 + 2 * (number - 1)
            )
            .into_bytes(),
        );
        let mut content = format!("BT /F1 16 Tf 56 780 Td ({PAGE_TEXT}) Tj /F1 11 Tf").into_bytes();
        content.extend_from_slice(b" 0 -24 Td (\xc9valuation des crit\xe8res \x96 page ");
        content.extend_from_slice(format!("{number} / {pages}) Tj ET").as_bytes());
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(&content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }

    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (index, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref_at = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// The sample signed by the RSA signer, then countersigned by the EC signer.
fn countersigned_pdf(original: &[u8]) -> Vec<u8> {
    let once = sign_pdf(
        original,
        &load_signer("rsa-signer"),
        &options("Rédaction du rapport"),
    )
    .expect("first signature");
    sign_pdf(
        &once,
        &load_signer("ec-signer"),
        &options("Validation par l'acheteur"),
    )
    .expect("countersignature")
}

fn write_pdf(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("temp file is writable");
    path
}

/// Flips one byte of the page text, which the first byte range of every signature covers.
fn tamper(signed: &[u8]) -> Vec<u8> {
    let at = signed
        .windows(PAGE_TEXT.len())
        .position(|window| window == PAGE_TEXT.as_bytes())
        .expect("page text is stored uncompressed");
    let mut tampered = signed.to_vec();
    tampered[at] ^= 0x20; // "Rapport" becomes "rapport"
    tampered
}

/// pdfsig's report split per signature ("Signature #1:" blocks), in signing order.
fn pdfsig_blocks(pdfsig: &Path, pdf: &Path) -> Vec<String> {
    let (code, stdout, stderr) = run(Command::new(pdfsig).arg(pdf));
    assert_eq!(code, 0, "pdfsig failed: {stderr}");
    stdout
        .split("Signature #")
        .skip(1)
        .map(str::to_owned)
        .collect()
}

fn pyhanko_validate(pyhanko: &Path, pdf: &Path, pretty: bool) -> (i32, String) {
    let mut command = Command::new(pyhanko);
    command
        .args(["sign", "validate", "--trust"])
        .arg(pki_file("ca.pem"))
        .arg("--trust-replace");
    if pretty {
        command.arg("--pretty-print");
    }
    let (code, stdout, stderr) = run(command.arg(pdf));
    (code, format!("{stdout}\n{stderr}"))
}

#[test]
fn pdfsig_finds_every_signature_valid_and_the_last_covering_the_document() {
    let Some(pdfsig) = tool("pdfsig") else { return };
    let dir = tempfile::tempdir().unwrap();
    let signed = write_pdf(dir.path(), "signed.pdf", &countersigned_pdf(&sample_pdf(3)));

    let blocks = pdfsig_blocks(&pdfsig, &signed);
    assert_eq!(blocks.len(), 2, "two signatures expected:\n{blocks:#?}");
    for block in &blocks {
        assert!(
            block.contains("Signature is Valid."),
            "pdfsig rejects:\n{block}"
        );
        assert!(block.contains("ETSI.CAdES.detached"), "not PAdES:\n{block}");
    }
    assert!(
        blocks[0].contains("Signature Field Name: Signature1"),
        "{}",
        blocks[0]
    );
    assert!(
        blocks[0].contains("Common Name: Jeanne Dupré"),
        "{}",
        blocks[0]
    );
    assert!(
        blocks[0].contains("Not total document signed"),
        "{}",
        blocks[0]
    );
    assert!(
        blocks[1].contains("Signature Field Name: Signature2"),
        "{}",
        blocks[1]
    );
    assert!(
        blocks[1].contains("Common Name: Éric Lemaître"),
        "{}",
        blocks[1]
    );
    assert!(
        blocks[1].contains("Total document signed"),
        "the last signature must cover the whole document:\n{}",
        blocks[1]
    );
}

#[test]
fn pyhanko_judges_both_signatures_valid_after_a_countersignature() {
    let Some(pyhanko) = tool("pyhanko") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let signed = write_pdf(dir.path(), "signed.pdf", &countersigned_pdf(&sample_pdf(3)));

    let (code, output) = pyhanko_validate(&pyhanko, &signed, false);
    assert_eq!(code, 0, "pyHanko rejects the document:\n{output}");
    let verdicts: Vec<&str> = output
        .lines()
        .filter(|line| line.starts_with("Signature"))
        .collect();
    assert_eq!(verdicts.len(), 2, "one verdict per signature:\n{output}");
    assert!(
        verdicts[0].starts_with("Signature1:")
            && verdicts[0].contains("INTACT:TRUSTED")
            && verdicts[0].contains("ACCEPTABLE_MODIFICATIONS"),
        "first signature: {}",
        verdicts[0]
    );
    assert!(
        verdicts[1].starts_with("Signature2:") && verdicts[1].contains("INTACT:TRUSTED,UNTOUCHED"),
        "second signature: {}",
        verdicts[1]
    );

    let (code, report) = pyhanko_validate(&pyhanko, &signed, true);
    assert_eq!(code, 0, "{report}");
    assert_eq!(
        report.matches("The signature is judged VALID.").count(),
        2,
        "both judged VALID:\n{report}"
    );
    assert!(
        report.contains("All modifications relate to signing and form filling"),
        "the countersignature only adds signing changes:\n{report}"
    );
    assert!(
        report.contains("sha256_rsa") && report.contains("sha256_ecdsa"),
        "{report}"
    );
}

#[test]
fn one_flipped_byte_is_rejected_by_every_validator() {
    let signed = countersigned_pdf(&sample_pdf(2));
    let tampered = tamper(&signed);

    let reports = verify_pdf(&tampered).expect("a tampered PDF is still readable");
    assert_eq!(reports.len(), 2);
    assert!(
        reports
            .iter()
            .all(|report| !report.intact && !report.digest_matches),
        "both signatures cover the flipped byte: {reports:#?}"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = write_pdf(dir.path(), "tampered.pdf", &tampered);
    if let Some(pdfsig) = tool("pdfsig") {
        for block in pdfsig_blocks(&pdfsig, &path) {
            assert!(
                !block.contains("Signature is Valid."),
                "pdfsig accepts:\n{block}"
            );
            assert!(block.contains("Digest Mismatch"), "{block}");
        }
    }
    if let Some(pyhanko) = tool("pyhanko") {
        let (code, output) = pyhanko_validate(&pyhanko, &path, false);
        assert_ne!(code, 0, "pyHanko accepts a tampered document:\n{output}");
        assert!(!output.contains("INTACT"), "{output}");
    }
}

#[test]
fn qpdf_finds_signed_output_well_formed() {
    let Some(qpdf) = tool("qpdf") else { return };
    let dir = tempfile::tempdir().unwrap();
    let signed = write_pdf(dir.path(), "signed.pdf", &countersigned_pdf(&sample_pdf(3)));

    let (code, stdout, stderr) = run(Command::new(&qpdf).arg("--check").arg(&signed));
    assert_eq!(code, 0, "qpdf --check:\n{stdout}\n{stderr}");
    assert!(
        stdout.contains("No syntax or stream encoding errors"),
        "{stdout}"
    );
}

#[test]
fn input_with_object_streams_signs_and_validates() {
    let Some(qpdf) = tool("qpdf") else { return };
    let dir = tempfile::tempdir().unwrap();
    let plain = write_pdf(dir.path(), "plain.pdf", &sample_pdf(2));
    let packed = dir.path().join("packed.pdf");
    let (code, _, stderr) = run(Command::new(&qpdf)
        .arg("--object-streams=generate")
        .arg(&plain)
        .arg(&packed));
    assert_eq!(code, 0, "qpdf rewrite: {stderr}");

    let packed_bytes = std::fs::read(&packed).unwrap();
    let signed = countersigned_pdf(&packed_bytes);
    assert!(
        verify_pdf(&signed)
            .unwrap()
            .iter()
            .all(|report| report.intact)
    );
    let signed = write_pdf(dir.path(), "signed.pdf", &signed);
    if let Some(pyhanko) = tool("pyhanko") {
        let (code, output) = pyhanko_validate(&pyhanko, &signed, false);
        assert_eq!(
            code, 0,
            "pyHanko rejects a signed xref-stream PDF:\n{output}"
        );
    }
    if let Some(pdfsig) = tool("pdfsig") {
        for block in pdfsig_blocks(&pdfsig, &signed) {
            assert!(block.contains("Signature is Valid."), "{block}");
        }
    }
}

#[test]
fn countersigning_a_pyhanko_signature_keeps_it_valid() {
    let Some(pyhanko) = tool("pyhanko") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let plain = write_pdf(dir.path(), "plain.pdf", &sample_pdf(2));
    let by_pyhanko = dir.path().join("pyhanko.pdf");
    let (code, stdout, stderr) = run(Command::new(&pyhanko)
        .args([
            "sign",
            "addsig",
            "--field",
            "Visa",
            "--use-pades",
            "pkcs12",
            "--passfile",
        ])
        .arg(pki_file("rsa-signer.password"))
        .arg(&plain)
        .arg(&by_pyhanko)
        .arg(pki_file("rsa-signer.p12")));
    assert_eq!(code, 0, "pyHanko signing:\n{stdout}\n{stderr}");

    let first = std::fs::read(&by_pyhanko).unwrap();
    let reports = verify_pdf(&first).unwrap();
    assert!(
        reports.len() == 1 && reports[0].intact && reports[0].field_name == "Visa",
        "our verifier reads pyHanko's signature: {reports:#?}"
    );

    let both = sign_pdf(&first, &load_signer("ec-signer"), &options("Validation")).unwrap();
    let reports = verify_pdf(&both).unwrap();
    let names: Vec<&str> = reports.iter().map(|r| r.field_name.as_str()).collect();
    assert_eq!(names, ["Visa", "Signature1"]);
    assert!(reports.iter().all(|report| report.intact), "{reports:#?}");

    let both = write_pdf(dir.path(), "both.pdf", &both);
    let (code, output) = pyhanko_validate(&pyhanko, &both, false);
    assert_eq!(code, 0, "pyHanko after our countersignature:\n{output}");
    assert!(
        output.contains("Visa:") && output.contains("ACCEPTABLE_MODIFICATIONS"),
        "{output}"
    );
}
