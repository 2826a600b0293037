//! The list of bids received, as buyers keep it in a spreadsheet: one row per offer, read into
//! the evaluation's offers.
//!
//! Expected columns, found by their header (any row among the first [`HEADER_SEARCH_ROWS`], in
//! any order, case and accents ignored, French or English): `Identifiant` and `Soumissionnaire`
//! (required), `Offre` (commercial name), `Prix` and `Irrégularité` (optional: a column that is
//! absent leaves the stored value alone; an empty cell in a present column clears it). Offers
//! already in the evaluation are updated in place, certifications kept; others are added.

use std::collections::HashMap;

use jauge_domain::{Evaluation, Invalid, Offer};

use crate::limits::MAX_CELL_CHARS;
use crate::number::{Percent, cell_number};
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
    /// The sheet read.
    pub sheet: String,
    /// The zero-based row of each offer, in the order of `offers`.
    pub rows: Vec<u32>,
    /// The zero-based column of each column present.
    pub column_indexes: Vec<(OfferColumn, u32)>,
}

impl ReceivedOffers {
    /// Applies the list to `evaluation` and returns the offers it touched, as they now are, in
    /// time linear in the offers (one index of the stored offers, not a search per row).
    pub fn apply_to(&self, evaluation: &mut Evaluation) -> Vec<Offer> {
        let has = |c: OfferColumn| self.columns.contains(&c);
        let mut index: HashMap<String, usize> = (0..)
            .zip(&evaluation.offers)
            .map(|(i, o)| (o.id.clone(), i))
            .collect();
        let mut touched = Vec::with_capacity(self.offers.len());
        for row in &self.offers {
            let stored = index
                .get(&row.id)
                .and_then(|&i| evaluation.offers.get_mut(i));
            let offer = match stored {
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
                    index.insert(row.id.clone(), evaluation.offers.len());
                    evaluation.offers.push(row.clone());
                    row.clone()
                }
            };
            touched.push(offer);
        }
        touched
    }

    /// The cell (`Offres!D6`) an offer's field (`price`, as the evaluation names it) was read
    /// from, when the offer came from this list.
    pub fn cell_of(&self, id: &str, field: &str) -> Option<String> {
        let position = self.offers.iter().position(|o| o.id == id)?;
        let row = *self.rows.get(position)?;
        let wanted = match field {
            "bidder" => OfferColumn::Bidder,
            "name" => OfferColumn::Name,
            "price" => OfferColumn::Price,
            "irregular" => OfferColumn::Irregular,
            _ => OfferColumn::Id,
        };
        let column = self
            .column_indexes
            .iter()
            .find(|(c, _)| *c == wanted)
            .or_else(|| {
                self.column_indexes
                    .iter()
                    .find(|(c, _)| *c == OfferColumn::Id)
            })
            .map(|(_, column)| *column)?;
        Some(format!("{}!{}", self.sheet, cell_address(row, column)))
    }

    /// The problems found by validating the evaluation once the list is applied, those about
    /// an offer of the list (`offers[5].price`) named by the cell they came from instead.
    pub fn locate(&self, evaluation: &Evaluation, mut invalid: Invalid) -> Invalid {
        for problem in &mut invalid.problems {
            let Some(rest) = problem.path.strip_prefix("offers[") else {
                continue;
            };
            let Some((index, field)) = rest.split_once(']') else {
                continue;
            };
            let field = field.trim_start_matches('.');
            let field = field.split(['.', '[']).next().unwrap_or("");
            let cell = index
                .parse::<usize>()
                .ok()
                .and_then(|i| evaluation.offers.get(i))
                .and_then(|offer| self.cell_of(&offer.id, field));
            if let Some(cell) = cell {
                problem.path = cell;
            }
        }
        invalid
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
    // The header row: the first with both required columns. A column named twice is refused
    // naming both cells, rather than one of them taken silently.
    let header = (0..HEADER_SEARCH_ROWS).find_map(|row| {
        let mut columns: HashMap<OfferColumn, u32> = HashMap::new();
        let mut twice = Vec::new();
        for (&(_, column), value) in sheet.cells.range((row, 0)..(row + 1, 0)) {
            let Some(kind) = column_of(&value.text()) else {
                continue;
            };
            match columns.get(&kind) {
                Some(&first) => twice.push((column, first, value.text())),
                None => {
                    columns.insert(kind, column);
                }
            }
        }
        let complete = OFFER_COLUMNS
            .iter()
            .filter(|(.., required)| *required)
            .all(|(c, ..)| columns.contains_key(c));
        complete.then_some((row, columns, twice))
    });
    let Some((header_row, columns, twice)) = header else {
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
        return ReceivedOffers::empty(name);
    };
    if !twice.is_empty() {
        for (column, first, header) in twice {
            problem(
                Some((header_row, column)),
                ProblemKind::DuplicateColumn {
                    column: header,
                    first: cell_address(header_row, first),
                },
            );
        }
        return ReceivedOffers::empty(name);
    }
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
    let mut offer_rows = Vec::new();
    for row in rows {
        let cell = |c: OfferColumn| columns.get(&c).map(|&col| (col, sheet.get(row, col)));
        let text = |c: OfferColumn| {
            cell(c)
                .and_then(|(_, v)| v.map(CellValue::text))
                .filter(|t| !t.is_empty())
        };
        let mut valid = true;
        let mut uncomputed: Vec<u32> = columns
            .values()
            .copied()
            .filter(|&col| sheet.get(row, col) == Some(&CellValue::Uncomputed))
            .collect();
        uncomputed.sort_unstable();
        for &col in &uncomputed {
            problem(Some((row, col)), ProblemKind::FormulaWithoutValue);
            valid = false;
        }
        if !valid {
            continue;
        }
        let all_empty = columns.values().all(|&col| sheet.text(row, col).is_none());
        if all_empty {
            continue;
        }
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
            Some((col, Some(value))) => match cell_number(value, Percent::Refused) {
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
            offer_rows.push(row);
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
    let mut column_indexes: Vec<(OfferColumn, u32)> = columns.into_iter().collect();
    column_indexes.sort_by_key(|(_, column)| *column);
    ReceivedOffers {
        columns: present,
        offers,
        sheet: name.to_owned(),
        rows: offer_rows,
        column_indexes,
    }
}

impl ReceivedOffers {
    fn empty(sheet: &str) -> ReceivedOffers {
        ReceivedOffers {
            columns: Vec::new(),
            offers: Vec::new(),
            sheet: sheet.to_owned(),
            rows: Vec::new(),
            column_indexes: Vec::new(),
        }
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
}
