//! The list of bids received, as buyers keep it in a spreadsheet: one row per offer, read into
//! the evaluation's offers.
//!
//! Expected columns, found by their header (any row among the first [`HEADER_SEARCH_ROWS`], in
//! any order, case and accents ignored, French or English): `Identifiant` and `Soumissionnaire`
//! (required), `Offre` (commercial name), `Prix` and `Irrégularité` (optional: a column that is
//! absent leaves the stored value alone; an empty cell in a present column clears it). Offers
//! already in the evaluation are updated in place, certifications kept; others are added.

use std::collections::HashMap;

use jauge_domain::{Evaluation, Offer};

use crate::limits::MAX_CELL_CHARS;
use crate::read::{CellValue, SheetCells, Workbook};
use crate::{CellProblem, Error, ProblemKind, Result, cell_address};

/// How far down the header row is looked for (a title or a note may sit above it).
const HEADER_SEARCH_ROWS: u32 = 20;

/// A column of the list of bids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OfferColumn {
    Id,
    Bidder,
    Name,
    Price,
    Irregular,
}

/// Every column read: its French header, its English header, the other headers accepted
/// (compared without case or accents), whether it is required.
pub const OFFER_COLUMNS: [(OfferColumn, &str, &str, &[&str], bool); 5] = [
    (
        OfferColumn::Id,
        "Identifiant",
        "Id",
        &[
            "identifiant",
            "id",
            "identifier",
            "n°",
            "numero",
            "reference offre",
        ],
        true,
    ),
    (
        OfferColumn::Bidder,
        "Soumissionnaire",
        "Bidder",
        &[
            "soumissionnaire",
            "candidat",
            "entreprise",
            "bidder",
            "tenderer",
        ],
        true,
    ),
    (
        OfferColumn::Name,
        "Offre",
        "Offer",
        &[
            "offre",
            "nom commercial",
            "nom de l'offre",
            "offer",
            "name",
            "offer name",
        ],
        false,
    ),
    (
        OfferColumn::Price,
        "Prix",
        "Price",
        &[
            "prix",
            "montant",
            "prix total",
            "price",
            "amount",
            "total price",
        ],
        false,
    ),
    (
        OfferColumn::Irregular,
        "Irrégularité",
        "Irregularity",
        &[
            "irregularite",
            "irregulier",
            "motif d'irregularite",
            "irregular",
            "irregularity",
        ],
        false,
    ),
];

/// What a list of bids holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedOffers {
    /// The optional columns present (the required ones always are).
    pub columns: Vec<OfferColumn>,
    /// One offer per row, in the order of the sheet, without certifications.
    pub offers: Vec<Offer>,
}

impl ReceivedOffers {
    /// Applies the list to `evaluation` and returns the offers it touched, as they now are.
    pub fn apply_to(&self, evaluation: &mut Evaluation) -> Vec<Offer> {
        let has = |c: OfferColumn| self.columns.contains(&c);
        let mut touched = Vec::new();
        for row in &self.offers {
            let offer = match evaluation.offers.iter_mut().find(|o| o.id == row.id) {
                Some(stored) => {
                    stored.bidder = row.bidder.clone();
                    if has(OfferColumn::Name) {
                        stored.name = row.name.clone();
                    }
                    if has(OfferColumn::Price) {
                        stored.price = row.price;
                    }
                    if has(OfferColumn::Irregular) {
                        stored.irregular = row.irregular.clone();
                    }
                    stored.clone()
                }
                None => {
                    evaluation.offers.push(row.clone());
                    row.clone()
                }
            };
            touched.push(offer);
        }
        touched
    }
}

/// Folds a header for comparison: lower case, accents dropped, spaces squeezed.
fn fold(text: &str) -> String {
    let lower: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '’' => '\'',
            other => other,
        })
        .collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn column_of(header: &str) -> Option<OfferColumn> {
    let folded = fold(header);
    OFFER_COLUMNS
        .iter()
        .find(|(_, fr, en, aliases, _)| {
            fold(fr) == folded || fold(en) == folded || aliases.iter().any(|a| fold(a) == folded)
        })
        .map(|(column, ..)| *column)
}

