//! Checking every signature of a PDF the way a validator does, minus certificate trust: the
//! cryptography of each signature, then what changed in the document after it (see
//! [`crate::revision`]).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use crate::certificate::CertificateDetails;
use crate::cms::{Coverage, check_signed_data};
use crate::display::escape_control_characters;
use crate::pdf_text::{decode_text_string, parse_pdf_date};
use crate::problem::Problem;
use crate::remark::{Remark, Timestamp};
use crate::revision::{Modification, modifications};
use crate::{Error, Result};

/// Form fields nest through `/Kids`; real forms are shallow, so deeper trees are malformed or
/// cyclic.
const MAX_FIELD_DEPTH: usize = 32;
/// A report carries a handful of signature fields; thousands of fields are a flood meant to make
/// the verifier slow.
pub const MAX_FORM_FIELDS: usize = 2_000;
/// Each signature costs one more reading of the document (the revision it signed).
pub const MAX_SIGNATURES: usize = 50;
/// What one stream (object streams, cross-reference streams) may inflate to while a document is
/// read. Real ones are kilobytes; a bomb is refused instead of filling memory.
pub const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// The largest PDF read, before anything in it is parsed. Jauge's largest report (760 pages, the
/// 30 × 400 × 9 benchmark) is a few megabytes; the cap keeps a hostile file's parse, which holds
/// the bytes and their objects together, well inside half a gigabyte.
pub const MAX_PDF_BYTES: usize = 64 * 1024 * 1024;

/// What the earlier revisions may cost to read, in bytes parsed, all revisions together. Each is
/// a prefix of the file read in full and kept until every signature is judged: a report with
/// three signatures reads about three times its size, while a file of a hundred revision ends
/// would read its size a hundred times over and hold every copy (6 GB for a 60 MB file).
pub const MAX_REVISION_BYTES: usize = 2 * MAX_PDF_BYTES;

/// How a signature stands, all things considered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Intact, and the file is exactly what was signed.
    Unchanged,
    /// Intact; only later signatures (and what no reader can see) were added after it.
    LaterSignaturesOnly,
    /// The signed bytes are intact, but the document was modified after the signature: what a
    /// reader sees now is not what was signed.
    ModifiedAfter,
    /// The signed bytes are intact and the document was modified after, but only in the ways a
    /// certification signature permits (form filling under DocMDP P=2, annotations too under
    /// P=3), and no field a signature locked was touched.
    ModifiedWithinPermissions,
    /// The signature does not match the bytes it claims to sign, or is malformed.
    Broken,
    /// The signature uses an algorithm Jauge cannot check (Ed448…): neither intact nor
    /// altered as far as Jauge can tell.
    Unverifiable,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Unchanged => "unchanged",
            Verdict::LaterSignaturesOnly => "later_signatures_only",
            Verdict::ModifiedAfter => "modified_after",
            Verdict::ModifiedWithinPermissions => "modified_within_permissions",
            Verdict::Broken => "broken",
            Verdict::Unverifiable => "unverifiable",
        }
    }

    pub fn french(self) -> &'static str {
        match self {
            Verdict::Unchanged => "intacte, rien n'a changé depuis",
            Verdict::LaterSignaturesOnly => {
                "intacte, seules des signatures ont été ajoutées ensuite"
            }
            Verdict::ModifiedAfter => {
                "intacte mais le document a été MODIFIÉ après cette signature"
            }
            Verdict::ModifiedWithinPermissions => {
                "intacte ; le document a été modifié après, dans les limites permises par la \
                 certification"
            }
            Verdict::Broken => "ALTÉRÉE : elle ne correspond plus au document",
            Verdict::Unverifiable => {
                "NON VÉRIFIABLE : son algorithme n'est pas pris en charge (ni intacte ni altérée \
                 à la connaissance de Jauge)"
            }
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            Verdict::Unchanged => "intact, nothing changed since",
            Verdict::LaterSignaturesOnly => "intact, only signatures were added after it",
            Verdict::ModifiedAfter => "intact but the document was MODIFIED after this signature",
            Verdict::ModifiedWithinPermissions => {
                "intact; the document was modified after it, within the limits the \
                 certification permits"
            }
            Verdict::Broken => "BROKEN: it no longer matches the document",
            Verdict::Unverifiable => {
                "NOT VERIFIABLE: its algorithm is not supported (neither intact nor altered as \
                 far as Jauge can tell)"
            }
        }
    }

    /// The signature vouches for what the file shows now.
    pub fn is_valid(self) -> bool {
        matches!(self, Verdict::Unchanged | Verdict::LaterSignaturesOnly)
    }
}

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
    /// Why the signature is not intact or cannot be checked.
    pub problem: Option<Problem>,
    pub verdict: Verdict,
    /// What changed after this signature that no rule accepts (empty unless
    /// [`Verdict::ModifiedAfter`]).
    pub modifications: Vec<Modification>,
    /// The signed revision is the file's first `signed_length` bytes (`None` when the byte
    /// range is unusable).
    pub signed_length: Option<usize>,
    pub certificate: Option<CertificateDetails>,
    /// What was noted without doubting the signature (weak digest, not PAdES baseline,
    /// encoding, timestamps, no revocation check).
    pub remarks: Vec<Remark>,
    /// For a document timestamp (`ETSI.RFC3161`): the time and authority it vouches for. The
    /// signer fields then name the timestamp authority.
    pub document_timestamp: Option<Timestamp>,
}

