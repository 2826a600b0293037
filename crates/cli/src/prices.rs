//! `jauge prix`: the buyer's edits of a stored price schedule (BPU/DQE), one journaled edit per
//! command — a bidder's unit price for one line, the grand total it wrote, the correction of a
//! material error accepted or withdrawn.

use std::process::ExitCode;

use chrono::Utc;
use clap::{Subcommand, ValueEnum};
use jauge_api::domain::{CorrectionRoute, LinePrice, Results};

use crate::stored::actor;
use crate::{DbArg, Failure};

#[derive(Subcommand)]
pub enum PricesCommand {
    /// Record one offer's unit price for one line (and the line amount the bidder wrote).
    Set {
        reference: String,
        #[arg(long)]
        offer: String,
        #[arg(long)]
        line: String,
        #[arg(long)]
        unit_price: f64,
        /// The line amount as the bidder wrote it, if it wrote one.
        #[arg(long)]
        written_total: Option<f64>,
        #[command(flatten)]
        db: DbArg,
    },
    /// Remove one offer's price for one line (the line is unpriced again).
    Clear {
        reference: String,
        #[arg(long)]
        offer: String,
        #[arg(long)]
        line: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Record the grand total one offer wrote (without --total: it wrote none).
    Total {
        reference: String,
        #[arg(long)]
        offer: String,
        #[arg(long)]
        total: Option<f64>,
        #[command(flatten)]
        db: DbArg,
    },
    /// Accept the correction of a discrepancy (the unit price prevails), with a note and the
    /// route it took.
    Accept {
        reference: String,
        #[arg(long)]
        offer: String,
        /// The line whose amount is corrected; without it, the grand total.
        #[arg(long)]
        line: Option<String>,
        #[arg(long, value_enum)]
        route: Route,
        #[arg(long)]
        note: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Withdraw the correction of a discrepancy: it waits for the buyer's decision again.
    Withdraw {
        reference: String,
        #[arg(long)]
        offer: String,
        #[arg(long)]
        line: Option<String>,
        #[command(flatten)]
        db: DbArg,
    },
}

/// How a material error came to be corrected (the evaluation format's spellings).
#[derive(Clone, Copy, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum Route {
    /// The buyer's own correction under the tender rules' clause (route A).
    TenderRules,
    /// The bidder confirmed the correction (route B).
    BidderConfirmed,
    /// The bidder regularised its offer, R2152-2 (route C).
    Regularisation,
}

impl From<Route> for CorrectionRoute {
    fn from(route: Route) -> Self {
        match route {
            Route::TenderRules => CorrectionRoute::TenderRules,
            Route::BidderConfirmed => CorrectionRoute::BidderConfirmed,
            Route::Regularisation => CorrectionRoute::Regularisation,
        }
    }
}

pub fn run(command: PricesCommand) -> Result<ExitCode, Failure> {
    let at = Utc::now();
    let results = match command {
        PricesCommand::Set {
            reference,
            offer,
            line,
            unit_price,
            written_total,
            db,
        } => {
            let price = LinePrice {
                line,
                unit_price,
                submitted_total: written_total,
            };
            let mut store = db.open()?;
            jauge_api::set_line_price(&mut store, &reference, &offer, price, at, &actor())?
        }
        PricesCommand::Clear {
            reference,
            offer,
            line,
            db,
        } => {
            let mut store = db.open()?;
            jauge_api::clear_line_price(&mut store, &reference, &offer, &line, at, &actor())?
        }
        PricesCommand::Total {
            reference,
            offer,
            total,
            db,
        } => {
            let mut store = db.open()?;
            jauge_api::set_submitted_total(&mut store, &reference, &offer, total, at, &actor())?
        }
        PricesCommand::Accept {
            reference,
            offer,
            line,
            route,
            note,
            db,
        } => {
            let mut store = db.open()?;
            jauge_api::accept_correction(
                &mut store,
                &reference,
                &offer,
                line.as_deref(),
                route.into(),
                &note,
                at,
                &actor(),
            )?
        }
        PricesCommand::Withdraw {
            reference,
            offer,
            line,
            db,
        } => {
            let mut store = db.open()?;
            jauge_api::withdraw_correction(
                &mut store,
                &reference,
                &offer,
                line.as_deref(),
                at,
                &actor(),
            )?
        }
    };
    summary(&results);
    Ok(ExitCode::SUCCESS)
}

/// One line after the edit: where the ranking stands.
fn summary(results: &Results) {
    match &results.winner {
        Some(winner) => println!("Modification enregistrée. Offre classée première : {winner}."),
        None => println!(
            "Modification enregistrée. Aucune offre classée première : l’évaluation n’est pas complète."
        ),
    }
}
