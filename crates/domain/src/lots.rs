//! A consultation split into lots, and who is awarded each lot once every lot is ranked.
//!
//! French law makes allotment the rule: one consultation, several lots, each lot a contract of its
//! own with its own criteria, offers and ranking. A bidder enters once and bids on some lots. The
//! consultation may cap the number of lots one bidder is awarded (R2113-1); the cap is not an
//! award criterion (CE, 20 Feb 2013, *Laboratoire Biomnis*, n° 363656): it never changes a score
//! and is applied after each lot has been ranked on its own, by a rule published beforehand. A
//! lot may also be a framework agreement with several holders: the best N admissible offers, or
//! every ranked offer reaching a minimum total (no legal minimum number of holders; fewer when
//! there are not enough admissible offers), each holder keeping its rank.
//!
//! This module holds the consultation model ([`Consultation`], read by
//! [`crate::read::parse_consultation`]) and the award across lots ([`allocate`],
//! [`evaluate_consultation`]). Each lot is scored by [`crate::engine::evaluate`], the one place
//! that scores; this module only reads each lot's ranking. Every step of the award is a
//! [`Step`] — a code and named parameters worded in French and English by
//! [`crate::words::AWARD_STEPS`] — so that the report, the letters and the command line explain
//! the award in the same sentences.
//!
//! # The award across lots
//!
//! Every lot has a *capacity*: one place for a single award, N places for a framework of N
//! holders, and "every offer reaching the mark" for a framework with a minimum total. A lot's
//! places go to its admissible offers (ranked by the engine) in rank order. Offers tied on the
//! last place the lot can give are never separated here, as the engine names no winner on a tie:
//! the lot keeps the offers strictly above the tie and waits for the buyer to break it (status
//! `tied`).
//!
//! Without a cap, that is the award. With a cap of K lots per bidder, a bidder holding more than
//! K lots keeps the K it comes to first in the rule's order and is set aside on the others, where
//! the next offers in rank order take its place; this repeats until no bidder holds more than K
//! lots. The order is, per [`OverCapRule`]: decreasing estimated value, ties by lot number
//! (`lot_value`, the only rule the case law has validated so far, and the default); lot number
//! (`lot_order`); or each bidder's own order of preference, lots it did not rank after, by lot
//! number (`bidder_preference`). With the first two rules every bidder follows the same order,
//! and this gives exactly the sequential reading of the rule — take the lots in that order, give
//! each to its best offers whose bidders are still under the cap. The result never depends on
//! the order lots or bidders are listed in the file: it is the lot-proposing deferred acceptance
//! of a many-to-many assignment, which has one outcome whatever the order its steps are taken in.
//!
//! A lot whose ranking is not final (an offer incomplete, prices still sealed) gets no award and
//! counts towards nobody's cap; the results say the award is not settled. A lot with no
//! admissible offer, or whose every admissible offer was set aside by the cap, gets no award:
//! *infructueux*.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};

use crate::catalog::Catalogs;
use crate::model::{Certification, Evaluation, Procedure, TOLERANCE, Tender};
use crate::results::{OfferResult, OfferStatus, Results, results_to_json};
use crate::words::{self, Lang, Params};

mod edit;
pub use edit::{ConsultationEdit, EditedConsultation, LotChange, LotPart, check_lot_change};

/// The only `format` value of a consultation document this version reads.
pub const CONSULTATION_FORMAT: &str = "jauge/consultation@1";
/// The `format` of the results of a consultation.
pub const CONSULTATION_RESULTS_FORMAT: &str = "jauge/consultation-results@1";
/// The most lots a consultation holds (real ones hold a handful; far above that is an attack).
pub const MAX_LOTS: usize = 200;
/// The most bidders a consultation names.
pub const MAX_BIDDERS: usize = 2_000;

/// A consultation: what it is, its bidders (entered once), its award rules and its lots.
#[derive(Debug, Clone, PartialEq)]
pub struct Consultation {
    pub info: ConsultationInfo,
    pub bidders: Vec<Bidder>,
    pub rules: AwardRules,
    pub lots: Vec<Lot>,
}

/// The consultation itself; each lot's evaluation gets its `tender` from it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsultationInfo {
    pub reference: String,
    pub title: String,
    pub buyer: String,
    pub procedure: Option<Procedure>,
    pub launch_date: Option<NaiveDate>,
    pub deadline: NaiveDate,
    pub currency: Option<String>,
}

/// A company that bids on one or more lots.
#[derive(Debug, Clone, PartialEq)]
pub struct Bidder {
    pub id: String,
    pub company: String,
    pub siret: Option<String>,
    /// Shared by its offers on every lot, unless an offer gives its own.
    pub certifications: Option<Vec<Certification>>,
    /// Lot ids, most wanted first; read by [`OverCapRule::BidderPreference`] only.
    pub preferences: Vec<String>,
}

/// The rules that tie lots together (R2113-1).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AwardRules {
    /// The most lots one bidder may be awarded; `None`: no cap.
    pub max_lots_awarded_per_bidder: Option<u32>,
    /// `None` when the file names no rule: [`OverCapRule::LotValue`] applies.
    pub over_cap_rule: Option<OverCapRule>,
}

impl AwardRules {
    pub fn over_cap_rule(&self) -> OverCapRule {
        self.over_cap_rule.unwrap_or(OverCapRule::LotValue)
    }
}

/// Which lots a bidder over the cap keeps (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OverCapRule {
    LotValue,
    LotOrder,
    BidderPreference,
}

impl OverCapRule {
    pub const ALL: [OverCapRule; 3] = [
        OverCapRule::LotValue,
        OverCapRule::LotOrder,
        OverCapRule::BidderPreference,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OverCapRule::LotValue => "lot_value",
            OverCapRule::LotOrder => "lot_order",
            OverCapRule::BidderPreference => "bidder_preference",
        }
    }

    pub fn from_name(name: &str) -> Option<OverCapRule> {
        OverCapRule::ALL.into_iter().find(|r| r.as_str() == name)
    }
}

/// How many offers a lot retains.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LotAward {
    /// One contract, to the best offer.
    Single,
    /// A framework agreement with the `n` best offers as holders.
    Holders(u32),
    /// A framework agreement with every ranked offer whose total reaches the mark as holder.
    MinTotal(f64),
}