impl SignatureReport {
    /// The claimed signing time falls inside the certificate's validity period.
    pub fn signed_within_validity(&self) -> Option<bool> {
        self.certificate.as_ref()?.valid_at(self.signing_time?)
    }
}

/// True when the document has signatures, every one intact, and nothing but signatures was
/// added after any of them: the file shows what its signers signed.
pub fn all_signatures_valid(reports: &[SignatureReport]) -> bool {
    !reports.is_empty() && reports.iter().all(|report| report.verdict.is_valid())
}

/// The bytes of the revision a signature covers, as its signer saw them: a PDF of its own.
pub fn signed_revision<'a>(pdf: &'a [u8], report: &SignatureReport) -> Option<&'a [u8]> {
    pdf.get(..report.signed_length?)
}

/// Verifies every signature in `pdf`, ordered as they were applied (by the end of their byte
/// range). A PDF without signatures gives an empty list; bytes that are not a readable PDF give
/// an error.
pub fn verify_pdf(pdf: &[u8]) -> Result<Vec<SignatureReport>> {
    let document = load_pdf(pdf)?;
    verify_document(pdf, &document)
}

/// Reads a PDF with every stream's inflation bounded, leniently (a repaired file is noted by
/// the revision analysis, not refused).
pub fn load_pdf(pdf: &[u8]) -> Result<Document> {
    if pdf.len() > MAX_PDF_BYTES {
        return Err(Error::PdfTooLarge {
            bytes: pdf.len(),
            limit: MAX_PDF_BYTES,
        });
    }
    // ISO 32000 lets the header sit anywhere in the first 1024 bytes.
    let head = &pdf[..pdf.len().min(1024)];
    if !head.windows(5).any(|window| window == b"%PDF-") {
        return Err(Error::NotPdf);
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    Document::load_mem_with_options(pdf, options).map_err(Error::UnreadablePdf)
}

pub(crate) fn verify_document(pdf: &[u8], document: &Document) -> Result<Vec<SignatureReport>> {
    let mut checked = HashSet::new();
    let mut locks = HashMap::new();
    let mut signatures: Vec<(u64, Option<ObjectId>, SignatureReport)> = Vec::new();
    for field in form_fields(document)? {
        if !(field.is_signature && field.is_terminal) {
            continue;
        }
        let Ok(value) = field.dict.get(b"V") else {
            continue;
        };
        // Many fields may point to one signature dictionary; it is one signature, checked once.
        let holder = match value {
            Object::Reference(id) => Some(*id),
            _ => field.id,
        };
        if let Some(id) = holder
            && !checked.insert(id)
        {
            continue;
        }
        let Ok((_, Object::Dictionary(dict))) = document.dereference(value) else {
            continue;
        };
        if signatures.len() == MAX_SIGNATURES {
            return Err(Error::TooComplex(format!(
                "more than {MAX_SIGNATURES} signatures"
            )));
        }
        if let Some(lock) = field_lock(document, field.dict, dict) {
            locks.insert(field.name.clone(), lock);
        }
        let (order, report) = check_signature(pdf, field.name, dict);
        signatures.push((order, holder, report));
    }
    let mut revisions = Revisions::new(pdf);
    let hidden = hidden_signatures(pdf, &signatures, &mut revisions)?;
    if signatures.len() + hidden.len() > MAX_SIGNATURES {
        return Err(Error::TooComplex(format!(
            "more than {MAX_SIGNATURES} signatures"
        )));
    }
    let mut all: Vec<(u64, Option<ObjectId>, SignatureReport, bool)> = signatures
        .into_iter()
        .map(|(order, holder, report)| (order, holder, report, false))
        .chain(
            hidden
                .into_iter()
                .map(|(order, holder, report)| (order, holder, report, true)),
        )
        .collect();
    all.sort_by_key(|(order, ..)| *order);
    let tail = trailing_bytes(pdf);
    let certification = certification(document);
    let mut reports = Vec::with_capacity(all.len());
    let mut certified_at = None;
    for (_, holder, mut report, hidden) in all {
        if holder.is_some() && holder == certification.map(|c| c.signature) {
            certified_at = Some(reports.len());
        }
        judge(pdf, document, holder, tail, &mut revisions, &mut report)?;
        if hidden && report.verdict != Verdict::Broken {
            // Whatever else changed, the final document no longer shows this signature.
            report.verdict = Verdict::ModifiedAfter;
            let hiding = Modification::SignatureChanged {
                field: report.field_name.clone(),
            };
            if !report.modifications.contains(&hiding) {
                report.modifications.push(hiding);
            }
        }
        reports.push(report);
    }
    match (certified_at, certification.map(|c| c.permits)) {
        (Some(at), Some(Permits::NoChange)) => forbid_changes_after_certification(&mut reports, at),
        (Some(at), Some(permits)) => accept_permitted_changes(&mut reports, at, permits, &locks),
        _ => {}
    }
    Ok(reports)
}

/// What a certification signature lets later revisions change (ISO 32000-2 §12.8.2.2, the
/// DocMDP transform's `/P`; signing and validation data are permitted at every level above 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Permits {
    /// `/P 1`: no change at all.
    NoChange,
    /// `/P 2` (the default): filling in forms, instantiating page templates, signing.
    FormFilling,
    /// `/P 3`: form filling and signing, and creating, deleting or modifying annotations.
    Annotations,
}

