//! Price schedules (*bordereau des prix unitaires* and *détail quantitatif estimatif*, BPU/DQE):
//! the lines the tender rules publish with their estimated quantities, the unit prices each
//! bidder returns, the totals computed from them exactly, the arithmetic check of the figures
//! the bidder wrote itself, and the corrections of material errors the buyer accepted.
//!
//! Money is computed in decimal ([`rust_decimal`]), never in binary floating point: a line
//! amount is `quantity × unit price` exactly, a total is the exact sum of its lines, and a
//! comparison with a figure the bidder wrote is made to the cent. The file keeps its numbers as
//! JSON numbers; each one is turned into a decimal from its shortest decimal spelling (the
//! digits the author wrote, for any number of up to 15 significant digits, which is what a
//! spreadsheet keeps), so `0.1` is one tenth, not the binary number nearest to it.
//!
//! The unit price prevails (the usual clause of French tender rules): when a bidder's line
//! total is not `quantity × unit price`, or its grand total is not the sum of its own lines, the
//! difference is a [`Discrepancy`]. Until the buyer accepts its correction (a
//! [`PriceCorrection`], with a note), the price criteria it affects are *undecided*: the offer
//! is not ranked on a figure nobody has checked. Results "as submitted" (the bidder's own
//! figures) stay computable beside the corrected ones ([`PriceBasis`]), so the report can show
//! what each correction changed.
//!
//! Nothing here scores: [`crate::engine`] scores each price criterion from the totals this
//! module computes.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::model::{Criterion, CriterionBody, Evaluation, Offer};

/// The most significant digits a quantity or an amount may have: the 15 a spreadsheet keeps, so
/// that each number is the decimal its author wrote (a workbook's cells are held to the same).
pub const MAX_SIGNIFICANT_DIGITS: usize = 15;

/// The price schedule of a tender: its lines, and each bidder's prices for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct PriceSchedule {
    /// The lines, in the order the tender rules list them.
    pub lines: Vec<ScheduleLine>,
    /// The price criterion whose total the abnormally-low check compares; absent, the grand
    /// total of every line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abnormally_low_on: Option<String>,
    /// Each bidder's prices, one entry per offer that returned the schedule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<ScheduleOffer>>"))]
    pub offers: Vec<ScheduleOffer>,
    /// The corrections of material errors the buyer accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<PriceCorrection>>"))]
    pub corrections: Vec<PriceCorrection>,
}

/// One line of the schedule: a priced item and the quantity the buyer estimates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct ScheduleLine {
    pub id: String,
    pub label: String,
    /// The unit a price is given for (`vCPU·heure`, `Go·mois`, `forfait`…).
    pub unit: String,
    /// The estimated quantity (the DQE's), by which the unit price is multiplied.
    pub quantity: f64,
    /// A heading the line is shown under (a year, build or run…); no effect on totals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The price criterion the line's amount counts towards; may be absent when the tree has
    /// one price criterion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
}

/// What one bidder returned: its unit prices and, as written, its line totals and grand total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct ScheduleOffer {
    pub offer: String,
    /// One entry per line the bidder priced; a line without an entry is not priced.
    pub prices: Vec<LinePrice>,
    /// The grand total the bidder wrote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_total: Option<f64>,
}

/// A bidder's price for one line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct LinePrice {
    pub line: String,
    pub unit_price: f64,
    /// The line total the bidder wrote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_total: Option<f64>,
}

/// The buyer's acceptance of the correction of one discrepancy: of a line total (`line`), or
/// of the grand total (no `line`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct PriceCorrection {
    pub offer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
    /// Why the correction stands (the clause of the tender rules, the bidder's confirmation…).
    pub note: String,
    /// RFC 3339: when the buyer accepted it.
    pub at: String,
    /// The legal route the correction took; absent in files written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<CorrectionRoute>,
}