impl LotAward {
    pub(crate) fn to_json(self) -> Value {
        match self {
            LotAward::Single => json!({"kind": "single"}),
            LotAward::Holders(n) => json!({"kind": "framework", "holders": n}),
            LotAward::MinTotal(x) => json!({"kind": "framework", "min_total": x}),
        }
    }

    fn is_framework(self) -> bool {
        !matches!(self, LotAward::Single)
    }
}

/// One lot: its place in the consultation and its evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Lot {
    pub id: String,
    /// The lot's number in the consultation documents (1, 2, …), unique.
    pub number: u32,
    pub title: String,
    /// Estimated value, excluding VAT, in the consultation's currency.
    pub estimated_value: f64,
    pub award: LotAward,
    /// The buyer declared the lot *sans suite* (R2185-1), with this reason: it is awarded to
    /// nobody, whatever its ranking, and counts towards nobody's cap.
    pub sans_suite: Option<String>,
    /// The lot's evaluation as the engine reads it: `tender` is the consultation's with `lot`
    /// set, and each offer's `bidder` is its bidder's company (certifications filled from the
    /// bidder when the offer gives none).
    pub evaluation: Evaluation,
    /// The bidder id of each offer, in the order of `evaluation.offers`.
    pub offer_bidders: Vec<String>,
}

impl Consultation {
    /// A plain evaluation file seen as a consultation of one lot: each offer its own bidder, a
    /// single award, no cap. Its lot evaluates exactly as the file does.
    pub fn from_evaluation(evaluation: Evaluation) -> Consultation {
        let tender = &evaluation.tender;
        let info = ConsultationInfo {
            reference: tender.reference.clone(),
            title: tender.title.clone(),
            buyer: tender.buyer.clone(),
            procedure: tender.procedure,
            launch_date: tender.launch_date,
            deadline: tender.deadline,
            currency: tender.currency.clone(),
        };
        let bidders = evaluation
            .offers
            .iter()
            .map(|o| Bidder {
                id: o.id.clone(),
                company: o.bidder.clone(),
                siret: None,
                certifications: None,
                preferences: Vec::new(),
            })
            .collect();
        let offer_bidders = evaluation.offers.iter().map(|o| o.id.clone()).collect();
        let title = tender.lot.clone().unwrap_or_else(|| tender.title.clone());
        Consultation {
            info,
            bidders,
            rules: AwardRules::default(),
            lots: vec![Lot {
                id: "1".into(),
                number: 1,
                title,
                estimated_value: 0.0,
                award: LotAward::Single,
                sans_suite: None,
                evaluation,
                offer_bidders,
            }],
        }
    }

    pub fn bidder(&self, id: &str) -> Option<&Bidder> {
        self.bidders.iter().find(|b| b.id == id)
    }
}

/// How a lot is named in its evaluation's `tender.lot`: « 2 – PaaS ».
pub(crate) fn lot_label(number: u32, title: &str) -> String {
    format!("{number} – {title}")
}

impl ConsultationInfo {
    /// The `tender` of lot `lot`'s evaluation.
    pub fn tender_of(&self, lot: &str) -> Tender {
        Tender {
            reference: self.reference.clone(),
            title: self.title.clone(),
            buyer: self.buyer.clone(),
            lot: Some(lot.to_owned()),
            procedure: self.procedure,
            launch_date: self.launch_date,
            deadline: self.deadline,
            currency: self.currency.clone(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The award across lots, on rankings alone.

/// What the award needs of one lot: its identity, its capacity and its ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct LotRanking {
    pub id: String,
    pub number: u32,
    pub estimated_value: f64,
    pub award: LotAward,
    /// False while the ranking is not final: the lot gets no award yet.
    pub settled: bool,
    /// Declared *sans suite* by the buyer, with the reason: no award, whatever the ranking.
    pub sans_suite: Option<String>,
    /// The admissible (ranked) offers, in any order.
    pub ranked: Vec<RankedOffer>,
}

/// One ranked offer of a lot.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedOffer {
    pub offer: String,
    /// Index into the bidder list given to [`allocate`].
    pub bidder: usize,
    /// The engine's rank (1 = best; equal totals share a rank).
    pub rank: u32,
    pub total: f64,
}

/// What became of a lot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LotStatus {
    /// Every place the lot gives is held.
    Awarded,
    /// No holder: no admissible offer, none reaching the mark, or all set aside by the cap.
    Infructueux,
    /// Offers tie on a place the lot gives: the buyer must break the tie.
    Tied,
    /// The lot's ranking is not final yet.
    Pending,
    /// The buyer declared the lot *sans suite*.
    SansSuite,
}

impl LotStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LotStatus::Awarded => "awarded",
            LotStatus::Infructueux => "infructueux",
            LotStatus::Tied => "tied",
            LotStatus::Pending => "pending",
            LotStatus::SansSuite => "sans_suite",
        }
    }
}

/// An offer retained on a lot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Holder {
    pub offer: String,
    pub bidder: usize,
    /// Its rank in the lot's own ranking.
    pub rank: u32,
    /// Its rank among the lot's holders (1 = first holder; equal ranks share it): the order of
    /// the cascade for purchase orders.
    pub holder_rank: u32,
    pub total: f64,
}

/// An offer set aside on a lot because its bidder reached the cap with lots before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapSkip {
    pub offer: String,
    pub bidder: usize,
    pub rank: u32,
    /// The lots (indexes) the bidder kept, which come before this one in the rule's order.
    pub kept: Vec<usize>,
}

/// The award of one lot.
#[derive(Debug, Clone, PartialEq)]
pub struct LotAllocation {
    pub status: LotStatus,
    /// Best first.
    pub holders: Vec<Holder>,
    /// Offers tied on the first place not given (status `tied`).
    pub tied: Vec<RankedOffer>,
    pub skipped: Vec<CapSkip>,
}

/// One step of the explanation, worded by [`crate::words::AWARD_STEPS`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub code: &'static str,
    pub params: Params,
}

impl Step {
    fn new(code: &'static str, params: Params) -> Step {
        Step { code, params }
    }

    /// The sentence in `lang` (award steps and letters' lot sentences share the codes' space).
    pub fn sentence(&self, lang: Lang) -> String {
        let phrases = if self.code.starts_with("letter_") {
            words::LETTER_LOTS
        } else {
            words::AWARD_STEPS
        };
        words::render(phrases, self.code, &self.params, lang)
    }
}