/// The document's certification signature (the catalog's `/Perms /DocMDP`) and what it permits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Certification {
    pub(crate) signature: ObjectId,
    pub(crate) permits: Permits,
}

/// The fields a signature locks (ISO 32000-2 §12.7.5.5, the field's `/Lock` or the signature's
/// FieldMDP transform): after it, filling those fields is no permitted change.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lock {
    All,
    Include(HashSet<String>),
    Exclude(HashSet<String>),
}

impl Lock {
    fn covers(&self, field: &str) -> bool {
        match self {
            Lock::All => true,
            Lock::Include(fields) => fields.contains(field),
            Lock::Exclude(fields) => !fields.contains(field),
        }
    }
}

/// A signature field's lock: its `/Lock` dictionary, or else the FieldMDP transform its
/// signature records.
fn field_lock(document: &Document, field: &Dictionary, signature: &Dictionary) -> Option<Lock> {
    let resolve = |object: &Object| -> Option<Dictionary> {
        document
            .dereference(object)
            .ok()
            .and_then(|(_, object)| object.as_dict().ok().cloned())
    };
    let from_transform = || {
        let (_, references) = document
            .dereference(signature.get(b"Reference").ok()?)
            .ok()?;
        references.as_array().ok()?.iter().find_map(|reference| {
            let reference = resolve(reference)?;
            let is_field_mdp = reference
                .get(b"TransformMethod")
                .and_then(Object::as_name)
                .is_ok_and(|method| method == b"FieldMDP");
            is_field_mdp
                .then(|| resolve(reference.get(b"TransformParams").ok()?))
                .flatten()
        })
    };
    let params = field
        .get(b"Lock")
        .ok()
        .and_then(resolve)
        .or_else(from_transform)?;
    let names = || -> HashSet<String> {
        params
            .get(b"Fields")
            .ok()
            .and_then(|fields| document.dereference(fields).ok())
            .and_then(|(_, fields)| fields.as_array().ok())
            .map(|fields| {
                fields
                    .iter()
                    .filter_map(|name| name.as_str().ok())
                    .map(|name| escape_control_characters(&decode_text_string(name)))
                    .collect()
            })
            .unwrap_or_default()
    };
    match params.get(b"Action").and_then(Object::as_name).ok()? {
        b"All" => Some(Lock::All),
        b"Include" => Some(Lock::Include(names())),
        b"Exclude" => Some(Lock::Exclude(names())),
        // An action this reader does not know locks everything: the strictest reading.
        _ => Some(Lock::All),
    }
}

