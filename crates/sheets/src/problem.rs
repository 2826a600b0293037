//! A problem found in a workbook, named by sheet and cell, told in the buyer's words.

use jauge_domain::words::Params;
use jauge_domain::{Problem, ProblemCode};

use crate::Lang;

/// One wrong cell (or sheet) of an imported workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct CellProblem {
    /// The sheet's name as the spreadsheet shows it on its tab.
    pub sheet: String,
    /// The cell (`D14`), or `None` when the problem is the sheet or the workbook as a whole.
    pub cell: Option<String>,
    pub kind: ProblemKind,
}

/// What is wrong, with what the message needs.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// The workbook has no sheet named `sheet`.
    MissingSheet { sheet: String },
    /// Not a grid made by Jauge (its hidden sheet is absent or unreadable).
    NotAGrid,
    /// The grid was made for another tender.
    WrongTender { found: String, expected: String },
    /// The grid was made for another evaluator.
    WrongEvaluator { found: String, expected: String },
    /// The criteria or the offers changed since the grid was made.
    StaleGrid,
    /// A score column names an offer the tender does not have.
    UnknownOffer { id: String },
    /// A row names a criterion the tender does not have.
    UnknownCriterion { id: String },
    /// A row names a criterion that evaluators do not score (price, automatic check, group).
    NotScorable { id: String },
    /// The same (offer, criterion) appears twice.
    Duplicate { offer: String, criterion: String },
    /// A number outside the criterion's scale.
    OffScale { value: f64, min: f64, max: f64 },
    /// A number between the bounds but not on the scale's step.
    OffStep { value: f64, min: f64, step: f64 },
    /// Text, a date or an error where a number is expected.
    NotANumber { text: String },
    /// Anything but yes or no on a requirement.
    NotYesNo { text: String },
    /// A justification next to an empty score.
    JustificationWithoutScore,
    /// Nothing to import.
    NothingEntered,
    /// A required column of the list of bids is absent.
    MissingColumn { column: String, expected: String },
    /// A required cell is empty.
    Required { column: String },
    /// The same offer id on two rows.
    DuplicateOffer { id: String, first_row: u32 },
    /// A negative price.
    NegativePrice { value: f64 },
    /// A text longer than the limit.
    TooLong { limit: usize },
    /// A number typed with two readings (`1.234`): a thousands or a decimal separator?
    AmbiguousNumber {
        text: String,
        thousands: f64,
        decimal: f64,
    },
    /// A number typed with more significant digits than a spreadsheet keeps.
    TooPrecise { text: String },
    /// An infinite or NaN value.
    NotFinite,
    /// A percentage where none is read.
    PercentNotAllowed { text: String },
    /// A formula whose value was never computed (a file written by a script).
    FormulaWithoutValue,
    /// The same column header twice in the header row; `first` is the other cell (`D3`).
    DuplicateColumn { column: String, first: String },
    /// Not a price schedule made by Jauge (its hidden sheet is absent or unreadable).
    NotASchedule,
    /// The price schedule was made for another tender.
    ScheduleOfOtherTender { found: String, expected: String },
    /// A row names a line the tender's price schedule does not have.
    UnknownLine { id: String },
    /// The same line on two rows.
    DuplicateLine { id: String, first_row: u32 },
    /// A line amount written without a unit price.
    TotalWithoutUnitPrice,
    /// The bidder wrote another quantity than the one the tender published for the line.
    QuantityChanged {
        id: String,
        written: f64,
        published: f64,
    },
}

/// The most characters of a cell's text quoted in a message; longer texts are cut and end with
/// `…`, so that a 10,000-character id does not bury the message.
pub const MAX_QUOTED_CHARS: usize = 60;