/// How a material error came to be corrected. French practice does not settle which route a
/// buyer must take (case law still accepts the buyer's own correction under a clause of the
/// tender rules; the ministry's guidance of 2019 points to regularisation instead), so the
/// three stay distinct and the one used is recorded with each correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CorrectionRoute {
    /// The buyer corrected it under the clause of the tender rules that makes the unit price
    /// prevail (route A): a purely arithmetic error, unit prices untouched.
    TenderRules,
    /// The bidder, asked, confirmed the mechanical correction the buyer computed (route B).
    BidderConfirmed,
    /// The bidder regularised its offer at the buyer's request (route C, article R2152-2 of
    /// the public procurement code).
    Regularisation,
}

impl CorrectionRoute {
    /// Every route, in the order A, B, C.
    pub const ALL: [CorrectionRoute; 3] = [
        CorrectionRoute::TenderRules,
        CorrectionRoute::BidderConfirmed,
        CorrectionRoute::Regularisation,
    ];

    /// The spelling of the evaluation format.
    pub fn name(self) -> &'static str {
        match self {
            CorrectionRoute::TenderRules => "tender_rules",
            CorrectionRoute::BidderConfirmed => "bidder_confirmed",
            CorrectionRoute::Regularisation => "regularisation",
        }
    }

    /// The route spelled `name` in the evaluation format.
    pub fn from_name(name: &str) -> Option<CorrectionRoute> {
        CorrectionRoute::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// Which figures price criteria are scored on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PriceBasis {
    /// The totals computed from unit prices (the unit price prevails), each discrepancy counting
    /// only once its correction is accepted: the results that decide.
    #[default]
    Corrected,
    /// The bidders' own figures as they wrote them, every discrepancy left as it is: what the
    /// ranking would have been without any correction.
    AsSubmitted,
}

/// A figure the bidder wrote that its own unit prices contradict.
#[derive(Debug, Clone, PartialEq)]
pub struct Discrepancy {
    /// The line whose total is wrong, or `None` for the grand total.
    pub line: Option<String>,
    /// What the bidder wrote.
    pub submitted: Decimal,
    /// What it should be: `quantity × unit price` for a line; for the grand total, the sum of
    /// the bidder's own line figures.
    pub expected: Decimal,
    /// Whether the buyer accepted its correction.
    pub corrected: bool,
}

impl Discrepancy {
    /// What the correction adds to the offer's total (negative when it lowers it).
    pub fn effect(&self) -> Decimal {
        self.expected - self.submitted
    }
}

/// The price of one offer on one price criterion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PriceCell {
    /// The total that counts.
    Total(f64),
    /// Not every line is priced (or prices are sealed): the offer is incomplete on it.
    Missing,
    /// A discrepancy on it waits for the buyer's decision.
    Unsettled,
}

/// Everything the schedule says about one offer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OfferPricing {
    /// `(price criterion id, exact total of its lines)`, in tree order; `None` when a line is
    /// not priced.
    pub totals: Vec<(String, Option<Decimal>)>,
    /// The exact total of every line, `None` when a line is not priced.
    pub grand_total: Option<Decimal>,
    /// The lines the bidder did not price, in schedule order.
    pub unpriced: Vec<String>,
    pub discrepancies: Vec<Discrepancy>,
}

/// A number of the file as the decimal its author wrote: the shortest spelling that reads back
/// as the same `f64` (exact for every number of up to 15 significant digits). `None` for a
/// number no decimal holds (non-finite, or beyond 28 digits).
pub fn exact(number: f64) -> Option<Decimal> {
    if !number.is_finite() {
        return None;
    }
    Decimal::from_str(&format!("{number}")).ok()
}

/// The decimal back as the nearest `f64`, for the engine's formulas (points are ratios, not
/// money).
pub fn to_f64(amount: Decimal) -> f64 {
    format!("{amount}").parse().unwrap_or(f64::NAN)
}

