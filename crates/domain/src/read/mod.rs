//! Reading and validating an evaluation file (the format is described in
//! `docs/evaluation-format.md`).
//!
//! Reading happens in two passes so that a buyer sees every problem at once, each naming where it
//! is. [`shape`] checks the JSON shape (types, required and unknown keys, enumerations) while
//! building the typed model; [`rules`] checks the rules that tie values together (weights,
//! scales, references between lists). The second pass is also what [`validate_evaluation`] runs
//! on evaluations built in memory, so the store, the templates and the desktop app are held to
//! the same rules as a file.
//!
//! Problems are values — a path, a [`ProblemCode`] and named parameters — worded by
//! [`crate::words`]; their English rendering is the command line's error line. A hostile file
//! cannot make the report of its problems unbounded: at most [`MAX_PROBLEMS`] are kept, the
//! others only counted.

mod consultation;
mod rules;
mod shape;

use std::fmt;

use crate::model::Evaluation;
use crate::words::{self, Lang, Params};

pub use consultation::{document_format, parse_consultation, parse_consultation_or_evaluation};
pub use rules::{
    EvaluationIndex, MAX_MAGNITUDE, check_consensus, check_score, validate_criteria,
    validate_evaluation,
};

/// The largest evaluation file Jauge reads, in bytes: far above the largest real tender (30
/// offers × 400 criteria × 9 evaluators is about 20 MB), far below what a laptop holds in memory.
pub const MAX_EVALUATION_BYTES: usize = 64 * 1024 * 1024;

/// The number of problems reported in full; the rest are counted (« … and N more »).
pub const MAX_PROBLEMS: usize = 100;

macro_rules! problem_codes {
    ($($variant:ident => $name:literal,)*) => {
        /// What is wrong, one value per sentence of [`words::PROBLEMS`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ProblemCode {
            $($variant,)*
        }

        impl ProblemCode {
            pub const ALL: &'static [ProblemCode] = &[$(ProblemCode::$variant,)*];

            /// The snake_case name, as the vocabulary and the app know it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ProblemCode::$variant => $name,)*
                }
            }
        }
    };
}

