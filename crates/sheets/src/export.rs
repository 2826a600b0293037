//! The evaluation and its results as a workbook for the committee: a summary (ranking, totals,
//! subtotals, statuses and reasons), the tender, the matrix (offers × criteria, values and
//! points), one sheet per evaluator and the committee's decisions.
//!
//! Every figure is the engine's ([`jauge_domain::evaluate`]), never recomputed here; values stay
//! numbers under number formats so that the committee can sort and sum them.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use jauge_domain::prices::compared_price;
use jauge_domain::{
    Answer, Criterion, CriterionBody, Elimination, EliminationReason, Evaluation, LeafOutcome,
    Offer, OfferResult, OfferStatus, Results, canonical_hash,
};
use rust_xlsxwriter::{Workbook, Worksheet};

use crate::style::{Styles, excel_date, excel_date_time, fit_columns};
use crate::{Lang, Result};

/// What the workbook is made from.
pub struct WorkbookInput<'a> {
    pub evaluation: &'a Evaluation,
    /// `jauge_domain::evaluate(evaluation, …)`.
    pub results: &'a Results,
    pub lang: Lang,
    /// The day the workbook is drawn up, printed on the tender sheet.
    pub today: NaiveDate,
}

/// The workbook, as XLSX bytes.
pub fn results_workbook(input: &WorkbookInput) -> Result<Vec<u8>> {
    let styles = Styles::new(input.lang, input.evaluation.tender.currency_code());
    let mut workbook = Workbook::new();
    let mut names = SheetNames::default();
    summary_sheet(workbook.add_worksheet(), &mut names, input, &styles)?;
    matrix_sheet(workbook.add_worksheet(), &mut names, input, &styles)?;
    for evaluator in &input.evaluation.evaluators {
        evaluator_sheet(
            workbook.add_worksheet(),
            &mut names,
            input,
            &styles,
            &evaluator.id,
            &evaluator.name,
        )?;
    }
    committee_sheet(workbook.add_worksheet(), &mut names, input, &styles)?;
    tender_sheet(workbook.add_worksheet(), &mut names, input, &styles)?;
    Ok(workbook.save_to_buffer()?)
}

/// The reason for an elimination as the workbook shows it. The one place where that wording is
/// chosen: French shows the engine's detail, which already names the requirement or threshold in
/// the buyer's words; English names the reason and the criterion.
pub(crate) fn elimination_text(
    lang: Lang,
    evaluation: &Evaluation,
    offer: &Offer,
    elimination: &Elimination,
) -> String {
    let words = lang.words();
    let criterion = elimination
        .criterion
        .as_deref()
        .and_then(|id| evaluation.criterion(id))
        .map(|c| c.title.as_str());
    match (lang, elimination.reason) {
        (Lang::Fr, _) => elimination.detail.clone(),
        (Lang::En, EliminationReason::Irregular) => format!(
            "{}{}{}",
            words.reason_irregular,
            lang.colon(),
            offer.irregular.as_deref().unwrap_or_default()
        ),
        (Lang::En, EliminationReason::RequirementNotMet) => format!(
            "{}{}{}",
            words.reason_requirement,
            lang.colon(),
            criterion.unwrap_or_default()
        ),
        (Lang::En, EliminationReason::BelowThreshold) => format!(
            "{}{}{}",
            words.reason_threshold,
            lang.colon(),
            criterion.unwrap_or_default()
        ),
    }
}

fn status_word(lang: Lang, status: OfferStatus) -> &'static str {
    let words = lang.words();
    match status {
        OfferStatus::Ranked => words.ranked,
        OfferStatus::Incomplete => words.incomplete,
        OfferStatus::Eliminated => words.eliminated,
    }
}

fn yes_no(lang: Lang, yes: bool) -> &'static str {
    if yes {
        lang.words().yes
    } else {
        lang.words().no
    }
}

