//! The evaluation file carried inside the report, and reading it back.
//!
//! printpdf cannot attach files, so the document it builds is taken as a lopdf `Document`
//! (`PdfDocument::to_lopdf_document`) and given an `EmbeddedFiles` name tree entry plus a
//! catalog-level `/AF` (the PDF 2.0 / PDF/A-3 way to say "this is the source data of the
//! document"). Working on that document, rather than on saved bytes reopened, spares a full
//! write and parse of a long report; it is why this crate's lopdf is printpdf's version.
//! The attached bytes are the canonical JSON text, so `sha256sum evaluation.json` on the
//! extracted file gives the fingerprint printed in the report.

use std::collections::HashSet;
use std::io::Write;

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Document, Object, Stream, StringFormat, dictionary};

use crate::assemble::text_string;
use crate::error::{Error, Result};

/// The attachment's file name, also what `extract_evaluation` looks for.
pub const ATTACHMENT_NAME: &str = "evaluation.json";

fn pdf_err(e: lopdf::Error) -> Error {
    Error::Pdf(e.to_string())
}

/// A PDF date string (`D:YYYYMMDDHHmmSSZ`).
fn pdf_date(at: DateTime<Utc>) -> Object {
    Object::String(
        at.format("D:%Y%m%d%H%M%SZ").to_string().into_bytes(),
        StringFormat::Literal,
    )
}

/// The evaluation file, deflated and ready to be attached by [`finish_document`]. Compressing
/// it is the longest single step of a big report, so callers run it while pages are laid out.
pub(crate) struct PackedEvaluation {
    deflated: Vec<u8>,
    size: usize,
}

pub(crate) fn pack_evaluation(json: &str) -> Result<PackedEvaluation> {
    Ok(PackedEvaluation {
        deflated: deflate_bytes(json.as_bytes())?,
        size: json.len(),
    })
}

/// What the attachment says about itself.
pub(crate) struct AttachmentInfo<'a> {
    pub description: &'a str,
    pub modified: DateTime<Utc>,
    /// Seeds the document `/ID`, so that the same evaluation rendered at the same time gives the
    /// same bytes.
    pub fingerprint: [u8; 16],
}

/// Compresses `doc`'s page streams, attaches the evaluation and writes the file.
pub(crate) fn finish_document(
    mut doc: Document,
    evaluation: PackedEvaluation,
    info: &AttachmentInfo,
) -> Result<Vec<u8>> {
    compress_streams(&mut doc)?;
    // /AF and /AFRelationship come from PDF 2.0 (and PDF/A-3); 1.7 readers ignore them and
    // still find the file through the name tree.
    doc.version = "1.7".into();

    let mut file = Stream::new(
        dictionary! {
            "Type" => "EmbeddedFile",
            "Subtype" => Object::Name(b"application/json".to_vec()),
            "Filter" => "FlateDecode",
            "Params" => dictionary! {
                "Size" => evaluation.size as i64,
                "ModDate" => pdf_date(info.modified),
            },
        },
        evaluation.deflated,
    );
    // The content is already deflated; lopdf must not try again.
    file.allows_compression = false;
    let file_id = doc.add_object(file);
    let name = Object::String(ATTACHMENT_NAME.as_bytes().to_vec(), StringFormat::Literal);
    let filespec_id = doc.add_object(dictionary! {
        "Type" => "Filespec",
        "F" => name.clone(),
        "UF" => text_string(ATTACHMENT_NAME),
        "Desc" => text_string(info.description),
        "AFRelationship" => "Source",
        "EF" => dictionary! {
            "F" => file_id,
            "UF" => file_id,
        },
    });

    let catalog = doc.catalog_mut().map_err(pdf_err)?;
    let mut names = match catalog.get(b"Names") {
        Ok(Object::Dictionary(existing)) => existing.clone(),
        _ => Dictionary::new(),
    };
    names.set(
        "EmbeddedFiles",
        dictionary! { "Names" => vec![name, Object::Reference(filespec_id)] },
    );
    catalog.set("Names", names);
    catalog.set("AF", vec![Object::Reference(filespec_id)]);

    let id = Object::String(info.fingerprint.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);

    let mut out = Vec::with_capacity(evaluation.size / 4);
    doc.save_to(&mut out)
        .map_err(|e| Error::Pdf(e.to_string()))?;
    Ok(out)
}

