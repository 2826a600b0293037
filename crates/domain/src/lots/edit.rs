//! Editing a consultation's own part once it is stored: its bidders, award rules, lots' numbers,
//! values, kinds of award and *sans suite*, and a bidder's new offer on a lot.
//!
//! The consultation's own part is what ties its lots together; each lot's evaluation is an
//! evaluation as any other, edited by [`Change`]. A bidder's company or the consultation's title
//! is also written in every lot's evaluation (each offer's `bidder`, each lot's `tender`), so that
//! a lot reads alone exactly as it does inside the consultation. An edit here therefore gives the
//! new consultation *and* the changes each lot's evaluation takes to follow it, each with the
//! state hash its lot's journal records; the store writes both in one transaction.
//!
//! The result is checked by the consultation reader itself (written out and read back), so a
//! stored consultation obeys exactly the rules of a consultation file. Conversely, in a lot's
//! evaluation, what the consultation gives is not edited alone ([`check_lot_change`]): a lot's
//! `tender`, an offer's company, a new offer (which needs its bidder).

use serde_json::{Value, json};

use super::{AwardRules, Bidder, Consultation, ConsultationInfo, LotAward, consultation_to_json};
use crate::change::Change;
use crate::model::{Evaluation, Offer};
use crate::read::{Invalid, ProblemCode, parse_consultation};
use crate::words::Params;
use crate::write::canonical_hash;
use crate::{Error, Result};

/// One edit of a consultation's own part.
#[derive(Debug, Clone, PartialEq)]
pub enum ConsultationEdit {
    /// The consultation's title, buyer, procedure, dates and currency; its reference, the key
    /// it and its lots are stored under, does not change.
    UpdateInfo(ConsultationInfo),
    /// Adds a bidder, or replaces the one with the same id: its company is written into each of
    /// its offers, and its certifications into each offer that shares them (an offer that gave
    /// certifications of its own keeps them).
    UpsertBidder(Bidder),
    /// Removes a bidder that has no offer on any lot.
    RemoveBidder { bidder: String },
    /// The cap on lots awarded per bidder and the rule applied over it.
    SetRules(AwardRules),
    /// A lot's number, title, estimated value, kind of award and *sans suite*.
    UpdateLot(LotPart),
    /// A new offer `offer` of bidder `bidder` on lot `lot`, without scores yet, sharing the
    /// bidder's certifications.
    AddBid {
        lot: String,
        bidder: String,
        offer: String,
    },
}

/// What a lot holds of the consultation's own part.
#[derive(Debug, Clone, PartialEq)]
pub struct LotPart {
    /// The lot's id, unchanged.
    pub id: String,
    pub number: u32,
    pub title: String,
    pub estimated_value: f64,
    pub award: LotAward,
    pub sans_suite: Option<String>,
}

/// One change of a lot's evaluation that an edit of the consultation brings.
#[derive(Debug, Clone, PartialEq)]
pub struct LotChange {
    /// Index of the lot in the consultation.
    pub lot: usize,
    pub change: Change,
    /// [`canonical_hash`] of the lot's evaluation once this change (and the ones before it on
    /// the same lot) is applied: what the lot's journal records.
    pub state_hash: String,
}

/// An edit applied: the consultation as it now is, and the changes its lots' evaluations take,
/// in order.
#[derive(Debug, Clone, PartialEq)]
pub struct EditedConsultation {
    pub consultation: Consultation,
    pub lot_changes: Vec<LotChange>,
}

