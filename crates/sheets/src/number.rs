//! The one number reader of every cell Jauge reads from a workbook (scores in a grid, prices in
//! a list of bids, and the unit prices and quantities of a price schedule).
//!
//! The contract: the `f64` returned is exactly what the cell shows. A numeric cell is taken as
//! stored. Text is read in the forms French and English buyers type — `15,5`, `1 234,56 €`
//! (spaces, no-break U+00A0 or narrow no-break U+202F between thousands), `1234.56`,
//! `1.234,56` and `1,234.56` when only one reading exists — and `12 %` only where the caller
//! allows a percentage (read as the spreadsheet stores it: 0.12). Anything else is refused, never
//! guessed: a form with two readings (`1.234`, `1,234`: a thousand or a decimal?) names both;
//! text with more than [`MAX_SIGNIFICANT_DIGITS`] significant digits is refused (a spreadsheet
//! keeps 15, so the stored `f64` could differ from the text); a value that is not finite too.
//! The accepted and refused forms are the table of the README's workbook section, which the
//! tests below replay line by line.

use crate::ProblemKind;
use crate::read::CellValue;

/// The most significant digits a number typed as text may have: the 15 a spreadsheet keeps, so
/// that the `f64` read is the one a spreadsheet would store and show (the domain's bound on the
/// numbers of a price schedule).
pub use jauge_domain::prices::MAX_SIGNIFICANT_DIGITS;

/// Whether the caller reads a percentage (`12 %`) in this cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Percent {
    Allowed,
    Refused,
}

/// Why a cell is not read as a number.
#[derive(Debug, Clone, PartialEq)]
pub enum NumberError {
    /// Not a number in any form Jauge reads.
    NotANumber,
    /// A form with two readings (`1.234`: one thousand two hundred and thirty-four, or one point
    /// two three four): `thousands` read the separator as a thousands separator, `decimal` as a
    /// decimal separator.
    Ambiguous { thousands: f64, decimal: f64 },
    /// More than [`MAX_SIGNIFICANT_DIGITS`] significant digits.
    TooPrecise,
    /// Infinite or NaN.
    NotFinite,
    /// A percentage where the caller does not read one.
    PercentNotAllowed,
}

impl NumberError {
    /// The problem, with the cell's text as shown.
    pub(crate) fn kind(&self, text: String) -> ProblemKind {
        match *self {
            NumberError::NotANumber => ProblemKind::NotANumber { text },
            NumberError::Ambiguous { thousands, decimal } => ProblemKind::AmbiguousNumber {
                text,
                thousands,
                decimal,
            },
            NumberError::TooPrecise => ProblemKind::TooPrecise { text },
            NumberError::NotFinite => ProblemKind::NotFinite,
            NumberError::PercentNotAllowed => ProblemKind::PercentNotAllowed { text },
        }
    }
}

/// A cell as a number, or the problem to report at its address.
pub(crate) fn cell_number(value: &CellValue, percent: Percent) -> Result<f64, ProblemKind> {
    match value {
        CellValue::Number(n) if n.is_finite() => Ok(*n),
        CellValue::Number(_) => Err(ProblemKind::NotFinite),
        CellValue::Text(text) => read_number(text, percent).map_err(|e| e.kind(value.text())),
        CellValue::Bool(_) | CellValue::Other(_) => Err(NumberError::NotANumber.kind(value.text())),
        CellValue::Uncomputed => Err(ProblemKind::FormulaWithoutValue),
    }
}

/// A cell as an amount or a quantity of a price schedule: as [`cell_number`], a numeric cell
/// then taken to the 15 significant digits a spreadsheet shows. A bidder's line amount is often
/// a formula (`=E7*F7`), whose stored binary result can carry 17 digits (14716.799999999999 for
/// 0.042 × 350400) although the cell shows, and the bidder wrote, 14 716,8: that is the figure
/// the arithmetic check compares.
pub(crate) fn cell_amount(value: &CellValue, percent: Percent) -> Result<f64, ProblemKind> {
    let number = cell_number(value, percent)?;
    match value {
        CellValue::Number(_) => Ok(shown_digits(number)),
        _ => Ok(number),
    }
}

/// A price the buyer types in the app (a unit price of a price schedule), read exactly as a
/// price cell of a workbook is: by [`read_number`], no percentage, and a negative price refused
/// ([`ProblemKind::NegativePrice`]) — so that the screen and the workbooks accept and refuse the
/// same forms, and a form with two readings (`1.234`) is named, never guessed.
pub fn read_typed_price(text: &str) -> Result<f64, ProblemKind> {
    let shown = text.trim().to_owned();
    match read_number(text, Percent::Refused) {
        Ok(n) if n < 0.0 => Err(ProblemKind::NegativePrice { value: n }),
        Ok(n) => Ok(n),
        Err(error) => Err(error.kind(shown)),
    }
}