problem_codes! {
    MalformedJson => "malformed_json",
    NotUtf8 => "not_utf8",
    TooLarge => "too_large",
    Unreadable => "unreadable",
    ExpectedType => "expected_type",
    ExpectedBoolean => "expected_boolean",
    UnknownKey => "unknown_key",
    Required => "required",
    NotADate => "not_a_date",
    NotOneOf => "not_one_of",
    UnsupportedFormat => "unsupported_format",
    GroupAndLeaf => "group_and_leaf",
    NeitherGroupNorLeaf => "neither_group_nor_leaf",
    OnlyOnScored => "only_on_scored",
    OnlyOnPrice => "only_on_price",
    OnlyOnRequirement => "only_on_requirement",
    ValueAndMet => "value_and_met",
    NoAnswer => "no_answer",
    Empty => "empty",
    InvalidId => "invalid_id",
    DuplicateId => "duplicate_id",
    InvalidCurrency => "invalid_currency",
    OutsideRange => "outside_range",
    NotFinite => "not_finite",
    TooBig => "too_big",
    TopWeightsSum => "top_weights_sum",
    GroupWeightsSum => "group_weights_sum",
    NegativeWeight => "negative_weight",
    LeafInZeroGroup => "leaf_in_zero_group",
    EmptyGroup => "empty_group",
    RequirementWeight => "requirement_weight",
    ScoredWeight => "scored_weight",
    PriceWeight => "price_weight",
    NotAboveOne => "not_above_one",
    NotPositive => "not_positive",
    SecondPrice => "second_price",
    ScaleOrder => "scale_order",
    ThresholdOutsideScale => "threshold_outside_scale",
    OutsideScale => "outside_scale",
    OffStep => "off_step",
    InvalidScheme => "invalid_scheme",
    NoStatus => "no_status",
    PriceRequired => "price_required",
    ValidityOrder => "validity_order",
    UnknownOffer => "unknown_offer",
    UnknownCriterion => "unknown_criterion",
    UnknownEvaluator => "unknown_evaluator",
    GroupNotScored => "group_not_scored",
    PriceNotScored => "price_not_scored",
    AutomaticNotScored => "automatic_not_scored",
    MetOnScored => "met_on_scored",
    ValueOnRequirement => "value_on_requirement",
    InvalidTimestamp => "invalid_timestamp",
    DuplicateScore => "duplicate_score",
    DuplicateConsensus => "duplicate_consensus",
    OutOfCalendar => "out_of_calendar",
    AdvantagesForAwardee => "advantages_for_awardee",
    TooLong => "too_long",
    NotAWorkbook => "not_a_workbook",
    WorkbookTooExpanded => "workbook_too_expanded",
    SheetTooManyCells => "sheet_too_many_cells",
    SheetMissing => "sheet_missing",
    NotAGrid => "not_a_grid",
    GridOfOtherTender => "grid_of_other_tender",
    GridOfOtherEvaluator => "grid_of_other_evaluator",
    StaleGrid => "stale_grid",
    GridUnknownOffer => "grid_unknown_offer",
    GridUnknownCriterion => "grid_unknown_criterion",
    GridNotScorable => "grid_not_scorable",
    GridDuplicate => "grid_duplicate",
    GridOffScale => "grid_off_scale",
    GridOffStep => "grid_off_step",
    NotANumber => "not_a_number",
    NotYesNo => "not_yes_no",
    JustificationWithoutScore => "justification_without_score",
    NothingEntered => "nothing_entered",
    MissingColumn => "missing_column",
    RequiredCell => "required_cell",
    DuplicateOfferRow => "duplicate_offer_row",
    NegativePrice => "negative_price",
    CellTooLong => "cell_too_long",
    AmbiguousNumber => "ambiguous_number",
    TooPreciseNumber => "too_precise_number",
    CellNotFinite => "cell_not_finite",
    PercentNotAllowed => "percent_not_allowed",
    FormulaWithoutValue => "formula_without_value",
    DuplicateColumn => "duplicate_column",
    CellOutOfSheet => "cell_out_of_sheet",
    WorkbookProtected => "workbook_protected",
    WorkbookTooManyStrings => "workbook_too_many_strings",
    WorkbookTooManyNames => "workbook_too_many_names",
    WorkbookTextTooLong => "workbook_text_too_long",
    NotAPackage => "not_a_package",
    NotScoredByHand => "not_scored_by_hand",
    WrongTender => "wrong_tender",
    WrongEvaluator => "wrong_evaluator",
    StaleBasis => "stale_basis",
    ScoresAltered => "scores_altered",
    DuplicateDeclaration => "duplicate_declaration",
    ScoreDespiteConflict => "score_despite_conflict",
    PricesNotSealed => "prices_not_sealed",
    PricesAlreadyOpened => "prices_already_opened",
    SignatureInvalid => "signature_invalid",
    NotInWorkspace => "not_in_workspace",
    // Price schedules (crate::prices).
    PriceWithSchedule => "price_with_schedule",
    ScheduleWithoutPrice => "schedule_without_price",
    LineCriterionRequired => "line_criterion_required",
    NotAPriceCriterion => "not_a_price_criterion",
    PriceCriterionWithoutLines => "price_criterion_without_lines",
    UnknownLine => "unknown_line",
    DuplicateLinePrice => "duplicate_line_price",
    DuplicateScheduleOffer => "duplicate_schedule_offer",
    AmountNotExact => "amount_not_exact",
    NegativeAmount => "negative_amount",
    CorrectionWithoutDiscrepancy => "correction_without_discrepancy",
    DuplicateCorrection => "duplicate_correction",
    ZeroPriceTotal => "zero_price_total",
    NotAPriceSchedule => "not_a_price_schedule",
    DuplicateLineRow => "duplicate_line_row",
    TotalWithoutUnitPrice => "total_without_unit_price",
    QuantityChanged => "quantity_changed",
    // Committee return files, strictly read and merged (issue 32).
    DuplicateKey => "duplicate_key",
    PackageGivenAsReturn => "package_given_as_return",
    ReturnGivenAsPackage => "return_given_as_package",
    DeclarationsAltered => "declarations_altered",
    NotAssigned => "not_assigned",
    UnsignedReturn => "unsigned_return",
    CertificateChanged => "certificate_changed",
    // Consultations with lots (crate::lots).
    TooMany => "too_many",
    InvalidSiret => "invalid_siret",
    NotAWholeNumber => "not_a_whole_number",
    HoldersOrMinTotal => "holders_or_min_total",
    GivenByConsultation => "given_by_consultation",
    UnknownBidder => "unknown_bidder",
    DuplicateBid => "duplicate_bid",
    DuplicateLotNumber => "duplicate_lot_number",
    UnknownLot => "unknown_lot",
    ReferenceFixed => "reference_fixed",
    BidderHasOffers => "bidder_has_offers",
    OfferAddedFromConsultation => "offer_added_from_consultation",
    // Rounds of a negotiated procedure and exchanges with bidders (crate::rounds).
    RoundOrder => "round_order",
    NegotiationNotAllowed => "negotiation_not_allowed",
    LatestRoundOwnData => "latest_round_own_data",
    OfferNotInRound => "offer_not_in_round",
    OfferAlreadyEliminated => "offer_already_eliminated",
    ReductionNotAnnounced => "reduction_not_announced",
    EliminationAtFinalRound => "elimination_at_final_round",
    DateOrder => "date_order",
    UnknownRound => "unknown_round",
    InvalidSha256 => "invalid_sha256",
    NegotiationOnFinalOffers => "negotiation_on_final_offers",
    RegularisationOfRegularOffer => "regularisation_of_regular_offer",
    RegularisationDeadlinesDiffer => "regularisation_deadlines_differ",
    RegularisationWhileAbnormallyLowOpen => "regularisation_while_abnormally_low_open",
    CitationWithoutScore => "citation_without_score",
    RoundPriceWithSchedule => "round_price_with_schedule",
    CitedByExchange => "cited_by_exchange",
}