/// The award of every lot (in the order given) and its explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Allocation {
    pub lots: Vec<LotAllocation>,
    pub trace: Vec<Step>,
    /// The lots (indexes) in the order the rule examines them, as the trace tells them.
    pub order: Vec<usize>,
}

/// (lot index, offer index in the lot's ranking).
type Place = (usize, usize);

/// A lot's places, given its eligible offers.
struct Selection {
    holders: Vec<usize>,
    tied: Vec<usize>,
}

/// The offers (indexes into `ranked`) holding a place, and those tied on the first place not
/// given. An offer holds a place of an N-place lot when at most N eligible offers rank at or
/// above it: so offers tied across the last place hold none of it, and a holder stays one when
/// others are set aside (what makes the repeated award below converge to one outcome).
fn select(lot: &LotRanking, eligible: &[bool]) -> Selection {
    let mut order: Vec<usize> = (0..lot.ranked.len()).filter(|&i| eligible[i]).collect();
    order.sort_by_key(|&i| (lot.ranked[i].rank, i));
    if !lot.settled || lot.sans_suite.is_some() {
        return Selection {
            holders: Vec::new(),
            tied: Vec::new(),
        };
    }
    match lot.award {
        LotAward::MinTotal(mark) => Selection {
            holders: order
                .into_iter()
                .filter(|&i| lot.ranked[i].total >= mark - TOLERANCE)
                .collect(),
            tied: Vec::new(),
        },
        LotAward::Single | LotAward::Holders(_) => {
            let places = match lot.award {
                LotAward::Holders(n) => n as usize,
                _ => 1,
            };
            let at_or_above = |rank: u32| {
                order
                    .iter()
                    .filter(|&&j| lot.ranked[j].rank <= rank)
                    .count()
            };
            let holders: Vec<usize> = order
                .iter()
                .copied()
                .filter(|&i| at_or_above(lot.ranked[i].rank) <= places)
                .collect();
            let tied = if holders.len() < places {
                match order.get(holders.len()) {
                    Some(&next) => order
                        .iter()
                        .copied()
                        .filter(|&j| lot.ranked[j].rank == lot.ranked[next].rank)
                        .collect(),
                    None => Vec::new(),
                }
            } else {
                Vec::new()
            };
            Selection { holders, tied }
        }
    }
}

/// The order the rule examines lots in, when every bidder follows the same one: decreasing
/// estimated value then lot number (`lot_value`), or lot number (`lot_order` and, for the
/// trace, `bidder_preference`). The order of the file never matters.
fn examination_order(lots: &[LotRanking], rule: OverCapRule) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lots.len()).collect();
    match rule {
        OverCapRule::LotValue => order.sort_by(|&a, &b| {
            lots[b]
                .estimated_value
                .total_cmp(&lots[a].estimated_value)
                .then(lots[a].number.cmp(&lots[b].number))
                .then(lots[a].id.cmp(&lots[b].id))
        }),
        OverCapRule::LotOrder | OverCapRule::BidderPreference => {
            order.sort_by(|&a, &b| {
                lots[a]
                    .number
                    .cmp(&lots[b].number)
                    .then(lots[a].id.cmp(&lots[b].id))
            });
        }
    }
    order
}

/// The bidders as [`allocate`] needs them: a name for the trace and, for
/// [`OverCapRule::BidderPreference`], the lot ids most wanted first.
#[derive(Debug, Clone, PartialEq)]
pub struct BidderRef {
    pub id: String,
    pub name: String,
    pub preferences: Vec<String>,
}