/// `number` rounded to [`MAX_SIGNIFICANT_DIGITS`] significant digits, the decimal a
/// spreadsheet shows of it (finite numbers only; others are returned as they are).
pub fn shown_digits(number: f64) -> f64 {
    if !number.is_finite() || number == 0.0 {
        return number;
    }
    let precision = MAX_SIGNIFICANT_DIGITS - 1;
    format!("{number:.precision$e}").parse().unwrap_or(number)
}

/// Spaces a buyer puts between thousands: the space, the no-break space (U+00A0), the narrow
/// no-break space (U+202F, the French typographic one) and the thin space (U+2009).
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Reads a number typed as text (see the module's documentation for the forms).
pub fn read_number(text: &str, percent: Percent) -> Result<f64, NumberError> {
    let mut body = text.trim_matches(|c: char| c.is_whitespace());
    let mut is_percent = false;
    if let Some(rest) = body.strip_suffix('%') {
        if percent == Percent::Refused {
            return Err(NumberError::PercentNotAllowed);
        }
        is_percent = true;
        body = rest;
    } else if let Some(rest) = body.strip_suffix('€') {
        body = rest;
    } else if body.len() > 3
        && body.is_char_boundary(body.len() - 3)
        && body[body.len() - 3..].eq_ignore_ascii_case("eur")
    {
        body = &body[..body.len() - 3];
    } else if let Some(rest) = body.strip_prefix('€') {
        body = rest;
    }
    body = body.trim_matches(|c: char| c.is_whitespace());
    let (negative, body) = match body.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, body.strip_prefix('+').unwrap_or(body)),
    };
    let Some(reading) = Reading::of(body) else {
        return Err(NumberError::NotANumber);
    };
    let value = |integer: &str, fraction: &str| -> Result<f64, NumberError> {
        let digits = format!("{integer}{fraction}");
        let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
        if significant > MAX_SIGNIFICANT_DIGITS {
            return Err(NumberError::TooPrecise);
        }
        let exponent = if is_percent { "e-2" } else { "" };
        let sign = if negative { "-" } else { "" };
        let integer = if integer.is_empty() { "0" } else { integer };
        let fraction = if fraction.is_empty() { "0" } else { fraction };
        // Rust's parser rounds the decimal correctly, as a spreadsheet does.
        let number: f64 = format!("{sign}{integer}.{fraction}{exponent}")
            .parse()
            .map_err(|_| NumberError::NotANumber)?;
        if number.is_finite() {
            Ok(number)
        } else {
            Err(NumberError::NotFinite)
        }
    };
    match reading {
        Reading::One { integer, fraction } => value(&integer, &fraction),
        Reading::Two { before, after } => {
            let thousands = value(&format!("{before}{after}"), "")?;
            let decimal = value(before, after)?;
            Err(NumberError::Ambiguous { thousands, decimal })
        }
    }
}

/// The digits of a number once its separators are understood.
enum Reading<'a> {
    /// One reading: the integer digits and the fraction digits.
    One { integer: String, fraction: String },
    /// `X.YYY` or `X,YYY` with X of one to three digits: `XYYY` as a whole number, or X point
    /// YYY.
    Two { before: &'a str, after: &'a str },
}

