//! Appending a PAdES B-B signature to a PDF as an incremental update.
//!
//! The original bytes are kept verbatim and the update only adds a signature dictionary, its
//! widget, and new versions of the page's `/Annots` and of the AcroForm. That is exactly the set
//! of changes validators (pyHanko's diff analysis in particular) accept as "signing and form
//! filling", which is what keeps earlier signatures valid.

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Document, IncrementalDocument, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

use crate::appearance::build_appearance;
use crate::pdf_text::{encode_text_string, format_pdf_date};
use crate::revision::Modification;
use crate::signer::{Signer, build_signed_data};
use crate::verify::{
    Permits, Verdict, certification, field_names, load_pdf, signature_field_name, verify_document,
};
use crate::{Error, Result};

/// Annotation flags Print (4) + Locked (128): the block prints with the report and cannot be
/// moved by a viewer.
const WIDGET_FLAGS: i64 = 132;
/// SignaturesExist (1) + AppendOnly (2): tells editors to save incrementally from now on.
const SIG_FLAGS: i64 = 3;
/// Any value wider than every real offset, so the patched `/ByteRange` never grows.
const BYTE_RANGE_PLACEHOLDER: i64 = 9_999_999_999;
const DEFAULT_BOX_WIDTH: f32 = 200.0;
/// Tall enough for the name, date, reason, location and the two lines of the fingerprint.
const DEFAULT_BOX_HEIGHT: f32 = 72.0;
const PAGE_MARGIN: f32 = 42.0;
const BOX_GAP: f32 = 6.0;

/// A rectangle on the page, in PDF points from the page's lower-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignatureBox {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// Where the visible signature block goes on the last page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SignaturePlacement {
    /// The bottom-right corner of the last page, stacked above the blocks of earlier signers.
    BottomRight,
    /// An explicit rectangle on the last page.
    At(SignatureBox),
}

/// What to write into a signature besides the cryptography.
#[derive(Debug, Clone)]
pub struct SignOptions {
    /// Shown as the signer's name (`/Name`); the certificate's CN is what validators trust.
    pub signer_name: Option<String>,
    pub reason: Option<String>,
    pub location: Option<String>,
    /// The claimed signing time, written to `/M` (PAdES B-B keeps it out of the CMS).
    pub signing_time: DateTime<Utc>,
    /// `None` signs invisibly.
    pub visible: Option<SignaturePlacement>,
}

impl SignOptions {
    /// An invisible signature with no name, reason or location.
    pub fn new(signing_time: DateTime<Utc>) -> SignOptions {
        SignOptions {
            signer_name: None,
            reason: None,
            location: None,
            signing_time,
            visible: None,
        }
    }
}