/// The award of every lot under `rules` (see the module documentation), with its trace.
pub fn allocate(lots: &[LotRanking], bidders: &[BidderRef], rules: &AwardRules) -> Allocation {
    let rule = rules.over_cap_rule();
    let cap = rules.max_lots_awarded_per_bidder.map(|c| c as usize);
    let order = examination_order(lots, rule);
    let position_in_order: Vec<usize> = {
        let mut p = vec![0; lots.len()];
        for (k, &l) in order.iter().enumerate() {
            p[l] = k;
        }
        p
    };
    let lot_index: HashMap<&str, usize> = lots
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.as_str(), i))
        .collect();
    // Each bidder's rank of each lot it may keep (lower = kept first).
    let preference = |b: usize, l: usize| -> (usize, usize) {
        match rule {
            OverCapRule::BidderPreference => {
                let listed = bidders.get(b).and_then(|bidder| {
                    bidder
                        .preferences
                        .iter()
                        .position(|id| lot_index.get(id.as_str()) == Some(&l))
                });
                match listed {
                    Some(p) => (0, p),
                    None => (1, position_in_order[l]),
                }
            }
            _ => (0, position_in_order[l]),
        }
    };

    let mut eligible: Vec<Vec<bool>> = lots.iter().map(|l| vec![true; l.ranked.len()]).collect();
    let mut skipped: Vec<Vec<CapSkip>> = vec![Vec::new(); lots.len()];
    let mut unlisted: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    // Each round sets at least one offer aside, so there are at most as many rounds as offers.
    let selections = loop {
        let selections: Vec<Selection> = lots
            .iter()
            .zip(&eligible)
            .map(|(lot, e)| select(lot, e))
            .collect();
        let Some(cap) = cap else { break selections };
        // Per bidder: the places it holds, and the places it ties for.
        let mut held: BTreeMap<usize, (Vec<Place>, Vec<Place>)> = BTreeMap::new();
        for (l, selection) in selections.iter().enumerate() {
            for &i in &selection.holders {
                held.entry(lots[l].ranked[i].bidder)
                    .or_default()
                    .0
                    .push((l, i));
            }
            for &i in &selection.tied {
                held.entry(lots[l].ranked[i].bidder)
                    .or_default()
                    .1
                    .push((l, i));
            }
        }
        let mut changed = false;
        for (b, (mut lots_held, tied_on)) in held {
            if lots_held.len() < cap {
                continue;
            }
            lots_held.sort_by_key(|&(l, _)| preference(b, l));
            let last_kept = cap
                .checked_sub(1)
                .and_then(|k| lots_held.get(k))
                .map(|&(l, _)| preference(b, l));
            // Beyond the cap, and the ties it need not be part of: a bidder at the cap with
            // lots it comes to first would decline a lot it ties on after them, so the tie is
            // no tie (what the sequential reading of the rule does: a bidder at the cap is
            // passed over).
            let mut released: Vec<(usize, usize)> = lots_held[cap..].to_vec();
            released.extend(
                tied_on
                    .into_iter()
                    .filter(|&(l, _)| last_kept.is_none_or(|k| preference(b, l) > k)),
            );
            if released.is_empty() {
                continue;
            }
            if rule == OverCapRule::BidderPreference {
                for &(l, _) in lots_held.iter().chain(&released) {
                    if preference(b, l).0 == 1 {
                        unlisted.entry(b).or_default().push(l);
                    }
                }
            }
            for (l, i) in released {
                eligible[l][i] = false;
                let offer = &lots[l].ranked[i];
                skipped[l].push(CapSkip {
                    offer: offer.offer.clone(),
                    bidder: b,
                    rank: offer.rank,
                    kept: Vec::new(),
                });
                changed = true;
            }
        }
        if !changed {
            break selections;
        }
    };

    // A bidder set aside on a lot may later trade a lot it kept for one it prefers more: what
    // it finally holds is what explains every lot it was set aside on (each held lot comes
    // before those, by transitivity of the order).
    let mut finally_held: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (l, selection) in selections.iter().enumerate() {
        for &i in &selection.holders {
            finally_held
                .entry(lots[l].ranked[i].bidder)
                .or_default()
                .push(l);
        }
    }
    for held in finally_held.values_mut() {
        held.sort_by_key(|&l| position_in_order[l]);
    }
    let mut allocations = Vec::with_capacity(lots.len());
    for ((lot, selection), mut skips) in lots.iter().zip(selections).zip(skipped) {
        for skip in &mut skips {
            skip.kept = finally_held.get(&skip.bidder).cloned().unwrap_or_default();
        }
        skips.sort_by_key(|s| (s.rank, s.offer.clone()));
        let mut holders: Vec<Holder> = selection
            .holders
            .iter()
            .map(|&i| {
                let o = &lot.ranked[i];
                Holder {
                    offer: o.offer.clone(),
                    bidder: o.bidder,
                    rank: o.rank,
                    holder_rank: 0,
                    total: o.total,
                }
            })
            .collect();
        let ranks: Vec<u32> = holders.iter().map(|h| h.rank).collect();
        for holder in &mut holders {
            let better = ranks.iter().filter(|&&r| r < holder.rank).count();
            holder.holder_rank = u32::try_from(better + 1).unwrap_or(u32::MAX);
        }
        let tied: Vec<RankedOffer> = selection
            .tied
            .iter()
            .map(|&i| lot.ranked[i].clone())
            .collect();
        let status = if lot.sans_suite.is_some() {
            LotStatus::SansSuite
        } else if !lot.settled {
            LotStatus::Pending
        } else if !tied.is_empty() {
            LotStatus::Tied
        } else if holders.is_empty() {
            LotStatus::Infructueux
        } else {
            LotStatus::Awarded
        };
        allocations.push(LotAllocation {
            status,
            holders,
            tied,
            skipped: skips,
        });
    }

    let trace = explain(lots, bidders, rules, &order, &allocations, &unlisted);
    Allocation {
        lots: allocations,
        trace,
        order,
    }
}

