//! The crate's one error type.

use crate::problem::CellProblem;

/// Every way reading or writing a workbook can fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file is larger than [`crate::limits::MAX_WORKBOOK_BYTES`].
    #[error("the workbook is {bytes} bytes, more than the {limit} bytes Jauge reads")]
    TooLarge { bytes: usize, limit: usize },
    /// The file is not an XLSX workbook (or is one calamine cannot read).
    #[error(
        "not an XLSX workbook (Excel 2007 or later; an .xls, .ods or .csv file must first be \
         saved as .xlsx): {0}"
    )]
    NotXlsx(String),
    /// Decompressed, the workbook would exceed the limits (a "zip bomb" or a huge workbook).
    #[error("the workbook expands to more than {limit} bytes or {entries} parts: refused")]
    TooExpanded { limit: u64, entries: usize },
    /// The file is a workbook encrypted with a password (an OLE compound file holding an
    /// `EncryptedPackage`), which only the spreadsheet that knows the password can open.
    #[error("the workbook is protected by a password: save a copy without the password")]
    Protected,
    /// A part of the workbook holds a text or a tag longer than Jauge reads.
    #[error("the part {part} holds a text or a tag longer than {limit} bytes: refused")]
    TextTooLong { part: String, limit: usize },
    /// More shared strings, or more bytes of them, than Jauge reads.
    #[error("the workbook holds more than {limit} texts or {bytes} bytes of text: refused")]
    TooManyStrings { limit: u64, bytes: u64 },
    /// More defined names, sheets and styles than Jauge reads.
    #[error("the workbook defines more than {limit} names, sheets or styles: refused")]
    TooManyNames { limit: u64 },
    /// A cell reference or position past the limits of a sheet (it would wrap around), in the
    /// XML part `part`, which is the tab `sheet` when the workbook's map says so.
    #[error("the cell {cell} (part {part}) lies beyond the limits of a sheet: refused")]
    OutOfSheet {
        part: String,
        sheet: Option<String>,
        cell: String,
    },
    /// A sheet holds more cells than Jauge reads.
    #[error("the sheet {sheet} holds more than {limit} cells: refused")]
    TooManyCells { sheet: String, limit: usize },
    /// The workbook was read, but some cells are wrong: nothing may be imported.
    #[error("{} problem(s) in the workbook", .0.len())]
    Cells(Vec<CellProblem>),
    /// Building a workbook failed on our own data (a bug, or a limit of the format).
    #[error("writing the workbook failed: {0}")]
    Write(String),
}

impl From<rust_xlsxwriter::XlsxError> for Error {
    fn from(error: rust_xlsxwriter::XlsxError) -> Self {
        Error::Write(error.to_string())
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
