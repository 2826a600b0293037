//! The price schedule (BPU/DQE) as a workbook, both ways: the blank schedule a bidder fills (the
//! tender's lines with their estimated quantities, an empty unit-price column and an empty
//! line-amount column, and a total), and one filled schedule read back as one offer's prices.
//!
//! Jauge recomputes every amount from the unit prices (the unit price prevails), so the workbook
//! needs no formula: what the bidder writes in the amount and total cells is read as *its own*
//! figures, which the arithmetic check of `jauge_domain::prices` compares with the exact ones.
//! A hidden column holds each row's line id, so rows can be sorted or moved and still read back
//! to the right line; a hidden sheet `jauge` records the tender, so that a schedule filled for
//! another tender is refused as a whole. Every number goes through the one number reader
//! ([`crate::number`]); every problem names the sheet and the cell.

use std::collections::HashMap;

use jauge_domain::{Evaluation, Invalid, LinePrice, ScheduleOffer};
use rust_xlsxwriter::{ProtectionOptions, Workbook};

use crate::number::{Percent, cell_amount};
use crate::read::{CellValue, SheetCells, Workbook as ReadBook};
use crate::style::{Styles, fit_columns};
use crate::{CellProblem, Error, Lang, ProblemKind, Result, cell_address};

/// The `format` recorded in a schedule's hidden sheet.
pub const SCHEDULE_FORMAT: &str = "jauge/price-schedule@1";

/// The hidden sheet's name, the same in every language.
const META_SHEET: &str = "jauge";
const KEY_FORMAT: &str = "format";
const KEY_TENDER: &str = "tender";
const KEY_SHEET: &str = "sheet";
/// Column A marker of the grand total's row.
const TOTAL_MARK: &str = "jauge:total";

/// Layout of the schedule sheet, zero-based.
const HEADER_ROW: u32 = 3;
const FIRST_LINE_ROW: u32 = 4;
const ID_COLUMN: u16 = 0;
const REF_COLUMN: u16 = 1;
const LABEL_COLUMN: u16 = 2;
const UNIT_COLUMN: u16 = 3;
const QUANTITY_COLUMN: u16 = 4;
const UNIT_PRICE_COLUMN: u16 = 5;
const LINE_TOTAL_COLUMN: u16 = 6;
const GROUP_COLUMN: u16 = 7;