/// The document's certification signature and what it permits, if it has one.
pub(crate) fn certification(document: &Document) -> Option<Certification> {
    let catalog = document.catalog().ok()?;
    let (_, perms) = document.dereference(catalog.get(b"Perms").ok()?).ok()?;
    let id = perms
        .as_dict()
        .ok()?
        .get(b"DocMDP")
        .ok()?
        .as_reference()
        .ok()?;
    let signature = document.get_dictionary(id).ok()?;
    let (_, references) = document
        .dereference(signature.get(b"Reference").ok()?)
        .ok()?;
    let level = references.as_array().ok()?.iter().find_map(|reference| {
        let reference = document
            .dereference(reference)
            .ok()
            .and_then(|(_, reference)| reference.as_dict().ok())?;
        let is_doc_mdp = reference
            .get(b"TransformMethod")
            .and_then(Object::as_name)
            .is_ok_and(|method| method == b"DocMDP");
        is_doc_mdp.then(|| {
            reference
                .get(b"TransformParams")
                .ok()
                .and_then(|params| document.dereference(params).ok())
                .and_then(|(_, params)| params.as_dict().ok())
                .and_then(|params| params.get(b"P").and_then(Object::as_i64).ok())
                .unwrap_or(2)
        })
    })?;
    let permits = match level {
        1 => Permits::NoChange,
        3 => Permits::Annotations,
        // 2 and any value the standard does not define: form filling, the default.
        _ => Permits::FormFilling,
    };
    Some(Certification {
        signature: id,
        permits,
    })
}

/// After a certification permitting form filling (and annotations under P=3), a signature
/// followed only by such changes — to fields no earlier signature locked — is modified within
/// the permitted limits: told apart from any other change, never called intact.
fn accept_permitted_changes(
    reports: &mut [SignatureReport],
    certified_at: usize,
    permits: Permits,
    locks: &HashMap<String, Lock>,
) {
    for index in certified_at..reports.len() {
        let locked: Vec<&Lock> = reports[..=index]
            .iter()
            .filter_map(|report| locks.get(&report.field_name))
            .collect();
        let report = &mut reports[index];
        if report.verdict != Verdict::ModifiedAfter {
            continue;
        }
        let permitted = report
            .modifications
            .iter()
            .all(|modification| match modification {
                Modification::FormField { name } => !locked.iter().any(|lock| lock.covers(name)),
                Modification::AnnotationAdded { .. }
                | Modification::AnnotationRemoved { .. }
                | Modification::AnnotationChanged { .. } => permits == Permits::Annotations,
                _ => false,
            });
        if permitted {
            report.verdict = Verdict::ModifiedWithinPermissions;
        }
    }
}

