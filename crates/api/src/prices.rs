//! The buyer's actions on a price schedule (BPU/DQE): typing or clearing one bidder's price for
//! one line, the grand total it wrote, and accepting or withdrawing the correction of a material
//! error. Each is one journaled edit ([`Change`]), checked against the evaluation in memory on
//! the one offer it touches, and returns the new results.

use chrono::{DateTime, SecondsFormat, Utc};
use jauge_domain::{Change, CorrectionRoute, LinePrice, PriceCorrection, Results};

use crate::{Result, Store};

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