/// Compresses `doc`'s page streams and writes the file, with no attachment: what a letter to a
/// bidder needs (the evaluation file holds every other bidder's scores).
pub(crate) fn finish_plain_document(mut doc: Document, fingerprint: [u8; 16]) -> Result<Vec<u8>> {
    compress_streams(&mut doc)?;
    doc.version = "1.7".into();
    let id = Object::String(fingerprint.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| Error::Pdf(e.to_string()))?;
    Ok(out)
}

/// Deflates every stream that has no filter yet, at a fast level and on up to four threads:
/// table content compresses well at any level, and the best level costs several times more
/// for a smaller file (printpdf's own pass used the best level and dominated long reports).
fn compress_streams(doc: &mut Document) -> Result<()> {
    let mut streams: Vec<&mut Stream> = doc
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(stream) if !stream.dict.has(b"Filter") && stream.content.len() >= 64 => {
                Some(stream)
            }
            _ => None,
        })
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let chunk = streams.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = streams
            .chunks_mut(chunk)
            .map(|part| scope.spawn(move || part.iter_mut().try_for_each(|s| deflate(s))))
            .collect();
        workers.into_iter().try_for_each(|worker| {
            worker
                .join()
                .unwrap_or_else(|_| Err(Error::Pdf("compression thread panicked".into())))
        })
    })
}

fn deflate(stream: &mut Stream) -> Result<()> {
    let compressed = deflate_bytes(&stream.content)?;
    if compressed.len() < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed);
    }
    Ok(())
}

fn deflate_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(bytes.len() / 4),
        flate2::Compression::fast(),
    );
    encoder
        .write_all(bytes)
        .map_err(|e| Error::Pdf(e.to_string()))?;
    encoder.finish().map_err(|e| Error::Pdf(e.to_string()))
}

/// The most an embedded evaluation may inflate to. The largest evaluations measured are about
/// 20 MB of JSON; a "bomb" (a small stream deflated several times over) stops here instead of
/// filling memory.
pub const MAX_EVALUATION_BYTES: usize = 128 * 1024 * 1024;
/// What one object or cross-reference stream may inflate to while the PDF is read.
const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;
/// Jauge writes one filter; a chain of them only multiplies the work of a bomb.
const MAX_FILTERS: usize = 2;
/// A report's name tree has one entry; a hostile one may have millions.
const MAX_NAME_TREE_ENTRIES: usize = 10_000;
const MAX_NAME_TREE_DEPTH: usize = 32;

/// The text of the `evaluation.json` attachment of a report, read in bounded memory and time.
pub fn extract_evaluation(pdf: &[u8]) -> Result<String> {
    use pdf_reader::{Document, LoadOptions, Object};
    let head = pdf.get(..1024).unwrap_or(pdf);
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::NotPdf("no %PDF- header".into()));
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let doc =
        Document::load_mem_with_options(pdf, options).map_err(|e| Error::NotPdf(e.to_string()))?;
    let catalog = doc.catalog().map_err(|e| Error::NotPdf(e.to_string()))?;

    let mut candidates = Vec::new();
    if let Ok(tree) = catalog
        .get_deref(b"Names", &doc)
        .and_then(Object::as_dict)
        .and_then(|names| names.get(b"EmbeddedFiles"))
    {
        let mut visited = HashSet::new();
        collect_name_tree(&doc, tree, &mut candidates, 0, &mut visited)?;
    }
    if let Ok(af) = catalog.get_deref(b"AF", &doc).and_then(Object::as_array) {
        for spec in af.iter().take(MAX_NAME_TREE_ENTRIES) {
            if let Ok((_, Object::Dictionary(dict))) = doc.dereference(spec) {
                candidates.push((None, dict));
            }
        }
    }

    for (key, spec) in candidates {
        let named = key.as_deref() == Some(ATTACHMENT_NAME.as_bytes())
            || file_name(&doc, spec).as_deref() == Some(ATTACHMENT_NAME);
        if !named {
            continue;
        }
        let Some(stream) = embedded_stream(&doc, spec) else {
            continue;
        };
        let filters = stream.filters().map(|f| f.len()).unwrap_or(0);
        if filters > MAX_FILTERS {
            return Err(Error::Refused(format!(
                "the embedded evaluation is encoded with {filters} filters (at most \
                 {MAX_FILTERS} are read)"
            )));
        }
        let bytes = if filters == 0 {
            if stream.content.len() > MAX_EVALUATION_BYTES {
                return Err(too_large());
            }
            stream.content.clone()
        } else {
            stream
                .decompressed_content_with_limit(MAX_EVALUATION_BYTES)
                .map_err(|e| match e {
                    pdf_reader::Error::Decompress(
                        pdf_reader::DecompressError::MemoryLimitExceeded { .. },
                    ) => too_large(),
                    other => Error::NotPdf(other.to_string()),
                })?
        };
        return String::from_utf8(bytes).map_err(|_| Error::NotUtf8);
    }
    Err(Error::NoEmbeddedEvaluation)
}