/// After a certification that permits no change, only validation data (DSS) and document
/// timestamps may follow: every later signature is a change the certifier forbade.
fn forbid_changes_after_certification(reports: &mut [SignatureReport], certified_at: usize) {
    let later: Vec<String> = reports[certified_at + 1..]
        .iter()
        .filter(|report| report.sub_filter.as_deref() != Some("ETSI.RFC3161"))
        .map(|report| report.field_name.clone())
        .collect();
    let certification = &mut reports[certified_at];
    if later.is_empty() || !certification.verdict.is_valid() {
        return;
    }
    certification.verdict = Verdict::ModifiedAfter;
    for field in later {
        certification
            .modifications
            .push(Modification::SignedDespiteCertification { field });
    }
}

/// How many revisions a file may have before it is too complex to check: one per signature
/// allowed, with the original and a validation update (DSS) for each.
const MAX_REVISIONS: usize = 2 * MAX_SIGNATURES + 2;

/// The earlier revisions read while verifying: each once, and all of them within
/// [`MAX_REVISION_BYTES`].
struct Revisions<'a> {
    pdf: &'a [u8],
    read: HashMap<usize, Option<Document>>,
    bytes_read: usize,
}

impl<'a> Revisions<'a> {
    fn new(pdf: &'a [u8]) -> Self {
        Revisions {
            pdf,
            read: HashMap::new(),
            bytes_read: 0,
        }
    }

    /// The revision made of the file's first `end` bytes, or `None` when they are not a
    /// readable PDF. Refuses the file once its revisions together exceed the budget.
    fn get(&mut self, end: usize) -> Result<Option<&Document>> {
        if !self.read.contains_key(&end) {
            self.bytes_read = self.bytes_read.saturating_add(end);
            if self.bytes_read > MAX_REVISION_BYTES {
                return Err(Error::TooComplex(format!(
                    "its earlier revisions add up to more than {} MiB to read",
                    MAX_REVISION_BYTES / (1024 * 1024)
                )));
            }
            let revision = self.pdf.get(..end).and_then(|bytes| load_pdf(bytes).ok());
            self.read.insert(end, revision);
        }
        Ok(self.read.get(&end).and_then(Option::as_ref))
    }
}

/// Where each revision but the last ends, found from the file's own cross-reference chain
/// (ISO 32000-1 §7.5.6): the last `startxref` names the last cross-reference section, each
/// section's trailer names the one before (`/Prev`), and a revision ends at the `%%EOF` after
/// the `startxref` that names its section. A `startxref` and `%%EOF` elsewhere — inside an
/// attachment's bytes, in a comment — end no revision a reader follows, and reading the file up
/// to them would only cost one more full parse.
pub(crate) fn earlier_revision_ends(pdf: &[u8]) -> Result<Vec<usize>> {
    let Some(last_startxref) = rfind(pdf, b"startxref") else {
        return Ok(Vec::new());
    };
    let Some(mut offset) = number_after(pdf, last_startxref + b"startxref".len()) else {
        return Ok(Vec::new());
    };
    let mut seen = HashSet::new();
    let mut ends = Vec::new();
    while seen.insert(offset) {
        if seen.len() > MAX_REVISIONS + 1 {
            return Err(Error::TooComplex(format!(
                "more than {MAX_REVISIONS} revisions"
            )));
        }
        if let Some(end) = revision_end(pdf, offset)
            && count_non_blank(&pdf[end..]) > 0
        {
            ends.push(end);
        }
        match previous_section(pdf, offset) {
            Some(previous) => offset = previous,
            None => break,
        }
    }
    ends.sort_unstable();
    ends.dedup();
    Ok(ends)
}

