//! Opening a workbook that came from outside, within the bounds of [`crate::limits`].
//!
//! calamine trusts the zip: it inflates a sheet however large it becomes. So before calamine
//! sees the bytes, every part of the archive is inflated once into nothing, counting the bytes
//! really produced (the sizes an archive declares can lie), and the workbook is refused past
//! [`MAX_EXPANDED_BYTES`]. Cells are then streamed one at a time and counted, never gathered
//! past [`MAX_CELLS_PER_SHEET`].

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, SheetVisible, Xlsx};

use crate::limits::{
    MAX_CELL_CHARS, MAX_CELLS_PER_SHEET, MAX_EXPANDED_BYTES, MAX_WORKBOOK_BYTES, MAX_ZIP_ENTRIES,
};
use crate::{Error, Result};

/// The value of one non-empty cell, as far as Jauge cares.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CellValue {
    Number(f64),
    Text(String),
    Bool(bool),
    /// A date, a time or an error value: shown back to the buyer as text, never a number.
    Other(String),
}

impl CellValue {
    /// The cell as the buyer sees it, for messages.
    pub(crate) fn shown(&self) -> String {
        match self {
            CellValue::Number(n) => format!("{n}"),
            CellValue::Text(t) | CellValue::Other(t) => t.clone(),
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
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
        if !bytes.starts_with(b"PK\x03\x04") {
            return Err(Error::NotXlsx("the file is not a zip archive".into()));
        }
        check_expansion(bytes)?;
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
        while let Some(cell) = reader
            .next_cell()
            .map_err(|e| Error::NotXlsx(e.to_string()))?
        {
            let value = match cell.get_value() {
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
            sheet.cells.insert(cell.get_position(), value);
        }
        Ok(Some(sheet))
    }
}

/// A cell's text cut to [`MAX_CELL_CHARS`] characters (plus one, so that callers can tell it was
/// longer).
fn bounded(text: &str) -> String {
    text.chars().take(MAX_CELL_CHARS + 1).collect()
}

/// Inflates every part of the archive into nothing, counting the bytes it really produces.
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
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index(index)
            .map_err(|e| Error::NotXlsx(e.to_string()))?;
        let room = MAX_EXPANDED_BYTES - total;
        if entry.size() > room {
            return Err(too_expanded());
        }
        // One byte past the room is enough to know the part is too large.
        let inflated = std::io::copy(&mut entry.take(room + 1), &mut std::io::sink())
            .map_err(|e| Error::NotXlsx(e.to_string()))?;
        if inflated > room {
            return Err(too_expanded());
        }
        total += inflated;
    }
    Ok(())
}
