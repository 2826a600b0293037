//! The price screen: each offer's price schedule as computed by `jauge_api::price_sheet` — the
//! amounts of its lines, its totals, the discrepancies with what the bidder wrote — beside the
//! evaluation and its results, so a decision on a correction shows the ranking it gives.

use jauge_api::domain::{CorrectionRoute, Evaluation, PriceCorrection, Results};
use jauge_api::{ImportedSchedule, OfferSheet, SheetDiscrepancy};
use serde::Serialize;
use ts_rs::TS;

use super::EvaluationView;

/// One offer's schedule, computed (amounts are the exact decimals as the nearest numbers: for
/// display only, never summed on screen).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OfferSheetDto {
    pub offer: String,
    /// One per schedule line, in schedule order: quantity × unit price, `null` when unpriced.
    pub amounts: Vec<Option<f64>>,
    /// The total of each price criterion, in tree order; `null` while a line is unpriced.
    pub totals: Vec<CriterionTotalDto>,
    pub grand_total: Option<f64>,
    /// The grand total the bidder wrote.
    pub submitted_total: Option<f64>,
    /// The amount the offer is compared on, corrections accepted; `null` while unknown.
    pub compared: Option<f64>,
    pub discrepancies: Vec<DiscrepancyDto>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CriterionTotalDto {
    pub criterion: String,
    pub total: Option<f64>,
}

/// A figure the bidder wrote that its unit prices contradict, and the buyer's decision on it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DiscrepancyDto {
    /// The line; `null`: the grand total.
    pub line: Option<String>,
    pub submitted: f64,
    pub expected: f64,
    /// What the correction adds to the total (negative when it lowers it).
    pub effect: f64,
    /// The correction the buyer accepted, `null` while it waits.
    pub correction: Option<PriceCorrection>,
}

impl From<SheetDiscrepancy> for DiscrepancyDto {
    fn from(d: SheetDiscrepancy) -> Self {
        DiscrepancyDto {
            line: d.line,
            submitted: d.submitted,
            expected: d.expected,
            effect: d.effect,
            correction: d.correction,
        }
    }
}

impl From<OfferSheet> for OfferSheetDto {
    fn from(s: OfferSheet) -> Self {
        OfferSheetDto {
            offer: s.offer,
            amounts: s.amounts,
            totals: s
                .totals
                .into_iter()
                .map(|(criterion, total)| CriterionTotalDto { criterion, total })
                .collect(),
            grand_total: s.grand_total,
            submitted_total: s.submitted_total,
            compared: s.compared,
            discrepancies: s.discrepancies.into_iter().map(Into::into).collect(),
        }
    }
}

/// What the price screen shows: the evaluation and its results, and every offer's computed
/// schedule (empty without a schedule). Returned by opening the screen and by each decision.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PriceSheetView {
    pub view: EvaluationView,
    pub offers: Vec<OfferSheetDto>,
    /// The correction routes, in the order A, B, C (as the format spells them).
    pub routes: Vec<CorrectionRoute>,
}

impl From<(Evaluation, Results, Vec<OfferSheet>)> for PriceSheetView {
    fn from((evaluation, results, offers): (Evaluation, Results, Vec<OfferSheet>)) -> Self {
        PriceSheetView {
            view: (evaluation, results).into(),
            offers: offers.into_iter().map(Into::into).collect(),
            routes: CorrectionRoute::ALL.to_vec(),
        }
    }
}

/// A bidder's filled schedule imported: the file as journaled, how many lines it priced, how
/// many of its figures its unit prices contradict, then the price screen as it now is.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleImportDto {
    pub lines: u32,
    pub discrepancies: u32,
    pub file_name: String,
    /// Lowercase hex SHA-256 of the file, as the journal records it.
    pub sha256: String,
    pub sheet: PriceSheetView,
}

impl From<ImportedSchedule> for ScheduleImportDto {
    fn from(i: ImportedSchedule) -> Self {
        ScheduleImportDto {
            lines: u32::try_from(i.lines).unwrap_or(u32::MAX),
            discrepancies: u32::try_from(i.discrepancies).unwrap_or(u32::MAX),
            file_name: i.file.name,
            sha256: i.file.sha256,
            sheet: (i.evaluation, i.results, i.sheet).into(),
        }
    }
}
