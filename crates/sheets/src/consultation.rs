//! A consultation of several lots as one workbook: first the award of the lots (each bid's
//! lot, rank, total and outcome, then every step of the award across lots), then for each lot
//! its summary and its matrix, named « Lot 2 – Synthèse », « Lot 2 – Matrice ».
//!
//! Every figure and every word of the award is the domain's (`jauge_domain::lots`, its word
//! tables); each lot's sheets are drawn exactly as an evaluation's, from the lot's evaluation
//! and its results on the deciding round.

use chrono::NaiveDate;
use jauge_domain::lots::{
    BidOutcome, Consultation, ConsultationResults, bid_outcome, lot_offer_result,
};
use jauge_domain::words::{self, Params};
use rust_xlsxwriter::Workbook;

use crate::export::{SheetNames, WorkbookInput, matrix_sheet, summary_sheet};
use crate::style::{Styles, fit_columns};
use crate::{Lang, Result};

/// What the consultation's workbook is made from.
pub struct ConsultationWorkbookInput<'a> {
    pub consultation: &'a Consultation,
    /// `jauge_domain::lots::evaluate_consultation(consultation, …)`.
    pub results: &'a ConsultationResults,
    pub lang: Lang,
    /// The day the workbook is drawn up.
    pub today: NaiveDate,
}

/// The workbook, as XLSX bytes.
pub fn consultation_workbook(input: &ConsultationWorkbookInput) -> Result<Vec<u8>> {
    let currency = input
        .consultation
        .info
        .currency
        .as_deref()
        .unwrap_or(jauge_domain::Tender::default_currency());
    let styles = Styles::new(input.lang, currency);
    let mut workbook = Workbook::new();
    let mut names = SheetNames::default();
    award_sheet(&mut workbook, &mut names, input, &styles)?;
    for (l, lot) in input.consultation.lots.iter().enumerate() {
        names.prefix = format!("{} {} – ", input.lang.words().lot, lot.number);
        let lot_input = WorkbookInput {
            evaluation: &lot.evaluation,
            results: &input.results.lots[l],
            lang: input.lang,
            today: input.today,
        };
        summary_sheet(workbook.add_worksheet(), &mut names, &lot_input, &styles)?;
        matrix_sheet(workbook.add_worksheet(), &mut names, &lot_input, &styles)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// One row per bid, lot by lot in lot order (ranked offers first, best first), then the steps.
fn award_sheet(
    workbook: &mut Workbook,
    names: &mut SheetNames,
    input: &ConsultationWorkbookInput,
    styles: &Styles,
) -> Result<()> {
    let (lang, consultation, results) = (input.lang, input.consultation, input.results);
    let words = lang.words();
    let vocabulary = lang.vocabulary();
    let sheet = workbook.add_worksheet();
    sheet.set_name(names.claim(words.sheet_award))?;
    let headers = [
        words.lot,
        words.lot_title,
        words.lot_status,
        words.rank,
        words.offer_id,
        words.bidder,
        words.total,
        words.outcome,
        words.holder_rank,
    ];
    for (column, header) in (0u16..).zip(headers) {
        sheet.write_string_with_format(0, column, header, &styles.header)?;
    }
    let mut row = 1u32;
    for (l, lot) in consultation.lots.iter().enumerate() {
        let allocation = &results.allocation.lots[l];
        let status = words::render(
            words::LOT_STATUSES,
            allocation.status.as_str(),
            &Params::new(),
            vocabulary,
        );
        let mut offers: Vec<usize> = (0..lot.evaluation.offers.len()).collect();
        offers.sort_by_key(|&o| {
            lot_offer_result(consultation, results, l, o)
                .and_then(|r| r.rank)
                .unwrap_or(u32::MAX)
        });
        for o in offers {
            let offer = &lot.evaluation.offers[o];
            let result = lot_offer_result(consultation, results, l, o);
            let outcome = bid_outcome(consultation, results, l, o);
            sheet.write_number_with_format(row, 0, f64::from(lot.number), &styles.number)?;
            sheet.write_string_with_format(row, 1, &lot.title, &styles.text)?;
            sheet.write_string_with_format(row, 2, &status, &styles.text)?;
            if let Some(rank) = result.and_then(|r| r.rank) {
                sheet.write_number_with_format(row, 3, f64::from(rank), &styles.number)?;
            }
            sheet.write_string_with_format(row, 4, &offer.id, &styles.text)?;
            sheet.write_string_with_format(row, 5, &offer.bidder, &styles.text)?;
            if let Some(total) = result.and_then(|r| r.total) {
                sheet.write_number_with_format(row, 6, total, &styles.points)?;
            }
            let said = words::render(
                words::BID_OUTCOMES,
                outcome.as_str(),
                &Params::new(),
                vocabulary,
            );
            sheet.write_string_with_format(row, 7, &said, &styles.text)?;
            if outcome == BidOutcome::Holder
                && let Some(holder) = allocation.holders.iter().find(|h| h.offer == offer.id)
            {
                sheet.write_number_with_format(
                    row,
                    8,
                    f64::from(holder.holder_rank),
                    &styles.number,
                )?;
            }
            row += 1;
        }
    }
    row += 1;
    sheet.write_string_with_format(row, 0, words.award_steps, &styles.label)?;
    for step in &results.allocation.trace {
        row += 1;
        sheet.write_string_with_format(row, 0, step.sentence(vocabulary), &styles.text)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    fit_columns(sheet);
    Ok(())
}