/// Ranked offers by rank, then the others in the order of the file.
fn offers_in_summary_order<'a>(input: &'a WorkbookInput) -> Vec<(&'a Offer, &'a OfferResult)> {
    let ranked = input.results.ranking();
    let others = input
        .results
        .offers
        .iter()
        .filter(|o| o.status != OfferStatus::Ranked);
    ranked
        .into_iter()
        .chain(others)
        .filter_map(|result| {
            let offer = input.evaluation.offers.iter().find(|o| o.id == result.id)?;
            Some((offer, result))
        })
        .collect()
}

pub(crate) fn summary_sheet(
    sheet: &mut Worksheet,
    names: &mut SheetNames,
    input: &WorkbookInput,
    styles: &Styles,
) -> Result<()> {
    let (lang, evaluation) = (input.lang, input.evaluation);
    let words = lang.words();
    sheet.set_name(names.claim(words.sheet_summary))?;
    let groups: Vec<&Criterion> = evaluation.criteria.iter().collect();
    let mut headers: Vec<String> = [
        words.rank,
        words.offer_id,
        words.bidder,
        words.offer_name,
        words.status,
        words.total,
    ]
    .iter()
    .map(|w| (*w).to_owned())
    .collect();
    headers.extend(
        groups
            .iter()
            .map(|g| format!("{} ({})", g.title, lang.number(g.weight))),
    );
    headers.extend(
        [words.price, words.abnormally_low, words.reasons]
            .iter()
            .map(|w| (*w).to_owned()),
    );
    for (column, header) in (0u16..).zip(&headers) {
        sheet.write_string_with_format(0, column, header, &styles.header)?;
    }
    let price_column = 6 + groups.len() as u16;
    for (row, (offer, result)) in (1u32..).zip(offers_in_summary_order(input)) {
        if let Some(rank) = result.rank {
            sheet.write_number_with_format(row, 0, f64::from(rank), &styles.number)?;
        }
        sheet.write_string_with_format(row, 1, &offer.id, &styles.text)?;
        sheet.write_string_with_format(row, 2, &offer.bidder, &styles.text)?;
        sheet.write_string_with_format(row, 3, offer.label(), &styles.text)?;
        sheet.write_string_with_format(row, 4, status_word(lang, result.status), &styles.text)?;
        if let Some(total) = result.total {
            sheet.write_number_with_format(row, 5, total, &styles.points)?;
        }
        for (column, group) in (6u16..).zip(&groups) {
            if let Some(points) = result.group(&group.id) {
                sheet.write_number_with_format(row, column, points, &styles.points)?;
            }
        }
        if let Some(price) = compared_price(evaluation, offer) {
            sheet.write_number_with_format(row, price_column, price, &styles.money)?;
        }
        if result.abnormally_low {
            sheet.write_string_with_format(row, price_column + 1, words.yes, &styles.text)?;
        }
        let reasons: Vec<String> = result
            .eliminated_because
            .iter()
            .map(|e| elimination_text(lang, evaluation, offer, e))
            .collect();
        if !reasons.is_empty() {
            sheet.write_string_with_format(
                row,
                price_column + 2,
                reasons.join("\n"),
                &styles.wrap,
            )?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    fit_columns(sheet);
    Ok(())
}

fn tender_sheet(
    sheet: &mut Worksheet,
    names: &mut SheetNames,
    input: &WorkbookInput,
    styles: &Styles,
) -> Result<()> {
    let (lang, evaluation, results) = (input.lang, input.evaluation, input.results);
    let words = lang.words();
    let tender = &evaluation.tender;
    sheet.set_name(names.claim(words.sheet_tender))?;
    let mut row = 0;
    let mut line = |sheet: &mut Worksheet, label: &str| -> Result<u32> {
        sheet.write_string_with_format(row, 0, label, &styles.label)?;
        row += 1;
        Ok(row - 1)
    };
    let r = line(sheet, words.reference)?;
    sheet.write_string(r, 1, &tender.reference)?;
    let r = line(sheet, words.title)?;
    sheet.write_string_with_format(r, 1, &tender.title, &styles.wrap)?;
    let r = line(sheet, words.buyer)?;
    sheet.write_string_with_format(r, 1, &tender.buyer, &styles.wrap)?;
    if let Some(lot) = &tender.lot {
        let r = line(sheet, words.lot)?;
        sheet.write_string(r, 1, lot)?;
    }
    let r = line(sheet, words.deadline)?;
    sheet.write_datetime_with_format(r, 1, excel_date(tender.deadline)?, &styles.date)?;
    let r = line(sheet, words.drawn_up)?;
    sheet.write_datetime_with_format(r, 1, excel_date(input.today)?, &styles.date)?;
    let r = line(sheet, words.complete)?;
    sheet.write_string(r, 1, yes_no(lang, results.complete))?;
    let r = line(sheet, words.winner)?;
    let winner = results
        .winner
        .as_deref()
        .and_then(|id| evaluation.offers.iter().find(|o| o.id == id))
        .map_or_else(
            || words.no_winner.to_owned(),
            |o| format!("{} — {}", o.bidder, o.label()),
        );
    sheet.write_string(r, 1, winner)?;
    let r = line(sheet, words.canonical_hash)?;
    sheet.write_string(r, 1, canonical_hash(evaluation))?;
    fit_columns(sheet);
    Ok(())
}

pub(crate) fn matrix_sheet(
    sheet: &mut Worksheet,
    names: &mut SheetNames,
    input: &WorkbookInput,
    styles: &Styles,
) -> Result<()> {
    let (lang, evaluation) = (input.lang, input.evaluation);
    let words = lang.words();
    sheet.set_name(names.claim(words.sheet_matrix))?;
    sheet.merge_range(0, 0, 1, 0, words.offer_id, &styles.header)?;
    sheet.merge_range(0, 1, 1, 1, words.bidder, &styles.header)?;
    let leaves = evaluation.leaves();
    let mut column: u16 = 2;
    for leaf in &leaves {
        let title = match leaf.body {
            CriterionBody::Requirement { .. } => leaf.title.clone(),
            _ => format!("{} ({})", leaf.title, lang.number(leaf.weight)),
        };
        match leaf.body {
            CriterionBody::Requirement { .. } => {
                sheet.write_string_with_format(0, column, &title, &styles.header)?;
                sheet.write_string_with_format(1, column, words.met, &styles.header)?;
                column += 1;
            }
            _ => {
                sheet.merge_range(0, column, 0, column + 1, &title, &styles.header)?;
                let value = match leaf.body {
                    CriterionBody::Price { .. } => words.price,
                    _ => words.value,
                };
                sheet.write_string_with_format(1, column, value, &styles.header)?;
                sheet.write_string_with_format(1, column + 1, words.points, &styles.header)?;
                column += 2;
            }
        }
    }
    sheet.merge_range(0, column, 1, column, words.total, &styles.header)?;
    // Leaf titles are sentences: give the header row room for four lines.
    sheet.set_row_height(0, 64)?;
    for (row, offer) in (2u32..).zip(&evaluation.offers) {
        sheet.write_string_with_format(row, 0, &offer.id, &styles.text)?;
        sheet.write_string_with_format(row, 1, &offer.bidder, &styles.text)?;
        let Some(result) = input.results.offer(&offer.id) else {
            continue;
        };
        let mut column: u16 = 2;
        for leaf in &leaves {
            let outcome = result.leaf(&leaf.id).map(|l| &l.outcome);
            match (&leaf.body, outcome) {
                (CriterionBody::Requirement { .. }, outcome) => {
                    if let Some(LeafOutcome::Requirement { met: Some(met), .. }) = outcome {
                        sheet.write_string_with_format(
                            row,
                            column,
                            yes_no(lang, *met),
                            &styles.text,
                        )?;
                    }
                    column += 1;
                }
                (_, outcome) => {
                    let (value, points, format) = match outcome {
                        Some(LeafOutcome::Scored { value, points, .. }) => {
                            (*value, *points, &styles.number)
                        }
                        Some(LeafOutcome::Price { price, points }) => {
                            (*price, *points, &styles.money)
                        }
                        _ => (None, None, &styles.number),
                    };
                    if let Some(value) = value {
                        sheet.write_number_with_format(row, column, value, format)?;
                    }
                    if let Some(points) = points {
                        sheet.write_number_with_format(row, column + 1, points, &styles.points)?;
                    }
                    column += 2;
                }
            }
        }
        if let Some(total) = result.total {
            sheet.write_number_with_format(row, column, total, &styles.points)?;
        }
    }
    sheet.set_freeze_panes(2, 2)?;
    fit_columns(sheet);
    Ok(())
}

fn answer_cell(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    lang: Lang,
    answer: Answer,
    styles: &Styles,
) -> Result<()> {
    match answer {
        Answer::Value(value) => {
            sheet.write_number_with_format(row, column, value, &styles.number)?;
        }
        Answer::Met(met) => {
            sheet.write_string_with_format(row, column, yes_no(lang, met), &styles.text)?;
        }
    }
    Ok(())
}

/// Offers and leaves by id, with their position in the file and the tree, looked up once for
/// the thousands of scores a large evaluation holds.
struct Lookup<'a> {
    offers: HashMap<&'a str, (usize, &'a Offer)>,
    leaves: HashMap<&'a str, (usize, &'a Criterion)>,
}

