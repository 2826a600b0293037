//! Opening a workbook that came from outside, within the bounds of [`crate::limits`].
//!
//! calamine trusts the zip: it inflates a sheet however large it becomes. So before calamine
//! sees the bytes, every part of the archive is inflated once, counting the bytes really
//! produced (the sizes an archive declares can lie), and the workbook is refused past
//! [`MAX_EXPANDED_BYTES`]; while inflating, each XML part is scanned ([`crate::scan`]) for
//! what calamine would hold whole or misplace (long texts, shared strings, names, references
//! past the sheet's limits). Cells are then streamed one at a time with their formula, counted,
//! never gathered past [`MAX_CELLS_PER_SHEET`] cells or [`MAX_SHEET_TEXT_BYTES`] of text; a
//! formula whose value was never computed is kept as such, to be refused by its cell.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, SheetVisible, Xlsx};

use crate::limits::{
    MAX_CELL_CHARS, MAX_CELLS_PER_SHEET, MAX_EXPANDED_BYTES, MAX_SHARED_STRING_BYTES,
    MAX_SHARED_STRINGS, MAX_SHEET_TEXT_BYTES, MAX_WORKBOOK_BYTES, MAX_ZIP_ENTRIES,
};
use crate::scan::{PartScan, Totals};
use crate::{Error, Result};

/// The value of one non-empty cell, as far as Jauge cares.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CellValue {
    Number(f64),
    Text(String),
    Bool(bool),
    /// A date, a time or an error value: shown back to the buyer as text, never a number.
    Other(String),
    /// A formula without a computed value (a file written by a script and never opened in a
    /// spreadsheet): what the spreadsheet would show is unknown.
    Uncomputed,
}

impl CellValue {
    /// The cell as the buyer sees it, for messages.
    pub(crate) fn shown(&self) -> String {
        match self {
            // Whole numbers as written, 1e308 as such rather than 309 digits.
            CellValue::Number(n) => jauge_domain::words::show(*n),
            CellValue::Text(t) | CellValue::Other(t) => t.clone(),
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
            CellValue::Uncomputed => String::new(),
        }
    }

    /// The cell's text, trimmed; numbers and booleans as written.
    pub(crate) fn text(&self) -> String {
        self.shown().trim().to_owned()
    }
}

/// One sheet's non-empty cells by (row, column), both zero-based and absolute.
#[derive(Debug, Default)]
pub(crate) struct SheetCells {
    pub name: String,
    pub cells: BTreeMap<(u32, u32), CellValue>,
}

impl SheetCells {
    pub(crate) fn get(&self, row: u32, column: u32) -> Option<&CellValue> {
        self.cells.get(&(row, column))
    }

    /// The trimmed text of a cell, `None` when empty.
    pub(crate) fn text(&self, row: u32, column: u32) -> Option<String> {
        self.get(row, column)
            .map(CellValue::text)
            .filter(|t| !t.is_empty())
    }
}

/// A workbook whose size and expansion were checked.
pub(crate) struct Workbook<'a> {
    xlsx: Xlsx<Cursor<&'a [u8]>>,
}

impl<'a> Workbook<'a> {
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Workbook<'a>> {
        if bytes.len() > MAX_WORKBOOK_BYTES {
            return Err(Error::TooLarge {
                bytes: bytes.len(),
                limit: MAX_WORKBOOK_BYTES,
            });
        }
        if bytes.starts_with(OLE_MAGIC) {
            return Err(match is_encrypted_package(bytes) {
                true => Error::Protected,
                false => Error::NotXlsx("an Excel 97-2003 (.xls) or other OLE file".into()),
            });
        }
        if !bytes.starts_with(b"PK\x03\x04") {
            return Err(Error::NotXlsx("the file is not a zip archive".into()));
        }
        check_expansion(bytes).map_err(|error| match error {
            Error::OutOfSheet { part, cell, .. } => Error::OutOfSheet {
                sheet: crate::tabs::tab_of_part(bytes, &part),
                part,
                cell,
            },
            other => other,
        })?;
        let xlsx = Xlsx::new(Cursor::new(bytes)).map_err(|e| Error::NotXlsx(e.to_string()))?;
        Ok(Workbook { xlsx })
    }

    /// The sheets' names in tab order, with whether each is visible.
    pub(crate) fn sheet_names(&self) -> Vec<(String, bool)> {
        self.xlsx
            .sheets_metadata()
            .iter()
            .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
            .collect()
    }

    /// Reads one sheet's cells (`None` when the workbook has no such sheet).
    pub(crate) fn sheet(&mut self, name: &str) -> Result<Option<SheetCells>> {
        if !self.sheet_names().iter().any(|(n, _)| n == name) {
            return Ok(None);
        }
        let mut reader = self
            .xlsx
            .worksheet_cells_reader(name)
            .map_err(|e| Error::NotXlsx(e.to_string()))?;
        let mut sheet = SheetCells {
            name: name.to_owned(),
            cells: BTreeMap::new(),
        };
        let mut text_bytes = 0usize;
        while let Some(cell) = reader
            .next_cell_with_formula_metadata()
            .map_err(|e| Error::NotXlsx(e.to_string()))?
        {
            // No value at all: never computed. (A formula whose result is the empty text has
            // `t="str"` and an empty value, which reads as an empty cell.)
            let uncomputed = cell.formula.is_some() && matches!(cell.value, DataRef::Empty);
            let value = match &cell.value {
                _ if uncomputed => CellValue::Uncomputed,
                DataRef::Empty => continue,
                DataRef::Int(i) => CellValue::Number(*i as f64),
                DataRef::Float(f) => CellValue::Number(*f),
                DataRef::String(s) => CellValue::Text(bounded(s)),
                DataRef::SharedString(s) => CellValue::Text(bounded(s)),
                DataRef::Bool(b) => CellValue::Bool(*b),
                DataRef::DateTime(d) => CellValue::Other(d.to_string()),
                DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => CellValue::Other(bounded(s)),
                DataRef::Error(e) => CellValue::Other(e.to_string()),
            };
            if let CellValue::Text(t) = &value
                && t.trim().is_empty()
            {
                continue;
            }
            if sheet.cells.len() >= MAX_CELLS_PER_SHEET {
                return Err(Error::TooManyCells {
                    sheet: name.to_owned(),
                    limit: MAX_CELLS_PER_SHEET,
                });
            }
            if let CellValue::Text(t) | CellValue::Other(t) = &value {
                text_bytes += t.len();
                if text_bytes > MAX_SHEET_TEXT_BYTES {
                    return Err(Error::TooManyStrings {
                        limit: MAX_SHARED_STRINGS,
                        bytes: MAX_SHARED_STRING_BYTES.max(MAX_SHEET_TEXT_BYTES as u64),
                    });
                }
            }
            sheet.cells.insert(cell.pos, value);
        }
        Ok(Some(sheet))
    }
}