impl ConsultationEdit {
    /// The journal action of the consultation's own chain.
    pub fn action(&self) -> &'static str {
        match self {
            ConsultationEdit::UpdateInfo(_) => "consultation.info",
            ConsultationEdit::UpsertBidder(_) => "consultation.bidder",
            ConsultationEdit::RemoveBidder { .. } => "consultation.bidder.remove",
            ConsultationEdit::SetRules(_) => "consultation.rules",
            ConsultationEdit::UpdateLot(_) => "consultation.lot",
            ConsultationEdit::AddBid { .. } => "consultation.bid",
        }
    }

    /// What the journal keeps of the edit.
    pub fn payload(&self) -> Value {
        match self {
            ConsultationEdit::UpdateInfo(info) => {
                let tender = info.tender_of("");
                let mut value = serde_json::to_value(&tender).unwrap_or(Value::Null);
                if let Value::Object(fields) = &mut value {
                    fields.remove("lot");
                }
                value
            }
            ConsultationEdit::UpsertBidder(bidder) => json!({
                "id": bidder.id,
                "company": bidder.company,
                "siret": bidder.siret,
                "certifications": bidder.certifications,
                "preferences": bidder.preferences,
            }),
            ConsultationEdit::RemoveBidder { bidder } => json!({ "bidder": bidder }),
            ConsultationEdit::SetRules(rules) => json!({
                "max_lots_awarded_per_bidder": rules.max_lots_awarded_per_bidder,
                "over_cap_rule": rules.over_cap_rule.map(|r| r.as_str()),
            }),
            ConsultationEdit::UpdateLot(lot) => json!({
                "id": lot.id,
                "number": lot.number,
                "title": lot.title,
                "estimated_value": crate::write::number(lot.estimated_value),
                "award": lot.award.to_json(),
                "sans_suite": lot.sans_suite,
            }),
            ConsultationEdit::AddBid { lot, bidder, offer } => {
                json!({ "lot": lot, "bidder": bidder, "offer": offer })
            }
        }
    }

    /// Applies the edit to `consultation` (as stored, valid): the consultation it gives, checked
    /// by the consultation reader, and the changes of its lots' evaluations. A refusal names the
    /// path of the consultation document at fault.
    pub fn apply(&self, consultation: &Consultation) -> Result<EditedConsultation> {
        let mut next = consultation.clone();
        // Per lot and offer index: the certifications the offer takes, when the edit gives them.
        let mut certifications: Vec<(usize, usize, Option<Vec<crate::Certification>>)> = Vec::new();
        match self {
            ConsultationEdit::UpdateInfo(info) => {
                if info.reference != consultation.info.reference {
                    return Err(refused(
                        "consultation.reference",
                        ProblemCode::ReferenceFixed,
                        Params::new().with("reference", consultation.info.reference.as_str()),
                    ));
                }
                next.info = info.clone();
            }
            ConsultationEdit::UpsertBidder(bidder) => {
                match next.bidders.iter().position(|b| b.id == bidder.id) {
                    Some(b) => {
                        let before = next.bidders[b].certifications.clone();
                        if before != bidder.certifications {
                            for (l, lot) in next.lots.iter().enumerate() {
                                for (o, offer) in lot.evaluation.offers.iter().enumerate() {
                                    let shares = offer.certifications.is_none()
                                        || offer.certifications == before;
                                    if lot.offer_bidders[o] == bidder.id && shares {
                                        certifications.push((l, o, bidder.certifications.clone()));
                                    }
                                }
                            }
                        }
                        next.bidders[b] = bidder.clone();
                    }
                    None => next.bidders.push(bidder.clone()),
                }
            }
            ConsultationEdit::RemoveBidder { bidder } => {
                let Some(b) = next.bidders.iter().position(|x| &x.id == bidder) else {
                    return Err(unknown_bidder(bidder));
                };
                let lots: Vec<String> = next
                    .lots
                    .iter()
                    .filter(|lot| lot.offer_bidders.contains(bidder))
                    .map(|lot| lot.number.to_string())
                    .collect();
                if !lots.is_empty() {
                    return Err(refused(
                        format!("bidders[{b}]"),
                        ProblemCode::BidderHasOffers,
                        Params::new()
                            .with("bidder", next.bidders[b].company.as_str())
                            .with("lots", lots.join(", ")),
                    ));
                }
                next.bidders.remove(b);
            }
            ConsultationEdit::SetRules(rules) => next.rules = rules.clone(),
            ConsultationEdit::UpdateLot(part) => {
                let Some(lot) = next.lots.iter_mut().find(|l| l.id == part.id) else {
                    return Err(unknown_lot(&part.id));
                };
                lot.number = part.number;
                lot.title = part.title.clone();
                lot.estimated_value = part.estimated_value;
                lot.award = part.award;
                lot.sans_suite = part.sans_suite.clone();
            }
            ConsultationEdit::AddBid { lot, bidder, offer } => {
                let Some(b) = next.bidders.iter().find(|x| &x.id == bidder).cloned() else {
                    return Err(unknown_bidder(bidder));
                };
                let Some(l) = next.lots.iter().position(|x| &x.id == lot) else {
                    return Err(unknown_lot(lot));
                };
                let target = &mut next.lots[l];
                if target.evaluation.offers.iter().any(|o| &o.id == offer) {
                    return Err(refused(
                        format!("lots[{l}].evaluation.offers"),
                        ProblemCode::DuplicateId,
                        Params::new()
                            .with("id", offer.as_str())
                            .with("first", format!("lots[{l}]")),
                    ));
                }
                target.evaluation.offers.push(Offer {
                    id: offer.clone(),
                    bidder: b.company.clone(),
                    name: None,
                    price: None,
                    irregular: None,
                    certifications: b.certifications.clone(),
                });
                target.offer_bidders.push(bidder.clone());
            }
        }
        let lot_changes = follow_consultation(consultation, &mut next, &certifications)?;
        // The consultation reader is the one judge of a consultation: what it refuses in a file
        // it refuses here, by the same path.
        let checked = parse_consultation(&consultation_to_json(&next).to_string())?;
        Ok(EditedConsultation {
            consultation: checked,
            lot_changes,
        })
    }
}