/// Signs `pdf` as PAdES B-B and returns the signed document: the input bytes unchanged, followed
/// by an incremental update holding signature field `SignatureN` (the first free number).
///
/// Existing signatures are verified first: a document whose earlier signature no longer matches
/// its bytes is refused with [`Error::BrokenSignature`] rather than countersigned, and one
/// certified with no change permitted (DocMDP P=1) with [`Error::CertifiedAgainstChanges`]: a
/// signature added after it would void the certification, as pyHanko and Acrobat also refuse.
pub fn sign_pdf(pdf: &[u8], signer: &Signer, options: &SignOptions) -> Result<Vec<u8>> {
    let document = load_pdf(pdf)?;
    let reports = verify_document(pdf, &document)?;
    if let Some(certification) = certification(&document)
        && certification.permits == Permits::NoChange
    {
        return Err(Error::CertifiedAgainstChanges {
            field: signature_field_name(&document, certification.signature)
                .unwrap_or_else(|| "?".to_owned()),
        });
    }
    for report in reports {
        if matches!(report.verdict, Verdict::Broken | Verdict::Unverifiable) {
            return Err(Error::BrokenSignature {
                field: report.field_name,
                problem: report
                    .problem
                    .map(|problem| problem.english())
                    .unwrap_or_default(),
            });
        }
        if report.verdict == Verdict::ModifiedAfter {
            let changes: Vec<String> = report
                .modifications
                .iter()
                .map(Modification::french)
                .collect();
            return Err(Error::ModifiedAfterSignature {
                field: report.field_name,
                changes: changes.join(" ; "),
            });
        }
    }
    if document.is_encrypted() || document.encryption_state.is_some() {
        return Err(Error::UnsupportedPdf(
            "the document is encrypted; remove its password protection first".to_owned(),
        ));
    }
    if document.xref_start == 0 {
        return Err(Error::UnsupportedPdf(
            "its cross-reference table is damaged; repair the file first".to_owned(),
        ));
    }

    let field_name = next_field_name(&document)?;
    let reserved = reserved_signature_size(signer);
    let mut update = IncrementalDocument::create_from(pdf.to_vec(), document);
    add_signature_objects(&mut update, signer, options, &field_name, reserved)?;

    let mut signed = Vec::with_capacity(pdf.len() + 2 * reserved + 4096);
    update.save_to(&mut signed).map_err(Error::PdfWrite)?;
    let (contents_start, contents_end) = find_contents_placeholder(&signed, pdf.len(), reserved)?;
    patch_byte_range(&mut signed, pdf.len(), contents_start, contents_end)?;

    let mut hasher = Sha256::new();
    hasher.update(&signed[..contents_start]);
    hasher.update(&signed[contents_end..]);
    let digest = hasher.finalize();
    let cms = build_signed_data(signer, &digest)?;
    if cms.len() > reserved {
        return Err(Error::SignatureTooLarge {
            size: cms.len(),
            reserved,
        });
    }
    write_hex(&mut signed[contents_start + 1..], &cms);
    Ok(signed)
}

fn next_field_name(document: &Document) -> Result<String> {
    let taken = field_names(document)?;
    Ok((1..)
        .map(|number| format!("Signature{number}"))
        .find(|name| !taken.contains(name))
        .unwrap_or_else(|| "Signature".to_owned()))
}

/// Room for the CMS: the embedded certificates dominate its size, so reserve them plus a margin
/// for an RSA-4096 signature and the attributes; the unused part stays zero-filled.
fn reserved_signature_size(signer: &Signer) -> usize {
    let certificates: usize = signer
        .chain
        .iter()
        .map(|cert| der::Encode::encoded_len(cert).map_or(4096, |len| u32::from(len) as usize))
        .sum();
    (certificates + 4096).div_ceil(1024) * 1024
}

fn add_signature_objects(
    update: &mut IncrementalDocument,
    signer: &Signer,
    options: &SignOptions,
    field_name: &str,
    reserved: usize,
) -> Result<()> {
    let previous = update.get_prev_documents();
    let catalog_id = previous
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| Error::UnsupportedPdf("the trailer has no /Root catalog".to_owned()))?;
    let page_id = *previous
        .get_pages()
        .values()
        .last()
        .ok_or_else(|| Error::UnsupportedPdf("the document has no page".to_owned()))?;
    let rect = match options.visible {
        None => None,
        Some(SignaturePlacement::At(area)) => Some(area),
        Some(SignaturePlacement::BottomRight) => Some(bottom_right_box(previous, page_id)),
    };

    let signature_id = update
        .new_document
        .add_object(signature_dictionary(signer, options, reserved));

    let mut widget = Dictionary::new();
    widget.set("Type", Object::Name(b"Annot".to_vec()));
    widget.set("Subtype", Object::Name(b"Widget".to_vec()));
    widget.set("FT", Object::Name(b"Sig".to_vec()));
    widget.set(
        "T",
        Object::String(encode_text_string(field_name), StringFormat::Literal),
    );
    widget.set("V", Object::Reference(signature_id));
    widget.set("F", WIDGET_FLAGS);
    widget.set("P", Object::Reference(page_id));
    match rect {
        None => widget.set("Rect", Object::Array(vec![0.into(); 4])),
        Some(area) => {
            widget.set(
                "Rect",
                Object::Array(vec![
                    area.x.into(),
                    area.y.into(),
                    (area.x + area.width).into(),
                    (area.y + area.height).into(),
                ]),
            );
            let lines = appearance_lines(signer, options);
            let appearance = build_appearance(&lines, area.width, area.height);
            let appearance_id = update.new_document.add_object(appearance);
            let mut normal = Dictionary::new();
            normal.set("N", Object::Reference(appearance_id));
            widget.set("AP", normal);
        }
    }
    let widget_id = update.new_document.add_object(widget);

    add_annotation_to_page(update, page_id, widget_id)?;
    add_field_to_form(update, catalog_id, widget_id)
}

