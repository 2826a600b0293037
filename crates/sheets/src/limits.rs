//! How much of a workbook Jauge agrees to read. A workbook the buyer opens came from outside (a
//! colleague, a bidder's list): these bounds keep memory and time small whatever it holds, and
//! each refusal says which bound was hit.

/// The largest workbook file read (a filled grid or a list of bids weighs kilobytes).
pub const MAX_WORKBOOK_BYTES: usize = 32 * 1024 * 1024;
/// The most bytes all the parts of the zip may expand to, measured while inflating, not taken
/// from the sizes the archive declares (which a hostile file can fake).
pub const MAX_EXPANDED_BYTES: u64 = 256 * 1024 * 1024;
/// The most parts (zip entries) a workbook may hold.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// The most non-empty cells read from one sheet.
pub const MAX_CELLS_PER_SHEET: usize = 200_000;
/// The longest text kept from one cell (a justification is a paragraph, not a book).
pub const MAX_CELL_CHARS: usize = 10_000;
