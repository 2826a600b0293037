//! Checking every signature of a PDF the way a validator does, minus certificate trust.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::cms::{check_signed_data, der_length};
use crate::pdf_text::{decode_text_string, parse_pdf_date};
use crate::{Error, Result};

/// Form fields nest through `/Kids`; real forms are shallow, so deeper trees are malformed or
/// cyclic.
const MAX_FIELD_DEPTH: usize = 32;

/// What verification found for one signature field.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureReport {
    /// The field's fully qualified name, such as `Signature1`.
    pub field_name: String,
    pub signer_common_name: Option<String>,
    /// The signer certificate's subject in RFC 4514 form.
    pub signer_subject: Option<String>,
    /// The claimed signing time from `/M`.
    pub signing_time: Option<DateTime<Utc>>,
    /// `/SubFilter`, e.g. `ETSI.CAdES.detached`.
    pub sub_filter: Option<String>,
    /// `/ByteRange` starts at 0, stays inside the file, and leaves out exactly the `/Contents`
    /// hex string.
    pub byte_range_valid: bool,
    /// The CMS messageDigest equals the SHA-256 of the bytes the byte range covers.
    pub digest_matches: bool,
    /// The CMS signature verifies with the signer certificate's public key.
    pub signature_valid: bool,
    /// All of the above hold: the covered bytes are exactly what the signer signed.
    pub intact: bool,
    /// The byte range ends at the end of the file: nothing was appended after this signature.
    pub covers_whole_file: bool,
    /// Why the signature is not intact, in words a user can act on.
    pub problem: Option<String>,
}

/// Verifies every signature in `pdf`, ordered as they were applied (by the end of their byte
/// range). A PDF without signatures gives an empty list; bytes that are not a readable PDF give
/// an error.
pub fn verify_pdf(pdf: &[u8]) -> Result<Vec<SignatureReport>> {
    let document = load_pdf(pdf)?;
    Ok(verify_document(pdf, &document))
}

pub(crate) fn load_pdf(pdf: &[u8]) -> Result<Document> {
    // ISO 32000 lets the header sit anywhere in the first 1024 bytes.
    let head = &pdf[..pdf.len().min(1024)];
    if !head.windows(5).any(|window| window == b"%PDF-") {
        return Err(Error::NotPdf);
    }
    Document::load_mem(pdf).map_err(Error::UnreadablePdf)
}

pub(crate) fn verify_document(pdf: &[u8], document: &Document) -> Vec<SignatureReport> {
    let mut signatures: Vec<(u64, SignatureReport)> = form_fields(document)
        .into_iter()
        .filter(|field| field.is_signature && field.is_terminal)
        .filter_map(|field| {
            let value = field.dict.get_deref(b"V", document).ok()?.as_dict().ok()?;
            Some(check_signature(pdf, field.name, value))
        })
        .collect();
    signatures.sort_by_key(|(order, _)| *order);
    signatures.into_iter().map(|(_, report)| report).collect()
}

/// Every field name in the form, signed or not, so a new signature field never reuses one.
pub(crate) fn field_names(document: &Document) -> HashSet<String> {
    form_fields(document)
        .into_iter()
        .map(|field| field.name)
        .collect()
}

struct FormField<'a> {
    name: String,
    dict: &'a Dictionary,
    is_signature: bool,
    /// Only terminal fields carry values; the others just namespace their kids.
    is_terminal: bool,
}

fn form_fields(document: &Document) -> Vec<FormField<'_>> {
    let mut fields = Vec::new();
    let roots = document
        .catalog()
        .and_then(|catalog| catalog.get_deref(b"AcroForm", document))
        .and_then(Object::as_dict)
        .and_then(|form| form.get_deref(b"Fields", document))
        .and_then(Object::as_array);
    if let Ok(roots) = roots {
        let mut seen = HashSet::new();
        for root in roots {
            collect_fields(document, root, "", false, 0, &mut seen, &mut fields);
        }
    }
    fields
}

fn collect_fields<'a>(
    document: &'a Document,
    node: &'a Object,
    parent_name: &str,
    parent_is_signature: bool,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    fields: &mut Vec<FormField<'a>>,
) {
    if depth > MAX_FIELD_DEPTH {
        return;
    }
    if let Object::Reference(id) = node
        && !seen.insert(*id)
    {
        return;
    }
    let Ok((_, object)) = document.dereference(node) else {
        return;
    };
    let Ok(dict) = object.as_dict() else { return };
    let own_name = dict
        .get(b"T")
        .and_then(Object::as_str)
        .map(decode_text_string)
        .ok();
    let name = match (&own_name, parent_name.is_empty()) {
        (Some(own), true) => own.clone(),
        (Some(own), false) => format!("{parent_name}.{own}"),
        (None, _) => parent_name.to_owned(),
    };
    // /FT is inheritable, so a widget kid of a signature field is a signature too.
    let is_signature = match dict.get(b"FT").and_then(Object::as_name) {
        Ok(kind) => kind == b"Sig",
        Err(_) => parent_is_signature,
    };
    let kids = dict.get_deref(b"Kids", document).and_then(Object::as_array);
    let has_field_kids = kids.as_ref().is_ok_and(|kids| {
        kids.iter().any(|kid| {
            document
                .dereference(kid)
                .ok()
                .and_then(|(_, kid)| kid.as_dict().ok())
                .is_some_and(|kid| kid.has(b"T"))
        })
    });
    if own_name.is_some() {
        fields.push(FormField {
            name: name.clone(),
            dict,
            is_signature,
            is_terminal: !has_field_kids,
        });
    }
    if has_field_kids && let Ok(kids) = kids {
        for kid in kids {
            collect_fields(document, kid, &name, is_signature, depth + 1, seen, fields);
        }
    }
}