/// The end of the revision whose cross-reference section starts at `offset`: after the first
/// `startxref` that names `offset`, its `%%EOF` and end of line.
fn revision_end(pdf: &[u8], offset: usize) -> Option<usize> {
    let mut from = offset;
    loop {
        let at = from + find(pdf.get(from..)?, b"startxref")?;
        from = at + b"startxref".len();
        if number_after(pdf, from) != Some(offset) {
            continue;
        }
        let marker = from + find(&pdf[from..], b"%%EOF")?;
        let between = &pdf[from..marker];
        if !between
            .iter()
            .all(|byte| byte.is_ascii_digit() || byte.is_ascii_whitespace())
        {
            continue;
        }
        let mut end = marker + 5;
        while end < pdf.len() && matches!(pdf[end], b'\r' | b'\n') {
            end += 1;
        }
        return Some(end);
    }
}

/// The `/Prev` offset the trailer (or cross-reference stream dictionary) of the section at
/// `offset` names.
fn previous_section(pdf: &[u8], offset: usize) -> Option<usize> {
    let section = pdf.get(offset..)?;
    // The trailer dictionary of a table, or the stream dictionary of a cross-reference stream,
    // ends before the next `startxref` (a table) or `stream` keyword.
    let limit = [find(section, b"startxref"), find(section, b"stream")]
        .into_iter()
        .flatten()
        .min()?;
    let head = &section[..limit];
    let dictionary_start = if head.starts_with(b"xref") {
        find(head, b"trailer")?
    } else {
        0
    };
    let prev = dictionary_start + find(&head[dictionary_start..], b"/Prev")?;
    number_after(head, prev + b"/Prev".len())
}

/// The unsigned integer after `at`, past white space.
fn number_after(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = bytes.get(at..)?;
    let start = rest.iter().position(|byte| !byte.is_ascii_whitespace())?;
    let digits = rest[start..]
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .count();
    if digits == 0 || digits > 12 {
        return None;
    }
    std::str::from_utf8(&rest[start..start + digits])
        .ok()?
        .parse()
        .ok()
}

fn trim_end_whitespace(bytes: &[u8]) -> &[u8] {
    let kept = bytes
        .iter()
        .rposition(|byte| !byte.is_ascii_whitespace())
        .map_or(0, |last| last + 1);
    &bytes[..kept]
}

/// Signatures that an earlier revision shows and the final document does not: a shadow catalog
/// or form that leaves a signature out must not make it vanish from the verdicts. Each earlier
/// revision read here is kept in `revisions` for the judgement that follows.
fn hidden_signatures(
    pdf: &[u8],
    shown: &[(u64, Option<ObjectId>, SignatureReport)],
    revisions: &mut Revisions<'_>,
) -> Result<Vec<(u64, Option<ObjectId>, SignatureReport)>> {
    let mut known: HashSet<Option<usize>> = shown
        .iter()
        .map(|(_, _, report)| report.signed_length)
        .collect();
    // A field the final document still shows is judged there (a rewritten value included).
    let shown_fields: HashSet<&str> = shown
        .iter()
        .map(|(_, _, report)| report.field_name.as_str())
        .collect();
    let mut hidden = Vec::new();
    for end in earlier_revision_ends(pdf)? {
        let Some(revision) = revisions.get(end)? else {
            continue;
        };
        let mut checked = HashSet::new();
        for field in form_fields(revision).unwrap_or_default() {
            if !(field.is_signature && field.is_terminal) {
                continue;
            }
            let Ok(value) = field.dict.get(b"V") else {
                continue;
            };
            let holder = value.as_reference().ok();
            if shown_fields.contains(field.name.as_str())
                || holder.is_some_and(|id| !checked.insert(id))
            {
                continue;
            }
            let Ok((_, Object::Dictionary(dict))) = revision.dereference(value) else {
                continue;
            };
            let (order, report) = check_signature(pdf, field.name, dict);
            // Known by what it signed: the same signature as one the final document shows.
            if known.insert(report.signed_length) {
                hidden.push((order, holder, report));
            }
            if hidden.len() > MAX_SIGNATURES {
                return Err(Error::TooComplex(format!(
                    "more than {MAX_SIGNATURES} signatures"
                )));
            }
        }
    }
    Ok(hidden)
}

