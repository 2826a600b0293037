//! Spreadsheets both ways: the evaluation and its results as an XLSX workbook a buyer opens in
//! Excel or LibreOffice, a blank scoring grid per evaluator, and the two workbooks buyers bring
//! back — a grid filled in by a colleague who does not have Jauge, and the list of bids received.
//!
//! Bytes in, bytes out: no file IO (the API reads and writes the files), the date passed in.
//! Writing goes through `rust_xlsxwriter`, reading through `calamine`; a workbook the user opens
//! is hostile, so reading is bounded in size, zip expansion, texts, names and cells before
//! anything is interpreted ([`limits`]), and every number of a cell goes through one reader
//! ([`number`]) that returns what the cell shows or refuses it. Reading never writes anything: it gives back the scores or offers to
//! store, or every problem found, each named by sheet and cell in the buyer's words.
//!
//! This crate depends on `jauge-domain` only; it must not depend on the store, the report, Tauri
//! or any host.

mod address;
mod consultation;
mod error;
mod export;
mod grid;
mod lang;
pub mod limits;
pub mod number;
mod offers;
mod problem;
mod read;
mod scan;
mod schedule;
mod style;
mod tabs;
#[cfg(test)]
mod tests;

pub use address::cell_address;
pub use consultation::{ConsultationWorkbookInput, consultation_workbook};
pub use error::{Error, Result};
pub use export::{WorkbookInput, results_workbook};
pub use grid::{GRID_FORMAT, read_score_grid, score_grid};
pub use lang::Lang;
pub use offers::{OFFER_COLUMNS, OfferColumn, ReceivedOffers, read_offers};
pub use problem::{CellProblem, MAX_QUOTED_CHARS, ProblemKind, quoted};
pub use schedule::{FilledSchedule, SCHEDULE_FORMAT, read_price_schedule, schedule_workbook};
