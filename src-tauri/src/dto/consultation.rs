//! A consultation of several lots on the wire: each lot's ranking and provisional award, what
//! became of each bid, and the award's steps worded by the domain in both languages (their
//! templates use the domain's ordinals and lot lists, which the screens do not re-implement).

use jauge_api::domain::OfferStatus;
use jauge_api::domain::lots::{
    BidOutcome, LotAward, LotStatus, OverCapRule, Step, bid_outcome, lot_offer_result,
};
use jauge_api::domain::words::Lang;
use jauge_api::{Imported, StoredConsultation};
use serde::Serialize;
use ts_rs::TS;

/// The consultation's home: its lots in order, and how the lots were awarded across them.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(optional_fields = nullable)]
pub struct ConsultationView {
    pub reference: String,
    pub title: String,
    pub buyer: String,
    /// Every lot awarded, *infructueux* or *sans suite*: nothing waits for scores or the buyer.
    /// While false, the award is provisional.
    pub settled: bool,
    /// The cap on lots awarded to one bidder, when the rules set one.
    pub max_lots_per_bidder: Option<u32>,
    /// The rule that picks the lots a bidder over the cap keeps (the default when the rules
    /// name none).
    pub over_cap_rule: OverCapRule,
    /// Every bidder, entered once for all lots, in the consultation's order.
    pub bidders: Vec<BidderView>,
    pub lots: Vec<LotView>,
    /// Every step of the award, in the order the rule examines the lots.
    pub trace: Vec<SentenceDto>,
}

/// A bidder as the consultation names it, edited once for every lot.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(optional_fields = nullable)]
pub struct BidderView {
    pub id: String,
    pub company: String,
    pub siret: Option<String>,
    /// The ids of the lots it has an offer on, in lot order.
    pub lots: Vec<String>,
}

/// One lot: its ranking (best first) and what became of each offer.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(optional_fields = nullable)]
pub struct LotView {
    pub id: String,
    pub number: u32,
    pub title: String,
    /// The key its evaluation is stored under: it opens as any evaluation (grid, committee,
    /// results, report of the lot).
    pub key: String,
    /// A framework agreement with several holders (else a single award).
    pub framework: bool,
    pub status: LotStatus,
    pub sans_suite: Option<String>,
    /// The lot's scoring progress on its deciding round: offers in that round, and those of
    /// them every leaf of which is scored (ranked or eliminated, not incomplete).
    pub offers_in_round: u32,
    pub offers_scored: u32,
    /// The offers, ranked ones first in rank order, then the others in file order.
    pub bids: Vec<BidView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(optional_fields = nullable)]
pub struct BidView {
    pub offer: String,
    /// The bidder's company.
    pub bidder: String,
    pub rank: Option<u32>,
    pub total: Option<f64>,
    pub outcome: BidOutcome,
    /// Its rank among the framework's holders.
    pub holder_rank: Option<u32>,
}

/// A sentence the domain words, in both languages.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SentenceDto {
    pub code: String,
    pub fr: String,
    pub en: String,
}

impl From<&Step> for SentenceDto {
    fn from(step: &Step) -> Self {
        SentenceDto {
            code: step.code.to_owned(),
            fr: step.sentence(Lang::Fr),
            en: step.sentence(Lang::En),
        }
    }
}

/// A count of offers, which always fits.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<&StoredConsultation> for ConsultationView {
    fn from(stored: &StoredConsultation) -> Self {
        let consultation = &stored.consultation;
        let results = &stored.results;
        let lots = consultation
            .lots
            .iter()
            .enumerate()
            .map(|(l, lot)| {
                let allocation = &results.allocation.lots[l];
                let mut bids: Vec<BidView> = lot
                    .evaluation
                    .offers
                    .iter()
                    .enumerate()
                    .map(|(o, offer)| {
                        let result = lot_offer_result(consultation, results, l, o);
                        BidView {
                            offer: offer.id.clone(),
                            bidder: offer.bidder.clone(),
                            rank: result.and_then(|r| r.rank),
                            total: result.and_then(|r| r.total),
                            outcome: bid_outcome(consultation, results, l, o),
                            holder_rank: allocation
                                .holders
                                .iter()
                                .find(|h| h.offer == offer.id)
                                .map(|h| h.holder_rank),
                        }
                    })
                    .collect();
                // Ranked offers first, best first; the sort is stable, so the others keep
                // the file's order.
                bids.sort_by_key(|b| b.rank.unwrap_or(u32::MAX));
                LotView {
                    id: lot.id.clone(),
                    number: lot.number,
                    title: lot.title.clone(),
                    key: stored.lot_keys.get(l).cloned().unwrap_or_default(),
                    framework: !matches!(lot.award, LotAward::Single),
                    status: allocation.status,
                    sans_suite: lot.sans_suite.clone(),
                    offers_in_round: count(results.lots[l].offers.len()),
                    offers_scored: count(
                        results.lots[l]
                            .offers
                            .iter()
                            .filter(|o| o.status != OfferStatus::Incomplete)
                            .count(),
                    ),
                    bids,
                }
            })
            .collect();
        ConsultationView {
            reference: consultation.info.reference.clone(),
            title: consultation.info.title.clone(),
            buyer: consultation.info.buyer.clone(),
            settled: results.settled(),
            max_lots_per_bidder: consultation.rules.max_lots_awarded_per_bidder,
            over_cap_rule: consultation.rules.over_cap_rule(),
            bidders: consultation
                .bidders
                .iter()
                .map(|b| BidderView {
                    id: b.id.clone(),
                    company: b.company.clone(),
                    siret: b.siret.clone(),
                    lots: consultation
                        .lots
                        .iter()
                        .filter(|l| l.offer_bidders.contains(&b.id))
                        .map(|l| l.id.clone())
                        .collect(),
                })
                .collect(),
            lots,
            trace: results
                .allocation
                .trace
                .iter()
                .map(SentenceDto::from)
                .collect(),
        }
    }
}

/// What a file imported from the list was: the screen opens an evaluation, or a consultation's
/// home.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportedDto {
    pub reference: String,
    /// A consultation file with its lots (each lot stored as an evaluation of its own).
    pub consultation: bool,
}

impl From<&Imported> for ImportedDto {
    fn from(imported: &Imported) -> Self {
        ImportedDto {
            reference: imported.reference().to_owned(),
            consultation: matches!(imported, Imported::Consultation(_)),
        }
    }
}
