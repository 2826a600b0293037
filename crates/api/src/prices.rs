//! The buyer's actions on a price schedule (BPU/DQE): typing or clearing one bidder's price for
//! one line, the grand total it wrote, and accepting or withdrawing the correction of a material
//! error. Each is one journaled edit ([`Change`]), checked against the evaluation in memory on
//! the one offer it touches, and returns the new results.

use chrono::{DateTime, SecondsFormat, Utc};
use jauge_domain::{
    Change, CorrectionRoute, Evaluation, Invalid, LinePrice, PriceCorrection, Results,
};

use crate::{Error, Result, Store};

/// Records `offer`'s price for one line: its unit price and, as the bidder wrote it, the line
/// total (`price.submitted_total`, `None` when the bidder wrote none). Replaces the price the
/// offer had for that line.
pub fn set_line_price(
    store: &mut Store,
    reference: &str,
    offer: &str,
    price: LinePrice,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Results> {
    let change = Change::SetLinePrice {
        offer: offer.to_owned(),
        price,
    };
    store.edit(reference, &change, at, actor)
}

/// Records `offer`'s unit price for `line` as the buyer typed it on the price screen: `text` is
/// read by the one reader of the workbooks' price cells ([`jauge_sheets::number::read_typed_price`]:
/// « 1 234,56 », « 0,039 € », `1234.56`; a form with two readings, a percentage or a negative
/// price refused, never guessed), so the app holds no number rule of its own. The line total the
/// bidder wrote, if any, is kept: the arithmetic check compares it with the new amount. Empty
/// text clears the price ([`clear_line_price`]). A refused text is an `invalid` error whose path
/// is the one the validation of the edited price would name
/// (`price_schedule.offers[i].prices[j].unit_price`).
#[allow(clippy::too_many_arguments)]
pub fn set_unit_price_text(
    store: &mut Store,
    reference: &str,
    offer: &str,
    line: &str,
    text: &str,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Results> {
    if text.trim().is_empty() {
        return clear_line_price(store, reference, offer, line, at, actor);
    }
    // Where the price is, or will be, in the schedule's offers (for the path of a refusal), and
    // the line total the bidder wrote.
    let (i, j, submitted_total) = {
        let evaluation = store.current_evaluation(reference)?;
        let schedule = evaluation.price_schedule.as_ref();
        let offers = schedule.map_or(&[][..], |s| s.offers.as_slice());
        let returned = offers.iter().enumerate().find(|(_, o)| o.offer == offer);
        let prices = returned.map_or(&[][..], |(_, o)| o.prices.as_slice());
        let written = prices.iter().enumerate().find(|(_, p)| p.line == line);
        (
            returned.map_or(offers.len(), |(i, _)| i),
            written.map_or(prices.len(), |(j, _)| j),
            written.and_then(|(_, p)| p.submitted_total),
        )
    };
    let unit_price = jauge_sheets::number::read_typed_price(text).map_err(|kind| {
        let (code, params) = kind.coded();
        Error::Invalid(Invalid::one(
            format!("price_schedule.offers[{i}].prices[{j}].unit_price"),
            code,
            params,
        ))
    })?;
    let price = LinePrice {
        line: line.to_owned(),
        unit_price,
        submitted_total,
    };
    set_line_price(store, reference, offer, price, at, actor)
}

/// [`set_unit_price_text`], then the price screen as it now is: the evaluation, the results of
/// the edit (not evaluated a second time) and every offer's computed schedule — what the app's
/// command answers.
#[allow(clippy::too_many_arguments)]
pub fn set_unit_price_sheet(
    store: &mut Store,
    reference: &str,
    offer: &str,
    line: &str,
    text: &str,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<(Evaluation, Results, Vec<OfferSheet>)> {
    let results = set_unit_price_text(store, reference, offer, line, text, at, actor)?;
    let evaluation = store.current_evaluation(reference)?.into_owned();
    let sheet = price_sheet(&evaluation);
    Ok((evaluation, results, sheet))
}

/// Removes `offer`'s price for `line`: the line is unpriced again, and the offer incomplete.
pub fn clear_line_price(
    store: &mut Store,
    reference: &str,
    offer: &str,
    line: &str,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Results> {
    let change = Change::ClearLinePrice {
        offer: offer.to_owned(),
        line: line.to_owned(),
    };
    store.edit(reference, &change, at, actor)
}

/// Records the grand total `offer` wrote on its schedule (`None`: it wrote none).
pub fn set_submitted_total(
    store: &mut Store,
    reference: &str,
    offer: &str,
    total: Option<f64>,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Results> {
    let change = Change::SetSubmittedTotal {
        offer: offer.to_owned(),
        total,
    };
    store.edit(reference, &change, at, actor)
}

/// Accepts the correction of the discrepancy on `offer`'s `line` (`None`: its grand total): the
/// unit price prevails, for the reason `note` gives and by `route`, recorded at `at`. Accepting
/// it again replaces the note and the route.
#[allow(clippy::too_many_arguments)]
pub fn accept_correction(
    store: &mut Store,
    reference: &str,
    offer: &str,
    line: Option<&str>,
    route: CorrectionRoute,
    note: &str,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Results> {
    let change = Change::AcceptCorrection(PriceCorrection {
        offer: offer.to_owned(),
        line: line.map(str::to_owned),
        note: note.to_owned(),
        at: at.to_rfc3339_opts(SecondsFormat::Secs, true),
        route: Some(route),
    });
    store.edit(reference, &change, at, actor)
}

/// Withdraws the correction of `offer`'s `line` (`None`: its grand total): the discrepancy
/// waits for the buyer's decision again.
pub fn withdraw_correction(
    store: &mut Store,
    reference: &str,
    offer: &str,
    line: Option<&str>,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Results> {
    let change = Change::WithdrawCorrection {
        offer: offer.to_owned(),
        line: line.map(str::to_owned),
    };
    store.edit(reference, &change, at, actor)
}

/// What the price screen shows of one offer's schedule, computed here so that no rule of the
/// arithmetic check is repeated in the app: each line's amount (quantity × unit price, exact),
/// the total of each price criterion, the grand total, and every discrepancy between what the
/// bidder wrote and what its unit prices give, with the buyer's decision on it.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferSheet {
    pub offer: String,
    /// One entry per line of the schedule, in schedule order: its amount, `None` when the
    /// bidder did not price it.
    pub amounts: Vec<Option<f64>>,
    /// `(price criterion, total of its lines)`, in tree order; `None` while a line is unpriced.
    pub totals: Vec<(String, Option<f64>)>,
    pub grand_total: Option<f64>,
    /// The grand total the bidder wrote.
    pub submitted_total: Option<f64>,
    /// The amount the offer is compared on, corrections accepted (the total the tender names
    /// for the abnormally-low check, else the grand total): what the results show as its price.
    /// `None` while a line is unpriced or a discrepancy waits.
    pub compared: Option<f64>,
    pub discrepancies: Vec<SheetDiscrepancy>,
}

/// One discrepancy as the price screen lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetDiscrepancy {
    /// The line whose total the bidder wrote wrong; `None`: its grand total.
    pub line: Option<String>,
    pub submitted: f64,
    pub expected: f64,
    /// What the correction adds to the offer's total (negative when it lowers it).
    pub effect: f64,
    /// The correction the buyer accepted, if any (its note, route and time).
    pub correction: Option<PriceCorrection>,
}

/// Every offer's computed schedule, in the order of the evaluation's offers; empty when the
/// evaluation has no price schedule. Prices under seal (a committee package) are not shown.
pub fn price_sheet(evaluation: &Evaluation) -> Vec<OfferSheet> {
    use jauge_domain::prices::{ScheduleIndex, price_leaf_ids, to_f64};
    let Some(schedule) = &evaluation.price_schedule else {
        return Vec::new();
    };
    if evaluation.prices_sealed() {
        return Vec::new();
    }
    let leaves = price_leaf_ids(evaluation);
    let index = ScheduleIndex::new(schedule, &leaves);
    evaluation
        .offers
        .iter()
        .map(|offer| {
            let pricing = index.pricing(&offer.id);
            let returned = schedule.offers.iter().find(|r| r.offer == offer.id);
            let prices: std::collections::HashMap<&str, &LinePrice> = returned
                .map(|r| r.prices.iter().map(|p| (p.line.as_str(), p)).collect())
                .unwrap_or_default();
            let amounts = schedule
                .lines
                .iter()
                .map(|line| {
                    prices.get(line.id.as_str()).and_then(|p| {
                        jauge_domain::prices::line_amount(line.quantity, p.unit_price).map(to_f64)
                    })
                })
                .collect();
            let discrepancies = pricing
                .discrepancies
                .iter()
                .map(|d| SheetDiscrepancy {
                    line: d.line.clone(),
                    submitted: to_f64(d.submitted),
                    expected: to_f64(d.expected),
                    effect: to_f64(d.effect()),
                    correction: schedule
                        .corrections
                        .iter()
                        .find(|c| c.offer == offer.id && c.line == d.line)
                        .cloned(),
                })
                .collect();
            OfferSheet {
                offer: offer.id.clone(),
                amounts,
                totals: pricing
                    .totals
                    .iter()
                    .map(|(id, total)| (id.clone(), total.map(to_f64)))
                    .collect(),
                grand_total: pricing.grand_total.map(to_f64),
                submitted_total: returned.and_then(|r| r.submitted_total),
                compared: jauge_domain::prices::compared_price(evaluation, offer),
                discrepancies,
            }
        })
        .collect()
}

/// [`price_sheet`] of the evaluation as saved, with the evaluation and its results: what the
/// price screen shows, and what it gets back after each decision.
pub fn stored_price_sheet(
    store: &Store,
    reference: &str,
) -> Result<(Evaluation, Results, Vec<OfferSheet>)> {
    let evaluation = store.current_evaluation(reference)?.into_owned();
    let results = crate::evaluate_evaluation(&evaluation)?;
    let sheet = price_sheet(&evaluation);
    Ok((evaluation, results, sheet))
}