/// Rounded to the cent, half away from zero (the amount a bidder writes for a line).
pub fn to_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `quantity × unit price`, exactly, or `None` when the exact product does not fit the 28
/// significant digits of a decimal (never for two numbers of up to 14 significant digits each).
/// The product is made on the integers behind the decimals, so nothing is ever rounded.
pub fn line_amount(quantity: f64, unit_price: f64) -> Option<Decimal> {
    let (a, b) = (exact(quantity)?.normalize(), exact(unit_price)?.normalize());
    let mut mantissa = a.mantissa().checked_mul(b.mantissa())?;
    let mut scale = a.scale() + b.scale();
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
}

impl PriceSchedule {
    /// The price criterion each line counts towards: its own, or the tree's one price leaf.
    pub fn line_criterion<'a>(line: &'a ScheduleLine, price_leaves: &[&'a str]) -> Option<&'a str> {
        match &line.criterion {
            Some(id) => Some(id.as_str()),
            None => match price_leaves {
                [only] => Some(only),
                _ => None,
            },
        }
    }

    /// Computes one offer's totals and checks its arithmetic (an index built for one call).
    pub fn pricing(&self, price_leaves: &[&str], offer: &str) -> OfferPricing {
        ScheduleIndex::new(self, price_leaves).pricing(offer)
    }
}

/// A schedule's lookups, built once in time linear in its size, so that pricing every offer
/// costs one pass over its prices (a hostile file cannot make it quadratic).
pub struct ScheduleIndex<'a> {
    schedule: &'a PriceSchedule,
    price_leaves: Vec<&'a str>,
    /// For each line (schedule order), the price criterion it counts towards.
    line_leaf: Vec<Option<&'a str>>,
    line_position: HashMap<&'a str, usize>,
    offers: HashMap<&'a str, &'a ScheduleOffer>,
    corrections: HashSet<(&'a str, Option<&'a str>)>,
}