/// « lot 1 », « lots 1 et 3 » / « lot 1 », « lots 1 and 3 »: lot numbers only, the words
/// around them are the templates'.
fn numbers(lots: &[LotRanking], which: &[usize]) -> String {
    let mut n: Vec<u32> = which.iter().map(|&l| lots[l].number).collect();
    n.sort_unstable();
    n.dedup();
    n.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

fn explain(
    lots: &[LotRanking],
    bidders: &[BidderRef],
    rules: &AwardRules,
    order: &[usize],
    allocations: &[LotAllocation],
    unlisted: &BTreeMap<usize, Vec<usize>>,
) -> Vec<Step> {
    let name = |b: usize| {
        bidders
            .get(b)
            .map_or_else(|| b.to_string(), |x| x.name.clone())
    };
    let rule = rules.over_cap_rule();
    let mut trace = Vec::new();
    match rules.max_lots_awarded_per_bidder {
        None => trace.push(Step::new("no_cap", Params::new())),
        Some(cap) => {
            trace.push(Step::new(
                match rule {
                    OverCapRule::LotValue => "cap_lot_value",
                    OverCapRule::LotOrder => "cap_lot_order",
                    OverCapRule::BidderPreference => "cap_bidder_preference",
                },
                Params::new().with("cap", cap.to_string()),
            ));
            if rule != OverCapRule::BidderPreference {
                trace.push(Step::new(
                    "examination_order",
                    Params::new().with(
                        "lots",
                        order
                            .iter()
                            .map(|&l| lots[l].number.to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ));
            }
            // Who is first on more lots than the cap, before anything is set aside.
            let mut first: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for (l, lot) in lots.iter().enumerate() {
                if lot.settled && lot.sans_suite.is_none() {
                    for o in lot.ranked.iter().filter(|o| o.rank == 1) {
                        first.entry(o.bidder).or_default().push(l);
                    }
                }
            }
            for (b, first_on) in first {
                if first_on.len() > cap as usize {
                    trace.push(Step::new(
                        "first_on_more_lots",
                        Params::new()
                            .with("bidder", name(b))
                            .with("lots", numbers(lots, &first_on))
                            .with("count", first_on.len().to_string())
                            .with("cap", cap.to_string()),
                    ));
                }
            }
            for (&b, lots_unlisted) in unlisted {
                trace.push(Step::new(
                    "preference_missing",
                    Params::new()
                        .with("bidder", name(b))
                        .with("lots", numbers(lots, lots_unlisted)),
                ));
            }
        }
    }
    for &l in order {
        let lot = &lots[l];
        let allocation = &allocations[l];
        let number = lot.number.to_string();
        for skip in &allocation.skipped {
            let code = match rule {
                OverCapRule::LotValue => "skipped_for_cap_lot_value",
                OverCapRule::LotOrder => "skipped_for_cap_lot_order",
                OverCapRule::BidderPreference => "skipped_for_cap_bidder_preference",
            };
            trace.push(Step::new(
                code,
                Params::new()
                    .with("lot", number.as_str())
                    .with("bidder", name(skip.bidder))
                    .with("offer", skip.offer.as_str())
                    .with("rank", skip.rank.to_string())
                    .with("kept", numbers(lots, &skip.kept))
                    .with(
                        "cap",
                        rules.max_lots_awarded_per_bidder.unwrap_or(0).to_string(),
                    ),
            ));
        }
        let holders_text = || {
            allocation
                .holders
                .iter()
                .map(|h| format!("{} ({})", name(h.bidder), h.rank))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let lot_params = || Params::new().with("lot", number.as_str());
        let step = match allocation.status {
            LotStatus::Pending => Step::new("lot_pending", lot_params()),
            LotStatus::SansSuite => Step::new(
                "lot_sans_suite",
                lot_params().with("reason", lot.sans_suite.as_deref().unwrap_or_default()),
            ),
            LotStatus::Tied => Step::new(
                if allocation.holders.is_empty() {
                    "lot_tied"
                } else {
                    "lot_tied_after_holders"
                },
                lot_params()
                    .with(
                        "offers",
                        allocation
                            .tied
                            .iter()
                            .map(|o| name(o.bidder))
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                    .with("rank", allocation.tied[0].rank.to_string())
                    .with("holders", holders_text()),
            ),
            LotStatus::Infructueux if lot.ranked.is_empty() => {
                Step::new("lot_no_admissible_offer", lot_params())
            }
            LotStatus::Infructueux if !allocation.skipped.is_empty() => {
                Step::new("lot_every_bidder_capped", lot_params())
            }
            LotStatus::Infructueux => match lot.award {
                LotAward::MinTotal(mark) => Step::new(
                    "lot_none_reaches_min_total",
                    lot_params().number("min_total", mark),
                ),
                _ => Step::new("lot_no_admissible_offer", lot_params()),
            },
            LotStatus::Awarded => match lot.award {
                LotAward::Single => {
                    let h = &allocation.holders[0];
                    let code = if allocation.skipped.is_empty() {
                        "lot_awarded"
                    } else {
                        "lot_awarded_to_next"
                    };
                    Step::new(
                        code,
                        lot_params()
                            .with("bidder", name(h.bidder))
                            .with("offer", h.offer.as_str())
                            .with("rank", h.rank.to_string()),
                    )
                }
                LotAward::Holders(n) if (allocation.holders.len() as u64) < u64::from(n) => {
                    Step::new(
                        "lot_fewer_holders",
                        lot_params()
                            .with("count", allocation.holders.len().to_string())
                            .with("target", n.to_string())
                            .with("holders", holders_text()),
                    )
                }
                LotAward::Holders(n) => Step::new(
                    "lot_holders",
                    lot_params()
                        .with("count", allocation.holders.len().to_string())
                        .with("target", n.to_string())
                        .with("holders", holders_text()),
                ),
                LotAward::MinTotal(mark) => Step::new(
                    "lot_holders_min_total",
                    lot_params()
                        .with("count", allocation.holders.len().to_string())
                        .number("min_total", mark)
                        .with("holders", holders_text()),
                ),
            },
        };
        trace.push(step);
    }
    trace
}

// ---------------------------------------------------------------------------------------------
// A consultation's results.

/// The results of a consultation: each lot's own results (from the engine) and the award.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsultationResults {
    pub lots: Vec<Results>,
    pub allocation: Allocation,
}

impl ConsultationResults {
    /// True when every lot is awarded or *infructueux*: nothing waits for scores or the buyer.
    pub fn settled(&self) -> bool {
        self.allocation.lots.iter().all(|l| {
            matches!(
                l.status,
                LotStatus::Awarded | LotStatus::Infructueux | LotStatus::SansSuite
            )
        })
    }
}

/// The bidders of a consultation as [`allocate`] reads them.
pub fn bidder_refs(consultation: &Consultation) -> Vec<BidderRef> {
    consultation
        .bidders
        .iter()
        .map(|b| BidderRef {
            id: b.id.clone(),
            name: b.company.clone(),
            preferences: b.preferences.clone(),
        })
        .collect()
}

/// Lot `lot`'s ranking, from its results: the ranked offers, final when no offer is incomplete
/// and prices are open (when the engine itself would name a winner, ties aside).
pub fn lot_ranking(consultation: &Consultation, lot: &Lot, results: &Results) -> LotRanking {
    let bidder_index: HashMap<&str, usize> = consultation
        .bidders
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    // The results are the deciding round's: an offer set aside at an earlier round is not in
    // them, so offers are matched to their bidders by id, never by position.
    let offer_bidder: HashMap<&str, &str> = lot
        .evaluation
        .offers
        .iter()
        .zip(&lot.offer_bidders)
        .map(|(o, b)| (o.id.as_str(), b.as_str()))
        .collect();
    let ranked = results
        .offers
        .iter()
        .filter(|o| o.status == OfferStatus::Ranked)
        .filter_map(|o| {
            Some(RankedOffer {
                offer: o.id.clone(),
                bidder: *bidder_index.get(offer_bidder.get(o.id.as_str())?)?,
                rank: o.rank?,
                total: o.total?,
            })
        })
        .collect();
    LotRanking {
        id: lot.id.clone(),
        number: lot.number,
        estimated_value: lot.estimated_value,
        award: lot.award,
        settled: results.complete && !lot.evaluation.prices_sealed(),
        sans_suite: lot.sans_suite.clone(),
        ranked,
    }
}

/// Scores every lot with the engine on its deciding round (the lot itself when it has no
/// rounds), then awards the lots across the consultation.
pub fn evaluate_consultation(
    consultation: &Consultation,
    catalogs: &Catalogs,
) -> ConsultationResults {
    let lots: Vec<Results> = consultation
        .lots
        .iter()
        .map(|lot| crate::rounds::deciding_results(&lot.evaluation, catalogs))
        .collect();
    let rankings: Vec<LotRanking> = consultation
        .lots
        .iter()
        .zip(&lots)
        .map(|(lot, results)| lot_ranking(consultation, lot, results))
        .collect();
    let allocation = allocate(&rankings, &bidder_refs(consultation), &consultation.rules);
    ConsultationResults { lots, allocation }
}

/// What one bidder's offer on one lot came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BidOutcome {
    /// The single contract of the lot.
    Awarded,
    /// A holder of the lot's framework agreement.
    Holder,
    /// Ranked high enough, set aside because its bidder reached the cap with other lots.
    SkippedForCap,
    /// Ranked, below the offers retained.
    NotRetained,
    /// Tied on a place the buyer must give.
    Tied,
    Eliminated,
    /// The lot's ranking is not final.
    Pending,
    /// The buyer declared the lot *sans suite*.
    SansSuite,
    /// Set aside at the end of an earlier round of the lot's negotiation: not in the deciding
    /// round, so neither ranked nor compared there.
    SetAside,
}

impl BidOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            BidOutcome::Awarded => "awarded",
            BidOutcome::Holder => "holder",
            BidOutcome::SkippedForCap => "skipped_for_cap",
            BidOutcome::NotRetained => "not_retained",
            BidOutcome::Tied => "tied",
            BidOutcome::Eliminated => "eliminated",
            BidOutcome::Pending => "pending",
            BidOutcome::SansSuite => "sans_suite",
            BidOutcome::SetAside => "set_aside",
        }
    }
}

