//! Turning laid-out pages into one lopdf document, several printpdf documents at a time.
//!
//! printpdf serialises page content one operation at a time on one thread, and on a 760-page
//! report that is half of the whole rendering time. Its documents are independent, though, so
//! long reports are cut into runs of pages, each run is serialised by its own printpdf document
//! on its own thread, and the runs are joined: the first document keeps its catalog and
//! metadata, the others give it their pages and the objects those pages use. Each run embeds
//! its own subsets of the two fonts, tagged apart as ISO 32000-1 §9.6.4 asks.
//!
//! The number of runs depends on the page count only, never on the machine, so that the same
//! evaluation gives the same bytes everywhere.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use printpdf::{PdfDocument, PdfPage, PdfSaveOptions};

use crate::error::{Error, Result};

/// Pages per run beyond which a report is cut; each extra run costs two font subsets (tens of
/// kilobytes), which short reports do not need.
const PAGES_PER_RUN: usize = 190;
const MAX_RUNS: usize = 4;

fn pdf_err(e: lopdf::Error) -> Error {
    Error::Pdf(e.to_string())
}

/// Serialises `main` (metadata and fonts registered, no pages yet) with `pages`, and adds an
/// outline from `bookmarks` (title, 1-based page).
pub(crate) fn assemble(
    mut main: PdfDocument,
    pages: Vec<PdfPage>,
    bookmarks: &[(String, usize)],
) -> Result<Document> {
    let options = PdfSaveOptions {
        subset_fonts: true,
        // printpdf would deflate every stream at its highest level; the attachment step
        // compresses them at a fast level, in parallel, instead.
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let runs = (pages.len() / PAGES_PER_RUN).clamp(1, MAX_RUNS);
    let mut parts = split_evenly(pages, runs).into_iter();
    main.with_pages(parts.next().unwrap_or_default());
    let mut documents = vec![main];
    for run in parts {
        let mut part = PdfDocument::new("");
        part.resources.fonts = documents[0].resources.fonts.clone();
        part.with_pages(run);
        documents.push(part);
    }

    let serialised: Vec<Document> = std::thread::scope(|scope| {
        let workers: Vec<_> = documents
            .iter()
            .map(|doc| {
                let options = &options;
                scope.spawn(move || {
                    let mut warnings = Vec::new();
                    doc.to_lopdf_document(options, &mut warnings)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .map_err(|_| Error::Pdf("page serialisation thread panicked".into()))
            })
            .collect::<Result<_>>()
    })?;

    let mut serialised = serialised.into_iter();
    let mut joined = serialised
        .next()
        .ok_or_else(|| Error::Pdf("no document to assemble".into()))?;
    tag_font_subsets(&mut joined, 0);
    for (index, mut part) in serialised.enumerate() {
        tag_font_subsets(&mut part, index + 1);
        append_pages(&mut joined, part)?;
    }
    add_outline(&mut joined, bookmarks)?;
    Ok(joined)
}

/// Cuts `pages` into `runs` consecutive runs of about the same amount of content.
fn split_evenly(pages: Vec<PdfPage>, runs: usize) -> Vec<Vec<PdfPage>> {
    let total: usize = pages.iter().map(|p| p.ops.len()).sum();
    let share = total.div_ceil(runs.max(1)).max(1);
    let mut out: Vec<Vec<PdfPage>> = vec![Vec::new()];
    let mut filled = 0;
    for page in pages {
        let cut = out.len() < runs && filled >= share * out.len();
        if cut && out.last().is_some_and(|run| !run.is_empty()) {
            out.push(Vec::new());
        }
        filled += page.ops.len();
        if let Some(run) = out.last_mut() {
            run.push(page);
        }
    }
    out
}

fn reference(dict: &Dictionary, key: &[u8]) -> Result<ObjectId> {
    dict.get(key)
        .and_then(Object::as_reference)
        .map_err(pdf_err)
}

fn pages_root(doc: &Document) -> Result<ObjectId> {
    reference(doc.catalog().map_err(pdf_err)?, b"Pages")
}

/// Moves the pages of `part`, and every object they use, to the end of `doc`'s page tree.
fn append_pages(doc: &mut Document, mut part: Document) -> Result<()> {
    part.renumber_objects_with(doc.max_id + 1);
    doc.max_id = part.max_id;
    let part_catalog = reference(&part.trailer, b"Root")?;
    let part_info = reference(&part.trailer, b"Info").ok();
    let part_pages = pages_root(&part)?;
    let kids = part
        .get_dictionary(part_pages)
        .and_then(|pages| pages.get(b"Kids"))
        .and_then(Object::as_array)
        .map_err(pdf_err)?
        .clone();

    let pages_id = pages_root(doc)?;
    for (id, mut object) in std::mem::take(&mut part.objects) {
        if id == part_catalog || id == part_pages || Some(id) == part_info {
            continue;
        }
        if let Object::Dictionary(dict) = &mut object
            && dict.has_type(b"Page")
        {
            dict.set("Parent", Object::Reference(pages_id));
        }
        doc.objects.insert(id, object);
    }
    let pages = doc.get_dictionary_mut(pages_id).map_err(pdf_err)?;
    let mut all_kids = pages
        .get(b"Kids")
        .and_then(Object::as_array)
        .map_err(pdf_err)?
        .clone();
    all_kids.extend(kids);
    pages.set("Count", all_kids.len() as i64);
    pages.set("Kids", all_kids);
    Ok(())
}

/// Gives the embedded subsets of run `run` their own six-letter tag (`JAUGxy+Name`): printpdf
/// derives the tag from the resource name, which is the same in every run.
fn tag_font_subsets(doc: &mut Document, run: usize) {
    let letter = |n: usize| char::from(b'A' + (n % 26) as u8);
    for object in doc.objects.values_mut() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
            if let Ok(Object::Name(name)) = dict.get_mut(key)
                && let Some(plus) = name.iter().position(|&b| b == b'+')
            {
                // The resource name before '+' is F1, F2…: its number tells the faces apart.
                let face: usize = std::str::from_utf8(&name[1..plus])
                    .ok()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                let mut tagged = format!("JAUG{}{}", letter(run), letter(face)).into_bytes();
                tagged.extend_from_slice(&name[plus..]);
                *name = tagged;
            }
        }
    }
}

/// A text string as UTF-16BE with a byte-order mark, the PDF encoding for non-ASCII text.
pub(crate) fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The document outline (bookmarks panel): one flat list of section titles.
fn add_outline(doc: &mut Document, bookmarks: &[(String, usize)]) -> Result<()> {
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let entries: Vec<(&str, ObjectId)> = bookmarks
        .iter()
        .filter_map(|(title, page)| {
            let id = page_ids.get(page.checked_sub(1)?)?;
            Some((title.as_str(), *id))
        })
        .collect();
    if entries.is_empty() {
        return Ok(());
    }
    let outline_id = doc.new_object_id();
    let item_ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    for (index, ((title, page), id)) in entries.iter().zip(&item_ids).enumerate() {
        let mut item = Dictionary::new();
        item.set("Title", text_string(title));
        item.set("Parent", Object::Reference(outline_id));
        item.set(
            "Dest",
            vec![
                Object::Reference(*page),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Null,
                Object::Null,
            ],
        );
        if index > 0 {
            item.set("Prev", Object::Reference(item_ids[index - 1]));
        }
        if let Some(next) = item_ids.get(index + 1) {
            item.set("Next", Object::Reference(*next));
        }
        doc.objects.insert(*id, Object::Dictionary(item));
    }
    let mut outline = Dictionary::new();
    outline.set("Type", Object::Name(b"Outlines".to_vec()));
    outline.set("Count", item_ids.len() as i64);
    if let (Some(first), Some(last)) = (item_ids.first(), item_ids.last()) {
        outline.set("First", Object::Reference(*first));
        outline.set("Last", Object::Reference(*last));
    }
    doc.objects.insert(outline_id, Object::Dictionary(outline));
    let catalog = doc.catalog_mut().map_err(pdf_err)?;
    catalog.set("Outlines", Object::Reference(outline_id));
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(ops: usize) -> PdfPage {
        let media = printpdf::Rect::from_wh(printpdf::Pt(10.0), printpdf::Pt(10.0));
        PdfPage {
            media_box: media.clone(),
            trim_box: media.clone(),
            crop_box: media,
            ops: vec![printpdf::Op::SaveGraphicsState; ops],
        }
    }

    #[test]
    fn runs_hold_about_the_same_content_and_keep_page_order() {
        let sizes = [5, 1, 1, 1, 1, 5, 1, 1, 1, 1, 2];
        let pages: Vec<PdfPage> = sizes.iter().map(|&n| page(n)).collect();
        let runs = split_evenly(pages, 2);
        let lengths: Vec<Vec<usize>> = runs
            .iter()
            .map(|run| run.iter().map(|p| p.ops.len()).collect())
            .collect();
        assert_eq!(lengths, vec![vec![5, 1, 1, 1, 1, 5], vec![1, 1, 1, 1, 2]]);
        assert_eq!(split_evenly(vec![page(3)], 4).len(), 1);
    }
}