fn check_signature(
    pdf: &[u8],
    field_name: String,
    signature: &Dictionary,
) -> (u64, SignatureReport) {
    let mut report = SignatureReport {
        field_name,
        signer_common_name: None,
        signer_subject: None,
        signing_time: signature
            .get(b"M")
            .and_then(Object::as_str)
            .ok()
            .and_then(|date| parse_pdf_date(&decode_text_string(date))),
        sub_filter: signature
            .get(b"SubFilter")
            .and_then(Object::as_name)
            .ok()
            .map(|name| String::from_utf8_lossy(name).into_owned()),
        byte_range_valid: false,
        digest_matches: false,
        signature_valid: false,
        intact: false,
        covers_whole_file: false,
        problem: None,
    };
    let ranges = match byte_range(pdf, signature) {
        Ok(ranges) => ranges,
        Err(problem) => {
            report.problem = Some(problem);
            return (u64::MAX, report);
        }
    };
    let [start, first_len, second_start, second_len] = ranges;
    let end = second_start + second_len;
    report.byte_range_valid = true;
    report.covers_whole_file = end == pdf.len();

    let cms_der = match signature.get(b"Contents").and_then(Object::as_str) {
        Ok(contents) => {
            // The CMS must come from the gap the byte range leaves out, not from somewhere else
            // in the file that the byte range happens to cover.
            if decode_hex(&pdf[first_len + 1..second_start - 1]).as_deref() != Some(contents) {
                report.byte_range_valid = false;
                report.problem =
                    Some("the byte range does not leave out this signature's /Contents".to_owned());
                return (end as u64, report);
            }
            contents
        }
        Err(_) => {
            report.problem = Some("the signature has no /Contents".to_owned());
            return (end as u64, report);
        }
    };
    let cms_der = &cms_der[..der_length(cms_der).unwrap_or(cms_der.len())];
    let parts = [
        &pdf[start..start + first_len],
        &pdf[second_start..second_start + second_len],
    ];
    let check = check_signed_data(cms_der, &parts);
    report.signer_common_name = check.signer_common_name;
    report.signer_subject = check.signer_subject;
    report.digest_matches = check.digest_matches;
    report.signature_valid = check.signature_valid;
    report.problem = check.problem;
    report.intact = report.byte_range_valid
        && report.digest_matches
        && report.signature_valid
        && report.problem.is_none();
    (end as u64, report)
}

/// The four `/ByteRange` numbers, once checked to describe "everything but the `/Contents`
/// hex string": two ranges, the first starting at 0, separated by a `<…>` gap, inside the file.
fn byte_range(pdf: &[u8], signature: &Dictionary) -> std::result::Result<[usize; 4], String> {
    let values = signature
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map_err(|_| "the signature has no /ByteRange".to_owned())?;
    let numbers: Vec<usize> = values
        .iter()
        .filter_map(|value| value.as_i64().ok())
        .filter_map(|value| usize::try_from(value).ok())
        .collect();
    let [start, first_len, second_start, second_len] = numbers[..] else {
        return Err("the /ByteRange is not four non-negative integers".to_owned());
    };
    let gap_is_contents = first_len < second_start
        && second_start - first_len >= 2
        && pdf.get(first_len) == Some(&b'<')
        && pdf.get(second_start - 1) == Some(&b'>');
    let inside = second_start
        .checked_add(second_len)
        .is_some_and(|end| end <= pdf.len());
    if start != 0 || !inside || !gap_is_contents {
        return Err(format!(
            "the /ByteRange [{start} {first_len} {second_start} {second_len}] does not cover \
             the document around the signature value"
        ));
    }
    Ok([start, first_len, second_start, second_len])
}

fn decode_hex(text: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text
        .iter()
        .filter(|byte| !byte.is_ascii_whitespace())
        .map(|&byte| match byte {
            b'0'..=b'9' => Some(byte - b'0'),
            b'a'..=b'f' => Some(byte - b'a' + 10),
            b'A'..=b'F' => Some(byte - b'A' + 10),
            _ => None,
        })
        .collect::<Option<_>>()?;
    // An odd final digit is completed with 0 (ISO 32000-1 §7.3.4.3).
    Some(
        digits
            .chunks(2)
            .map(|pair| (pair[0] << 4) | pair.get(1).copied().unwrap_or(0))
            .collect(),
    )
}