/// Non-blank bytes after the end of the last revision a reader uses (the `%%EOF` that follows
/// the last `startxref`): appended, but part of no revision.
fn trailing_bytes(pdf: &[u8]) -> usize {
    let Some(startxref) = rfind(pdf, b"startxref") else {
        return 0;
    };
    let end = find(&pdf[startxref..], b"%%EOF").map_or(startxref, |at| startxref + at + 5);
    count_non_blank(&pdf[end..])
}

fn count_non_blank(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .filter(|byte| !byte.is_ascii_whitespace() && **byte != 0)
        .count()
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Sets the verdict of a signature whose cryptography was checked: loads the revision it
/// signed and compares it with the final document.
fn judge(
    pdf: &[u8],
    document: &Document,
    holder: Option<ObjectId>,
    tail: usize,
    revisions: &mut Revisions<'_>,
    report: &mut SignatureReport,
) -> Result<()> {
    if report.verdict == Verdict::Unverifiable {
        report.intact = false;
        return Ok(());
    }
    let Some(length) = report.signed_length.filter(|_| report.intact) else {
        report.intact = false;
        report.verdict = Verdict::Broken;
        return Ok(());
    };
    if !ends_a_revision(&pdf[..length]) {
        break_report(
            report,
            Problem::Revision {
                detail: "it stops inside a revision".to_owned(),
            },
        );
        return Ok(());
    }
    if length == pdf.len() {
        report.verdict = Verdict::Unchanged;
        return Ok(());
    }
    let Some(revision) = revisions.get(length)? else {
        break_report(
            report,
            Problem::Revision {
                detail: "the bytes it covers are not a readable PDF revision".to_owned(),
            },
        );
        return Ok(());
    };
    // The signature dictionary must be one the signer signed, not a copy planted later that
    // borrows an earlier signature's byte range.
    let in_revision =
        holder.is_some_and(
            |id| match (revision.objects.get(&id), document.objects.get(&id)) {
                (Some(signed), Some(now)) => signed == now,
                _ => false,
            },
        );
    if !in_revision {
        break_report(
            report,
            Problem::Revision {
                detail: "its dictionary is not part of the revision it claims to sign".to_owned(),
            },
        );
        return Ok(());
    }
    let mut found = modifications(revision, document);
    // The final file is read from a cross-reference section inside the signed revision: what
    // was appended after the signature is in no revision a reader follows.
    let unreferenced = if document.xref_start < length {
        count_non_blank(&pdf[length..])
    } else {
        tail
    };
    if unreferenced > 0 {
        found.push(Modification::TrailingBytes {
            bytes: unreferenced,
        });
    }
    if document.xref_recovery.is_some() && revision.xref_recovery.is_none() {
        found.push(Modification::RepairedStructure);
    }
    report.verdict = if found.is_empty() {
        Verdict::LaterSignaturesOnly
    } else {
        Verdict::ModifiedAfter
    };
    report.modifications = found;
    Ok(())
}

fn break_report(report: &mut SignatureReport, problem: Problem) {
    report.intact = false;
    report.verdict = Verdict::Broken;
    report.problem = Some(problem);
}

/// A revision ends with `%%EOF` and an optional end of line.
fn ends_a_revision(bytes: &[u8]) -> bool {
    trim_end_whitespace(bytes).ends_with(b"%%EOF")
}

/// Every field name in the form, signed or not, so a new signature field never reuses one.
/// The name of the signature field whose value is the signature dictionary `signature`.
pub(crate) fn signature_field_name(document: &Document, signature: ObjectId) -> Option<String> {
    form_fields(document).ok()?.into_iter().find_map(|field| {
        (field.is_signature
            && matches!(field.dict.get(b"V"), Ok(Object::Reference(id)) if *id == signature))
        .then_some(field.name)
    })
}

pub(crate) fn field_names(document: &Document) -> Result<HashSet<String>> {
    Ok(form_fields(document)?
        .into_iter()
        .map(|field| field.name)
        .collect())
}

struct FormField<'a> {
    id: Option<ObjectId>,
    name: String,
    dict: &'a Dictionary,
    is_signature: bool,
    /// Only terminal fields carry values; the others just namespace their kids.
    is_terminal: bool,
}