/// The result of offer `offer` (index in the lot's evaluation) on lot `l`'s deciding round:
/// `None` for an offer set aside at an earlier round, which the deciding round does not hold.
pub fn lot_offer_result<'a>(
    consultation: &Consultation,
    results: &'a ConsultationResults,
    l: usize,
    offer: usize,
) -> Option<&'a OfferResult> {
    let id = &consultation.lots.get(l)?.evaluation.offers.get(offer)?.id;
    results.lots.get(l)?.offer(id)
}

/// The round at which offer `offer` (index in lot `l`'s evaluation) was set aside, with the
/// reason: its label as the buyer named it.
fn set_aside_round(lot: &Lot, offer: usize) -> Option<(&str, &str)> {
    let negotiation = lot.evaluation.negotiation.as_ref()?;
    let id = &lot.evaluation.offers.get(offer)?.id;
    let round = negotiation.rounds.get(negotiation.eliminated_at(id)?)?;
    let reason = round.eliminated.iter().find(|e| &e.offer == id)?;
    Some((round.label.as_str(), reason.reason.as_str()))
}

/// The outcome of offer `offer` (index in the lot's evaluation) on lot `l`.
pub fn bid_outcome(
    consultation: &Consultation,
    results: &ConsultationResults,
    l: usize,
    offer: usize,
) -> BidOutcome {
    let lot = &consultation.lots[l];
    let allocation = &results.allocation.lots[l];
    if allocation.status == LotStatus::SansSuite {
        return BidOutcome::SansSuite;
    }
    let Some(result) = lot_offer_result(consultation, results, l, offer) else {
        let set_aside = lot.evaluation.offers.get(offer).is_some_and(|o| {
            lot.evaluation
                .negotiation
                .as_ref()
                .is_some_and(|n| n.eliminated_at(&o.id).is_some())
        });
        return if set_aside {
            BidOutcome::SetAside
        } else {
            BidOutcome::Pending
        };
    };
    let id = result.id.as_str();
    if allocation.holders.iter().any(|h| h.offer == id) {
        return if lot.award.is_framework() {
            BidOutcome::Holder
        } else {
            BidOutcome::Awarded
        };
    }
    if allocation.skipped.iter().any(|s| s.offer == id) {
        return BidOutcome::SkippedForCap;
    }
    if result.status == OfferStatus::Eliminated {
        return BidOutcome::Eliminated;
    }
    if allocation.status == LotStatus::Pending {
        return BidOutcome::Pending;
    }
    if allocation.tied.iter().any(|t| t.offer == id) {
        return BidOutcome::Tied;
    }
    BidOutcome::NotRetained
}