impl<'a> Reading<'a> {
    fn of(body: &'a str) -> Option<Reading<'a>> {
        if body.is_empty() {
            return None;
        }
        // Runs of digits and the one separator between each pair.
        let mut runs: Vec<&str> = Vec::new();
        let mut separators: Vec<char> = Vec::new();
        let mut start = 0;
        for (at, c) in body.char_indices() {
            if c.is_ascii_digit() {
                continue;
            }
            let separator = if is_group_space(c) {
                ' '
            } else if c == '.' || c == ',' {
                c
            } else {
                return None;
            };
            runs.push(&body[start..at]);
            separators.push(separator);
            start = at + c.len_utf8();
        }
        runs.push(&body[start..]);
        // Only a decimal separator may start (`,5`) the number; nothing may end it, and no two
        // separators may touch.
        if runs.last().is_none_or(|r| r.is_empty()) {
            return None;
        }
        if runs[1..].iter().any(|r| r.is_empty()) {
            return None;
        }
        if runs[0].is_empty() && separators.len() != 1 {
            return None;
        }
        let has = |c: char| separators.contains(&c);
        let count = |c: char| separators.iter().filter(|s| **s == c).count();
        let grouped = |groups: &[&str]| {
            // Thousands: a first group of one to three digits, then groups of three.
            groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
                && groups[1..].iter().all(|g| g.len() == 3)
        };
        let one = |integer: &[&str], fraction: &str| {
            Some(Reading::One {
                integer: integer.concat(),
                fraction: fraction.to_owned(),
            })
        };
        match separators.as_slice() {
            [] => one(&runs, ""),
            _ if has(' ') => {
                // Spaces group thousands; at most one `.` or `,`, after them, is the decimal.
                let marks = count('.') + count(',');
                match marks {
                    0 if grouped(&runs) => one(&runs, ""),
                    1 if separators.last() != Some(&' ') => {
                        let integer = &runs[..runs.len() - 1];
                        if !grouped(integer) {
                            return None;
                        }
                        one(integer, runs[runs.len() - 1])
                    }
                    _ => None,
                }
            }
            _ if has('.') && has(',') => {
                // The last mark, once, is the decimal; the other groups thousands before it.
                let decimal = *separators.last()?;
                let group = if decimal == '.' { ',' } else { '.' };
                let before_decimal = &separators[..separators.len() - 1];
                if count(decimal) != 1 || before_decimal.iter().any(|s| *s != group) {
                    return None;
                }
                let integer = &runs[..runs.len() - 1];
                if !grouped(integer) {
                    return None;
                }
                one(integer, runs[runs.len() - 1])
            }
            [_] => {
                let (before, after) = (runs[0], runs[1]);
                // `X.YYY`: a thousands separator too when X could be a first group of thousands.
                let could_be_thousands =
                    after.len() == 3 && (1..=3).contains(&before.len()) && !before.starts_with('0');
                if could_be_thousands {
                    Some(Reading::Two { before, after })
                } else {
                    one(&[before], after)
                }
            }
            _ => {
                // The same mark several times can only group thousands.
                if !grouped(&runs) {
                    return None;
                }
                one(&runs, "")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schedule_amount_is_the_decimal_the_cell_shows() {
        // A formula `=E7*F7` stores 14716.799999999999; the cell shows 14 716,8.
        let stored = 0.042_f64 * 350_400.0;
        assert_ne!(stored, 14_716.8);
        let cell = CellValue::Number(stored);
        assert_eq!(cell_amount(&cell, Percent::Refused), Ok(14_716.8));
        // Numbers a spreadsheet shows whole stay as they are, and so does 0.
        for n in [0.0, 1366.56, 0.039, 123_456_789_012_345.0, -2.5] {
            assert_eq!(shown_digits(n), n);
        }
        // Text keeps the number reader's refusal of more digits than a spreadsheet keeps.
        let text = CellValue::Text("0,1234567890123456".into());
        assert!(cell_amount(&text, Percent::Refused).is_err());
    }

    #[test]
    fn a_price_typed_in_the_app_is_read_as_a_price_cell() {
        assert_eq!(read_typed_price("1 234,56"), Ok(1234.56));
        assert_eq!(read_typed_price("1\u{202f}234,56 €"), Ok(1234.56));
        assert_eq!(read_typed_price(" 0,039 "), Ok(0.039));
        assert_eq!(read_typed_price("1234.56"), Ok(1234.56));
        assert_eq!(
            read_typed_price("-2,5"),
            Err(ProblemKind::NegativePrice { value: -2.5 })
        );
        assert_eq!(
            read_typed_price("1.234"),
            Err(ProblemKind::AmbiguousNumber {
                text: "1.234".into(),
                thousands: 1234.0,
                decimal: 1.234
            })
        );
        assert_eq!(
            read_typed_price("12 %"),
            Err(ProblemKind::PercentNotAllowed {
                text: "12 %".into()
            })
        );
        assert_eq!(
            read_typed_price("douze"),
            Err(ProblemKind::NotANumber {
                text: "douze".into()
            })
        );
    }

    /// The README's table of forms (section « Spreadsheets »), line by line: what the cell shows,
    /// and the number read or the refusal.
    const ACCEPTED: &[(&str, Percent, f64)] = &[
        ("15", Percent::Refused, 15.0),
        ("15,5", Percent::Refused, 15.5),
        ("15.5", Percent::Refused, 15.5),
        (",5", Percent::Refused, 0.5),
        ("-3,25", Percent::Refused, -3.25),
        ("1234,56", Percent::Refused, 1234.56),
        ("1234.56", Percent::Refused, 1234.56),
        ("1 234,56", Percent::Refused, 1234.56),
        ("1\u{a0}234,56", Percent::Refused, 1234.56),
        ("1\u{202f}234,56", Percent::Refused, 1234.56),
        ("1 234.56", Percent::Refused, 1234.56),
        ("1 234,56 €", Percent::Refused, 1234.56),
        ("2\u{202f}380\u{202f}000 EUR", Percent::Refused, 2_380_000.0),
        ("€1,234.56", Percent::Refused, 1234.56),
        ("1.234,56", Percent::Refused, 1234.56),
        ("1,234.56", Percent::Refused, 1234.56),
        ("2.380.000,50", Percent::Refused, 2_380_000.5),
        ("2,380,000.50", Percent::Refused, 2_380_000.5),
        ("1.234.567", Percent::Refused, 1_234_567.0),
        ("1,234,567", Percent::Refused, 1_234_567.0),
        ("0,125", Percent::Refused, 0.125),
        ("1234,567", Percent::Refused, 1234.567),
        ("1 234,567", Percent::Refused, 1234.567),
        ("12 %", Percent::Allowed, 0.12),
        ("12,5 %", Percent::Allowed, 0.125),
        ("123456789012345", Percent::Refused, 123_456_789_012_345.0),
        ("0,000000000000001", Percent::Refused, 1e-15),
        ("1000000000000000000000", Percent::Refused, 1e21),
    ];

    const REFUSED: &[(&str, Percent, NumberError)] = &[
        (
            "1.234",
            Percent::Refused,
            NumberError::Ambiguous {
                thousands: 1234.0,
                decimal: 1.234,
            },
        ),
        (
            "1,234",
            Percent::Refused,
            NumberError::Ambiguous {
                thousands: 1234.0,
                decimal: 1.234,
            },
        ),
        (
            "-12,500 €",
            Percent::Refused,
            NumberError::Ambiguous {
                thousands: -12500.0,
                decimal: -12.5,
            },
        ),
        ("1 234.567,89", Percent::Refused, NumberError::NotANumber),
        ("1,234.567,89", Percent::Refused, NumberError::NotANumber),
        ("1.2,3", Percent::Refused, NumberError::NotANumber),
        ("12 34", Percent::Refused, NumberError::NotANumber),
        ("1,,5", Percent::Refused, NumberError::NotANumber),
        ("15,", Percent::Refused, NumberError::NotANumber),
        ("1e3", Percent::Refused, NumberError::NotANumber),
        ("sur devis", Percent::Refused, NumberError::NotANumber),
        ("", Percent::Refused, NumberError::NotANumber),
        ("12 %", Percent::Refused, NumberError::PercentNotAllowed),
        (
            "1234567890123456",
            Percent::Refused,
            NumberError::TooPrecise,
        ),
        (
            "0,1234567890123456",
            Percent::Refused,
            NumberError::TooPrecise,
        ),
        (
            "1 234 567 890 123,456",
            Percent::Refused,
            NumberError::TooPrecise,
        ),
        (
            "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000\
             0000000000000000000000000000000000000000000000000000000000000000000000000000000000000\
             0000000000000000000000000000000000000000000000000000000000000000000000000000000000000\
             000000000000000000000000000000000000000000000000000000000000",
            Percent::Refused,
            NumberError::NotFinite,
        ),
    ];

    #[test]
    fn the_accepted_forms_read_exactly() {
        for (text, percent, expected) in ACCEPTED {
            assert_eq!(read_number(text, *percent), Ok(*expected), "{text:?}");
        }
    }

    #[test]
    fn the_refused_forms_say_why() {
        for (text, percent, expected) in REFUSED {
            assert_eq!(
                read_number(text, *percent).as_ref(),
                Err(expected),
                "{text:?}"
            );
        }
    }

    #[test]
    fn numeric_cells_are_taken_as_stored_and_others_refused() {
        let stored = 0.1 + 0.2;
        assert_eq!(
            cell_number(&CellValue::Number(stored), Percent::Refused),
            Ok(stored)
        );
        assert_eq!(
            cell_number(&CellValue::Number(f64::INFINITY), Percent::Refused),
            Err(ProblemKind::NotFinite)
        );
        assert_eq!(
            cell_number(&CellValue::Bool(true), Percent::Refused),
            Err(ProblemKind::NotANumber {
                text: "TRUE".into()
            })
        );
        assert_eq!(
            cell_number(&CellValue::Text(" 15,5 ".into()), Percent::Refused),
            Ok(15.5)
        );
    }
}
