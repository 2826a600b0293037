//! The evaluation file carried inside the report, and reading it back.
//!
//! printpdf cannot attach files, so the document it builds is taken as a lopdf `Document`
//! (`PdfDocument::to_lopdf_document`) and given an `EmbeddedFiles` name tree entry plus a
//! catalog-level `/AF` (the PDF 2.0 / PDF/A-3 way to say "this is the source data of the
//! document"). Working on that document, rather than on saved bytes reopened, spares a full
//! write and parse of a long report; it is why this crate's lopdf is printpdf's version.
//! The attached bytes are the canonical JSON text, so `sha256sum evaluation.json` on the
//! extracted file gives the fingerprint printed in the report.

use std::io::Write;

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat, dictionary};

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

/// The text of the `evaluation.json` attachment of a report.
pub fn extract_evaluation(pdf: &[u8]) -> Result<String> {
    let head = pdf.get(..1024).unwrap_or(pdf);
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::NotPdf("no %PDF- header".into()));
    }
    let doc = Document::load_mem(pdf).map_err(|e| Error::NotPdf(e.to_string()))?;
    let catalog = doc.catalog().map_err(|e| Error::NotPdf(e.to_string()))?;

    let mut candidates = Vec::new();
    if let Ok(tree) = catalog
        .get_deref(b"Names", &doc)
        .and_then(Object::as_dict)
        .and_then(|names| names.get_deref(b"EmbeddedFiles", &doc))
        .and_then(Object::as_dict)
    {
        collect_name_tree(&doc, tree, &mut candidates, 0);
    }
    if let Ok(af) = catalog.get_deref(b"AF", &doc).and_then(Object::as_array) {
        for spec in af {
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
        let bytes = stream
            .decompressed_content()
            .or_else(|_| Ok::<_, lopdf::Error>(stream.content.clone()))
            .map_err(|e| Error::NotPdf(e.to_string()))?;
        return String::from_utf8(bytes).map_err(|_| Error::NotUtf8);
    }
    Err(Error::NoEmbeddedEvaluation)
}

/// Walks a name tree (leaves hold `/Names [key value …]`, inner nodes `/Kids`).
fn collect_name_tree<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    out: &mut Vec<(Option<Vec<u8>>, &'a Dictionary)>,
    depth: usize,
) {
    // A malicious file could make the tree cyclic; real trees are a few levels deep.
    if depth > 32 {
        return;
    }
    if let Ok(pairs) = node.get_deref(b"Names", doc).and_then(Object::as_array) {
        for pair in pairs.chunks(2) {
            if let [key, value] = pair
                && let (Ok(key), Ok((_, Object::Dictionary(spec)))) =
                    (key.as_str(), doc.dereference(value))
            {
                out.push((Some(key.to_vec()), spec));
            }
        }
    }
    if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
        for kid in kids {
            if let Ok((_, Object::Dictionary(child))) = doc.dereference(kid) {
                collect_name_tree(doc, child, out, depth + 1);
            }
        }
    }
}

/// The file name a file specification declares (`/UF`, else `/F`).
fn file_name(doc: &Document, spec: &Dictionary) -> Option<String> {
    for key in [b"UF".as_slice(), b"F".as_slice()] {
        if let Ok(Object::String(bytes, _)) = spec.get_deref(key, doc) {
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

fn embedded_stream<'a>(doc: &'a Document, spec: &'a Dictionary) -> Option<&'a Stream> {
    let ef = spec.get_deref(b"EF", doc).ok()?.as_dict().ok()?;
    for key in [b"UF".as_slice(), b"F".as_slice()] {
        if let Ok(reference) = ef.get(key).and_then(Object::as_reference) {
            let id: ObjectId = reference;
            if let Ok(Object::Stream(stream)) = doc.get_object(id) {
                return Some(stream);
            }
        }
    }
    None
}
