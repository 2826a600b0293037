//! Whole-crate scenarios: sign, countersign, tamper, and the loading errors a user can meet.

use chrono::{TimeZone, Utc};
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};

use crate::{
    Error, KeyAlgorithm, Modification, SignOptions, SignatureBox, SignaturePlacement,
    SignatureReport, Signer, Verdict, sign_pdf, verify_pdf,
};

macro_rules! pki {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/pki/",
            $name
        ))
    };
}

fn password(file: &[u8]) -> &str {
    std::str::from_utf8(file).unwrap().trim_end()
}

fn rsa_signer() -> Signer {
    Signer::from_pkcs12(
        pki!("rsa-signer.p12"),
        password(pki!("rsa-signer.password")),
    )
    .unwrap()
}

fn ec_signer() -> Signer {
    Signer::from_pkcs12(pki!("ec-signer.p12"), password(pki!("ec-signer.password"))).unwrap()
}

/// A small report-like PDF: `pages` A4 pages of Helvetica text, compressed streams.
pub(crate) fn sample_pdf(pages: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut kids = Vec::new();
    for number in 1..=pages {
        let mut operations = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 14.into()]),
            Operation::new("Td", vec![56.into(), 780.into()]),
            Operation::new(
                "Tj",
                vec![Object::string_literal(format!(
                    "Rapport d'evaluation - page {number} / {pages}"
                ))],
            ),
            Operation::new("Tf", vec!["F1".into(), 10.into()]),
        ];
        for line in 0..30 {
            operations.push(Operation::new("Td", vec![0.into(), (-20).into()]));
            operations.push(Operation::new(
                "Tj",
                vec![Object::string_literal(format!(
                    "Critere {line}: l'offre repond a l'exigence, note {} / 5",
                    (line + number) % 6
                ))],
            ));
        }
        operations.push(Operation::new("ET", vec![]));
        let content = Content { operations }.encode().unwrap();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => i64::try_from(pages).unwrap(),
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
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

