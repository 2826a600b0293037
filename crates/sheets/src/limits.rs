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
/// The most text bytes kept from the cells of one sheet (a cell repeating one long shared
/// string 200,000 times would otherwise cost gigabytes).
pub const MAX_SHEET_TEXT_BYTES: usize = 64 * 1024 * 1024;
/// The longest text or tag of an XML part: far above a cell (32,767 characters in Excel) or a
/// formula, and the bound of every buffer calamine fills.
pub const MAX_XML_RUN_BYTES: usize = 1024 * 1024;
/// The most shared strings (counted or declared): a list of bids or a grid holds thousands.
pub const MAX_SHARED_STRINGS: u64 = 500_000;
/// The most bytes of text among the shared strings, which calamine holds all at once.
pub const MAX_SHARED_STRING_BYTES: u64 = 64 * 1024 * 1024;
/// The most defined names, sheets and styles (number formats, fonts, fills, borders, cell
/// formats) of a workbook together; Excel's own limit on styles is 64,000.
pub const MAX_NAMES: u64 = 100_000;
/// The rows of a sheet in Excel and LibreOffice.
pub const MAX_ROWS: u32 = 1_048_576;
/// The columns of a sheet (A to XFD).
pub const MAX_COLUMNS: u32 = 16_384;