/// One problem found in an evaluation, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A JSON path such as `scores[12].value`, `line 3, column 5` for malformed JSON, or the
    /// file's path when the file itself cannot be read.
    pub path: String,
    pub code: ProblemCode,
    pub params: Params,
}

impl Problem {
    pub fn new(path: impl Into<String>, code: ProblemCode, params: Params) -> Problem {
        // Every call site gives exactly the declared parameters of its phrase: checked in every
        // test and debug build that reaches it, so no placeholder is left unfilled.
        debug_assert_eq!(
            words::check_params(words::PROBLEMS, code.as_str(), &params),
            Ok(()),
            "problem {}",
            code.as_str()
        );
        Problem {
            path: path.into(),
            code,
            params,
        }
    }

    /// The sentence in English, as the command line prints it.
    pub fn message(&self) -> String {
        self.message_in(Lang::En)
    }

    pub fn message_in(&self, lang: Lang) -> String {
        words::render(words::PROBLEMS, self.code.as_str(), &self.params, lang)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message())
        } else {
            write!(f, "{}: {}", self.path, self.message())
        }
    }
}

/// An evaluation that cannot be accepted: the first [`MAX_PROBLEMS`] problems found, and how many
/// more there were.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Invalid {
    pub problems: Vec<Problem>,
    /// Problems found beyond the first [`MAX_PROBLEMS`], counted but not kept.
    pub omitted: usize,
}