fn signature_dictionary(signer: &Signer, options: &SignOptions, reserved: usize) -> Dictionary {
    let mut signature = Dictionary::new();
    signature.set("Type", Object::Name(b"Sig".to_vec()));
    signature.set("Filter", Object::Name(b"Adobe.PPKLite".to_vec()));
    signature.set("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec()));
    signature.set(
        "ByteRange",
        Object::Array(vec![
            0.into(),
            BYTE_RANGE_PLACEHOLDER.into(),
            BYTE_RANGE_PLACEHOLDER.into(),
            BYTE_RANGE_PLACEHOLDER.into(),
        ]),
    );
    signature.set(
        "Contents",
        Object::String(vec![0; reserved], StringFormat::Hexadecimal),
    );
    signature.set(
        "M",
        Object::string_literal(format_pdf_date(&options.signing_time)),
    );
    let name = options.signer_name.clone().or_else(|| signer.common_name());
    let texts = [
        ("Name", name.as_deref()),
        ("Reason", options.reason.as_deref()),
        ("Location", options.location.as_deref()),
    ];
    for (key, value) in texts {
        if let Some(text) = value.filter(|text| !text.is_empty()) {
            signature.set(
                key,
                Object::String(encode_text_string(text), StringFormat::Literal),
            );
        }
    }
    signature
}

fn appearance_lines(signer: &Signer, options: &SignOptions) -> Vec<String> {
    let who = signer
        .common_name()
        .or_else(|| options.signer_name.clone())
        .unwrap_or_else(|| signer.subject());
    let mut lines = vec![
        format!("Signé électroniquement par {who}"),
        format!(
            "le {} UTC",
            options.signing_time.format("%d/%m/%Y à %H:%M:%S")
        ),
    ];
    // The fingerprint lets a reader of the printed report match the signer's certificate.
    let fingerprint = signer.certificate_details().sha256_fingerprint;
    let (first_half, second_half) = fingerprint.split_at(fingerprint.len() / 2);
    lines.push(format!("Certificat SHA-256 : {first_half}"));
    lines.push(second_half.to_owned());
    if let Some(reason) = options.reason.as_deref().filter(|text| !text.is_empty()) {
        lines.push(format!("Motif : {reason}"));
    }
    if let Some(location) = options.location.as_deref().filter(|text| !text.is_empty()) {
        lines.push(format!("Lieu : {location}"));
    }
    lines
}

/// The default block sits in the page's bottom-right corner; each earlier visible signature on
/// that page pushes it up one slot so that co-signers' blocks never overlap.
fn bottom_right_box(document: &Document, page_id: ObjectId) -> SignatureBox {
    let [left, bottom, right, top] = media_box(document, page_id);
    let earlier_blocks = document
        .get_page_annotations(page_id)
        .map(|annotations| {
            annotations
                .iter()
                .filter(|annotation| is_visible_signature_widget(document, annotation))
                .count()
        })
        .unwrap_or(0);
    let width = DEFAULT_BOX_WIDTH
        .min(right - left - 2.0 * PAGE_MARGIN)
        .max(40.0);
    let y = bottom + PAGE_MARGIN + earlier_blocks as f32 * (DEFAULT_BOX_HEIGHT + BOX_GAP);
    SignatureBox {
        x: right - PAGE_MARGIN - width,
        y: y.min(top - PAGE_MARGIN - DEFAULT_BOX_HEIGHT),
        width,
        height: DEFAULT_BOX_HEIGHT,
    }
}

fn is_visible_signature_widget(document: &Document, annotation: &Dictionary) -> bool {
    let is_signature = annotation
        .get(b"FT")
        .and_then(Object::as_name)
        .is_ok_and(|name| name == b"Sig");
    let has_area = annotation
        .get_deref(b"Rect", document)
        .and_then(Object::as_array)
        .is_ok_and(|rect| {
            rect.iter()
                .any(|value| value.as_float().unwrap_or(0.0) != 0.0)
        });
    is_signature && has_area
}

/// The page's `/MediaBox`, which a page may inherit from its ancestors in the page tree.
fn media_box(document: &Document, page_id: ObjectId) -> [f32; 4] {
    const A4: [f32; 4] = [0.0, 0.0, 595.28, 841.89];
    let mut node = document.get_dictionary(page_id).ok();
    for _ in 0..32 {
        let Some(dict) = node else { break };
        if let Ok(values) = dict
            .get_deref(b"MediaBox", document)
            .and_then(Object::as_array)
        {
            let numbers: Vec<f32> = values.iter().filter_map(|v| v.as_float().ok()).collect();
            if let [a, b, c, d] = numbers[..] {
                return [a.min(c), b.min(d), a.max(c), b.max(d)];
            }
            return A4;
        }
        node = dict
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|parent| document.get_dictionary(parent))
            .ok();
    }
    A4
}

