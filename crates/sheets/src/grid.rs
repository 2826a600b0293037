//! The scoring grid: a blank workbook per evaluator (criteria down, offers across, a score and a
//! justification per offer), filled in by a colleague who does not have Jauge, and read back.
//!
//! The layout carries its own map: a hidden column holds each row's criterion id, two hidden
//! rows hold each column's offer id and field, so rows and columns can move in the
//! spreadsheet and still read back to the right (offer, criterion). A hidden sheet `jauge`
//! records the tender, the evaluator and the scoring basis
//! (`jauge_domain::package::scoring_basis_hash`, the same as evaluator packages): a grid made
//! for another tender, another evaluator, or before the criteria or offers changed is refused
//! as a whole.

use std::collections::{BTreeMap, HashMap, HashSet};

use jauge_domain::package::{is_scored_by_hand, scoring_basis_hash};
use jauge_domain::{Answer, Criterion, CriterionBody, Evaluation, Scale, Score};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ProtectionOptions, Workbook,
    Worksheet,
};

use crate::limits::MAX_CELL_CHARS;
use crate::number::{Percent, cell_number};
use crate::read::{CellValue, SheetCells, Workbook as ReadBook};
use crate::style::{Styles, fit_columns};
use crate::{CellProblem, Error, Lang, ProblemKind, Result, cell_address};

/// The `format` recorded in a grid's hidden sheet.
pub const GRID_FORMAT: &str = "jauge/grid@1";

/// The hidden sheet's name, the same in every language.
const META_SHEET: &str = "jauge";
/// Column A markers of the two hidden rows.
const OFFER_ROW_MARK: &str = "jauge:offer";
const FIELD_ROW_MARK: &str = "jauge:field";
const FIELD_VALUE: &str = "value";
const FIELD_JUSTIFICATION: &str = "justification";
/// Keys of the hidden sheet, in column A (values in column B).
const KEY_FORMAT: &str = "format";
const KEY_TENDER: &str = "tender";
const KEY_EVALUATOR: &str = "evaluator";
const KEY_BASIS: &str = "basis_sha256";
const KEY_SHEET: &str = "sheet";

/// Layout of the scores sheet, zero-based.
const OFFER_ROW: u32 = 2;
const FIELD_ROW: u32 = 3;
const HEADER_ROW: u32 = 4;
const SUBHEADER_ROW: u32 = 5;
const FIRST_CRITERION_ROW: u32 = 6;
const FIRST_OFFER_COLUMN: u16 = 3;