impl Invalid {
    /// An `Invalid` with a single problem.
    pub fn one(path: impl Into<String>, code: ProblemCode, params: Params) -> Invalid {
        Invalid {
            problems: vec![Problem::new(path, code, params)],
            omitted: 0,
        }
    }

    /// Every problem of `problems` up to [`MAX_PROBLEMS`], the rest counted.
    pub fn capped(mut problems: Vec<Problem>) -> Invalid {
        let omitted = problems.len().saturating_sub(MAX_PROBLEMS);
        problems.truncate(MAX_PROBLEMS);
        Invalid { problems, omitted }
    }

    /// « … and N more », when problems were left out.
    pub fn omitted_line(&self, lang: Lang) -> Option<String> {
        (self.omitted > 0).then(|| {
            let params = Params::new().with("count", self.omitted.to_string());
            words::render(words::PROBLEMS, "more_problems", &params, lang)
        })
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        if let Some(more) = self.omitted_line(Lang::En) {
            write!(f, "\n{more}")?;
        }
        Ok(())
    }
}

/// Collects problems, keeping the first [`MAX_PROBLEMS`].
#[derive(Debug, Default)]
pub(crate) struct Problems {
    kept: Vec<Problem>,
    omitted: usize,
}

impl Problems {
    pub(crate) fn push(&mut self, path: impl Into<String>, code: ProblemCode, params: Params) {
        if self.kept.len() < MAX_PROBLEMS {
            self.kept.push(Problem::new(path, code, params));
        } else {
            self.omitted += 1;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    pub(crate) fn into_result(self) -> Result<(), Invalid> {
        if self.kept.is_empty() {
            Ok(())
        } else {
            Err(Invalid {
                problems: self.kept,
                omitted: self.omitted,
            })
        }
    }
}

/// Parses and validates an evaluation file.
pub fn parse_evaluation(text: &str) -> Result<Evaluation, Invalid> {
    if text.len() > MAX_EVALUATION_BYTES {
        return Err(too_large("", text.len(), MAX_EVALUATION_BYTES));
    }
    let evaluation = shape::read(text)?;
    validate_evaluation(&evaluation)?;
    Ok(evaluation)
}

/// The problem of a file of `size` bytes over its reader's `limit` ([`MAX_EVALUATION_BYTES`]
/// for an evaluation), for readers that refuse it before reading it whole.
pub fn too_large(path: impl Into<String>, size: usize, limit: usize) -> Invalid {
    Invalid::one(
        path,
        ProblemCode::TooLarge,
        Params::new()
            .with("size", size.to_string())
            .with("limit", limit.to_string()),
    )
}

pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_words() {
        for code in ProblemCode::ALL {
            assert!(
                words::PROBLEMS.iter().any(|p| p.code == code.as_str()),
                "{}",
                code.as_str()
            );
        }
    }

    #[test]
    fn problems_beyond_the_limit_are_counted_not_kept() {
        let mut problems = Problems::default();
        for i in 0..250 {
            problems.push(index("scores", i), ProblemCode::Required, Params::new());
        }
        let invalid = problems.into_result().err().unwrap_or_else(|| Invalid {
            problems: Vec::new(),
            omitted: 0,
        });
        assert_eq!(invalid.problems.len(), MAX_PROBLEMS);
        assert_eq!(invalid.omitted, 150);
        let text = invalid.to_string();
        assert_eq!(text.lines().count(), MAX_PROBLEMS + 1);
        assert!(text.ends_with("\n… and 150 more"));
        assert_eq!(
            invalid.omitted_line(Lang::Fr).as_deref(),
            Some("… et 150 autres problèmes")
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_parsing() {
        let text = " ".repeat(MAX_EVALUATION_BYTES + 1);
        let invalid = parse_evaluation(&text).err();
        assert_eq!(
            invalid.map(|i| i.problems[0].code),
            Some(ProblemCode::TooLarge)
        );
    }
}