fn add_annotation_to_page(
    update: &mut IncrementalDocument,
    page_id: ObjectId,
    widget_id: ObjectId,
) -> Result<()> {
    let annots = update
        .get_prev_documents()
        .get_dictionary(page_id)
        .map_err(Error::UnreadablePdf)?
        .get(b"Annots")
        .ok()
        .cloned();
    match annots {
        // A shared /Annots array is updated in place, so the page object stays untouched.
        Some(Object::Reference(array_id)) => {
            update
                .opt_clone_object_to_new_document(array_id)
                .map_err(Error::UnreadablePdf)?;
            update
                .new_document
                .get_object_mut(array_id)
                .and_then(Object::as_array_mut)
                .map_err(|_| Error::UnsupportedPdf("the page's /Annots is not an array".into()))?
                .push(Object::Reference(widget_id));
        }
        Some(Object::Array(mut list)) => {
            list.push(Object::Reference(widget_id));
            set_in_new_object(update, page_id, b"Annots", Object::Array(list))?;
        }
        None => {
            let list = Object::Array(vec![Object::Reference(widget_id)]);
            set_in_new_object(update, page_id, b"Annots", list)?;
        }
        Some(_) => {
            return Err(Error::UnsupportedPdf(
                "the last page's /Annots is not an array".to_owned(),
            ));
        }
    }
    Ok(())
}

fn add_field_to_form(
    update: &mut IncrementalDocument,
    catalog_id: ObjectId,
    widget_id: ObjectId,
) -> Result<()> {
    let catalog = update
        .get_prev_documents()
        .get_dictionary(catalog_id)
        .map_err(Error::UnreadablePdf)?;
    match catalog.get(b"AcroForm").ok().cloned() {
        Some(Object::Reference(form_id)) => {
            update
                .opt_clone_object_to_new_document(form_id)
                .map_err(Error::UnreadablePdf)?;
            let mut form = update
                .new_document
                .get_dictionary(form_id)
                .map_err(|_| Error::UnsupportedPdf("the /AcroForm is not a dictionary".into()))?
                .clone();
            add_field(update, &mut form, widget_id)?;
            update
                .new_document
                .set_object(form_id, Object::Dictionary(form));
        }
        Some(Object::Dictionary(mut form)) => {
            add_field(update, &mut form, widget_id)?;
            set_in_new_object(update, catalog_id, b"AcroForm", Object::Dictionary(form))?;
        }
        None => {
            let mut form = Dictionary::new();
            form.set("Fields", Object::Array(vec![Object::Reference(widget_id)]));
            form.set("SigFlags", SIG_FLAGS);
            let form_id = update.new_document.add_object(form);
            set_in_new_object(update, catalog_id, b"AcroForm", Object::Reference(form_id))?;
        }
        Some(_) => {
            return Err(Error::UnsupportedPdf(
                "the catalog's /AcroForm is not a dictionary".to_owned(),
            ));
        }
    }
    Ok(())
}