/// The blank grid of `evaluator` (an evaluator id of the evaluation), as XLSX bytes.
pub fn score_grid(evaluation: &Evaluation, evaluator: &str, lang: Lang) -> Result<Vec<u8>> {
    let who = evaluation
        .evaluators
        .iter()
        .find(|e| e.id == evaluator)
        .ok_or_else(|| Error::Write(format!("no evaluator {evaluator:?} in the evaluation")))?;
    let words = lang.words();
    let styles = Styles::new(lang, evaluation.tender.currency_code());
    let mut workbook = Workbook::new();

    let sheet = workbook.add_worksheet();
    sheet.set_name(words.sheet_scores)?;
    let title = format!(
        "{} — {} — {} ({})",
        words.grid_title, evaluation.tender.reference, who.name, who.id
    );
    sheet.write_string_with_format(0, 1, &title, &styles.title)?;
    let last_column = FIRST_OFFER_COLUMN + 2 * evaluation.offers.len() as u16 - 1;
    sheet.merge_range(
        1,
        1,
        1,
        last_column.max(4),
        words.grid_instructions,
        &styles.wrap,
    )?;
    sheet.set_row_height(1, 48)?;
    sheet.write_string(OFFER_ROW, 0, OFFER_ROW_MARK)?;
    sheet.write_string(FIELD_ROW, 0, FIELD_ROW_MARK)?;
    sheet.write_string_with_format(HEADER_ROW, 1, words.criterion, &styles.header)?;
    sheet.write_string_with_format(HEADER_ROW, 2, words.scale, &styles.header)?;
    sheet.write_string_with_format(SUBHEADER_ROW, 1, "", &styles.header)?;
    sheet.write_string_with_format(SUBHEADER_ROW, 2, "", &styles.header)?;
    for (i, offer) in evaluation.offers.iter().enumerate() {
        let column = FIRST_OFFER_COLUMN + 2 * i as u16;
        sheet.write_string(OFFER_ROW, column, &offer.id)?;
        sheet.write_string(OFFER_ROW, column + 1, &offer.id)?;
        sheet.write_string(FIELD_ROW, column, FIELD_VALUE)?;
        sheet.write_string(FIELD_ROW, column + 1, FIELD_JUSTIFICATION)?;
        let heading = format!("{} — {} ({})", offer.bidder, offer.label(), offer.id);
        sheet.merge_range(
            HEADER_ROW,
            column,
            HEADER_ROW,
            column + 1,
            &heading,
            &styles.header,
        )?;
        sheet.write_string_with_format(SUBHEADER_ROW, column, words.score, &styles.header)?;
        sheet.write_string_with_format(
            SUBHEADER_ROW,
            column + 1,
            words.justification,
            &styles.header,
        )?;
        sheet.set_column_width(column + 1, 40)?;
    }
    sheet.set_row_height(HEADER_ROW, 32)?;

    let mut row = FIRST_CRITERION_ROW;
    grid_rows(
        sheet,
        &evaluation.criteria,
        evaluation.offers.len(),
        lang,
        &styles,
        &mut row,
    )?;

    fit_columns(sheet);
    sheet.set_column_width(1, 50)?;
    for i in 0..evaluation.offers.len() {
        sheet.set_column_width(FIRST_OFFER_COLUMN + 2 * i as u16 + 1, 45)?;
    }
    sheet.set_column_hidden(0)?;
    sheet.set_row_hidden(OFFER_ROW)?;
    sheet.set_row_hidden(FIELD_ROW)?;
    sheet.set_freeze_panes(FIRST_CRITERION_ROW, FIRST_OFFER_COLUMN)?;
    sheet.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });

    scales_sheet(workbook.add_worksheet(), evaluation, lang, &styles)?;

    let meta = workbook.add_worksheet();
    meta.set_name(META_SHEET)?;
    let entries = [
        (KEY_FORMAT, GRID_FORMAT.to_owned()),
        (KEY_TENDER, evaluation.tender.reference.clone()),
        (KEY_EVALUATOR, who.id.clone()),
        (KEY_BASIS, scoring_basis_hash(evaluation)),
        (KEY_SHEET, words.sheet_scores.to_owned()),
    ];
    for (row, (key, value)) in (0u32..).zip(entries) {
        meta.write_string(row, 0, key)?;
        meta.write_string(row, 1, value)?;
    }
    meta.set_hidden(true);
    meta.protect();
    Ok(workbook.save_to_buffer()?)
}

/// One row per group (a heading) and per scorable leaf, depth first.
fn grid_rows(
    sheet: &mut Worksheet,
    nodes: &[Criterion],
    offers: usize,
    lang: Lang,
    styles: &Styles,
    row: &mut u32,
) -> Result<()> {
    for node in nodes {
        match &node.body {
            CriterionBody::Group { children } => {
                if !children.iter().any(has_scorable) {
                    continue;
                }
                let heading = format!("{} ({})", node.title, lang.number(node.weight));
                sheet.write_string_with_format(*row, 1, &heading, &styles.group)?;
                *row += 1;
                grid_rows(sheet, children, offers, lang, styles, row)?;
            }
            _ if is_scored_by_hand(node) => {
                sheet.write_string(*row, 0, &node.id)?;
                sheet.write_string_with_format(*row, 1, &node.title, &styles.wrap)?;
                let (scale_text, validation) = match &node.body {
                    CriterionBody::Scored { scale, levels, .. } => {
                        let levels: Vec<String> = levels
                            .iter()
                            .flatten()
                            .map(|l| format!("{} = {}", lang.number(l.value), l.label))
                            .collect();
                        (
                            lang.scale(scale.min, scale.max, scale.step),
                            score_validation(lang, scale, &levels)?,
                        )
                    }
                    _ => (lang.words().yes_no.to_owned(), yes_no_validation(lang)?),
                };
                sheet.write_string_with_format(*row, 2, &scale_text, &styles.text)?;
                for i in 0..offers {
                    let column = FIRST_OFFER_COLUMN + 2 * i as u16;
                    sheet.write_blank(*row, column, &styles.input)?;
                    sheet.write_blank(*row, column + 1, &styles.input_wrap)?;
                    sheet.add_data_validation(*row, column, *row, column, &validation)?;
                }
                *row += 1;
            }
            _ => {}
        }
    }
    Ok(())
}

fn has_scorable(node: &Criterion) -> bool {
    is_scored_by_hand(node) || node.children().iter().any(has_scorable)
}

/// The longest prompt a spreadsheet shows beside a cell (Excel's limit is 255 UTF-16 units).
const MAX_PROMPT_UNITS: usize = 250;