/// Reads the list of bids from the first visible sheet of an XLSX workbook, or every problem
/// found ([`Error::Cells`]).
pub fn read_offers(bytes: &[u8]) -> Result<ReceivedOffers> {
    let mut book = Workbook::open(bytes)?;
    let Some((name, _)) = book.sheet_names().into_iter().find(|(_, visible)| *visible) else {
        return Err(Error::NotXlsx("the workbook has no visible sheet".into()));
    };
    let sheet = book.sheet(&name)?.unwrap_or_default();
    let mut problems = Vec::new();
    let result = read_sheet(&sheet, &name, &mut problems);
    match problems.is_empty() {
        true => Ok(result),
        false => Err(Error::Cells(problems)),
    }
}

fn read_sheet(sheet: &SheetCells, name: &str, problems: &mut Vec<CellProblem>) -> ReceivedOffers {
    let mut problem = |row: Option<(u32, u32)>, kind| {
        problems.push(CellProblem {
            sheet: name.to_owned(),
            cell: row.map(|(r, c)| cell_address(r, c)),
            kind,
        })
    };
    // The header row: the first with both required columns.
    let header = (0..HEADER_SEARCH_ROWS).find_map(|row| {
        let columns: HashMap<OfferColumn, u32> = sheet
            .cells
            .range((row, 0)..(row + 1, 0))
            .filter_map(|(&(_, column), value)| Some((column_of(&value.text())?, column)))
            .collect();
        let complete = OFFER_COLUMNS
            .iter()
            .filter(|(.., required)| *required)
            .all(|(c, ..)| columns.contains_key(c));
        complete.then_some((row, columns))
    });
    let Some((header_row, columns)) = header else {
        let expected: Vec<&str> = OFFER_COLUMNS.iter().map(|(_, fr, ..)| *fr).collect();
        for (_, fr, _, _, required) in OFFER_COLUMNS {
            if required {
                problem(
                    None,
                    ProblemKind::MissingColumn {
                        column: fr.to_owned(),
                        expected: expected.join(", "),
                    },
                );
            }
        }
        return ReceivedOffers {
            columns: Vec::new(),
            offers: Vec::new(),
        };
    };
    let header_name = |c: OfferColumn| {
        OFFER_COLUMNS
            .iter()
            .find(|(column, ..)| *column == c)
            .map_or("", |(_, fr, ..)| *fr)
            .to_owned()
    };
    let mut rows: Vec<u32> = sheet
        .cells
        .keys()
        .map(|(row, _)| *row)
        .filter(|row| *row > header_row)
        .collect();
    rows.dedup();
    let mut first_row_of: HashMap<String, u32> = HashMap::new();
    let mut offers = Vec::new();
    for row in rows {
        let cell = |c: OfferColumn| columns.get(&c).map(|&col| (col, sheet.get(row, col)));
        let text = |c: OfferColumn| {
            cell(c)
                .and_then(|(_, v)| v.map(CellValue::text))
                .filter(|t| !t.is_empty())
        };
        let all_empty = columns.values().all(|&col| sheet.text(row, col).is_none());
        if all_empty {
            continue;
        }
        let mut valid = true;
        for c in [OfferColumn::Id, OfferColumn::Bidder] {
            if text(c).is_none() {
                let col = columns.get(&c).copied().unwrap_or(0);
                problem(
                    Some((row, col)),
                    ProblemKind::Required {
                        column: header_name(c),
                    },
                );
                valid = false;
            }
        }
        for c in [
            OfferColumn::Bidder,
            OfferColumn::Name,
            OfferColumn::Irregular,
        ] {
            if let (Some((col, _)), Some(t)) = (cell(c), text(c))
                && t.chars().count() > MAX_CELL_CHARS
            {
                problem(
                    Some((row, col)),
                    ProblemKind::TooLong {
                        limit: MAX_CELL_CHARS,
                    },
                );
                valid = false;
            }
        }
        let price = match cell(OfferColumn::Price) {
            Some((col, Some(value))) => match price(value) {
                Ok(p) if p < 0.0 => {
                    problem(Some((row, col)), ProblemKind::NegativePrice { value: p });
                    valid = false;
                    None
                }
                Ok(p) => Some(p),
                Err(kind) => {
                    problem(Some((row, col)), kind);
                    valid = false;
                    None
                }
            },
            _ => None,
        };
        let id = text(OfferColumn::Id).unwrap_or_default();
        if !id.is_empty() {
            let id_column = columns.get(&OfferColumn::Id).copied().unwrap_or(0);
            if let Some(first) = first_row_of.get(&id) {
                problem(
                    Some((row, id_column)),
                    ProblemKind::DuplicateOffer {
                        id: id.clone(),
                        first_row: first + 1,
                    },
                );
                valid = false;
            } else {
                first_row_of.insert(id.clone(), row);
            }
        }
        if valid {
            offers.push(Offer {
                id,
                bidder: text(OfferColumn::Bidder).unwrap_or_default(),
                name: text(OfferColumn::Name),
                price,
                irregular: text(OfferColumn::Irregular),
                certifications: None,
            });
        }
    }
    if offers.is_empty() && problems.is_empty() {
        problems.push(CellProblem {
            sheet: name.to_owned(),
            cell: None,
            kind: ProblemKind::NothingEntered,
        });
    }
    let mut present: Vec<OfferColumn> = columns.keys().copied().collect();
    present.sort_by_key(|c| OFFER_COLUMNS.iter().position(|(col, ..)| col == c));
    ReceivedOffers {
        columns: present,
        offers,
    }
}