fn verify(pdf: &[u8]) -> Vec<SignatureReport> {
    verify_pdf(pdf).unwrap()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[test]
fn signed_pdf_verifies_and_keeps_the_original_bytes() {
    let original = sample_pdf(3);
    let signed = sign_pdf(&original, &rsa_signer(), &options("Approbation du rapport")).unwrap();

    assert!(
        signed.starts_with(&original),
        "incremental update only appends"
    );
    let reports = verify(&signed);
    assert_eq!(reports.len(), 1, "{reports:#?}");
    let report = &reports[0];
    assert!(report.intact, "{report:#?}");
    assert!(report.byte_range_valid && report.digest_matches && report.signature_valid);
    assert!(report.covers_whole_file);
    assert_eq!(report.problem, None);
    assert_eq!(report.field_name, "Signature1");
    assert_eq!(report.signer_common_name.as_deref(), Some("Jeanne Dupré"));
    assert!(
        report
            .signer_subject
            .as_deref()
            .is_some_and(|subject| subject.contains("O=Jauge tests")),
        "{:?}",
        report.signer_subject
    );
    assert_eq!(
        report.signing_time,
        Some(Utc.with_ymd_and_hms(2026, 11, 15, 10, 30, 0).unwrap())
    );
    assert_eq!(report.sub_filter.as_deref(), Some("ETSI.CAdES.detached"));
}

#[test]
fn unsigned_pdf_has_no_signature_reports() {
    assert_eq!(verify(&sample_pdf(1)), vec![]);
}

#[test]
fn countersignatures_keep_earlier_signatures_intact() {
    let once = sign_pdf(&sample_pdf(2), &rsa_signer(), &options("Rédaction")).unwrap();
    let twice = sign_pdf(&once, &ec_signer(), &options("Validation")).unwrap();

    let reports = verify(&twice);
    assert_eq!(reports.len(), 2, "{reports:#?}");
    assert!(reports.iter().all(|report| report.intact), "{reports:#?}");
    assert_eq!(reports[0].field_name, "Signature1");
    assert_eq!(
        reports[0].signer_common_name.as_deref(),
        Some("Jeanne Dupré")
    );
    assert!(
        !reports[0].covers_whole_file,
        "the first signature no longer reaches the end of the file"
    );
    assert_eq!(reports[1].field_name, "Signature2");
    assert_eq!(
        reports[1].signer_common_name.as_deref(),
        Some("Éric Lemaître")
    );
    assert!(
        reports[1].covers_whole_file,
        "the last signature covers everything"
    );

    let thrice = sign_pdf(&twice, &rsa_signer(), &options("Visa")).unwrap();
    let reports = verify(&thrice);
    let names: Vec<&str> = reports.iter().map(|r| r.field_name.as_str()).collect();
    assert_eq!(names, ["Signature1", "Signature2", "Signature3"]);
    assert!(reports.iter().all(|report| report.intact), "{reports:#?}");
}

#[test]
fn flipping_one_signed_byte_breaks_the_signature() {
    let original = sample_pdf(2);
    let signed = sign_pdf(&original, &rsa_signer(), &options("Approbation")).unwrap();

    // Inside the first range: a byte of the original document.
    let mut tampered = signed.clone();
    let at = find(&tampered, b"/Type/Catalog").or_else(|| find(&tampered, b"/Type /Catalog"));
    tampered[at.unwrap() + 7] ^= 0x01;
    let report = &verify(&tampered)[0];
    assert!(!report.intact, "{report:#?}");
    assert!(!report.digest_matches, "the digest no longer matches");
    assert_eq!(report.problem, Some(crate::Problem::BytesModified));
    assert!(
        report
            .problem
            .as_ref()
            .unwrap()
            .french()
            .contains("modifiés après la signature")
    );

    // Inside the second range: the claimed signing time after the signature value.
    let mut tampered = signed.clone();
    let at = find(&tampered[original.len()..], b"D:20261115").unwrap() + original.len();
    tampered[at + 2] = b'3';
    let report = &verify(&tampered)[0];
    assert!(!report.intact && !report.digest_matches, "{report:#?}");

    // Inside the signature value itself, which ends the CMS.
    let mut tampered = signed;
    let at = find(&tampered[original.len()..], b"<3082").unwrap() + original.len();
    let length_hex = std::str::from_utf8(&tampered[at + 5..at + 9]).unwrap();
    let cms_len = 4 + usize::from(u16::from_str_radix(length_hex, 16).unwrap());
    let flip = at + 1 + 2 * cms_len - 10;
    tampered[flip] = if tampered[flip] == b'0' { b'1' } else { b'0' };
    let report = &verify(&tampered)[0];
    assert!(!report.intact, "{report:#?}");
    assert!(report.problem.is_some());
}

#[test]
fn tampered_pdf_is_refused_for_countersigning() {
    let mut signed = sign_pdf(&sample_pdf(1), &rsa_signer(), &options("Approbation")).unwrap();
    let at = find(&signed, b"/Type/Catalog").or_else(|| find(&signed, b"/Type /Catalog"));
    signed[at.unwrap() + 7] ^= 0x01;

    let err = sign_pdf(&signed, &ec_signer(), &options("Validation")).unwrap_err();
    assert!(
        matches!(&err, Error::BrokenSignature { field, .. } if field == "Signature1"),
        "{err:?}"
    );
}

#[test]
fn non_pdf_input_is_rejected_clearly() {
    let signer = rsa_signer();
    let opts = options("x");
    for input in [&b""[..], b"hello world", b"PK\x03\x04 a zip file"] {
        assert!(matches!(
            sign_pdf(input, &signer, &opts),
            Err(Error::NotPdf)
        ));
        assert!(matches!(verify_pdf(input), Err(Error::NotPdf)));
    }
    let broken = b"%PDF-1.7\nthis is not really a PDF body\n%%EOF\n";
    assert!(matches!(verify_pdf(broken), Err(Error::UnreadablePdf(_))));
    assert!(matches!(
        sign_pdf(broken, &signer, &opts),
        Err(Error::UnreadablePdf(_))
    ));
}

#[test]
fn both_pkcs12_encryptions_load_with_their_key_type() {
    let rsa = rsa_signer();
    assert_eq!(
        rsa.key_algorithm(),
        KeyAlgorithm::Rsa,
        "OpenSSL 3 default p12"
    );
    assert_eq!(rsa.common_name().as_deref(), Some("Jeanne Dupré"));
    let ec = ec_signer();
    assert_eq!(ec.key_algorithm(), KeyAlgorithm::EcdsaP256, "legacy p12");
    assert_eq!(ec.common_name().as_deref(), Some("Éric Lemaître"));
    assert!(
        !format!("{rsa:?}").contains("PrivateKey"),
        "Debug must not print key material"
    );
}

#[test]
fn pkcs12_problems_map_to_distinct_errors() {
    let wrong = Signer::from_pkcs12(pki!("rsa-signer.p12"), "not the password");
    assert!(matches!(wrong, Err(Error::WrongPassword)), "{wrong:?}");

    let wrong = Signer::from_pkcs12(pki!("ec-signer.p12"), "");
    assert!(matches!(wrong, Err(Error::WrongPassword)), "{wrong:?}");

    let no_key = Signer::from_pkcs12(pki!("no-key.p12"), password(pki!("no-key.password")));
    assert!(matches!(no_key, Err(Error::NoPrivateKey)), "{no_key:?}");

    let corrupted =
        Signer::from_pkcs12(pki!("corrupted.p12"), password(pki!("corrupted.password")));
    assert!(
        matches!(corrupted, Err(Error::UnreadableKeyFile(_))),
        "{corrupted:?}"
    );

    let not_p12 = Signer::from_pkcs12(b"%PDF-1.7 not a key file", "x");
    assert!(
        matches!(not_p12, Err(Error::UnreadableKeyFile(_))),
        "{not_p12:?}"
    );
}

#[test]
fn signing_is_deterministic_for_the_same_inputs() {
    let pdf = sample_pdf(1);
    for signer in [rsa_signer(), ec_signer()] {
        let first = sign_pdf(&pdf, &signer, &options("Approbation")).unwrap();
        let second = sign_pdf(&pdf, &signer, &options("Approbation")).unwrap();
        assert!(
            first == second,
            "{:?} signatures differ",
            signer.key_algorithm()
        );
    }
}

#[test]
fn visible_block_is_drawn_on_the_last_page_with_french_text() {
    let pdf = sample_pdf(3);
    let once = sign_pdf(&pdf, &rsa_signer(), &options("Approbation du marché")).unwrap();
    let twice = sign_pdf(&once, &ec_signer(), &options("Contrôle")).unwrap();

    let doc = Document::load_mem(&twice).unwrap();
    let last_page = *doc.get_pages().values().last().unwrap();
    let widgets: Vec<_> = doc
        .get_page_annotations(last_page)
        .unwrap()
        .into_iter()
        .filter(|annot| annot.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig"))
        .collect();
    assert_eq!(widgets.len(), 2, "both widgets on the last page");
    let bottoms: Vec<f32> = widgets
        .iter()
        .map(|w| {
            w.get(b"Rect").unwrap().as_array().unwrap()[1]
                .as_float()
                .unwrap()
        })
        .collect();
    assert!(
        bottoms[1] > bottoms[0],
        "the second block stacks above: {bottoms:?}"
    );

    let appearance_id = widgets[0]
        .get(b"AP")
        .and_then(Object::as_dict)
        .and_then(|ap| ap.get(b"N"))
        .and_then(Object::as_reference)
        .unwrap();
    let appearance = doc.get_object(appearance_id).unwrap().as_stream().unwrap();
    let content = appearance
        .decompressed_content()
        .unwrap_or(appearance.content.clone());
    // The certificate's fingerprint, split over two lines, so that a reader of the printed
    // report can match the signer's certificate.
    let fingerprint = rsa_signer().certificate_details().sha256_fingerprint;
    let (first_half, second_half) = fingerprint.split_at(32);
    let fingerprint_lines = [
        format!("(Certificat SHA-256 : {first_half}) Tj").into_bytes(),
        format!("({second_half}) Tj").into_bytes(),
    ];
    for expected in [
        &b"(Sign\xe9 \xe9lectroniquement par Jeanne Dupr\xe9) Tj"[..],
        b"(le 15/11/2026 \xe0 10:30:00 UTC) Tj",
        &fingerprint_lines[0],
        &fingerprint_lines[1],
        b"(Motif : Approbation du march\xe9) Tj",
        b"(Lieu : Besan\xe7on) Tj",
    ] {
        assert!(
            find(&content, expected).is_some(),
            "{} missing from\n{}",
            String::from_utf8_lossy(expected),
            String::from_utf8_lossy(&content)
        );
    }
}

#[test]
fn explicit_box_and_invisible_signatures_are_honoured() {
    let pdf = sample_pdf(1);
    let mut opts = options("Approbation");
    let area = SignatureBox {
        x: 50.0,
        y: 60.0,
        width: 180.0,
        height: 50.0,
    };
    opts.visible = Some(SignaturePlacement::At(area));
    let signed = sign_pdf(&pdf, &rsa_signer(), &opts).unwrap();
    let doc = Document::load_mem(&signed).unwrap();
    let page = *doc.get_pages().values().last().unwrap();
    let annots = doc.get_page_annotations(page).unwrap();
    let rect: Vec<f32> = annots[0]
        .get(b"Rect")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_float().unwrap())
        .collect();
    assert_eq!(rect, [50.0, 60.0, 230.0, 110.0]);

    opts.visible = None;
    let signed = sign_pdf(&pdf, &rsa_signer(), &opts).unwrap();
    let doc = Document::load_mem(&signed).unwrap();
    let annots = doc.get_page_annotations(page).unwrap();
    assert!(
        !annots[0].has(b"AP"),
        "no appearance for an invisible signature"
    );
    assert!(verify(&signed)[0].intact);
}

#[test]
fn cms_carries_exactly_the_pades_baseline_attributes() {
    use cms::content_info::ContentInfo;
    use cms::signed_data::SignedData;
    use der::Decode;

    let signer = ec_signer();
    let der = crate::signer::build_signed_data(&signer, &[7u8; 32]).unwrap();
    let info = ContentInfo::from_der(&der).unwrap();
    let signed_data: SignedData = info.content.decode_as().unwrap();
    assert!(
        signed_data.encap_content_info.econtent.is_none(),
        "detached"
    );
    let signer_info = signed_data.signer_infos.0.iter().next().unwrap();
    let mut oids: Vec<String> = signer_info
        .signed_attrs
        .as_ref()
        .unwrap()
        .iter()
        .map(|attr| attr.oid.to_string())
        .collect();
    oids.sort();
    assert_eq!(
        oids,
        [
            "1.2.840.113549.1.9.16.2.47", // signingCertificateV2
            "1.2.840.113549.1.9.3",       // contentType
            "1.2.840.113549.1.9.4",       // messageDigest
        ],
        "no signingTime: PAdES B-B puts the time in /M"
    );
    assert_eq!(
        signed_data.certificates.unwrap().0.len(),
        2,
        "leaf and CA are embedded"
    );
}

#[test]
fn new_signature_field_never_reuses_an_existing_field_name() {
    let mut doc = Document::load_mem(&sample_pdf(1)).unwrap();
    let text_field = doc.add_object(dictionary! {
        "FT" => "Tx",
        "T" => Object::string_literal("Signature1"),
    });
    let form = doc.add_object(dictionary! { "Fields" => vec![text_field.into()] });
    doc.catalog_mut().unwrap().set("AcroForm", form);
    let mut with_form = Vec::new();
    doc.save_to(&mut with_form).unwrap();

    let signed = sign_pdf(&with_form, &ec_signer(), &options("Approbation")).unwrap();
    let reports = verify(&signed);
    assert_eq!(
        reports.len(),
        1,
        "the text field is not a signature: {reports:#?}"
    );
    assert_eq!(reports[0].field_name, "Signature2");
    assert!(reports[0].intact);
}

/// An incremental update made with lopdf, as an attacker's tool would write it.
fn append_update(pdf: &[u8], edit: impl FnOnce(&mut lopdf::IncrementalDocument)) -> Vec<u8> {
    let document = crate::load_pdf(pdf).unwrap();
    let mut update = lopdf::IncrementalDocument::create_from(pdf.to_vec(), document);
    edit(&mut update);
    let mut out = Vec::new();
    update.save_to(&mut out).unwrap();
    out
}

fn first_page(update: &lopdf::IncrementalDocument) -> lopdf::ObjectId {
    *update
        .get_prev_documents()
        .get_pages()
        .values()
        .next()
        .unwrap()
}

#[test]
fn a_countersigned_document_has_every_signature_valid() {
    let once = sign_pdf(&sample_pdf(2), &rsa_signer(), &options("Rédaction")).unwrap();
    let twice = sign_pdf(&once, &ec_signer(), &options("Validation")).unwrap();
    let reports = verify(&twice);
    let verdicts: Vec<Verdict> = reports.iter().map(|r| r.verdict).collect();
    assert_eq!(
        verdicts,
        [Verdict::LaterSignaturesOnly, Verdict::Unchanged],
        "{reports:#?}"
    );
    assert!(crate::all_signatures_valid(&reports));
    assert!(reports.iter().all(|r| r.modifications.is_empty()));
    let first = crate::signed_revision(&twice, &reports[0]).unwrap();
    assert_eq!(
        first,
        once.as_slice(),
        "the first revision is what Jeanne signed"
    );
}

#[test]
fn a_replaced_page_content_after_signing_is_named_and_refused_for_countersigning() {
    let signed = sign_pdf(&sample_pdf(2), &rsa_signer(), &options("Rédaction")).unwrap();
    let modified = append_update(&signed, |update| {
        let page = first_page(update);
        let forged = update.new_document.add_object(lopdf::Stream::new(
            lopdf::Dictionary::new(),
            b"BT /F1 24 Tf 72 700 Td (Offre retenue) Tj ET".to_vec(),
        ));
        update.opt_clone_object_to_new_document(page).unwrap();
        update
            .new_document
            .get_dictionary_mut(page)
            .unwrap()
            .set("Contents", lopdf::Object::Reference(forged));
    });
    let reports = verify(&modified);
    assert_eq!(reports.len(), 1);
    assert!(reports[0].intact, "the signed bytes themselves are intact");
    assert_eq!(reports[0].verdict, Verdict::ModifiedAfter);
    assert_eq!(
        reports[0].modifications,
        [Modification::PageContent { page: 1 }]
    );
    assert_eq!(
        reports[0].modifications[0].french(),
        "page 1 : contenu remplacé"
    );
    assert!(!crate::all_signatures_valid(&reports));

    let err = sign_pdf(&modified, &ec_signer(), &options("Validation")).unwrap_err();
    match err {
        Error::ModifiedAfterSignature { field, changes } => {
            assert_eq!(field, "Signature1");
            assert!(changes.contains("page 1 : contenu remplacé"), "{changes}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_annotation_laid_over_a_page_after_signing_is_named() {
    let signed = sign_pdf(&sample_pdf(2), &rsa_signer(), &options("Rédaction")).unwrap();
    let modified = append_update(&signed, |update| {
        let page = update.get_prev_documents().get_pages()[&2];
        let annotation = update.new_document.add_object(lopdf::dictionary! {
            "Type" => "Annot",
            "Subtype" => "Square",
            "Rect" => vec![0.into(), 0.into(), 500.into(), 500.into()],
        });
        update.opt_clone_object_to_new_document(page).unwrap();
        let page = update.new_document.get_dictionary_mut(page).unwrap();
        let mut annots = page
            .get(b"Annots")
            .and_then(lopdf::Object::as_array)
            .cloned()
            .unwrap_or_default();
        annots.push(lopdf::Object::Reference(annotation));
        page.set("Annots", annots);
    });
    let reports = verify(&modified);
    assert_eq!(
        reports[0].modifications,
        [Modification::AnnotationAdded { page: 2 }]
    );
    assert_eq!(
        reports[0].modifications[0].french(),
        "annotation ajoutée en page 2"
    );
}

#[test]
fn a_number_written_again_as_a_real_is_no_change() {
    let signed = sign_pdf(&sample_pdf(1), &rsa_signer(), &options("Rédaction")).unwrap();
    let rewritten = |media_box: Vec<lopdf::Object>| {
        append_update(&signed, |update| {
            // The sample's page size sits on the page tree node.
            let page = first_page(update);
            let pages = update
                .get_prev_documents()
                .get_dictionary(page)
                .unwrap()
                .get(b"Parent")
                .unwrap()
                .as_reference()
                .unwrap();
            update.opt_clone_object_to_new_document(pages).unwrap();
            update
                .new_document
                .get_dictionary_mut(pages)
                .unwrap()
                .set("MediaBox", media_box);
        })
    };
    // 612 written 612.0 by another writer: the same page.
    let same = rewritten(vec![0.into(), 0.into(), 595.0.into(), 842.0.into()]);
    let reports = verify(&same);
    assert_eq!(
        reports[0].verdict,
        Verdict::LaterSignaturesOnly,
        "{reports:#?}"
    );
    // Another number is another page size.
    let other = rewritten(vec![0.into(), 0.into(), 595.5.into(), 842.into()]);
    assert_eq!(verify(&other)[0].modifications, [Modification::PageTree]);
}

/// Adds `/DR << /Font << name font >> >>` to the form, beside what is there.
fn with_form_font(pdf: &[u8], name: &str, base_font: &str) -> Vec<u8> {
    append_update(pdf, |update| {
        let font = update.new_document.add_object(lopdf::dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => base_font,
        });
        let catalog_id = update
            .get_prev_documents()
            .trailer
            .get(b"Root")
            .unwrap()
            .as_reference()
            .unwrap();
        let form_id = update
            .get_prev_documents()
            .get_dictionary(catalog_id)
            .unwrap()
            .get(b"AcroForm")
            .unwrap()
            .as_reference()
            .unwrap();
        update.opt_clone_object_to_new_document(form_id).unwrap();
        let form = update.new_document.get_dictionary_mut(form_id).unwrap();
        let mut resources = form
            .get(b"DR")
            .and_then(lopdf::Object::as_dict)
            .cloned()
            .unwrap_or_default();
        let mut fonts = resources
            .get(b"Font")
            .and_then(lopdf::Object::as_dict)
            .cloned()
            .unwrap_or_default();
        fonts.set(name, lopdf::Object::Reference(font));
        resources.set("Font", fonts);
        form.set("DR", resources);
    })
}

/// The sample with a form whose default resources already hold Helvetica, as forms made by
/// office suites do.
fn sample_with_form_font() -> Vec<u8> {
    let mut document = crate::load_pdf(&sample_pdf(1)).unwrap();
    let font = document.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
    });
    let form = document.add_object(dictionary! {
        "Fields" => Vec::<Object>::new(),
        "DR" => dictionary! { "Font" => dictionary! { "Helv" => Object::Reference(font) } },
    });
    document
        .catalog_mut()
        .unwrap()
        .set("AcroForm", Object::Reference(form));
    let mut out = Vec::new();
    document.save_to(&mut out).unwrap();
    out
}

#[test]
fn fonts_a_countersigner_adds_to_the_form_resources_are_allowed_beside_its_signature() {
    let once = sign_pdf(
        &sample_with_form_font(),
        &rsa_signer(),
        &options("Rédaction"),
    )
    .unwrap();
    // A font added with no signature beside it is a modification, and Jauge will not
    // countersign over it.
    let alone = with_form_font(&once, "ZaDb", "ZapfDingbats");
    assert_eq!(verify(&alone)[0].verdict, Verdict::ModifiedAfter);
    assert!(matches!(
        sign_pdf(&alone, &ec_signer(), &options("Validation")),
        Err(Error::ModifiedAfterSignature { .. })
    ));
    // Beside a later signature, a font added to /DR is that signer's appearance at work.
    let twice = sign_pdf(&once, &ec_signer(), &options("Validation")).unwrap();
    let grown = with_form_font(&twice, "ZaDb", "ZapfDingbats");
    let reports = verify(&grown);
    assert_eq!(
        reports[0].verdict,
        Verdict::LaterSignaturesOnly,
        "{reports:#?}"
    );
    // A font that was there, replaced: a modification, signature or not.
    let replaced = with_form_font(&twice, "Helv", "Courier");
    let reports = verify(&replaced);
    assert_eq!(reports[0].verdict, Verdict::ModifiedAfter, "{reports:#?}");
}

#[test]
fn one_signature_dictionary_behind_many_fields_is_checked_once() {
    let signed = sign_pdf(&sample_pdf(1), &rsa_signer(), &options("Rédaction")).unwrap();
    let flooded = append_update(&signed, |update| {
        let document = update.get_prev_documents();
        let form_id = document
            .catalog()
            .unwrap()
            .get(b"AcroForm")
            .and_then(lopdf::Object::as_reference)
            .unwrap();
        let fields = document
            .get_dictionary(form_id)
            .unwrap()
            .get(b"Fields")
            .and_then(lopdf::Object::as_array)
            .unwrap()
            .clone();
        let widget = fields[0].as_reference().unwrap();
        let value = document
            .get_dictionary(widget)
            .unwrap()
            .get(b"V")
            .unwrap()
            .clone();
        let mut all = fields.clone();
        for number in 0..100 {
            all.push(lopdf::Object::Reference(update.new_document.add_object(
                lopdf::dictionary! {
                    "FT" => "Sig",
                    "T" => lopdf::Object::string_literal(format!("Copie{number}")),
                    "V" => value.clone(),
                },
            )));
        }
        update.opt_clone_object_to_new_document(form_id).unwrap();
        update
            .new_document
            .get_dictionary_mut(form_id)
            .unwrap()
            .set("Fields", all);
    });
    let reports = verify(&flooded);
    assert_eq!(reports.len(), 1, "one signature, however many fields");
    assert_eq!(reports[0].verdict, Verdict::ModifiedAfter, "{reports:#?}");
}

#[test]
fn a_field_flood_is_refused_as_too_complex() {
    let signed = sign_pdf(&sample_pdf(1), &rsa_signer(), &options("Rédaction")).unwrap();
    let flooded = append_update(&signed, |update| {
        let form_id = update
            .get_prev_documents()
            .catalog()
            .unwrap()
            .get(b"AcroForm")
            .and_then(lopdf::Object::as_reference)
            .unwrap();
        let fields: Vec<lopdf::Object> = (0..=crate::MAX_FORM_FIELDS)
            .map(|number| {
                lopdf::Object::Reference(update.new_document.add_object(lopdf::dictionary! {
                    "FT" => "Tx",
                    "T" => lopdf::Object::string_literal(format!("f{number}")),
                }))
            })
            .collect();
        update.opt_clone_object_to_new_document(form_id).unwrap();
        update
            .new_document
            .get_dictionary_mut(form_id)
            .unwrap()
            .set("Fields", fields);
    });
    assert!(matches!(verify_pdf(&flooded), Err(Error::TooComplex(_))));
}

/// A one-page PDF written by hand around an uncompressed stream of `payload` bytes, and the
/// offset of its cross-reference section.
fn pdf_with_payload(payload: usize) -> (Vec<u8>, usize) {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    let stream = format!(
        "<< /Length {payload} >>\nstream\n{}\nendstream",
        "x".repeat(payload)
    );
    for body in [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        &stream,
    ] {
        offsets.push(pdf.len());
        let number = offsets.len();
        pdf.extend_from_slice(format!("{number} 0 obj\n{body}\nendobj\n").as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(b"xref\n0 5\n0000000000 65535 f \n");
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    (pdf, xref)
}

#[test]
fn revisions_that_add_up_past_the_budget_are_refused_as_too_complex() {
    // Each revision makes the file's first bytes up to its end one more document to read in
    // full and keep: seventy revisions of a 2 MiB file read more than the budget allows. Each
    // is a real update (its own cross-reference section, `/Prev` naming the one before), since
    // revisions are found from that chain.
    let (pdf, xref) = pdf_with_payload(2 * 1024 * 1024);
    let with_revisions = |count: usize| {
        let mut file = pdf.clone();
        let mut previous = xref;
        for _ in 0..count {
            let this = file.len();
            file.extend_from_slice(
                format!(
                    "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R /Prev \
                     {previous} >>\nstartxref\n{this}\n%%EOF\n"
                )
                .as_bytes(),
            );
            previous = this;
        }
        file
    };
    let many = with_revisions(70);
    assert!(70 * pdf.len() > crate::MAX_REVISION_BYTES);
    match verify_pdf(&many) {
        Err(Error::TooComplex(why)) => assert!(why.contains("revisions"), "{why}"),
        other => panic!("{other:?}"),
    }
    // A few revisions of the same file are read as usual: no signature, no refusal.
    assert!(verify(&with_revisions(5)).is_empty());
}

#[test]
fn revision_ends_that_name_no_section_of_the_chain_are_not_read() {
    // Seventy `startxref`/`%%EOF` pairs naming the one section there is are one revision, not
    // seventy readings of the file.
    let (pdf, xref) = pdf_with_payload(2 * 1024 * 1024);
    let mut file = pdf.clone();
    for _ in 0..70 {
        file.extend_from_slice(format!("% update\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    }
    file.extend_from_slice(b"% more\n");
    assert!(verify(&file).is_empty());
}

#[test]
fn a_revision_end_inside_an_attachment_is_not_a_revision() {
    // An attachment that is itself a PDF carries its own `startxref` and `%%EOF`; the outer
    // file's cross-reference chain does not lead there, so it is no revision of the outer file
    // (read as one, it showed a broken signature that does not exist).
    let signed = sign_pdf(&sample_pdf(1), &rsa_signer(), &options("Rédaction")).unwrap();
    let text = String::from_utf8_lossy(&signed);
    let previous: usize = text[text.rfind("startxref").unwrap() + 9..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let root_at = text.rfind("/Root").unwrap();
    let root = text[root_at..root_at + text[root_at..].find('R').unwrap() + 1].to_owned();
    let inner = "%PDF-1.7\ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n";
    let mut updated = signed.clone();
    let object = updated.len();
    updated.extend_from_slice(
        format!(
            "99 0 obj\n<< /Type /EmbeddedFile /Length {} >>\nstream\n{inner}\nendstream\nendobj\n",
            inner.len()
        )
        .as_bytes(),
    );
    let xref = updated.len();
    updated.extend_from_slice(
        format!(
            "xref\n99 1\n{object:010} 00000 n \ntrailer\n<< /Size 100 {root} /Prev \
             {previous} >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    // The revisions before the update, and the signed one: nothing inside the attachment.
    let mut expected = crate::verify::earlier_revision_ends(&signed).unwrap();
    expected.push(signed.len());
    assert_eq!(
        crate::verify::earlier_revision_ends(&updated).unwrap(),
        expected
    );
    let reports = verify(&updated);
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert!(reports[0].intact, "{reports:#?}");
}

#[test]
fn an_end_of_file_marker_that_ends_no_revision_is_not_read_as_one() {
    // `%%EOF` lines with no `startxref` before them (comments, an attachment's own bytes) end
    // no revision: two hundred of them are neither two hundred readings nor "too complex".
    let signed = sign_pdf(&sample_pdf(1), &rsa_signer(), &options("Rédaction")).unwrap();
    let mut marked = signed.clone();
    for _ in 0..200 {
        marked.extend_from_slice(b"% note\n%%EOF\n");
    }
    marked.extend_from_slice(b"% more\n");
    let reports = verify(&marked);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].verdict, Verdict::ModifiedAfter, "{reports:#?}");
    // The bytes after the signed revision are named; with no `startxref` near its end, the final
    // file is also read as repaired.
    assert!(
        reports[0]
            .modifications
            .iter()
            .any(|change| matches!(change, Modification::TrailingBytes { .. })),
        "{reports:#?}"
    );
}

#[test]
fn bytes_appended_without_a_cross_reference_section_are_reported() {
    let signed = sign_pdf(&sample_pdf(1), &rsa_signer(), &options("Rédaction")).unwrap();
    let mut appended = signed.clone();
    appended.extend_from_slice(b"\n4 0 obj\n<< /Length 3 >>\nstream\nabc\nendstream\nendobj\n");
    let reports = verify(&appended);
    assert_eq!(reports[0].verdict, Verdict::ModifiedAfter);
    assert!(matches!(
        reports[0].modifications[..],
        [Modification::TrailingBytes { .. }]
    ));
}

#[test]
fn the_signer_certificate_is_described() {
    let signed = sign_pdf(&sample_pdf(1), &rsa_signer(), &options("Rédaction")).unwrap();
    let report = &verify(&signed)[0];
    let certificate = report.certificate.as_ref().unwrap();
    assert_eq!(certificate.sha256_fingerprint.len(), 64);
    assert_eq!(
        certificate.sha256_fingerprint,
        rsa_signer().certificate_details().sha256_fingerprint
    );
    assert!(
        certificate.subject.contains("Jeanne Dupré"),
        "{certificate:?}"
    );
    assert!(
        certificate.issuer.contains("Jauge Test Root CA"),
        "{certificate:?}"
    );
    assert_eq!(certificate.non_repudiation, Some(true));
    assert!(!certificate.qualified.compliance);
    // The fixtures are issued when make.sh runs; the signing time is compared with that period.
    let (from, until) = (
        certificate.not_before.unwrap(),
        certificate.not_after.unwrap(),
    );
    assert!(from < until);
    assert_eq!(
        certificate.valid_at(from + chrono::Duration::days(1)),
        Some(true)
    );
    assert_eq!(
        certificate.valid_at(from - chrono::Duration::days(1)),
        Some(false)
    );
    assert_eq!(
        report.signed_within_validity(),
        certificate.valid_at(report.signing_time.unwrap())
    );

    let qc = Signer::from_pkcs12(pki!("qc-signer.p12"), "qc-signer-pass").unwrap();
    let qualified = qc.certificate_details().qualified;
    assert!(qualified.compliance && qualified.secure_device);
    assert_eq!(qualified.types, ["esign"]);
}

#[test]
fn control_characters_in_names_are_escaped() {
    assert_eq!(
        crate::escape_control_characters("Jeanne\u{1b}[2J Dupré\u{202e}"),
        "Jeanne\\u{1b}[2J Dupré\\u{202e}"
    );
}

#[test]
fn a_detached_signature_verifies_its_bytes_and_nothing_else() {
    for signer in [rsa_signer(), ec_signer()] {
        let content = br#"{"format": "jauge-evaluator-return/1", "scores": []}"#;
        let cms = crate::sign_detached(content, &signer).unwrap();
        let verdict = crate::verify_detached(&cms, content);
        assert!(verdict.valid, "{:?}", verdict.problem);
        let certificate = verdict.certificate.expect("the signer's certificate");
        assert_eq!(
            certificate.sha256_fingerprint,
            signer.certificate_details().sha256_fingerprint
        );
        let changed = br#"{"format": "jauge-evaluator-return/1", "scores": [1]}"#;
        let verdict = crate::verify_detached(&cms, changed);
        assert!(!verdict.valid);
        assert!(verdict.problem.is_some());
        let mut broken = cms.clone();
        let last = broken.len() - 1;
        broken[last] ^= 0xff;
        assert!(!crate::verify_detached(&broken, content).valid);
        assert!(!crate::verify_detached(b"not CMS", content).valid);
    }
}
#[test]
fn files_found_by_fuzzing_get_a_verdict() {
    // Each one panicked a reader before its fix (fuzz/README.md); here each must be read
    // to a verdict or a refusal.
    let found: &[(&str, &[u8])] = &[(
        "a signing time whose time zone overflowed",
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/fuzz/signing-time-zone-overflow.pdf"
        )),
    )];
    for (what, pdf) in found {
        let verified = std::panic::catch_unwind(|| verify_pdf(pdf).map(|r| r.len()));
        assert!(verified.is_ok(), "{what}: the verification panicked");
    }
}

/// `sample_pdf` with its catalog edited before anyone signs it.
fn sample_with_catalog(edit: impl FnOnce(&mut Document, &mut lopdf::Dictionary)) -> Vec<u8> {
    let mut document = Document::load_mem(&sample_pdf(1)).unwrap();
    let catalog_id = document
        .trailer
        .get(b"Root")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut catalog = document.get_dictionary(catalog_id).unwrap().clone();
    edit(&mut document, &mut catalog);
    document
        .objects
        .insert(catalog_id, Object::Dictionary(catalog));
    let mut out = Vec::new();
    document.save_to(&mut out).unwrap();
    out
}

#[test]
fn an_object_added_where_the_signed_version_pointed_at_nothing_is_a_modification() {
    // The signed catalog refers to object 900, which does not exist: a reader finds nothing.
    let unsigned = sample_with_catalog(|_, catalog| {
        catalog.set("OpenAction", Object::Reference((900, 0)));
    });
    let signed = sign_pdf(&unsigned, &rsa_signer(), &options("Rédaction")).unwrap();
    assert_eq!(verify(&signed)[0].verdict, Verdict::Unchanged);
    // A later update supplies object 900 without touching any signed object.
    let filled = append_update(&signed, |update| {
        update.new_document.objects.insert(
            (900, 0),
            Object::Dictionary(
                dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") },
            ),
        );
        update.new_document.max_id = update.new_document.max_id.max(900);
    });
    let reports = verify(&filled);
    assert_eq!(reports[0].verdict, Verdict::ModifiedAfter, "{reports:#?}");
    assert_eq!(
        reports[0].modifications,
        [Modification::DanglingReferenceFilled { number: 900 }]
    );
}

#[test]
fn validation_data_may_grow_but_not_be_taken_back() {
    let unsigned = sample_with_catalog(|document, catalog| {
        let entry =
            document.add_object(dictionary! { "TU" => Object::string_literal("D:20261201") });
        let vri = document
            .add_object(dictionary! { "0123456789ABCDEF0123456789ABCDEF01234567" => entry });
        let dss = document.add_object(dictionary! { "Type" => "DSS", "VRI" => vri });
        catalog.set("DSS", Object::Reference(dss));
    });
    let signed = sign_pdf(&unsigned, &rsa_signer(), &options("Rédaction")).unwrap();
    let dss_of = |update: &lopdf::IncrementalDocument| {
        let previous = update.get_prev_documents();
        let catalog = previous.catalog().unwrap();
        let dss = catalog.get(b"DSS").unwrap().as_reference().unwrap();
        let vri = previous
            .get_dictionary(dss)
            .unwrap()
            .get(b"VRI")
            .unwrap()
            .as_reference()
            .unwrap();
        (dss, vri)
    };
    // Another entry beside the first: validation data added, as PAdES lets later revisions do.
    let grown = append_update(&signed, |update| {
        let (_, vri) = dss_of(update);
        let entry = update.new_document.add_object(dictionary! {});
        update.opt_clone_object_to_new_document(vri).unwrap();
        update.new_document.get_dictionary_mut(vri).unwrap().set(
            "89ABCDEF0123456789ABCDEF0123456789ABCDEF",
            Object::Reference(entry),
        );
    });
    let reports = verify(&grown);
    assert_eq!(
        reports[0].verdict,
        Verdict::LaterSignaturesOnly,
        "{reports:#?}"
    );
    assert!(reports[0].modifications.is_empty());
    // The signed entry removed: taken back.
    let shrunk = append_update(&signed, |update| {
        let (_, vri) = dss_of(update);
        update.opt_clone_object_to_new_document(vri).unwrap();
        update
            .new_document
            .get_dictionary_mut(vri)
            .unwrap()
            .remove(b"0123456789ABCDEF0123456789ABCDEF01234567");
    });
    let reports = verify(&shrunk);
    assert_eq!(reports[0].verdict, Verdict::ModifiedAfter, "{reports:#?}");
    assert_eq!(
        reports[0].modifications,
        [Modification::ValidationDataRemoved]
    );
}