fn too_large() -> Error {
    Error::Refused(format!(
        "the embedded evaluation inflates to more than {} MiB",
        MAX_EVALUATION_BYTES / (1024 * 1024)
    ))
}

type Candidate<'a> = (Option<Vec<u8>>, &'a pdf_reader::Dictionary);

/// Walks a name tree (leaves hold `/Names [key value …]`, inner nodes `/Kids`), each node once.
fn collect_name_tree<'a>(
    doc: &'a pdf_reader::Document,
    node: &'a pdf_reader::Object,
    out: &mut Vec<Candidate<'a>>,
    depth: usize,
    visited: &mut HashSet<pdf_reader::ObjectId>,
) -> Result<()> {
    use pdf_reader::Object;
    if depth > MAX_NAME_TREE_DEPTH {
        return Ok(());
    }
    if let Ok(id) = node.as_reference()
        && !visited.insert(id)
    {
        return Ok(());
    }
    let Ok((_, Object::Dictionary(node))) = doc.dereference(node) else {
        return Ok(());
    };
    if let Ok(pairs) = node.get_deref(b"Names", doc).and_then(Object::as_array) {
        for pair in pairs.chunks(2) {
            if let [key, value] = pair
                && let (Ok(key), Ok((_, Object::Dictionary(spec)))) =
                    (key.as_str(), doc.dereference(value))
            {
                out.push((Some(key.to_vec()), spec));
                if out.len() > MAX_NAME_TREE_ENTRIES {
                    return Err(Error::Refused(format!(
                        "the attachment list has more than {MAX_NAME_TREE_ENTRIES} entries"
                    )));
                }
            }
        }
    }
    if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
        for kid in kids {
            collect_name_tree(doc, kid, out, depth + 1, visited)?;
        }
    }
    Ok(())
}

/// The file name a file specification declares (`/UF`, else `/F`).
fn file_name(doc: &pdf_reader::Document, spec: &pdf_reader::Dictionary) -> Option<String> {
    for key in [b"UF".as_slice(), b"F".as_slice()] {
        if let Ok(pdf_reader::Object::String(bytes, _)) = spec.get_deref(key, doc) {
            return Some(decode_text_string(bytes));
        }
    }
    None
}

fn decode_text_string(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn embedded_stream<'a>(
    doc: &'a pdf_reader::Document,
    spec: &'a pdf_reader::Dictionary,
) -> Option<&'a pdf_reader::Stream> {
    let ef = spec.get_deref(b"EF", doc).ok()?.as_dict().ok()?;
    for key in [b"UF".as_slice(), b"F".as_slice()] {
        if let Ok(id) = ef.get(key).and_then(pdf_reader::Object::as_reference)
            && let Ok(pdf_reader::Object::Stream(stream)) = doc.get_object(id)
        {
            return Some(stream);
        }
    }
    None
}