/// The blank schedule of the evaluation's price schedule, as XLSX bytes: what the buyer sends
/// every bidder.
pub fn schedule_workbook(evaluation: &Evaluation, lang: Lang) -> Result<Vec<u8>> {
    let schedule = evaluation
        .price_schedule
        .as_ref()
        .ok_or_else(|| Error::Write("the evaluation has no price schedule".into()))?;
    let words = lang.words();
    let styles = Styles::new(lang, evaluation.tender.currency_code());
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(words.sheet_schedule)?;
    let title = format!(
        "{} — {} — {}",
        words.schedule_title, evaluation.tender.reference, evaluation.tender.title
    );
    sheet.write_string_with_format(0, REF_COLUMN, &title, &styles.title)?;
    sheet.merge_range(
        1,
        REF_COLUMN,
        1,
        GROUP_COLUMN,
        words.schedule_instructions,
        &styles.wrap,
    )?;
    sheet.set_row_height(1, 48)?;
    let headers = [
        (REF_COLUMN, words.line_ref),
        (LABEL_COLUMN, words.line_label),
        (UNIT_COLUMN, words.unit),
        (QUANTITY_COLUMN, words.quantity),
        (UNIT_PRICE_COLUMN, words.unit_price),
        (LINE_TOTAL_COLUMN, words.line_total),
        (GROUP_COLUMN, words.line_group),
    ];
    for (column, header) in headers {
        sheet.write_string_with_format(HEADER_ROW, column, header, &styles.header)?;
    }
    let mut row = FIRST_LINE_ROW;
    for line in &schedule.lines {
        sheet.write_string(row, ID_COLUMN, &line.id)?;
        sheet.write_string_with_format(row, REF_COLUMN, &line.id, &styles.text)?;
        sheet.write_string_with_format(row, LABEL_COLUMN, &line.label, &styles.wrap)?;
        sheet.write_string_with_format(row, UNIT_COLUMN, &line.unit, &styles.text)?;
        sheet.write_number_with_format(row, QUANTITY_COLUMN, line.quantity, &styles.number)?;
        sheet.write_blank(row, UNIT_PRICE_COLUMN, &styles.input)?;
        sheet.write_blank(row, LINE_TOTAL_COLUMN, &styles.input)?;
        if let Some(group) = &line.group {
            sheet.write_string_with_format(row, GROUP_COLUMN, group, &styles.text)?;
        }
        row += 1;
    }
    sheet.write_string(row, ID_COLUMN, TOTAL_MARK)?;
    sheet.write_string_with_format(row, QUANTITY_COLUMN, words.grand_total, &styles.label)?;
    sheet.write_blank(row, LINE_TOTAL_COLUMN, &styles.input)?;
    fit_columns(sheet);
    sheet.set_column_width(LABEL_COLUMN, 50)?;
    sheet.set_column_width(UNIT_PRICE_COLUMN, 18)?;
    sheet.set_column_width(LINE_TOTAL_COLUMN, 18)?;
    sheet.set_column_hidden(ID_COLUMN)?;
    sheet.set_freeze_panes(FIRST_LINE_ROW, LABEL_COLUMN + 1)?;
    sheet.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        sort: true,
        ..ProtectionOptions::default()
    });

    let meta = workbook.add_worksheet();
    meta.set_name(META_SHEET)?;
    let entries = [
        (KEY_FORMAT, SCHEDULE_FORMAT),
        (KEY_TENDER, evaluation.tender.reference.as_str()),
        (KEY_SHEET, words.sheet_schedule),
    ];
    for (row, (key, value)) in (0u32..).zip(entries) {
        meta.write_string(row, 0, key)?;
        meta.write_string(row, 1, value)?;
    }
    meta.set_hidden(true);
    meta.protect();
    Ok(workbook.save_to_buffer()?)
}

/// One filled schedule read back: the offer's prices, and where each came from.
#[derive(Debug, Clone, PartialEq)]
pub struct FilledSchedule {
    /// The prices of the lines the bidder priced (in the order of the sheet's rows), its line
    /// amounts where it wrote them, and its grand total.
    pub prices: ScheduleOffer,
    /// The sheet read.
    pub sheet: String,
    /// The zero-based row of each price, in the order of `prices.prices`.
    pub rows: Vec<u32>,
    /// The zero-based row of the grand total.
    pub total_row: Option<u32>,
}

impl FilledSchedule {
    /// The problems found by checking the offer's prices once stored (paths such as
    /// `price_schedule.offers[2].prices[5].unit_price`), those about a figure of this workbook
    /// named by the cell it came from instead.
    pub fn locate(&self, mut invalid: Invalid) -> Invalid {
        for problem in &mut invalid.problems {
            let Some(rest) = problem.path.strip_prefix("price_schedule.offers[") else {
                continue;
            };
            let Some((_, rest)) = rest.split_once(']') else {
                continue;
            };
            let cell = if rest == ".submitted_total" {
                self.total_row
                    .map(|row| cell_address(row, u32::from(LINE_TOTAL_COLUMN)))
            } else if let Some(rest) = rest.strip_prefix(".prices[")
                && let Some((index, field)) = rest.split_once(']')
            {
                let column = match field {
                    ".submitted_total" => LINE_TOTAL_COLUMN,
                    _ => UNIT_PRICE_COLUMN,
                };
                index
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| self.rows.get(i))
                    .map(|&row| cell_address(row, u32::from(column)))
            } else {
                None
            };
            if let Some(cell) = cell {
                problem.path = format!("{}!{cell}", self.sheet);
            }
        }
        invalid
    }
}

