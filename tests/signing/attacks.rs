//! The hostile corpus: PDFs built here, from a real report and the test PKI, by the published
//! attacks on PDF signatures (universal signature forgery, incremental saving, signature
//! wrapping, shadow attacks — PDF Insecurity, 2019–2021) and a few of our own (certificate and
//! attachment swap, decompression bomb, looping name tree, field flood). Each file has its
//! expected verdict from `jauge_signing::verify_pdf`, and pyHanko, validating the same file,
//! must agree on which signatures vouch for the document — except on the files where Jauge is
//! deliberately stricter (`stricter_than_pyhanko`, each with its reason), where both answers are
//! pinned. Every test here runs in `./scripts/test`.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::{Decode, Encode};
use jauge_signing::{
    Error, Modification, SignOptions, SignaturePlacement, Verdict, load_pdf, sign_pdf, verify_pdf,
};
use lopdf::{Dictionary, IncrementalDocument, Object, ObjectId, Stream, StringFormat, dictionary};

use super::{load_signer, pki_file, pyhanko_validate, write_pdf};
use crate::support::{repo_file, run, tool};

/// The demo's report, rendered once for the whole corpus.
fn real_report() -> &'static [u8] {
    static REPORT: OnceLock<Vec<u8>> = OnceLock::new();
    REPORT.get_or_init(|| {
        let evaluation =
            jauge_api::open_evaluation_file(&repo_file("assets/demo/cloud-de-confiance.json"))
                .expect("the demo evaluation opens");
        jauge_api::render_report(
            &evaluation,
            jauge_api::Lang::Fr,
            Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap(),
        )
        .expect("the demo report renders")
    })
}

fn options(reason: &str, visible: bool) -> SignOptions {
    SignOptions {
        signer_name: None,
        reason: Some(reason.to_owned()),
        location: Some("Besançon".to_owned()),
        // Now, inside the validity of the fixtures (issued when make.sh last ran).
        signing_time: Utc::now(),
        visible: visible.then_some(SignaturePlacement::BottomRight),
    }
}

/// The real report signed by Jeanne Dupré (RSA), who is "Alice" of the published attacks.
fn signed_by_alice(pdf: &[u8]) -> Vec<u8> {
    sign_pdf(
        pdf,
        &load_signer("rsa-signer"),
        &options("Rédaction du rapport", true),
    )
    .expect("Alice signs")
}

/// An incremental update written as an attacker's tool would: `edit` changes objects of the
/// new revision, lopdf appends them with a cross-reference section chained to the previous one.
fn update(pdf: &[u8], edit: impl FnOnce(&mut IncrementalDocument)) -> Vec<u8> {
    let document = load_pdf(pdf).expect("the input reads");
    let mut incremental = IncrementalDocument::create_from(pdf.to_vec(), document);
    edit(&mut incremental);
    let mut out = Vec::new();
    incremental.save_to(&mut out).expect("the update writes");
    out
}

/// The signed revision's catalog, copied into the update to be changed there.
fn catalog_in(update: &mut IncrementalDocument) -> &mut Dictionary {
    let root = update
        .get_prev_documents()
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .unwrap();
    update.opt_clone_object_to_new_document(root).unwrap();
    update.new_document.get_dictionary_mut(root).unwrap()
}

fn first_page(update: &IncrementalDocument) -> ObjectId {
    *update
        .get_prev_documents()
        .get_pages()
        .values()
        .next()
        .expect("a page")
}

fn content_ids(update: &IncrementalDocument, page: ObjectId) -> Vec<ObjectId> {
    update.get_prev_documents().get_page_contents(page)
}

fn content_stream(text: &str) -> Stream {
    Stream::new(
        Dictionary::new(),
        format!("BT /F1 24 Tf 72 700 Td ({text}) Tj ET").into_bytes(),
    )
}

/// The objects of the evaluation.json attachment: (file specification, embedded file stream).
fn attachment_ids(document: &lopdf::Document) -> (ObjectId, ObjectId) {
    let catalog = document.catalog().expect("catalog");
    let spec = catalog.get(b"AF").and_then(Object::as_array).expect("/AF")[0]
        .as_reference()
        .expect("a filespec reference");
    let stream = document
        .get_dictionary(spec)
        .and_then(|spec| spec.get(b"EF"))
        .and_then(Object::as_dict)
        .and_then(|ef| ef.get(b"F"))
        .and_then(Object::as_reference)
        .expect("the embedded file");
    (spec, stream)
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// What each attack builds.
struct Case {
    name: &'static str,
    pdf: Vec<u8>,
    expected: Expected,
}

enum Expected {
    /// One verdict per signature, in signing order, each with the modifications it must list.
    Verdicts(Vec<(Verdict, Vec<Modification>)>),
    /// Verification refuses the file as too complex to check safely.
    TooComplex,
}

/// Where Jauge is deliberately stricter than pyHanko, with why: pyHanko reports these files'
/// signature as valid, Jauge as modified after signing. The agreement test pins both answers,
/// so that a change on either side is seen.
fn stricter_than_pyhanko(case: &str) -> Option<&'static str> {
    match case {
        // pyHanko ignores what follows the last %%EOF; a viewer that repairs files may show it.
        "isa-without-xref" => Some("bytes after the last revision"),
        // pyHanko lets any XMP update through (its LTA-updates level); here nobody signed after
        // the rewrite, so no signing tool's bookkeeping explains it, and XMP carries the title.
        "xmp-rewritten-without-a-signature" => Some("metadata rewritten with no later signature"),
        _ => None,
    }
}

