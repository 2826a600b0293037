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