fn add_field(
    update: &mut IncrementalDocument,
    form: &mut Dictionary,
    widget_id: ObjectId,
) -> Result<()> {
    match form.get(b"Fields").ok().cloned() {
        Some(Object::Reference(fields_id)) => {
            update
                .opt_clone_object_to_new_document(fields_id)
                .map_err(Error::UnreadablePdf)?;
            update
                .new_document
                .get_object_mut(fields_id)
                .and_then(Object::as_array_mut)
                .map_err(|_| Error::UnsupportedPdf("the form's /Fields is not an array".into()))?
                .push(Object::Reference(widget_id));
        }
        Some(Object::Array(mut fields)) => {
            fields.push(Object::Reference(widget_id));
            form.set("Fields", Object::Array(fields));
        }
        _ => form.set("Fields", Object::Array(vec![Object::Reference(widget_id)])),
    }
    form.set("SigFlags", SIG_FLAGS);
    Ok(())
}

/// Sets `key` in a new revision of the dictionary object `id`.
fn set_in_new_object(
    update: &mut IncrementalDocument,
    id: ObjectId,
    key: &[u8],
    value: Object,
) -> Result<()> {
    update
        .opt_clone_object_to_new_document(id)
        .map_err(Error::UnreadablePdf)?;
    update
        .new_document
        .get_dictionary_mut(id)
        .map_err(Error::UnreadablePdf)?
        .set(key, value);
    Ok(())
}

/// Finds the zero-filled `/Contents` hex string, only in the appended bytes: the original
/// document could contain a look-alike, and it must never be touched.
fn find_contents_placeholder(
    signed: &[u8],
    appended_from: usize,
    reserved: usize,
) -> Result<(usize, usize)> {
    let hex_len = 2 * reserved;
    let appended = &signed[appended_from..];
    let start = appended
        .iter()
        .enumerate()
        .filter(|(_, byte)| **byte == b'<')
        .map(|(index, _)| index)
        .find(|&index| {
            appended
                .get(index + 1..index + 2 + hex_len)
                .is_some_and(|run| {
                    run[..hex_len].iter().all(|&b| b == b'0') && run[hex_len] == b'>'
                })
        })
        .ok_or_else(|| placeholder_missing("/Contents"))?;
    let start = appended_from + start;
    Ok((start, start + hex_len + 2))
}

/// Rewrites the `/ByteRange` placeholder with the real ranges, padded with spaces so that no
/// offset in the file moves.
fn patch_byte_range(
    signed: &mut [u8],
    appended_from: usize,
    contents_start: usize,
    contents_end: usize,
) -> Result<()> {
    let key = b"/ByteRange";
    let key_at = signed[appended_from..]
        .windows(key.len())
        .position(|window| window == key)
        .map(|position| appended_from + position + key.len())
        .ok_or_else(|| placeholder_missing("/ByteRange"))?;
    let open = key_at
        + signed[key_at..]
            .iter()
            .position(|&byte| byte == b'[')
            .ok_or_else(|| placeholder_missing("/ByteRange"))?;
    let close = open
        + signed[open..]
            .iter()
            .position(|&byte| byte == b']')
            .ok_or_else(|| placeholder_missing("/ByteRange"))?;
    let ranges = format!(
        "0 {} {} {}",
        contents_start,
        contents_end,
        signed.len() - contents_end
    );
    let slot = &mut signed[open + 1..close];
    if ranges.len() > slot.len() {
        return Err(placeholder_missing("/ByteRange"));
    }
    slot.fill(b' ');
    slot[..ranges.len()].copy_from_slice(ranges.as_bytes());
    Ok(())
}

fn placeholder_missing(what: &str) -> Error {
    Error::PdfWrite(std::io::Error::other(format!(
        "the {what} placeholder was not found in the written update"
    )))
}

fn write_hex(target: &mut [u8], bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (pair, byte) in target.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
}