impl<'a> ScheduleIndex<'a> {
    pub fn new(schedule: &'a PriceSchedule, price_leaves: &[&'a str]) -> ScheduleIndex<'a> {
        let mut offers = HashMap::new();
        for returned in &schedule.offers {
            // The first entry of an offer counts, as validation reports the second.
            offers.entry(returned.offer.as_str()).or_insert(returned);
        }
        let mut line_position = HashMap::new();
        for (i, line) in schedule.lines.iter().enumerate() {
            line_position.entry(line.id.as_str()).or_insert(i);
        }
        ScheduleIndex {
            schedule,
            price_leaves: price_leaves.to_vec(),
            line_leaf: schedule
                .lines
                .iter()
                .map(|l| PriceSchedule::line_criterion(l, price_leaves))
                .collect(),
            line_position,
            offers,
            corrections: schedule
                .corrections
                .iter()
                .map(|c| (c.offer.as_str(), c.line.as_deref()))
                .collect(),
        }
    }

    /// The price criteria, in tree order.
    pub fn price_leaves(&self) -> &[&'a str] {
        &self.price_leaves
    }

    /// Computes one offer's totals and checks its arithmetic.
    pub fn pricing(&self, offer: &str) -> OfferPricing {
        let returned = self.offers.get(offer).copied();
        let mut prices: HashMap<&str, &LinePrice> = HashMap::new();
        for price in returned.map_or(&[][..], |r| &r.prices) {
            prices.entry(price.line.as_str()).or_insert(price);
        }
        let mut totals: Vec<(String, Option<Decimal>)> = self
            .price_leaves
            .iter()
            .map(|id| ((*id).to_owned(), Some(Decimal::ZERO)))
            .collect();
        let mut grand_total = Some(Decimal::ZERO);
        // The bidder's own sum of its lines: its line total where it wrote one, else the line
        // amount rounded to the cent as a spreadsheet shows it.
        let mut own_sum = Some(Decimal::ZERO);
        let mut unpriced = Vec::new();
        let mut discrepancies = Vec::new();
        for (line, leaf) in self.schedule.lines.iter().zip(&self.line_leaf) {
            let slot = totals.iter_mut().find(|(id, _)| Some(id.as_str()) == *leaf);
            let price = prices.get(line.id.as_str());
            let amount = price.and_then(|p| line_amount(line.quantity, p.unit_price));
            let (Some(price), Some(amount)) = (price, amount) else {
                unpriced.push(line.id.clone());
                if let Some((_, total)) = slot {
                    *total = None;
                }
                grand_total = None;
                own_sum = None;
                continue;
            };
            if let Some((_, total)) = slot {
                *total = total.and_then(|t| t.checked_add(amount));
            }
            grand_total = grand_total.and_then(|t| t.checked_add(amount));
            let written = price.submitted_total.and_then(exact);
            let own = match written {
                Some(written) if written != to_cents(amount) => {
                    discrepancies.push(Discrepancy {
                        line: Some(line.id.clone()),
                        submitted: written,
                        expected: amount,
                        corrected: self.corrections.contains(&(offer, Some(line.id.as_str()))),
                    });
                    written
                }
                Some(written) => written,
                None => to_cents(amount),
            };
            own_sum = own_sum.and_then(|s| s.checked_add(own));
        }
        if let (Some(written), Some(own_sum)) = (
            returned.and_then(|r| r.submitted_total).and_then(exact),
            own_sum,
        ) && written != to_cents(own_sum)
        {
            discrepancies.push(Discrepancy {
                line: None,
                submitted: written,
                expected: own_sum,
                corrected: self.corrections.contains(&(offer, None)),
            });
        }
        OfferPricing {
            totals,
            grand_total,
            unpriced,
            discrepancies,
        }
    }

    /// The price criterion line `line` counts towards.
    fn leaf_of_line(&self, line: &str) -> Option<&'a str> {
        self.line_position
            .get(line)
            .and_then(|&i| self.line_leaf.get(i).copied().flatten())
    }

    /// The price of one offer on one price criterion, on `basis`.
    pub fn cell(&self, pricing: &OfferPricing, criterion: &str, basis: PriceBasis) -> PriceCell {
        match self.total_on(pricing, criterion, basis) {
            Ok(total) => PriceCell::Total(to_f64(total)),
            Err(cell) => cell,
        }
    }

    /// The exact total of one price criterion on `basis`, or why there is none
    /// ([`PriceCell::Missing`] or [`PriceCell::Unsettled`]).
    pub fn total_on(
        &self,
        pricing: &OfferPricing,
        criterion: &str,
        basis: PriceBasis,
    ) -> Result<Decimal, PriceCell> {
        let Some((_, Some(total))) = pricing.totals.iter().find(|(id, _)| id == criterion) else {
            return Err(PriceCell::Missing);
        };
        // Whether a discrepancy bears on this criterion: a line's on its own criterion; a wrong
        // grand total on every criterion when corrected figures are asked for (it leaves the
        // whole offer open), and on the one criterion there is when the bidder's figures are.
        let bears_on = |d: &Discrepancy, whole_offer: bool| match &d.line {
            None => whole_offer,
            Some(line) => self.leaf_of_line(line) == Some(criterion),
        };
        match basis {
            PriceBasis::Corrected => {
                if pricing
                    .discrepancies
                    .iter()
                    .any(|d| !d.corrected && bears_on(d, true))
                {
                    Err(PriceCell::Unsettled)
                } else {
                    Ok(*total)
                }
            }
            PriceBasis::AsSubmitted => {
                let single = self.price_leaves.len() == 1;
                Ok(pricing
                    .discrepancies
                    .iter()
                    .filter(|d| bears_on(d, single))
                    .fold(*total, |t, d| t - d.effect()))
            }
        }
    }
}

/// What the warnings say about one offer's price schedule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScheduleNotes {
    pub unpriced: Vec<String>,
    /// Each uncorrected discrepancy: its line, or `total`.
    pub unsettled: Vec<String>,
}

/// The prices of the offers, as the engine reads them: from each offer's `price`, or from the
/// price schedule.
pub struct PriceSource<'a> {
    basis: PriceBasis,
    schedule: Option<ScheduleIndex<'a>>,
}