/// `text` cut to [`MAX_QUOTED_CHARS`] characters, `…` marking the cut.
pub fn quoted(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

impl CellProblem {
    /// `Notes!D14`, or the sheet's name alone.
    pub fn address(&self) -> String {
        match &self.cell {
            Some(cell) => format!("{}!{cell}", self.sheet),
            None => self.sheet.clone(),
        }
    }

    /// The problem as the shared vocabulary knows it, its path the cell's address.
    pub fn to_problem(&self) -> Problem {
        let (code, params) = self.kind.coded();
        Problem::new(self.address(), code, params)
    }

    /// « Notes!D14 : 7 est hors de l’échelle 0..5 » / "Notes!D14: 7 is outside the scale 0..5".
    pub fn describe(&self, lang: Lang) -> String {
        format!(
            "{}{}{}",
            self.address(),
            lang.colon(),
            self.to_problem().message_in(lang.vocabulary())
        )
    }
}

impl ProblemKind {
    /// The problem in the shared vocabulary (`jauge_domain::words::PROBLEMS`): its code and the
    /// values its sentence names, texts from the workbook cut to [`MAX_QUOTED_CHARS`]. The
    /// wording lives there, once, for the app, the command line and every language.
    pub fn coded(&self) -> (ProblemCode, Params) {
        let (code, params) = self.uncut();
        let cut = params
            .0
            .into_iter()
            .map(|(name, value)| (name, quoted(&value)))
            .collect();
        (code, Params(cut))
    }

    fn uncut(&self) -> (ProblemCode, Params) {
        use ProblemCode as C;
        let p = Params::new();
        match self {
            ProblemKind::MissingSheet { sheet } => (C::SheetMissing, p.with("sheet", sheet)),
            ProblemKind::NotAGrid => (C::NotAGrid, p),
            ProblemKind::WrongTender { found, expected } => (
                C::GridOfOtherTender,
                p.with("found", found).with("expected", expected),
            ),
            ProblemKind::WrongEvaluator { found, expected } => (
                C::GridOfOtherEvaluator,
                p.with("found", found).with("expected", expected),
            ),
            ProblemKind::StaleGrid => (C::StaleGrid, p),
            ProblemKind::UnknownOffer { id } => (C::GridUnknownOffer, p.with("id", id)),
            ProblemKind::UnknownCriterion { id } => (C::GridUnknownCriterion, p.with("id", id)),
            ProblemKind::NotScorable { id } => (C::GridNotScorable, p.with("id", id)),
            ProblemKind::Duplicate { offer, criterion } => (
                C::GridDuplicate,
                p.with("offer", offer).with("criterion", criterion),
            ),
            ProblemKind::OffScale { value, min, max } => (
                C::GridOffScale,
                p.number("value", *value)
                    .number("min", *min)
                    .number("max", *max),
            ),
            ProblemKind::OffStep { value, min, step } => (
                C::GridOffStep,
                p.number("value", *value)
                    .number("min", *min)
                    .number("step", *step),
            ),
            ProblemKind::NotANumber { text } => (C::NotANumber, p.with("text", text)),
            ProblemKind::NotYesNo { text } => (C::NotYesNo, p.with("text", text)),
            ProblemKind::JustificationWithoutScore => (C::JustificationWithoutScore, p),
            ProblemKind::NothingEntered => (C::NothingEntered, p),
            ProblemKind::MissingColumn { column, expected } => (
                C::MissingColumn,
                p.with("column", column).with("expected", expected),
            ),
            ProblemKind::Required { column } => (C::RequiredCell, p.with("column", column)),
            ProblemKind::DuplicateOffer { id, first_row } => (
                C::DuplicateOfferRow,
                p.with("id", id).with("row", first_row.to_string()),
            ),
            ProblemKind::NegativePrice { value } => (C::NegativePrice, p.number("value", *value)),
            ProblemKind::TooLong { limit } => (C::CellTooLong, p.with("limit", limit.to_string())),
            ProblemKind::AmbiguousNumber {
                text,
                thousands,
                decimal,
            } => (
                C::AmbiguousNumber,
                p.with("text", text)
                    .number("thousands", *thousands)
                    .number("decimal", *decimal),
            ),
            ProblemKind::TooPrecise { text } => (
                C::TooPreciseNumber,
                p.with("text", text)
                    .with("digits", crate::number::MAX_SIGNIFICANT_DIGITS.to_string()),
            ),
            ProblemKind::NotFinite => (C::CellNotFinite, p),
            ProblemKind::PercentNotAllowed { text } => (C::PercentNotAllowed, p.with("text", text)),
            ProblemKind::FormulaWithoutValue => (C::FormulaWithoutValue, p),
            ProblemKind::DuplicateColumn { column, first } => (
                C::DuplicateColumn,
                p.with("column", column).with("first", first),
            ),
            ProblemKind::NotASchedule => (C::NotAPriceSchedule, p),
            ProblemKind::ScheduleOfOtherTender { found, expected } => (
                C::WrongTender,
                p.with("found", found).with("expected", expected),
            ),
            ProblemKind::UnknownLine { id } => (C::UnknownLine, p.with("id", id)),
            ProblemKind::DuplicateLine { id, first_row } => (
                C::DuplicateLineRow,
                p.with("id", id).with("row", first_row.to_string()),
            ),
            ProblemKind::TotalWithoutUnitPrice => (C::TotalWithoutUnitPrice, p),
            ProblemKind::QuantityChanged {
                id,
                written,
                published,
            } => (
                C::QuantityChanged,
                p.with("id", id)
                    .number("written", *written)
                    .number("published", *published),
            ),
        }
    }
}