fn page_content(page: usize) -> Modification {
    Modification::PageContent { page }
}

// --- incremental saving attacks -------------------------------------------------------------

/// ISA: a new revision replaces page 1's content stream.
fn isa_replace_page_content(signed: &[u8]) -> Vec<u8> {
    update(signed, |update| {
        let page = first_page(update);
        let forged = update
            .new_document
            .add_object(content_stream("Offre retenue : Nuage Bleu"));
        update.opt_clone_object_to_new_document(page).unwrap();
        let page = update.new_document.get_dictionary_mut(page).unwrap();
        page.set("Contents", Object::Reference(forged));
    })
}

/// A new XMP packet (another title, say) set as the catalog's metadata, with no signature added:
/// what a later signer's tool may rewrite, but here nobody signed after.
fn xmp_rewritten_without_a_signature(signed: &[u8]) -> Vec<u8> {
    update(signed, |update| {
        let packet = update.new_document.add_object(Stream::new(
            dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
            b"<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Offre retenue : Nuage Bleu</dc:title></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>".to_vec(),
        ));
        catalog_in(update).set("Metadata", Object::Reference(packet));
    })
}

/// ISA: the content object itself is redefined with the same number (no page change).
fn isa_redefine_content_object(signed: &[u8]) -> Vec<u8> {
    update(signed, |update| {
        let page = first_page(update);
        let content = content_ids(update, page)[0];
        update.new_document.set_object(
            content,
            Object::Stream(content_stream("Offre retenue : Nuage Bleu")),
        );
    })
}

/// ISA with no cross-reference section: objects appended after `%%EOF` that only a viewer which
/// repairs files would pick up.
fn isa_without_xref(signed: &[u8]) -> Vec<u8> {
    let document = load_pdf(signed).unwrap();
    let page = *document.get_pages().values().next().unwrap();
    let content = document.get_page_contents(page)[0];
    let mut out = signed.to_vec();
    let body = "BT /F1 24 Tf 72 700 Td (Offre retenue : Nuage Bleu) Tj ET";
    out.extend_from_slice(
        format!(
            "\n{} {} obj\n<< /Length {} >>\nstream\n{body}\nendstream\nendobj\n",
            content.0,
            content.1,
            body.len()
        )
        .as_bytes(),
    );
    out
}

/// ISA: an opaque annotation laid over page 1.
fn isa_overlay_annotation(signed: &[u8]) -> Vec<u8> {
    update(signed, |update| {
        let page = first_page(update);
        let appearance = update.new_document.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 595.into(), 400.into()],
            },
            b"1 1 1 rg 0 0 595 400 re f".to_vec(),
        ));
        let annotation = update.new_document.add_object(dictionary! {
            "Type" => "Annot",
            "Subtype" => "Square",
            "Rect" => vec![0.into(), 400.into(), 595.into(), 800.into()],
            "F" => 4,
            "AP" => dictionary! { "N" => Object::Reference(appearance) },
        });
        update.opt_clone_object_to_new_document(page).unwrap();
        let page = update.new_document.get_dictionary_mut(page).unwrap();
        let mut annots = page
            .get(b"Annots")
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default();
        annots.push(Object::Reference(annotation));
        page.set("Annots", annots);
    })
}

/// Attachment swap: the embedded evaluation.json is rewritten with other scores.
fn attachment_swap(signed: &[u8]) -> Vec<u8> {
    update(signed, |update| {
        let (_, stream) = attachment_ids(update.get_prev_documents());
        let forged = br#"{"note":"les notes ont ete changees apres signature"}"#;
        let mut file = Stream::new(
            dictionary! {
                "Type" => "EmbeddedFile",
                "Subtype" => Object::Name(b"application/json".to_vec()),
                "Filter" => "FlateDecode",
            },
            deflate(forged),
        );
        file.allows_compression = false;
        update.new_document.set_object(stream, Object::Stream(file));
    })
}