/// A cell's text cut to [`MAX_CELL_CHARS`] characters (plus one, so that callers can tell it was
/// longer).
fn bounded(text: &str) -> String {
    text.chars().take(MAX_CELL_CHARS + 1).collect()
}

/// The first bytes of an OLE compound file (CFB): an .xls workbook, or an encrypted .xlsx.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Whether an OLE file holds an `EncryptedPackage` stream: a workbook saved with a password
/// (ECMA-376 encryption), whose directory names its streams in UTF-16.
fn is_encrypted_package(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// An OpenDocument file (LibreOffice's .ods) is a zip too: it is named for what it is, and one
/// saved with a password (its manifest lists encryption data) is called protected, as an
/// encrypted .xlsx is. Both small parts are read with a cap; anything else gives `None`.
fn open_document_refusal(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<Error> {
    let mut read_capped = |name: &str, cap: u64| -> Option<String> {
        let entry = archive.by_name(name).ok()?;
        let mut text = String::new();
        entry.take(cap).read_to_string(&mut text).ok()?;
        Some(text)
    };
    let mimetype = read_capped("mimetype", 256)?;
    if !mimetype.starts_with("application/vnd.oasis.opendocument") {
        return None;
    }
    let encrypted = read_capped("META-INF/manifest.xml", 4 * 1024 * 1024)
        .is_some_and(|manifest| manifest.contains("encryption-data"));
    Some(match encrypted {
        true => Error::Protected,
        false => Error::NotXlsx(format!("an OpenDocument file ({})", mimetype.trim())),
    })
}

/// Inflates every part of the archive, counting the bytes it really produces, and scans those
/// calamine reads as XML.
fn check_expansion(bytes: &[u8]) -> Result<()> {
    let too_expanded = || Error::TooExpanded {
        limit: MAX_EXPANDED_BYTES,
        entries: MAX_ZIP_ENTRIES,
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Error::NotXlsx(e.to_string()))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(too_expanded());
    }
    if let Some(refusal) = open_document_refusal(&mut archive) {
        return Err(refusal);
    }
    let mut total: u64 = 0;
    let mut totals = Totals::default();
    let mut buffer = vec![0u8; 64 * 1024];
    for index in 0..archive.len() {
        let entry = archive
            .by_index(index)
            .map_err(|e| Error::NotXlsx(e.to_string()))?;
        let room = MAX_EXPANDED_BYTES - total;
        if entry.size() > room {
            return Err(too_expanded());
        }
        let name = entry
            .name()
            .map_err(|e| Error::NotXlsx(e.to_string()))?
            .into_owned();
        // One byte past the room is enough to know the part is too large.
        let mut entry = entry.take(room + 1);
        let mut inflated: u64 = 0;
        let mut scan: Option<PartScan> = None;
        loop {
            let read = entry
                .read(&mut buffer)
                .map_err(|e| Error::NotXlsx(e.to_string()))?;
            if read == 0 {
                break;
            }
            let chunk = &buffer[..read];
            if inflated == 0 && PartScan::is_xml(&name, chunk) {
                scan = Some(PartScan::new(&name, &mut totals));
            }
            inflated += read as u64;
            if inflated > room {
                return Err(too_expanded());
            }
            if let Some(scan) = scan.as_mut() {
                scan.feed(chunk)?;
            }
        }
        total += inflated;
    }
    Ok(())
}