/// Reads one filled schedule as the prices of `offer`, or every problem found
/// ([`Error::Cells`]). An empty unit-price cell leaves its line unpriced (the offer is then
/// incomplete, never priced at zero); a line amount without a unit price is refused.
pub fn read_price_schedule(
    bytes: &[u8],
    evaluation: &Evaluation,
    offer: &str,
) -> Result<FilledSchedule> {
    let not_a_schedule = |sheet: &str| {
        Error::Cells(vec![CellProblem {
            sheet: sheet.to_owned(),
            cell: None,
            kind: ProblemKind::NotASchedule,
        }])
    };
    let mut book = ReadBook::open(bytes)?;
    let meta = book
        .sheet(META_SHEET)?
        .ok_or_else(|| not_a_schedule(META_SHEET))?;
    let sheet_name = check_meta(&meta, evaluation)?;
    let sheet = book.sheet(&sheet_name)?.ok_or_else(|| {
        Error::Cells(vec![CellProblem {
            sheet: sheet_name.clone(),
            cell: None,
            kind: ProblemKind::MissingSheet {
                sheet: sheet_name.clone(),
            },
        }])
    })?;
    let mut problems = Vec::new();
    let filled = read_rows(&sheet, evaluation, offer, &mut problems);
    match problems.is_empty() {
        true => Ok(filled),
        false => Err(Error::Cells(problems)),
    }
}

/// Checks the hidden sheet and returns the name of the schedule's sheet.
fn check_meta(meta: &SheetCells, evaluation: &Evaluation) -> Result<String> {
    let mut values: HashMap<String, (u32, String)> = HashMap::new();
    for (&(row, column), value) in &meta.cells {
        if column == 0 {
            values.insert(value.text(), (row, meta.text(row, 1).unwrap_or_default()));
        }
    }
    let problem = |row: Option<u32>, kind| {
        Error::Cells(vec![CellProblem {
            sheet: meta.name.clone(),
            cell: row.map(|r| cell_address(r, 1)),
            kind,
        }])
    };
    match values.get(KEY_FORMAT) {
        Some((_, format)) if format == SCHEDULE_FORMAT => {}
        _ => return Err(problem(None, ProblemKind::NotASchedule)),
    }
    let (Some(tender), Some(sheet)) = (values.get(KEY_TENDER), values.get(KEY_SHEET)) else {
        return Err(problem(None, ProblemKind::NotASchedule));
    };
    if tender.1 != evaluation.tender.reference {
        return Err(problem(
            Some(tender.0),
            ProblemKind::ScheduleOfOtherTender {
                found: tender.1.clone(),
                expected: evaluation.tender.reference.clone(),
            },
        ));
    }
    Ok(sheet.1.clone())
}