/// Brings each lot's evaluation of `next` in line with its own part (the lot's `tender`, each
/// offer's company and shared certifications), returning the changes that do it, each applied
/// in turn to the lot in `next` and hashed.
fn follow_consultation(
    before: &Consultation,
    next: &mut Consultation,
    certifications: &[(usize, usize, Option<Vec<crate::Certification>>)],
) -> Result<Vec<LotChange>> {
    let mut changes = Vec::new();
    let info = next.info.clone();
    let companies: Vec<(String, String)> = next
        .bidders
        .iter()
        .map(|b| (b.id.clone(), b.company.clone()))
        .collect();
    for (l, lot) in next.lots.iter_mut().enumerate() {
        let mut lot_changes = Vec::new();
        let tender = info.tender_of(&super::lot_label(lot.number, &lot.title));
        if tender != lot.evaluation.tender {
            lot_changes.push(Change::UpdateTender(tender));
        }
        // An offer the edit added is in the lot already; the store still needs its change.
        let added = before.lots.get(l).map_or(0, |b| b.evaluation.offers.len());
        for (o, offer) in lot.evaluation.offers.iter().enumerate() {
            let company = companies
                .iter()
                .find(|(id, _)| *id == lot.offer_bidders[o])
                .map(|(_, company)| company.as_str());
            let mut wanted = offer.clone();
            if let Some(company) = company {
                wanted.bidder = company.to_owned();
            }
            if let Some((_, _, certs)) = certifications.iter().find(|(x, y, _)| *x == l && *y == o)
            {
                wanted.certifications = certs.clone();
            }
            if o >= added || &wanted != offer {
                lot_changes.push(Change::UpsertOffer(wanted));
            }
        }
        // The added offer is taken out again, so that every change is applied here once.
        lot.evaluation.offers.truncate(added);
        for change in lot_changes {
            change.apply_to(&mut lot.evaluation)?;
            changes.push(LotChange {
                lot: l,
                state_hash: canonical_hash(&lot.evaluation),
                change,
            });
        }
    }
    Ok(changes)
}

/// Whether `change` may be made to `evaluation`, a lot of a stored consultation, on its own:
/// what the consultation gives (the lot's `tender`, an offer's company, a new offer, which needs
/// its bidder) is edited on the consultation.
pub fn check_lot_change(evaluation: &Evaluation, change: &Change) -> Result<()> {
    match change {
        Change::UpdateTender(_) => Err(refused(
            "tender",
            ProblemCode::GivenByConsultation,
            Params::new().with("key", "tender"),
        )),
        Change::UpsertOffer(offer) => {
            match evaluation.offers.iter().position(|o| o.id == offer.id) {
                None => Err(refused(
                    "offers",
                    ProblemCode::OfferAddedFromConsultation,
                    Params::new(),
                )),
                Some(o) if evaluation.offers[o].bidder != offer.bidder => Err(refused(
                    format!("offers[{o}].bidder"),
                    ProblemCode::GivenByConsultation,
                    Params::new().with("key", "bidder"),
                )),
                Some(_) => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

fn refused(path: impl Into<String>, code: ProblemCode, params: Params) -> Error {
    Error::Invalid(Invalid::one(path, code, params))
}

fn unknown_bidder(id: &str) -> Error {
    refused(
        "bidders",
        ProblemCode::UnknownBidder,
        Params::new().with("id", id),
    )
}

fn unknown_lot(id: &str) -> Error {
    refused(
        "lots",
        ProblemCode::UnknownLot,
        Params::new().with("id", id),
    )
}
