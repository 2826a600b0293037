//! French numbers (through the domain's one formatter) and plain-text tables for the terminal.

use jauge_api::domain::words::{self, Lang, NBSP};

/// Points with two decimals and a decimal comma: `73,50`.
pub fn points(value: f64) -> String {
    words::decimal(Lang::Fr, value, 2)
}

/// An amount with thousands separated by a narrow no-break space, as French typography wants:
/// `1 050 000 €`, or with cents when there are any.
pub fn amount(value: f64, currency: &str) -> String {
    let has_cents = (value * 100.0).round() % 100.0 != 0.0;
    let digits = words::decimal(Lang::Fr, value, if has_cents { 2 } else { 0 });
    let symbol = if currency == "EUR" { "€" } else { currency };
    format!("{digits}{NBSP}{symbol}")
}

/// Left-aligned first two columns, right-aligned numbers, widths from the longest cell.
pub fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let width = |i: usize| {
        std::iter::once(&header[i])
            .chain(rows.iter().filter_map(|r| r.get(i)))
            .map(|cell| cell.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.chars().count());
            if i > 0 {
                out.push_str("  ");
            }
            if i == 1 {
                out.push_str(cell);
                out.push_str(&" ".repeat(pad));
            } else {
                out.push_str(&" ".repeat(pad));
                out.push_str(cell);
            }
        }
        out.trim_end().to_owned() + "\n"
    };
    let mut out = line(header);
    let total: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    out.push_str(&"─".repeat(total));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_use_french_grouping_and_comma() {
        assert_eq!(amount(1_050_000.0, "EUR"), "1\u{202f}050\u{202f}000\u{a0}€");
        assert_eq!(amount(1234.5, "EUR"), "1\u{202f}234,50\u{a0}€");
        assert_eq!(amount(999.0, "CHF"), "999\u{a0}CHF");
    }

    #[test]
    fn points_have_two_decimals_and_a_comma() {
        assert_eq!(points(73.0), "73,00");
        assert_eq!(points(21.456), "21,46");
    }
}