/// Decompression bomb: the attachment replaced by 300 MiB of zeros deflated twice (a few KB).
fn bomb_stream() -> Stream {
    let mut inner = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let zeros = vec![0_u8; 1 << 20];
    for _ in 0..300 {
        inner.write_all(&zeros).unwrap();
    }
    let once = inner.finish().unwrap();
    let mut file = Stream::new(
        dictionary! {
            "Type" => "EmbeddedFile",
            "Filter" => vec![Object::Name(b"FlateDecode".to_vec()), Object::Name(b"FlateDecode".to_vec())],
        },
        deflate(&once),
    );
    file.allows_compression = false;
    file
}

fn attachment_bomb(pdf: &[u8]) -> Vec<u8> {
    update(pdf, |update| {
        let (_, stream) = attachment_ids(update.get_prev_documents());
        update
            .new_document
            .set_object(stream, Object::Stream(bomb_stream()));
    })
}

/// A name tree whose node lists itself as its kid.
fn looping_name_tree(signed: &[u8]) -> Vec<u8> {
    update(signed, |update| {
        let (spec, _) = attachment_ids(update.get_prev_documents());
        let node = update.new_document.new_object_id();
        update.new_document.set_object(
            node,
            dictionary! {
                "Kids" => vec![Object::Reference(node)],
                "Names" => vec![Object::string_literal("evaluation.json"), Object::Reference(spec)],
            },
        );
        catalog_in(update).set(
            "Names",
            dictionary! { "EmbeddedFiles" => Object::Reference(node) },
        );
    })
}

/// A flood of form fields, far more than any report holds.
fn field_flood(signed: &[u8]) -> Vec<u8> {
    update(signed, |update| {
        let form_id = update
            .get_prev_documents()
            .catalog()
            .unwrap()
            .get(b"AcroForm")
            .and_then(Object::as_reference)
            .unwrap();
        let mut fields = Vec::new();
        for number in 0..3_000 {
            fields.push(Object::Reference(update.new_document.add_object(
                dictionary! {
                    "FT" => "Tx",
                    "T" => Object::string_literal(format!("champ{number}")),
                },
            )));
        }
        update.opt_clone_object_to_new_document(form_id).unwrap();
        let form = update.new_document.get_dictionary_mut(form_id).unwrap();
        let mut existing = form
            .get(b"Fields")
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default();
        existing.extend(fields);
        form.set("Fields", existing);
    })
}

// --- shadow attacks ---------------------------------------------------------------------------

/// Shadow hide: Alice signs a document holding an invisible annotation (hidden flag) that
/// covers page 1; after she signed, an update only clears the flag.
fn shadow_hide() -> Vec<u8> {
    let prepared = update(real_report(), |update| {
        let page = first_page(update);
        let appearance = update.new_document.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            },
            b"1 1 1 rg 0 0 595 842 re f 0 g BT /Helvetica 24 Tf 72 700 Td (Offre retenue : Nuage Bleu) Tj ET"
                .to_vec(),
        ));
        let annotation = update.new_document.add_object(dictionary! {
            "Type" => "Annot",
            "Subtype" => "Square",
            "Rect" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "F" => 2,
            "AP" => dictionary! { "N" => Object::Reference(appearance) },
        });
        update.opt_clone_object_to_new_document(page).unwrap();
        update
            .new_document
            .get_dictionary_mut(page)
            .unwrap()
            .set("Annots", vec![Object::Reference(annotation)]);
    });
    let signed = signed_by_alice(&prepared);
    update(&signed, |update| {
        let page = first_page(update);
        let annotation = update
            .get_prev_documents()
            .get_dictionary(page)
            .unwrap()
            .get(b"Annots")
            .and_then(Object::as_array)
            .unwrap()[0]
            .as_reference()
            .unwrap();
        update.opt_clone_object_to_new_document(annotation).unwrap();
        update
            .new_document
            .get_dictionary_mut(annotation)
            .unwrap()
            .set("F", 4);
    })
}

/// Appends `body` as an object that no cross-reference section lists (a "shadow" the signer
/// signs without seeing it), and returns where its `N G obj` starts.
fn append_shadow(pdf: &mut Vec<u8>, id: ObjectId, body: &str) -> usize {
    pdf.extend_from_slice(b"\n");
    let at = pdf.len();
    pdf.extend_from_slice(format!("{} {} obj\n{body}\nendobj\n", id.0, id.1).as_bytes());
    at
}

fn stream_body(text: &str) -> String {
    format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len())
}