fn prompt(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        let candidate = if out.is_empty() {
            line.clone()
        } else {
            format!("{out}\n{line}")
        };
        if candidate.encode_utf16().count() > MAX_PROMPT_UNITS {
            break;
        }
        out = candidate;
    }
    out
}

fn score_validation(lang: Lang, scale: &Scale, levels: &[String]) -> Result<DataValidation> {
    let message = lang.validation_message(scale.min, scale.max);
    let mut lines = vec![lang.scale(scale.min, scale.max, scale.step)];
    lines.extend(levels.iter().cloned());
    Ok(DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(scale.min, scale.max))
        .set_input_title(lang.words().validation_title)?
        .set_input_message(prompt(&lines))?
        .set_error_title(lang.words().validation_title)?
        .set_error_message(message)?
        .set_error_style(DataValidationErrorStyle::Stop))
}

fn yes_no_validation(lang: Lang) -> Result<DataValidation> {
    let words = lang.words();
    Ok(DataValidation::new()
        .allow_list_strings(&[words.yes, words.no])?
        .set_input_title(words.validation_title)?
        .set_input_message(words.yes_no)?
        .set_error_style(DataValidationErrorStyle::Stop))
}

/// Every scorable leaf with its scale and the meaning of each level.
fn scales_sheet(
    sheet: &mut Worksheet,
    evaluation: &Evaluation,
    lang: Lang,
    styles: &Styles,
) -> Result<()> {
    let words = lang.words();
    sheet.set_name(words.sheet_scales)?;
    let headers = [
        words.criterion,
        words.criterion_title,
        words.weight,
        words.scale,
        words.value,
        words.meaning,
    ];
    for (column, header) in (0u16..).zip(headers) {
        sheet.write_string_with_format(0, column, header, &styles.header)?;
    }
    let mut row = 1;
    for leaf in evaluation
        .leaves()
        .into_iter()
        .filter(|l| is_scored_by_hand(l))
    {
        sheet.write_string_with_format(row, 0, &leaf.id, &styles.text)?;
        sheet.write_string_with_format(row, 1, &leaf.title, &styles.wrap)?;
        sheet.write_number_with_format(row, 2, leaf.weight, &styles.number)?;
        match &leaf.body {
            CriterionBody::Scored { scale, levels, .. } => {
                let text = lang.scale(scale.min, scale.max, scale.step);
                sheet.write_string_with_format(row, 3, &text, &styles.text)?;
                for level in levels.iter().flatten() {
                    sheet.write_number_with_format(row, 4, level.value, &styles.number)?;
                    sheet.write_string_with_format(row, 5, &level.label, &styles.wrap)?;
                    row += 1;
                }
                if levels.as_ref().is_none_or(Vec::is_empty) {
                    row += 1;
                }
            }
            _ => {
                sheet.write_string_with_format(row, 3, words.yes_no, &styles.text)?;
                row += 1;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    fit_columns(sheet);
    sheet.protect();
    Ok(())
}

/// Reads a filled grid back: the scores of `evaluator` it holds (stamped `at`, RFC 3339), in
/// the order of offers then criteria, or every problem found ([`Error::Cells`]). An empty score
/// cell means "not scored yet" and is skipped.
pub fn read_score_grid(
    bytes: &[u8],
    evaluation: &Evaluation,
    evaluator: &str,
    at: &str,
) -> Result<Vec<Score>> {
    let mut book = ReadBook::open(bytes)?;
    let meta = book.sheet(META_SHEET)?.ok_or_else(|| {
        Error::Cells(vec![CellProblem {
            sheet: META_SHEET.to_owned(),
            cell: None,
            kind: ProblemKind::NotAGrid,
        }])
    })?;
    let sheet_name = check_meta(&meta, evaluation, evaluator)?;
    let sheet = book.sheet(&sheet_name)?.ok_or_else(|| {
        Error::Cells(vec![CellProblem {
            sheet: sheet_name.clone(),
            cell: None,
            kind: ProblemKind::MissingSheet {
                sheet: sheet_name.clone(),
            },
        }])
    })?;
    let mut reader = GridReader {
        sheet: &sheet,
        evaluation,
        problems: Vec::new(),
    };
    let scores = reader.scores(evaluator, at);
    match reader.problems.is_empty() {
        true => Ok(scores),
        false => Err(Error::Cells(reader.problems)),
    }
}

/// Checks the hidden sheet and returns the name of the scores sheet.
fn check_meta(meta: &SheetCells, evaluation: &Evaluation, evaluator: &str) -> Result<String> {
    let mut values: HashMap<String, (u32, String)> = HashMap::new();
    for (&(row, column), value) in &meta.cells {
        if column == 0 {
            let text = meta.text(row, 1).unwrap_or_default();
            values.insert(value.text(), (row, text));
        }
    }
    let problem = |row: Option<u32>, kind| {
        Error::Cells(vec![CellProblem {
            sheet: meta.name.clone(),
            cell: row.map(|r| cell_address(r, 1)),
            kind,
        }])
    };
    let get = |key: &str| values.get(key).cloned();
    match get(KEY_FORMAT) {
        Some((_, format)) if format == GRID_FORMAT => {}
        _ => return Err(problem(None, ProblemKind::NotAGrid)),
    }
    let (Some(tender), Some(who), Some(basis), Some(sheet)) = (
        get(KEY_TENDER),
        get(KEY_EVALUATOR),
        get(KEY_BASIS),
        get(KEY_SHEET),
    ) else {
        return Err(problem(None, ProblemKind::NotAGrid));
    };
    if tender.1 != evaluation.tender.reference {
        return Err(problem(
            Some(tender.0),
            ProblemKind::WrongTender {
                found: tender.1,
                expected: evaluation.tender.reference.clone(),
            },
        ));
    }
    if who.1 != evaluator {
        return Err(problem(
            Some(who.0),
            ProblemKind::WrongEvaluator {
                found: who.1,
                expected: evaluator.to_owned(),
            },
        ));
    }
    if basis.1 != scoring_basis_hash(evaluation) {
        return Err(problem(Some(basis.0), ProblemKind::StaleGrid));
    }
    Ok(sheet.1)
}

struct GridReader<'a> {
    sheet: &'a SheetCells,
    evaluation: &'a Evaluation,
    problems: Vec<CellProblem>,
}

/// What a column of the grid holds.
struct OfferColumns {
    offer: String,
    value: u32,
    justification: Option<u32>,
}

impl GridReader<'_> {
    fn problem(&mut self, row: u32, column: u32, kind: ProblemKind) {
        self.problems.push(CellProblem {
            sheet: self.sheet.name.clone(),
            cell: Some(cell_address(row, column)),
            kind,
        });
    }

    /// The row whose column A holds `mark`.
    fn marked_row(&self, mark: &str) -> Option<u32> {
        self.sheet
            .cells
            .iter()
            .find(|((_, column), value)| *column == 0 && value.text() == mark)
            .map(|((row, _), _)| *row)
    }

    /// The offers' columns, from the two hidden rows; unknown offers are problems.
    fn columns(&mut self, offer_row: u32, field_row: u32) -> Vec<OfferColumns> {
        let mut by_offer: BTreeMap<u32, OfferColumns> = BTreeMap::new();
        let mut justification_of: HashMap<String, u32> = HashMap::new();
        let cells: Vec<(u32, String)> = self
            .sheet
            .cells
            .range((offer_row, 1)..(offer_row + 1, 0))
            .map(|(&(_, column), value)| (column, value.text()))
            .collect();
        for (column, offer) in cells {
            let field = self.sheet.text(field_row, column).unwrap_or_default();
            let known = self.evaluation.offers.iter().any(|o| o.id == offer);
            match field.as_str() {
                FIELD_VALUE if !known => {
                    self.problem(offer_row, column, ProblemKind::UnknownOffer { id: offer })
                }
                FIELD_VALUE => {
                    by_offer.insert(
                        column,
                        OfferColumns {
                            offer,
                            value: column,
                            justification: None,
                        },
                    );
                }
                FIELD_JUSTIFICATION => {
                    justification_of.insert(offer, column);
                }
                _ => {}
            }
        }
        by_offer
            .into_values()
            .map(|mut c| {
                c.justification = justification_of.get(&c.offer).copied();
                c
            })
            .collect()
    }

    fn scores(&mut self, evaluator: &str, at: &str) -> Vec<Score> {
        let (Some(offer_row), Some(field_row)) = (
            self.marked_row(OFFER_ROW_MARK),
            self.marked_row(FIELD_ROW_MARK),
        ) else {
            self.problems.push(CellProblem {
                sheet: self.sheet.name.clone(),
                cell: None,
                kind: ProblemKind::NotAGrid,
            });
            return Vec::new();
        };
        let columns = self.columns(offer_row, field_row);
        let first_row = offer_row.max(field_row) + 1;
        let criterion_rows: Vec<(u32, String)> = self
            .sheet
            .cells
            .iter()
            .filter(|((row, column), _)| *column == 0 && *row >= first_row)
            .map(|((row, _), value)| (*row, value.text()))
            .collect();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut scores = Vec::new();
        for (row, id) in criterion_rows {
            if self.sheet.get(row, 0) == Some(&CellValue::Uncomputed) {
                self.problem(row, 0, ProblemKind::FormulaWithoutValue);
                continue;
            }
            let Some(criterion) = self.evaluation.criterion(&id) else {
                self.problem(row, 1, ProblemKind::UnknownCriterion { id });
                continue;
            };
            if !is_scored_by_hand(criterion) {
                self.problem(row, 1, ProblemKind::NotScorable { id });
                continue;
            }
            for column in &columns {
                let value = self.sheet.get(row, column.value).cloned();
                let justification = match column.justification {
                    Some(j) => self.justification(row, j),
                    None => None,
                };
                let Some(value) = value else {
                    if justification.is_some()
                        && let Some(j) = column.justification
                    {
                        self.problem(row, j, ProblemKind::JustificationWithoutScore);
                    }
                    continue;
                };
                let Some(answer) = self.answer(row, column.value, criterion, &value) else {
                    continue;
                };
                if !seen.insert((column.offer.clone(), criterion.id.clone())) {
                    self.problem(
                        row,
                        column.value,
                        ProblemKind::Duplicate {
                            offer: column.offer.clone(),
                            criterion: criterion.id.clone(),
                        },
                    );
                    continue;
                }
                scores.push(Score {
                    offer: column.offer.clone(),
                    criterion: criterion.id.clone(),
                    evaluator: evaluator.to_owned(),
                    answer,
                    justification,
                    at: Some(at.to_owned()),
                });
            }
        }
        if scores.is_empty() && self.problems.is_empty() {
            self.problems.push(CellProblem {
                sheet: self.sheet.name.clone(),
                cell: None,
                kind: ProblemKind::NothingEntered,
            });
        }
        let offers: HashMap<&str, usize> = (0..)
            .zip(&self.evaluation.offers)
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        let leaves: HashMap<&str, usize> = (0..)
            .zip(self.evaluation.leaves())
            .map(|(i, l)| (l.id.as_str(), i))
            .collect();
        scores.sort_by_key(|s| {
            (
                offers.get(s.offer.as_str()),
                leaves.get(s.criterion.as_str()),
            )
        });
        scores
    }

    fn justification(&mut self, row: u32, column: u32) -> Option<String> {
        if self.sheet.get(row, column) == Some(&CellValue::Uncomputed) {
            self.problem(row, column, ProblemKind::FormulaWithoutValue);
            return None;
        }
        let text = self.sheet.text(row, column)?;
        if text.chars().count() > MAX_CELL_CHARS {
            self.problem(
                row,
                column,
                ProblemKind::TooLong {
                    limit: MAX_CELL_CHARS,
                },
            );
            return None;
        }
        Some(text)
    }

    fn answer(
        &mut self,
        row: u32,
        column: u32,
        criterion: &Criterion,
        value: &CellValue,
    ) -> Option<Answer> {
        if *value == CellValue::Uncomputed {
            self.problem(row, column, ProblemKind::FormulaWithoutValue);
            return None;
        }
        match &criterion.body {
            CriterionBody::Scored { scale, .. } => {
                // A score typed as text (`15,5`) reads as a price does: one number reader.
                let number = match cell_number(value, Percent::Refused) {
                    Ok(number) => number,
                    Err(kind) => {
                        self.problem(row, column, kind);
                        return None;
                    }
                };
                if !scale.contains(number) {
                    let kind = ProblemKind::OffScale {
                        value: number,
                        min: scale.min,
                        max: scale.max,
                    };
                    self.problem(row, column, kind);
                    return None;
                }
                if let Some(step) = scale.step
                    && !scale.is_on_step(number)
                {
                    let kind = ProblemKind::OffStep {
                        value: number,
                        min: scale.min,
                        step,
                    };
                    self.problem(row, column, kind);
                    return None;
                }
                Some(Answer::Value(number))
            }
            _ => match yes_no(value) {
                Some(met) => Some(Answer::Met(met)),
                None => {
                    self.problem(row, column, ProblemKind::NotYesNo { text: value.text() });
                    None
                }
            },
        }
    }
}

/// Yes or no in either language, or a spreadsheet boolean.
fn yes_no(value: &CellValue) -> Option<bool> {
    match value {
        CellValue::Bool(b) => Some(*b),
        CellValue::Text(text) => match text.trim().to_lowercase().as_str() {
            "oui" | "yes" | "vrai" | "true" => Some(true),
            "non" | "no" | "faux" | "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}