fn read_rows(
    sheet: &SheetCells,
    evaluation: &Evaluation,
    offer: &str,
    problems: &mut Vec<CellProblem>,
) -> FilledSchedule {
    let mut problem = |row: u32, column: u16, kind| {
        problems.push(CellProblem {
            sheet: sheet.name.clone(),
            cell: Some(cell_address(row, u32::from(column))),
            kind,
        })
    };
    // Each line's published (DQE) quantity, by id.
    let lines: HashMap<&str, f64> = evaluation
        .price_schedule
        .as_ref()
        .map(|s| {
            s.lines
                .iter()
                .map(|l| (l.id.as_str(), l.quantity))
                .collect()
        })
        .unwrap_or_default();
    let mut filled = FilledSchedule {
        prices: ScheduleOffer {
            offer: offer.to_owned(),
            prices: Vec::new(),
            submitted_total: None,
        },
        sheet: sheet.name.clone(),
        rows: Vec::new(),
        total_row: None,
    };
    // A figure of the sheet as a number: what the cell shows, or its problem.
    let amount = |row: u32, column: u16, problem: &mut dyn FnMut(u32, u16, ProblemKind)| {
        let value = sheet.get(row, u32::from(column))?;
        match cell_amount(value, Percent::Refused) {
            Ok(n) if n < 0.0 => {
                problem(row, column, ProblemKind::NegativePrice { value: n });
                None
            }
            Ok(n) => Some(n),
            Err(kind) => {
                problem(row, column, kind);
                None
            }
        }
    };
    let marked: Vec<(u32, String)> = sheet
        .cells
        .iter()
        .filter(|((row, column), _)| *column == u32::from(ID_COLUMN) && *row >= FIRST_LINE_ROW)
        .map(|((row, _), value)| (*row, value.text()))
        .collect();
    let mut first_row_of: HashMap<String, u32> = HashMap::new();
    for (row, id) in marked {
        if sheet.get(row, u32::from(ID_COLUMN)) == Some(&CellValue::Uncomputed) {
            problem(row, ID_COLUMN, ProblemKind::FormulaWithoutValue);
            continue;
        }
        if id == TOTAL_MARK {
            filled.total_row = Some(row);
            filled.prices.submitted_total = amount(row, LINE_TOTAL_COLUMN, &mut problem);
            continue;
        }
        let Some(&published) = lines.get(id.as_str()) else {
            problem(row, REF_COLUMN, ProblemKind::UnknownLine { id });
            continue;
        };
        if let Some(first) = first_row_of.get(&id) {
            problem(
                row,
                REF_COLUMN,
                ProblemKind::DuplicateLine {
                    id,
                    first_row: first + 1,
                },
            );
            continue;
        }
        first_row_of.insert(id.clone(), row);
        // The quantities are the buyer's: every offer is compared on the one DQE the tender
        // published (it changes only by an amendment sent to every candidate; CE 16 Nov 2016,
        // n° 401660: each offer priced on the same simulation). A bidder's changed quantity is
        // no figure Jauge may take, nor one it may quietly overwrite: restoring the published
        // one is the buyer's correction only where the tender rules allow it and the unit
        // price is untouched, otherwise the bidder regularises its offer (R2152-2). So the
        // workbook is refused, the cell named, and the buyer decides.
        if let Some(written) = amount(row, QUANTITY_COLUMN, &mut problem)
            && !same_quantity(written, published)
        {
            problem(
                row,
                QUANTITY_COLUMN,
                ProblemKind::QuantityChanged {
                    id: id.clone(),
                    written,
                    published,
                },
            );
        }
        let unit_price = amount(row, UNIT_PRICE_COLUMN, &mut problem);
        let written = amount(row, LINE_TOTAL_COLUMN, &mut problem);
        match unit_price {
            Some(unit_price) => {
                filled.prices.prices.push(LinePrice {
                    line: id,
                    unit_price,
                    submitted_total: written,
                });
                filled.rows.push(row);
            }
            None if sheet.get(row, u32::from(UNIT_PRICE_COLUMN)).is_none()
                && sheet.get(row, u32::from(LINE_TOTAL_COLUMN)).is_some() =>
            {
                problem(row, LINE_TOTAL_COLUMN, ProblemKind::TotalWithoutUnitPrice);
            }
            None => {}
        }
    }
    if filled.prices.prices.is_empty() && problems.is_empty() {
        problems.push(CellProblem {
            sheet: sheet.name.clone(),
            cell: None,
            kind: ProblemKind::NothingEntered,
        });
    }
    filled
}

/// Whether a quantity read back is the published one, compared as the decimals both spell (a
/// spreadsheet keeps 15 significant digits, the published quantity has at most as many).
fn same_quantity(written: f64, published: f64) -> bool {
    match (
        jauge_domain::prices::exact(written),
        jauge_domain::prices::exact(published),
    ) {
        (Some(a), Some(b)) => a == b,
        _ => written == published,
    }
}