/// A price cell: a number, or a number typed as text the French or English way
/// (`2 380 000,00 €`, `2,380,000.00`).
fn price(value: &CellValue) -> std::result::Result<f64, ProblemKind> {
    let not_a_number = || ProblemKind::NotANumber { text: value.text() };
    match value {
        CellValue::Number(n) => Ok(*n),
        CellValue::Text(text) => {
            let kept: String = text
                .replace("EUR", "")
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '€' | '\u{a0}' | '\u{202f}'))
                .collect();
            let normalised = match (kept.contains(','), kept.contains('.')) {
                (true, false) => kept.replace(',', "."),
                (true, true) => kept.replace(',', ""),
                _ => kept,
            };
            normalised
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or_else(not_a_number)
        }
        _ => Err(not_a_number()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_without_case_or_accents() {
        assert_eq!(column_of("IRRÉGULARITÉ"), Some(OfferColumn::Irregular));
        assert_eq!(column_of("  Soumissionnaire "), Some(OfferColumn::Bidder));
        assert_eq!(column_of("Price"), Some(OfferColumn::Price));
        assert_eq!(column_of("Nom  commercial"), Some(OfferColumn::Name));
        assert_eq!(column_of("Observations"), None);
    }

    #[test]
    fn prices_typed_as_text_are_read_the_french_or_english_way() {
        let text = |t: &str| CellValue::Text(t.to_owned());
        assert_eq!(price(&text("2 380 000,50 €")), Ok(2_380_000.5));
        assert_eq!(price(&text("2\u{202f}380\u{202f}000 EUR")), Ok(2_380_000.0));
        assert_eq!(price(&text("2,380,000.50")), Ok(2_380_000.5));
        assert_eq!(price(&CellValue::Number(12.5)), Ok(12.5));
        assert!(matches!(
            price(&text("sur devis")),
            Err(ProblemKind::NotANumber { .. })
        ));
    }
}