/// The results document of a consultation (`jauge/consultation-results@1`, see
/// `docs/consultation-format.md`).
pub fn consultation_results_to_json(
    consultation: &Consultation,
    results: &ConsultationResults,
) -> Value {
    let bidder_id = |b: usize| {
        consultation
            .bidders
            .get(b)
            .map_or_else(String::new, |x| x.id.clone())
    };
    let lots: Vec<Value> = consultation
        .lots
        .iter()
        .zip(&results.lots)
        .zip(&results.allocation.lots)
        .map(|((lot, lot_results), allocation)| {
            json!({
                "id": lot.id,
                "number": lot.number,
                "title": lot.title,
                "estimated_value": lot.estimated_value,
                "award": lot.award.to_json(),
                "status": allocation.status.as_str(),
                "sans_suite": lot.sans_suite.as_ref().map(|reason| json!({"reason": reason})),
                "holders": allocation.holders.iter().map(|h| json!({
                    "bidder": bidder_id(h.bidder),
                    "offer": h.offer,
                    "rank": h.rank,
                    "holder_rank": h.holder_rank,
                    "total": h.total,
                })).collect::<Vec<_>>(),
                "tied": allocation.tied.iter().map(|t| json!({
                    "bidder": bidder_id(t.bidder),
                    "offer": t.offer,
                    "rank": t.rank,
                    "total": t.total,
                })).collect::<Vec<_>>(),
                "skipped_for_cap": allocation.skipped.iter().map(|s| json!({
                    "bidder": bidder_id(s.bidder),
                    "offer": s.offer,
                    "rank": s.rank,
                    "kept_lots": s.kept.iter().map(|&k| consultation.lots[k].id.clone()).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "results": results_to_json(lot_results),
            })
        })
        .collect();
    let bidders: Vec<Value> = consultation
        .bidders
        .iter()
        .map(|bidder| {
            let mut bids = Vec::new();
            for (l, lot) in consultation.lots.iter().enumerate() {
                for (o, owner) in lot.offer_bidders.iter().enumerate() {
                    if *owner != bidder.id {
                        continue;
                    }
                    let result = lot_offer_result(consultation, results, l, o);
                    let holder = results.allocation.lots[l]
                        .holders
                        .iter()
                        .find(|h| result.is_some_and(|r| r.id == h.offer));
                    bids.push(json!({
                        "lot": lot.id,
                        "offer": lot.evaluation.offers[o].id,
                        "outcome": bid_outcome(consultation, results, l, o).as_str(),
                        "rank": result.and_then(|r| r.rank),
                        "holder_rank": holder.map(|h| h.holder_rank),
                        "total": result.and_then(|r| r.total),
                    }));
                }
            }
            json!({"id": bidder.id, "company": bidder.company, "lots": bids})
        })
        .collect();
    let trace: Vec<Value> = results
        .allocation
        .trace
        .iter()
        .map(|step| {
            json!({
                "code": step.code,
                "params": step.params.to_json(),
                "fr": step.sentence(Lang::Fr),
                "en": step.sentence(Lang::En),
            })
        })
        .collect();
    json!({
        "format": CONSULTATION_RESULTS_FORMAT,
        "reference": consultation.info.reference,
        "rules": {
            "max_lots_awarded_per_bidder": consultation.rules.max_lots_awarded_per_bidder,
            "over_cap_rule": consultation.rules.over_cap_rule().as_str(),
        },
        "settled": results.settled(),
        "lots": lots,
        "bidders": bidders,
        "trace": trace,
    })
}

// ---------------------------------------------------------------------------------------------
// Writing a consultation back.

/// The consultation document (`jauge/consultation@1`) of `consultation`: what
/// [`crate::read::parse_consultation`] reads back into an equal consultation. Each lot's
/// evaluation is written by the evaluation writer, less `format` and `tender`, each offer's
/// bidder as its bidder's id, and the bidder's certifications left out where the offer shares
/// them.
pub fn consultation_to_json(consultation: &Consultation) -> Value {
    document(consultation, |lot| {
        let mut evaluation = lot_evaluation_json(&lot.evaluation, &lot.offer_bidders);
        if let Some(Value::Array(offers)) = evaluation.get_mut("offers") {
            for (offer, (model, bidder_id)) in offers
                .iter_mut()
                .zip(lot.evaluation.offers.iter().zip(&lot.offer_bidders))
            {
                let Value::Object(offer) = offer else {
                    continue;
                };
                let shared = consultation
                    .bidder(bidder_id)
                    .and_then(|b| b.certifications.as_ref());
                if shared.is_some() && shared == model.certifications.as_ref() {
                    offer.remove("certifications");
                }
            }
        }
        ("evaluation", Value::Object(evaluation))
    })
}

/// The consultation's own part, without its lots' evaluations: the document of
/// [`consultation_to_json`] in which each lot's `evaluation` is replaced by `offers`, the id and
/// bidder id of each of its offers (`[{"id": "o1", "bidder": "alpha"}]`). What the store keeps
/// (and hashes) of a consultation apart from its lots' evaluations, which it stores as
/// evaluations; [`consultation_from_head`] puts the two back together.
pub fn consultation_head_to_json(consultation: &Consultation) -> Value {
    document(consultation, |lot| {
        let offers = lot
            .evaluation
            .offers
            .iter()
            .zip(&lot.offer_bidders)
            .map(|(offer, bidder)| json!({"id": offer.id, "bidder": bidder}))
            .collect();
        ("offers", Value::Array(offers))
    })
}

/// The consultation whose head ([`consultation_head_to_json`], as JSON text) and lots'
/// evaluations (in the head's lot order) were stored apart, read back by the consultation
/// reader itself (so it is valid, and equal to the consultation the head was written from when
/// the evaluations are its lots'). An offer the head does not name keeps its company as bidder
/// id, which the reader refuses by its path.
pub fn consultation_from_head(
    head: &str,
    evaluations: &[Evaluation],
) -> Result<Consultation, crate::read::Invalid> {
    use crate::read::{Invalid, ProblemCode};
    let unreadable = |detail: String| {
        Invalid::one(
            "",
            ProblemCode::Unreadable,
            Params::new().with("detail", detail),
        )
    };
    let mut document: Value =
        serde_json::from_str(head).map_err(|e| unreadable(format!("consultation head: {e}")))?;
    let Some(Value::Array(lots)) = document.get_mut("lots") else {
        return Err(unreadable("consultation head without lots".into()));
    };
    if lots.len() != evaluations.len() {
        return Err(unreadable(format!(
            "the consultation head names {} lot(s), {} are stored",
            lots.len(),
            evaluations.len()
        )));
    }
    for (lot, evaluation) in lots.iter_mut().zip(evaluations) {
        let Value::Object(lot) = lot else {
            return Err(unreadable("a lot of the consultation head".into()));
        };
        let named: HashMap<String, String> = match lot.remove("offers") {
            Some(Value::Array(offers)) => offers
                .iter()
                .filter_map(|o| {
                    Some((
                        o.get("id")?.as_str()?.to_owned(),
                        o.get("bidder")?.as_str()?.to_owned(),
                    ))
                })
                .collect(),
            _ => HashMap::new(),
        };
        let offer_bidders: Vec<String> = evaluation
            .offers
            .iter()
            .map(|o| {
                named
                    .get(&o.id)
                    .cloned()
                    .unwrap_or_else(|| o.bidder.clone())
            })
            .collect();
        lot.insert(
            "evaluation".into(),
            Value::Object(lot_evaluation_json(evaluation, &offer_bidders)),
        );
    }
    crate::read::parse_consultation(&document.to_string())
}

/// A lot's evaluation as the consultation document writes it: the evaluation writer's, less
/// `format` and `tender`, each offer's bidder as the bidder id `offer_bidders` gives it.
fn lot_evaluation_json(
    evaluation: &Evaluation,
    offer_bidders: &[String],
) -> serde_json::Map<String, Value> {
    let mut written = match crate::write::evaluation_to_json(evaluation) {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    written.remove("format");
    written.remove("tender");
    if let Some(Value::Array(offers)) = written.get_mut("offers") {
        for (offer, bidder_id) in offers.iter_mut().zip(offer_bidders) {
            if let Value::Object(offer) = offer {
                offer.insert("bidder".into(), json!(bidder_id));
            }
        }
    }
    written
}

/// A consultation document, each lot's body (`evaluation`, or its offers for the head) given by
/// `lot_body` as a key and its value.
fn document(
    consultation: &Consultation,
    lot_body: impl Fn(&Lot) -> (&'static str, Value),
) -> Value {
    use serde_json::Map;
    let info = &consultation.info;
    let mut head = Map::new();
    head.insert("reference".into(), json!(info.reference));
    head.insert("title".into(), json!(info.title));
    head.insert("buyer".into(), json!(info.buyer));
    if let Some(p) = info.procedure {
        head.insert("procedure".into(), json!(p.as_str()));
    }
    if let Some(d) = info.launch_date {
        head.insert(
            "launch_date".into(),
            json!(d.format("%Y-%m-%d").to_string()),
        );
    }
    head.insert(
        "deadline".into(),
        json!(info.deadline.format("%Y-%m-%d").to_string()),
    );
    if let Some(c) = &info.currency {
        head.insert("currency".into(), json!(c));
    }
    let bidders: Vec<Value> = consultation
        .bidders
        .iter()
        .map(|b| {
            let mut m = Map::new();
            m.insert("id".into(), json!(b.id));
            m.insert("company".into(), json!(b.company));
            if let Some(s) = &b.siret {
                m.insert("siret".into(), json!(s));
            }
            if let Some(c) = &b.certifications {
                m.insert(
                    "certifications".into(),
                    serde_json::to_value(c).unwrap_or(Value::Null),
                );
            }
            if !b.preferences.is_empty() {
                m.insert("preferences".into(), json!(b.preferences));
            }
            Value::Object(m)
        })
        .collect();
    let mut award = Map::new();
    if let Some(cap) = consultation.rules.max_lots_awarded_per_bidder {
        award.insert("max_lots_awarded_per_bidder".into(), json!(cap));
    }
    if let Some(rule) = consultation.rules.over_cap_rule {
        award.insert("over_cap_rule".into(), json!(rule.as_str()));
    }
    let lots: Vec<Value> = consultation
        .lots
        .iter()
        .map(|lot| {
            let (key, body) = lot_body(lot);
            let mut m = Map::new();
            m.insert("id".into(), json!(lot.id));
            m.insert("number".into(), json!(lot.number));
            m.insert("title".into(), json!(lot.title));
            m.insert(
                "estimated_value".into(),
                crate::write::number(lot.estimated_value),
            );
            m.insert("award".into(), lot.award.to_json());
            if let Some(reason) = &lot.sans_suite {
                m.insert("sans_suite".into(), json!({ "reason": reason }));
            }
            m.insert(key.into(), body);
            Value::Object(m)
        })
        .collect();
    let mut document = Map::new();
    document.insert("format".into(), json!(CONSULTATION_FORMAT));
    document.insert("consultation".into(), Value::Object(head));
    document.insert("bidders".into(), Value::Array(bidders));
    if !award.is_empty() {
        document.insert("award".into(), Value::Object(award));
    }
    document.insert("lots".into(), Value::Array(lots));
    Value::Object(document)
}

// ---------------------------------------------------------------------------------------------
// What a letter to a bidder says about each lot it bid on.

/// One lot a bidder bid on, as its letter tells it (R2181-3: for a framework, every holder is
/// named; a bidder ranked high enough but set aside by the cap is told so and why).
#[derive(Debug, Clone, PartialEq)]
pub struct LotNotice {
    /// Index of the lot in the consultation.
    pub lot: usize,
    pub offer: String,
    pub outcome: BidOutcome,
    /// The sentence that tells it, worded by [`crate::words::LETTER_LOTS`].
    pub sentence: Step,
    /// Why the offer was eliminated, when it was (worded by [`crate::words::ELIMINATIONS`]).
    pub eliminations: Vec<crate::results::Elimination>,
}

/// The lots bidder `bidder` (its id) bid on, in lot number order, each with what became of its
/// offer.
pub fn lot_notices(
    consultation: &Consultation,
    results: &ConsultationResults,
    bidder: &str,
) -> Vec<LotNotice> {
    let company = |b: usize| {
        consultation
            .bidders
            .get(b)
            .map_or_else(String::new, |x| x.company.clone())
    };
    let mut notices = Vec::new();
    for (l, lot) in consultation.lots.iter().enumerate() {
        let Some(o) = lot.offer_bidders.iter().position(|b| b == bidder) else {
            continue;
        };
        let allocation = &results.allocation.lots[l];
        let outcome = bid_outcome(consultation, results, l, o);
        let result = lot_offer_result(consultation, results, l, o);
        let rank = result.and_then(|r| r.rank);
        let offer_id = lot.evaluation.offers[o].id.as_str();
        let holders = allocation
            .holders
            .iter()
            .map(|h| format!("{} ({})", company(h.bidder), h.rank))
            .collect::<Vec<_>>()
            .join(", ");
        let params = Params::new()
            .with("lot", lot.number.to_string())
            .with("title", lot.title.as_str())
            .with("rank", rank.map(|r| r.to_string()).unwrap_or_default())
            .with("holders", holders);
        let sentence = match outcome {
            BidOutcome::Awarded => Step::new("letter_lot_awarded", params),
            BidOutcome::Holder => {
                let holder_rank = allocation
                    .holders
                    .iter()
                    .find(|h| h.offer == offer_id)
                    .map_or(0, |h| h.holder_rank);
                Step::new(
                    "letter_lot_holder",
                    params.with("holder_rank", holder_rank.to_string()),
                )
            }
            BidOutcome::SkippedForCap => {
                let kept = allocation
                    .skipped
                    .iter()
                    .find(|s| s.offer == offer_id)
                    .map(|s| s.kept.clone())
                    .unwrap_or_default();
                let mut numbers: Vec<u32> =
                    kept.iter().map(|&k| consultation.lots[k].number).collect();
                numbers.sort_unstable();
                let kept = numbers
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                let cap = consultation
                    .rules
                    .max_lots_awarded_per_bidder
                    .unwrap_or(0)
                    .to_string();
                let code = if allocation.holders.is_empty() {
                    "letter_lot_skipped_for_cap_no_award"
                } else {
                    "letter_lot_skipped_for_cap"
                };
                Step::new(code, params.with("kept", kept).with("cap", cap))
            }
            BidOutcome::NotRetained if allocation.holders.is_empty() => {
                Step::new("letter_lot_not_retained_no_award", params)
            }
            BidOutcome::NotRetained => Step::new("letter_lot_not_retained", params),
            BidOutcome::Eliminated => Step::new("letter_lot_eliminated", params),
            BidOutcome::Tied | BidOutcome::Pending => Step::new("letter_lot_pending", params),
            BidOutcome::SansSuite => Step::new(
                "letter_lot_sans_suite",
                params.with("reason", lot.sans_suite.as_deref().unwrap_or_default()),
            ),
            BidOutcome::SetAside => {
                let (round, reason) = set_aside_round(lot, o).unwrap_or_default();
                Step::new(
                    "letter_lot_set_aside",
                    params
                        .with("round", round)
                        .with("reason", reason.trim().trim_end_matches('.')),
                )
            }
        };
        notices.push(LotNotice {
            lot: l,
            offer: offer_id.to_owned(),
            outcome,
            sentence,
            eliminations: result
                .map(|r| r.eliminated_because.clone())
                .unwrap_or_default(),
        });
    }
    notices.sort_by_key(|n| consultation.lots[n.lot].number);
    notices
}
