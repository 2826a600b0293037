//! Signing time for a report-sized document: ~100 pages, one RSA signature, then an ECDSA
//! countersignature on top of it (which also re-verifies the first).
#![allow(
    clippy::expect_used,
    reason = "a benchmark has nobody to report errors to"
)]

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use jauge_signing::{SignOptions, SignaturePlacement, Signer, sign_pdf, verify_pdf};
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};

const PAGES: usize = 100;

fn report_pdf(pages: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut kids = Vec::new();
    for number in 1..=pages {
        let mut operations = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 10.into()]),
            Operation::new("Td", vec![56.into(), 800.into()]),
        ];
        for line in 0..60 {
            operations.push(Operation::new("Td", vec![0.into(), (-12).into()]));
            operations.push(Operation::new(
                "Tj",
                vec![Object::string_literal(format!(
                    "Page {number}, critere {line} : l'offre repond a l'exigence du cahier"
                ))],
            ));
        }
        operations.push(Operation::new("ET", vec![]));
        let content = Content { operations }.encode().expect("content encodes");
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => pages as i64,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("sample PDF saves");
    bytes
}

fn load_signer(p12: &[u8], password: &str) -> Signer {
    Signer::from_pkcs12(p12, password.trim_end()).expect("fixture p12 loads")
}

fn bench_signing(c: &mut Criterion) {
    let rsa = load_signer(
        include_bytes!("../../../tests/fixtures/pki/rsa-signer.p12"),
        include_str!("../../../tests/fixtures/pki/rsa-signer.password"),
    );
    let ec = load_signer(
        include_bytes!("../../../tests/fixtures/pki/ec-signer.p12"),
        include_str!("../../../tests/fixtures/pki/ec-signer.password"),
    );
    let options = SignOptions {
        signer_name: None,
        reason: Some("Approbation du rapport".to_owned()),
        location: None,
        signing_time: Utc
            .with_ymd_and_hms(2026, 11, 15, 10, 30, 0)
            .single()
            .expect("valid date"),
        visible: Some(SignaturePlacement::BottomRight),
    };
    let pdf = report_pdf(PAGES);
    let signed = sign_pdf(&pdf, &rsa, &options).expect("signs");

    let mut group = c.benchmark_group(format!("{PAGES} pages ({} KB)", pdf.len() / 1024));
    group.bench_function("sign RSA-2048", |b| {
        b.iter(|| sign_pdf(black_box(&pdf), &rsa, &options).expect("signs"))
    });
    group.bench_function("countersign ECDSA P-256", |b| {
        b.iter(|| sign_pdf(black_box(&signed), &ec, &options).expect("signs"))
    });
    group.bench_function("verify", |b| {
        b.iter(|| verify_pdf(black_box(&signed)).expect("verifies"))
    });
    group.finish();
}

criterion_group!(benches, bench_signing);
criterion_main!(benches);