fn form_fields(document: &Document) -> Result<Vec<FormField<'_>>> {
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
            if fields.len() > MAX_FORM_FIELDS {
                return Err(Error::TooComplex(format!(
                    "more than {MAX_FORM_FIELDS} form fields"
                )));
            }
        }
    }
    Ok(fields)
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
    if depth > MAX_FIELD_DEPTH || fields.len() > MAX_FORM_FIELDS {
        return;
    }
    if let Object::Reference(id) = node
        && !seen.insert(*id)
    {
        return;
    }
    let id = node.as_reference().ok();
    let Ok((_, object)) = document.dereference(node) else {
        return;
    };
    let Ok(dict) = object.as_dict() else { return };
    let own_name = dict
        .get(b"T")
        .and_then(Object::as_str)
        .map(|name| escape_control_characters(&decode_text_string(name)))
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
            id,
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
        verdict: Verdict::Broken,
        modifications: Vec::new(),
        signed_length: None,
        certificate: None,
        remarks: Vec::new(),
        document_timestamp: None,
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
    report.signed_length = Some(end);

    let cms_der = match signature.get(b"Contents").and_then(Object::as_str) {
        Ok(contents) => {
            // The CMS must come from the gap the byte range leaves out, not from somewhere else
            // in the file that the byte range happens to cover.
            if decode_hex(&pdf[first_len + 1..second_start - 1]).as_deref() != Some(contents) {
                report.byte_range_valid = false;
                report.problem = Some(Problem::ByteRange {
                    detail: "it does not leave out this signature's /Contents".to_owned(),
                });
                return (end as u64, report);
            }
            contents
        }
        Err(_) => {
            report.problem = Some(Problem::NoContents);
            return (end as u64, report);
        }
    };
    let parts = [
        &pdf[start..start + first_len],
        &pdf[second_start..second_start + second_len],
    ];
    let coverage = match report.sub_filter.as_deref() {
        Some("ETSI.RFC3161") => Coverage::Timestamp,
        Some("adbe.pkcs7.sha1") => Coverage::EncapsulatedSha1,
        _ => Coverage::Detached,
    };
    // `/Contents` is zero-padded to its reserved size: the CMS reader stops where it ends.
    let check = check_signed_data(cms_der, &parts, coverage);
    report.remarks = check.remarks;
    if check.problem.is_none() {
        report.remarks.push(Remark::RevocationNotChecked);
    }
    if let Some(timestamp) = &check.timestamp {
        report.signing_time = Some(timestamp.time);
    }
    report.document_timestamp = check.timestamp;
    if check.unsupported {
        report.verdict = Verdict::Unverifiable;
    }
    report.signer_common_name = check.signer_common_name;
    report.signer_subject = check.signer_subject;
    report.certificate = check.certificate;
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
fn byte_range(pdf: &[u8], signature: &Dictionary) -> std::result::Result<[usize; 4], Problem> {
    let values = signature
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map_err(|_| Problem::ByteRange {
            detail: "there is none".to_owned(),
        })?;
    let numbers: Vec<usize> = values
        .iter()
        .filter_map(|value| value.as_i64().ok())
        .filter_map(|value| usize::try_from(value).ok())
        .collect();
    let [start, first_len, second_start, second_len] = numbers[..] else {
        return Err(Problem::ByteRange {
            detail: "not four non-negative integers".to_owned(),
        });
    };
    let gap_is_contents = first_len < second_start
        && second_start - first_len >= 2
        && pdf.get(first_len) == Some(&b'<')
        && pdf.get(second_start - 1) == Some(&b'>');
    let inside = second_start
        .checked_add(second_len)
        .is_some_and(|end| end <= pdf.len());
    if start != 0 || !inside || !gap_is_contents {
        return Err(Problem::ByteRange {
            detail: format!("[{start} {first_len} {second_start} {second_len}]"),
        });
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