impl<'a> Lookup<'a> {
    fn new(evaluation: &'a Evaluation) -> Lookup<'a> {
        Lookup {
            offers: (0..)
                .zip(&evaluation.offers)
                .map(|(i, o)| (o.id.as_str(), (i, o)))
                .collect(),
            leaves: (0..)
                .zip(evaluation.leaves())
                .map(|(i, c)| (c.id.as_str(), (i, c)))
                .collect(),
        }
    }

    /// Offers in file order, then leaves in tree order: the order the committee reads them.
    fn reading_order(&self, offer: &str, criterion: &str) -> (usize, usize) {
        let offer = self.offers.get(offer).map_or(usize::MAX, |(i, _)| *i);
        let leaf = self.leaves.get(criterion).map_or(usize::MAX, |(i, _)| *i);
        (offer, leaf)
    }

    fn bidder(&self, offer: &str) -> &'a str {
        self.offers
            .get(offer)
            .map_or("", |(_, o)| o.bidder.as_str())
    }

    fn title(&self, criterion: &str) -> &'a str {
        self.leaves
            .get(criterion)
            .map_or("", |(_, c)| c.title.as_str())
    }
}

fn evaluator_sheet(
    sheet: &mut Worksheet,
    names: &mut SheetNames,
    input: &WorkbookInput,
    styles: &Styles,
    evaluator: &str,
    name: &str,
) -> Result<()> {
    let (lang, evaluation) = (input.lang, input.evaluation);
    let words = lang.words();
    sheet.set_name(names.claim(&format!("{evaluator} {name}")))?;
    let headers = [
        words.offer_id,
        words.bidder,
        words.criterion,
        words.criterion_title,
        words.score,
        words.justification,
        words.entered_at,
    ];
    for (column, header) in (0u16..).zip(headers) {
        sheet.write_string_with_format(0, column, header, &styles.header)?;
    }
    let lookup = Lookup::new(evaluation);
    let mut scores: Vec<_> = evaluation
        .scores
        .iter()
        .filter(|s| s.evaluator == evaluator)
        .collect();
    scores.sort_by_key(|s| lookup.reading_order(&s.offer, &s.criterion));
    for (row, score) in (1u32..).zip(scores) {
        sheet.write_string_with_format(row, 0, &score.offer, &styles.text)?;
        sheet.write_string_with_format(row, 1, lookup.bidder(&score.offer), &styles.text)?;
        sheet.write_string_with_format(row, 2, &score.criterion, &styles.text)?;
        sheet.write_string_with_format(row, 3, lookup.title(&score.criterion), &styles.wrap)?;
        answer_cell(sheet, row, 4, lang, score.answer, styles)?;
        if let Some(justification) = &score.justification {
            sheet.write_string_with_format(row, 5, justification, &styles.wrap)?;
        }
        if let Some(at) = &score.at {
            match DateTime::parse_from_rfc3339(at) {
                Ok(at) => {
                    let at = excel_date_time(at.with_timezone(&Utc))?;
                    sheet.write_datetime_with_format(row, 6, at, &styles.date_time)?;
                }
                Err(_) => {
                    sheet.write_string_with_format(row, 6, at, &styles.text)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    fit_columns(sheet);
    Ok(())
}

fn committee_sheet(
    sheet: &mut Worksheet,
    names: &mut SheetNames,
    input: &WorkbookInput,
    styles: &Styles,
) -> Result<()> {
    let (lang, evaluation) = (input.lang, input.evaluation);
    let words = lang.words();
    sheet.set_name(names.claim(words.sheet_committee))?;
    let headers = [
        words.offer_id,
        words.bidder,
        words.criterion,
        words.criterion_title,
        words.decision,
        words.justification,
    ];
    for (column, header) in (0u16..).zip(headers) {
        sheet.write_string_with_format(0, column, header, &styles.header)?;
    }
    let lookup = Lookup::new(evaluation);
    let mut decisions: Vec<_> = evaluation.consensus.iter().collect();
    decisions.sort_by_key(|c| lookup.reading_order(&c.offer, &c.criterion));
    for (row, decision) in (1u32..).zip(decisions) {
        sheet.write_string_with_format(row, 0, &decision.offer, &styles.text)?;
        sheet.write_string_with_format(row, 1, lookup.bidder(&decision.offer), &styles.text)?;
        sheet.write_string_with_format(row, 2, &decision.criterion, &styles.text)?;
        sheet.write_string_with_format(row, 3, lookup.title(&decision.criterion), &styles.wrap)?;
        answer_cell(sheet, row, 4, lang, decision.answer, styles)?;
        sheet.write_string_with_format(row, 5, &decision.justification, &styles.wrap)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    fit_columns(sheet);
    Ok(())
}

/// Sheet names a spreadsheet accepts: at most 31 characters, none of `[]:*?/\`, unique without
/// regard to case.
#[derive(Default)]
pub(crate) struct SheetNames {
    taken: HashSet<String>,
    /// Put before every name claimed (« Lot 2 – »), so that one lot's sheets keep the names
    /// an evaluation's have.
    pub(crate) prefix: String,
}

impl SheetNames {
    pub(crate) fn claim(&mut self, wanted: &str) -> String {
        const MAX: usize = 31;
        let clean: String = self
            .prefix
            .chars()
            .chain(wanted.chars())
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
                other => other,
            })
            .collect();
        let clean = clean.trim().trim_matches('\'').to_owned();
        let base: String = clean.chars().take(MAX).collect();
        let mut name = if base.is_empty() {
            "-".to_owned()
        } else {
            base
        };
        let mut n = 2;
        while self.taken.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            let keep = MAX.saturating_sub(suffix.chars().count());
            name = clean.chars().take(keep).collect::<String>() + &suffix;
            n += 1;
        }
        self.taken.insert(name.to_lowercase());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_legal_and_unique() {
        let mut names = SheetNames::default();
        assert_eq!(names.claim("Synthèse"), "Synthèse");
        assert_eq!(names.claim("synthèse"), "synthèse (2)");
        assert_eq!(names.claim("e1 A/B: C?"), "e1 A-B- C-");
        let long = names.claim("e2 Marie-Christine de La Tour d'Auvergne");
        assert_eq!(long.chars().count(), 31);
        let again = names.claim("e2 Marie-Christine de La Tour d'Auvergne");
        assert_eq!(again.chars().count(), 31);
        assert!(again.ends_with(" (2)"));
    }
}