/// One offer's price on each price leaf (in leaf order, `None` for other leaves), and what the
/// row keeps of them.
pub struct OfferPrices {
    pub cells: Vec<Option<PriceCell>>,
    /// The amount the offer is compared on (§8.4's abnormally-low check): its `price`, or with
    /// a schedule the total `abnormally_low_on` names, else the grand total; `None` while
    /// unknown (sealed, not every line priced, a discrepancy waiting).
    pub low_price_basis: Option<f64>,
    pub notes: ScheduleNotes,
}

impl<'a> PriceSource<'a> {
    pub fn new(evaluation: &'a Evaluation, basis: PriceBasis) -> PriceSource<'a> {
        let schedule = evaluation
            .price_schedule
            .as_ref()
            .map(|s| ScheduleIndex::new(s, &price_leaf_ids(evaluation)));
        PriceSource { basis, schedule }
    }

    /// One offer's prices on each leaf of `leaves` (the evaluation's leaves, in order).
    pub fn offer(
        &self,
        evaluation: &Evaluation,
        leaves: &[&Criterion],
        offer: &Offer,
    ) -> OfferPrices {
        let is_price = |leaf: &&Criterion| matches!(leaf.body, CriterionBody::Price { .. });
        let sealed = evaluation.prices_sealed();
        let Some(schedule) = &self.schedule else {
            let price = offer.price.filter(|_| !sealed);
            let cell = price.map_or(PriceCell::Missing, PriceCell::Total);
            return OfferPrices {
                cells: leaves.iter().map(|l| is_price(l).then_some(cell)).collect(),
                low_price_basis: price,
                notes: ScheduleNotes::default(),
            };
        };
        if sealed {
            return OfferPrices {
                cells: leaves
                    .iter()
                    .map(|l| is_price(l).then_some(PriceCell::Missing))
                    .collect(),
                low_price_basis: None,
                notes: ScheduleNotes::default(),
            };
        }
        let pricing = schedule.pricing(&offer.id);
        let cells: Vec<Option<PriceCell>> = leaves
            .iter()
            .map(|l| is_price(l).then(|| schedule.cell(&pricing, &l.id, self.basis)))
            .collect();
        // In decimal, as every amount: the total the tender names, or the sum of every price
        // criterion's once each is known.
        let low_price_basis = match evaluation
            .price_schedule
            .as_ref()
            .and_then(|s| s.abnormally_low_on.as_deref())
        {
            Some(criterion) => schedule.total_on(&pricing, criterion, self.basis).ok(),
            None => schedule
                .price_leaves()
                .iter()
                .map(|leaf| schedule.total_on(&pricing, leaf, self.basis).ok())
                .try_fold(Decimal::ZERO, |sum, total| sum.checked_add(total?)),
        }
        .map(to_f64);
        let unsettled = match self.basis {
            PriceBasis::Corrected => pricing
                .discrepancies
                .iter()
                .filter(|d| !d.corrected)
                .map(|d| d.line.clone().unwrap_or_else(|| "total".to_owned()))
                .collect(),
            PriceBasis::AsSubmitted => Vec::new(),
        };
        OfferPrices {
            cells,
            low_price_basis,
            notes: ScheduleNotes {
                unpriced: pricing.unpriced,
                unsettled,
            },
        }
    }
}

/// The amount `offer` is compared on, on corrected figures: what the report, the letters and
/// the spreadsheets print as its price (its `price`, or with a schedule the total the
/// abnormally-low check reads). `None` while it is not known.
pub fn compared_price(evaluation: &Evaluation, offer: &Offer) -> Option<f64> {
    let leaves = evaluation.leaves();
    PriceSource::new(evaluation, PriceBasis::Corrected)
        .offer(evaluation, &leaves, offer)
        .low_price_basis
}

/// The ids of the price leaves of a tree, in tree order.
pub fn price_leaf_ids(evaluation: &Evaluation) -> Vec<&str> {
    evaluation
        .leaves()
        .into_iter()
        .filter(|c: &&Criterion| matches!(c.body, CriterionBody::Price { .. }))
        .map(|c| c.id.as_str())
        .collect()
}