/// An update made of a cross-reference section and a trailer only, pointing objects at new
/// offsets: no object is written after the signature.
fn xref_only_update(
    pdf: &[u8],
    entries: &[(ObjectId, usize)],
    new_root: Option<ObjectId>,
) -> Vec<u8> {
    let document = load_pdf(pdf).unwrap();
    let mut out = pdf.to_vec();
    let xref_at = out.len() + 1;
    out.extend_from_slice(b"\nxref\n");
    for (id, offset) in entries {
        out.extend_from_slice(format!("{} 1\n{offset:010} {:05} n \n", id.0, id.1).as_bytes());
    }
    let root = new_root.unwrap_or_else(|| {
        document
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .unwrap()
    });
    let size = entries
        .iter()
        .map(|(id, _)| id.0)
        .chain([document.max_id])
        .max()
        .unwrap()
        + 1;
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {size} /Root {} {} R /Prev {} >>\nstartxref\n{xref_at}\n%%EOF\n",
            root.0, root.1, document.xref_start
        )
        .as_bytes(),
    );
    out
}

/// Shadow replace: the signed file carries, unlisted, a second body for page 1's content
/// object; after signing, an update of a cross-reference section alone points to it.
fn shadow_replace() -> Vec<u8> {
    let document = load_pdf(real_report()).unwrap();
    let page = *document.get_pages().values().next().unwrap();
    let content = document.get_page_contents(page)[0];
    // The shadow goes inside an update the signer makes no fuss about: a real, empty-ish one.
    let mut prepared = real_report().to_vec();
    let shadow_at = append_shadow(
        &mut prepared,
        content,
        &stream_body("BT /F1 24 Tf 72 700 Td (Offre retenue : Nuage Bleu) Tj ET"),
    );
    let prepared = update(&prepared, |update| {
        // Any harmless change, so that the shadow sits inside a revision before the signature.
        let info = update.new_document.add_object(dictionary! {
            "Producer" => Object::string_literal("Jauge"),
        });
        update
            .new_document
            .trailer
            .set("Info", Object::Reference(info));
    });
    let signed = signed_by_alice(&prepared);
    xref_only_update(&signed, &[(content, shadow_at)], None)
}

/// Shadow hide-and-replace: the signed file carries, unlisted, a whole second catalog; after
/// signing, an update of a trailer alone makes it the document's root.
fn shadow_hide_and_replace() -> Vec<u8> {
    let document = load_pdf(real_report()).unwrap();
    let pages = document
        .catalog()
        .unwrap()
        .get(b"Pages")
        .and_then(Object::as_reference)
        .unwrap();
    let shadow_catalog = (document.max_id + 100, 0);
    let mut prepared = real_report().to_vec();
    let shadow_at = append_shadow(
        &mut prepared,
        shadow_catalog,
        &format!(
            "<< /Type /Catalog /Pages {} {} R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>",
            pages.0, pages.1
        ),
    );
    let prepared = update(&prepared, |update| {
        let info = update.new_document.add_object(dictionary! {
            "Producer" => Object::string_literal("Jauge"),
        });
        update
            .new_document
            .trailer
            .set("Info", Object::Reference(info));
    });
    let signed = signed_by_alice(&prepared);
    xref_only_update(
        &signed,
        &[(shadow_catalog, shadow_at)],
        Some(shadow_catalog),
    )
}

// --- universal signature forgery ----------------------------------------------------------------

/// USF: a signature field added to the unsigned report whose signature dictionary is `sig`.
fn forged_signature(sig: Dictionary) -> Vec<u8> {
    update(real_report(), |update| {
        let page = first_page(update);
        let sig_id = update.new_document.add_object(sig);
        let widget = update.new_document.add_object(dictionary! {
            "Type" => "Annot",
            "Subtype" => "Widget",
            "FT" => "Sig",
            "T" => Object::string_literal("Signature1"),
            "V" => Object::Reference(sig_id),
            "Rect" => vec![0.into(), 0.into(), 0.into(), 0.into()],
            "P" => Object::Reference(page),
        });
        let form = update.new_document.add_object(dictionary! {
            "Fields" => vec![Object::Reference(widget)],
            "SigFlags" => 3,
        });
        catalog_in(update).set("AcroForm", Object::Reference(form));
        update.opt_clone_object_to_new_document(page).unwrap();
        update
            .new_document
            .get_dictionary_mut(page)
            .unwrap()
            .set("Annots", vec![Object::Reference(widget)]);
    })
}

fn usf_variants() -> Vec<(&'static str, Dictionary)> {
    let base = || {
        dictionary! {
            "Type" => "Sig",
            "Filter" => "Adobe.PPKLite",
            "SubFilter" => "ETSI.CAdES.detached",
            "M" => Object::string_literal("D:20261121103000+00'00'"),
        }
    };
    let mut no_contents = base();
    no_contents.set("ByteRange", vec![0.into(), 10.into(), 20.into(), 30.into()]);
    let mut null_contents = base();
    null_contents.set("Contents", Object::Null);
    null_contents.set("ByteRange", Object::Null);
    let mut empty_contents = base();
    empty_contents.set(
        "Contents",
        Object::String(Vec::new(), StringFormat::Hexadecimal),
    );
    empty_contents.set("ByteRange", vec![0.into(), 0.into(), 0.into(), 0.into()]);
    let mut no_byte_range = base();
    no_byte_range.set(
        "Contents",
        Object::String(vec![0x30, 0x00], StringFormat::Hexadecimal),
    );
    let mut negative_range = base();
    negative_range.set(
        "Contents",
        Object::String(vec![0x30, 0x00], StringFormat::Hexadecimal),
    );
    negative_range.set(
        "ByteRange",
        vec![0.into(), (-1).into(), 0.into(), (-1).into()],
    );
    vec![
        ("usf-no-contents", no_contents),
        ("usf-null-contents-and-byte-range", null_contents),
        ("usf-empty-contents", empty_contents),
        ("usf-no-byte-range", no_byte_range),
        ("usf-negative-byte-range", negative_range),
    ]
}

// --- signature wrapping -------------------------------------------------------------------------

/// The byte range of the file's (only) signature.
fn byte_range(pdf: &[u8]) -> [usize; 4] {
    let document = load_pdf(pdf).unwrap();
    let sig = document
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .find(|dict| dict.has(b"ByteRange") && dict.has(b"Contents"))
        .unwrap();
    let values: Vec<usize> = sig
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .unwrap()
        .iter()
        .map(|value| value.as_i64().unwrap() as usize)
        .collect();
    [values[0], values[1], values[2], values[3]]
}

fn signature_dictionary_id(pdf: &[u8]) -> ObjectId {
    let document = load_pdf(pdf).unwrap();
    *document
        .objects
        .iter()
        .find(|(_, object)| {
            object
                .as_dict()
                .is_ok_and(|dict| dict.has(b"ByteRange") && dict.has(b"Contents"))
        })
        .unwrap()
        .0
}

/// Signature wrapping: the signed second part is copied to a new place, and a new version of
/// the signature dictionary points its byte range there, so that the old second part and an
/// attacker's objects sit in the "gap" the signature leaves out.
fn signature_wrapping(signed: &[u8]) -> Vec<u8> {
    let [_, first_len, second_start, second_len] = byte_range(signed);
    let sig_id = signature_dictionary_id(signed);
    let mut with_copy = signed.to_vec();
    with_copy.extend_from_slice(b"\n");
    let relocated = with_copy.len();
    with_copy.extend_from_slice(&signed[second_start..second_start + second_len]);
    let document = load_pdf(signed).unwrap();
    let mut incremental = IncrementalDocument::create_from(with_copy, document);
    let page = first_page(&incremental);
    let forged = incremental
        .new_document
        .add_object(content_stream("Offre retenue : Nuage Bleu"));
    incremental.opt_clone_object_to_new_document(page).unwrap();
    incremental
        .new_document
        .get_dictionary_mut(page)
        .unwrap()
        .set("Contents", Object::Reference(forged));
    incremental
        .opt_clone_object_to_new_document(sig_id)
        .unwrap();
    incremental
        .new_document
        .get_dictionary_mut(sig_id)
        .unwrap()
        .set(
            "ByteRange",
            vec![
                0.into(),
                (first_len as i64).into(),
                (relocated as i64).into(),
                (second_len as i64).into(),
            ],
        );
    let mut out = Vec::new();
    incremental.save_to(&mut out).unwrap();
    out
}

// --- certificate swap ---------------------------------------------------------------------------

/// Rewrites the CMS in the signature's `/Contents` gap with `edit` applied to its SignedData;
/// the gap is not signed, so the file's signed bytes stay as they were.
fn rewrite_cms(signed: &[u8], edit: impl FnOnce(&mut SignedData)) -> Vec<u8> {
    let [_, first_len, second_start, _] = byte_range(signed);
    let hex = &signed[first_len + 1..second_start - 1];
    let der: Vec<u8> = hex
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
        .collect();
    let length = 4 + usize::from(u16::from_be_bytes([der[2], der[3]]));
    let mut content = ContentInfo::from_der(&der[..length]).unwrap();
    let mut signed_data: SignedData = content.content.decode_as().unwrap();
    edit(&mut signed_data);
    content.content = der::Any::encode_from(&signed_data).unwrap();
    let new_der = content.to_der().unwrap();
    let mut new_hex: Vec<u8> = new_der
        .iter()
        .flat_map(|byte| format!("{byte:02x}").into_bytes())
        .collect();
    assert!(new_hex.len() <= hex.len(), "the swapped CMS still fits");
    new_hex.resize(hex.len(), b'0');
    let mut out = signed.to_vec();
    out[first_len + 1..second_start - 1].copy_from_slice(&new_hex);
    out
}

/// A PEM certificate's DER, through openssl (which every test machine has for the PKI).
fn pem_to_der(pem: &[u8]) -> Vec<u8> {
    let mut child = Command::new("openssl")
        .args(["x509", "-outform", "DER"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("openssl starts");
    child.stdin.take().unwrap().write_all(pem).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "openssl x509 converts the certificate"
    );
    output.stdout
}

fn swap_certificate(signed: &[u8], pem: &[u8]) -> Vec<u8> {
    let replacement = x509_cert::Certificate::from_der(&pem_to_der(pem)).unwrap();
    rewrite_cms(signed, |data| {
        let mut certificates = der::asn1::SetOfVec::new();
        certificates
            .insert(CertificateChoices::Certificate(replacement.clone()))
            .unwrap();
        data.certificates = Some(cms::signed_data::CertificateSet(certificates));
        let mut infos: Vec<_> = data.signer_infos.0.iter().cloned().collect();
        for info in &mut infos {
            info.sid = SignerIdentifier::IssuerAndSerialNumber(cms::cert::IssuerAndSerialNumber {
                issuer: replacement.tbs_certificate.issuer.clone(),
                serial_number: replacement.tbs_certificate.serial_number.clone(),
            });
        }
        data.signer_infos = cms::signed_data::SignerInfos(infos.try_into().unwrap());
    })
}

fn certificate_pem(p12: &str) -> Vec<u8> {
    let password = std::fs::read_to_string(pki_file(&format!("{p12}.password"))).unwrap();
    let (code, stdout, stderr) = run(Command::new("openssl")
        // The fixtures use the PKCS#12 ciphers of older tools, which OpenSSL 3 keeps in its legacy
        // provider.
        .args(["pkcs12", "-legacy", "-nokeys", "-clcerts", "-in"])
        .arg(pki_file(&format!("{p12}.p12")))
        .args(["-passin", &format!("pass:{password}")]));
    assert_eq!(code, 0, "openssl reads the fixture: {stderr}");
    stdout.into_bytes()
}

// --- the corpus ----------------------------------------------------------------------------------

fn corpus() -> Vec<Case> {
    use Verdict::{Broken, ModifiedAfter};
    let signed = signed_by_alice(real_report());
    let modified = |list: Vec<Modification>| Expected::Verdicts(vec![(ModifiedAfter, list)]);
    let mut cases = vec![
        Case {
            name: "isa-replace-page-content",
            pdf: isa_replace_page_content(&signed),
            expected: modified(vec![page_content(1)]),
        },
        Case {
            name: "isa-redefine-content-object",
            pdf: isa_redefine_content_object(&signed),
            expected: modified(vec![page_content(1)]),
        },
        Case {
            name: "isa-without-xref",
            pdf: isa_without_xref(&signed),
            expected: Expected::Verdicts(vec![(ModifiedAfter, Vec::new())]),
        },
        Case {
            name: "xmp-rewritten-without-a-signature",
            pdf: xmp_rewritten_without_a_signature(&signed),
            expected: modified(vec![Modification::Metadata]),
        },
        Case {
            name: "isa-overlay-annotation",
            pdf: isa_overlay_annotation(&signed),
            expected: modified(vec![Modification::AnnotationAdded { page: 1 }]),
        },
        Case {
            name: "attachment-swap",
            pdf: attachment_swap(&signed),
            expected: modified(vec![Modification::AttachmentReplaced {
                name: "evaluation.json".to_owned(),
            }]),
        },
        Case {
            name: "decompression-bomb",
            pdf: attachment_bomb(&signed),
            expected: modified(vec![Modification::AttachmentReplaced {
                name: "evaluation.json".to_owned(),
            }]),
        },
        Case {
            name: "looping-name-tree",
            pdf: looping_name_tree(&signed),
            expected: modified(vec![Modification::CatalogEntry {
                key: "Names/EmbeddedFiles".to_owned(),
            }]),
        },
        Case {
            name: "field-flood",
            pdf: field_flood(&signed),
            expected: Expected::TooComplex,
        },
        Case {
            name: "shadow-hide",
            pdf: shadow_hide(),
            expected: modified(vec![Modification::AnnotationChanged { page: 1 }]),
        },
        Case {
            name: "shadow-replace",
            pdf: shadow_replace(),
            expected: modified(vec![page_content(1)]),
        },
        Case {
            name: "shadow-hide-and-replace",
            pdf: shadow_hide_and_replace(),
            expected: modified(vec![Modification::CatalogReplaced]),
        },
        Case {
            name: "signature-wrapping",
            pdf: signature_wrapping(&signed),
            expected: Expected::Verdicts(vec![(Broken, Vec::new())]),
        },
        Case {
            name: "certificate-swap-same-key",
            pdf: swap_certificate(&signed, &std::fs::read(pki_file("swapped.pem")).unwrap()),
            expected: Expected::Verdicts(vec![(Broken, Vec::new())]),
        },
        Case {
            name: "certificate-swap-other-key",
            pdf: swap_certificate(&signed, &certificate_pem("ec-signer")),
            expected: Expected::Verdicts(vec![(Broken, Vec::new())]),
        },
    ];
    for (name, sig) in usf_variants() {
        cases.push(Case {
            name,
            pdf: forged_signature(sig),
            expected: Expected::Verdicts(vec![(Broken, Vec::new())]),
        });
    }
    cases
}

/// pyHanko's per-signature lines (`FIELD:…:INTACT:TRUSTED,UNTOUCHED`…) read as "vouches for
/// the document" or not, in signing order.
fn pyhanko_verdicts(pyhanko: &Path, pdf: &Path) -> Vec<bool> {
    let (_, output) = pyhanko_validate(pyhanko, pdf, false);
    let verdicts: Vec<bool> = output
        .lines()
        .filter(|line| line.contains(':') && !line.starts_with(' '))
        .filter(|line| {
            line.contains("INTACT") || line.contains("INVALID") || line.contains("Signature")
        })
        .map(|line| {
            line.contains("INTACT:TRUSTED")
                && (line.contains("UNTOUCHED") || line.contains("ACCEPTABLE_MODIFICATIONS"))
        })
        .collect();
    verdicts
}

#[test]
fn every_attack_gets_its_verdict_and_pyhanko_agrees() {
    let pyhanko = tool("pyhanko");
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for case in corpus() {
        let outcome = verify_pdf(&case.pdf);
        let ours: Vec<bool> = match (&case.expected, &outcome) {
            (Expected::TooComplex, Err(Error::TooComplex(_))) => vec![false],
            (Expected::Verdicts(expected), Ok(reports)) => {
                let verdicts: Vec<Verdict> = reports.iter().map(|r| r.verdict).collect();
                let wanted: Vec<Verdict> = expected.iter().map(|(v, _)| *v).collect();
                if verdicts != wanted {
                    failures.push(format!("{}: {reports:#?}", case.name));
                    continue;
                }
                for ((_, must_list), report) in expected.iter().zip(reports) {
                    if !must_list.iter().all(|m| report.modifications.contains(m))
                        || (report.verdict == Verdict::ModifiedAfter
                            && report.modifications.is_empty())
                    {
                        failures.push(format!(
                            "{}: expected {must_list:?} among {:?}",
                            case.name, report.modifications
                        ));
                    }
                }
                reports.iter().map(|r| r.verdict.is_valid()).collect()
            }
            (_, other) => {
                failures.push(format!("{}: unexpected {other:?}", case.name));
                continue;
            }
        };
        let path = write_pdf(dir.path(), &format!("{}.pdf", case.name), &case.pdf);
        // For measuring other builds (README's before/after table): keep the corpus.
        if let Some(keep) = std::env::var_os("JAUGE_KEEP_ATTACK_CORPUS") {
            write_pdf(Path::new(&keep), &format!("{}.pdf", case.name), &case.pdf);
        }
        if let Some(pyhanko) = &pyhanko {
            let theirs = pyhanko_verdicts(pyhanko, &path);
            let agrees = match stricter_than_pyhanko(case.name) {
                Some(_) => {
                    !theirs.is_empty()
                        && theirs.iter().all(|valid| *valid)
                        && ours.iter().all(|valid| !valid)
                }
                None => {
                    theirs.iter().all(|valid| !valid) && ours.iter().all(|valid| !valid)
                        || theirs == ours
                }
            };
            if !agrees {
                failures.push(format!(
                    "{}: pyHanko says {theirs:?}, we say {ours:?}:\n{}",
                    case.name,
                    pyhanko_validate(pyhanko, &path, false).1
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// pyHanko countersigns `pdf` with the EC signer, as a colleague's tool would.
fn pyhanko_countersign(pyhanko: &Path, dir: &Path, name: &str, pdf: &[u8]) -> Vec<u8> {
    let input = write_pdf(dir, &format!("{name}-in.pdf"), pdf);
    let output = dir.join(format!("{name}-out.pdf"));
    let (code, stdout, stderr) = run(Command::new(pyhanko)
        .args([
            "sign",
            "addsig",
            "--field",
            "Contreseing",
            "--use-pades",
            "pkcs12",
            "--passfile",
        ])
        .arg(pki_file("ec-signer.password"))
        .arg(&input)
        .arg(&output)
        .arg(pki_file("ec-signer.p12")));
    assert_eq!(code, 0, "pyHanko countersigns:\n{stdout}\n{stderr}");
    std::fs::read(&output).unwrap()
}

#[test]
fn a_legitimate_chain_of_three_signers_stays_valid_everywhere() {
    let rsa = signed_by_alice(real_report());
    let ec = sign_pdf(
        &rsa,
        &load_signer("ec-signer"),
        &options("Validation par l'acheteur", true),
    )
    .unwrap();
    let third = sign_pdf(
        &ec,
        &load_signer("qc-signer"),
        &options("Visa du contrôle", true),
    )
    .unwrap();
    let reports = verify_pdf(&third).unwrap();
    let verdicts: Vec<Verdict> = reports.iter().map(|r| r.verdict).collect();
    assert_eq!(
        verdicts,
        [
            Verdict::LaterSignaturesOnly,
            Verdict::LaterSignaturesOnly,
            Verdict::Unchanged
        ],
        "{reports:#?}"
    );
    let qualified = &reports[2].certificate.as_ref().unwrap().qualified;
    assert!(
        qualified.compliance,
        "the third signer declares QcCompliance"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = write_pdf(dir.path(), "chain.pdf", &third);
    if let Some(pyhanko) = tool("pyhanko") {
        let (code, output) = pyhanko_validate(&pyhanko, &path, false);
        assert_eq!(code, 0, "pyHanko rejects the chain:\n{output}");
        assert_eq!(
            pyhanko_verdicts(&pyhanko, &path),
            [true, true, true],
            "{output}"
        );
    }
    if let Some(pdfsig) = tool("pdfsig") {
        let blocks = super::pdfsig_blocks(&pdfsig, &path);
        assert_eq!(blocks.len(), 3);
        for block in blocks {
            assert!(block.contains("Signature is Valid."), "{block}");
        }
    }
}

/// pyHanko's countersignature also rewrites the XMP packet and raises the catalog's /Version:
/// the bookkeeping of a later signature, accepted beside it (and only beside it).
#[test]
fn a_pyhanko_countersignature_is_a_later_signature_only() {
    let Some(pyhanko) = tool("pyhanko") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let both = pyhanko_countersign(
        &pyhanko,
        dir.path(),
        "legit",
        &signed_by_alice(real_report()),
    );
    let reports = verify_pdf(&both).unwrap();
    let verdicts: Vec<Verdict> = reports.iter().map(|r| r.verdict).collect();
    assert_eq!(
        verdicts,
        [Verdict::LaterSignaturesOnly, Verdict::Unchanged],
        "{reports:#?}"
    );
}

#[test]
fn a_modified_document_countersigned_elsewhere_is_still_caught_and_jauge_refuses_to_countersign() {
    let modified = isa_replace_page_content(&signed_by_alice(real_report()));
    match sign_pdf(
        &modified,
        &load_signer("ec-signer"),
        &options("Validation", false),
    ) {
        Err(Error::ModifiedAfterSignature { field, changes }) => {
            assert_eq!(field, "Signature1");
            assert!(changes.contains("page 1 : contenu remplacé"), "{changes}");
        }
        other => panic!("countersigning a modified document must be refused: {other:?}"),
    }
    let Some(pyhanko) = tool("pyhanko") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let both = pyhanko_countersign(&pyhanko, dir.path(), "isa", &modified);
    let reports = verify_pdf(&both).unwrap();
    let verdicts: Vec<Verdict> = reports.iter().map(|r| r.verdict).collect();
    assert_eq!(
        verdicts,
        [Verdict::ModifiedAfter, Verdict::Unchanged],
        "{reports:#?}"
    );
    assert!(reports[0].modifications.contains(&page_content(1)));
    let path = write_pdf(dir.path(), "isa-countersigned.pdf", &both);
    assert_eq!(pyhanko_verdicts(&pyhanko, &path), [false, true]);
}

#[test]
fn extraction_reads_the_signed_revision_and_refuses_a_swapped_or_bombed_attachment() {
    let dir = tempfile::tempdir().unwrap();
    let signed = signed_by_alice(real_report());
    let path = write_pdf(dir.path(), "signed.pdf", &signed);
    let extracted = jauge_api::extract_evaluation_file(&path).unwrap();
    assert_eq!(
        extracted.covered_by.as_ref().map(|r| r.field_name.as_str()),
        Some("Signature1")
    );
    for (name, pdf) in [
        ("swapped.pdf", attachment_swap(&signed)),
        ("bombed.pdf", attachment_bomb(&signed)),
    ] {
        let path = write_pdf(dir.path(), name, &pdf);
        let error = jauge_api::extract_evaluation_file(&path).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("changed after signature Signature1"),
            "{name}: {error}"
        );
    }
    // Unsigned, the bomb is refused by the size cap rather than inflated.
    let bombed = attachment_bomb(real_report());
    assert!(matches!(
        jauge_report::extract_evaluation(&bombed),
        Err(jauge_report::Error::Refused(_))
    ));
    // A name tree that lists itself is walked once: the evaluation it names is still found.
    let looping = looping_name_tree(real_report());
    assert!(jauge_report::extract_evaluation(&looping).is_ok());
}
