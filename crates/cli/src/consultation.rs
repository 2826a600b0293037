//! `jauge evaluate CONSULTATION [--json]`: each lot's ranking and the award across lots.

use std::process::ExitCode;

use jauge_api::domain::lots::{
    BidOutcome, Consultation, ConsultationResults, LotAward, bid_outcome,
    consultation_results_to_json, lot_offer_result,
};
use jauge_api::domain::words::{self, Lang};

use crate::display::{amount, points, table};
use crate::{Failure, input};

pub fn run(text: &str, json: bool) -> Result<ExitCode, Failure> {
    let consultation = input(jauge_api::read_consultation(text))?;
    let results = jauge_api::evaluate_consultation(&consultation)?;
    if json {
        let document = consultation_results_to_json(&consultation, &results);
        let text = serde_json::to_string_pretty(&document)
            .map_err(|e| Failure::Other(jauge_api::Error::Internal(e.to_string())))?;
        println!("{text}");
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", summary(&consultation, &results));
    Ok(ExitCode::SUCCESS)
}

/// The readable French summary: one table per lot, then the award's steps.
fn summary(consultation: &Consultation, results: &ConsultationResults) -> String {
    use std::fmt::Write;
    let info = &consultation.info;
    let currency = info.currency.as_deref().unwrap_or("EUR");
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", info.reference, info.title);
    let _ = writeln!(
        out,
        "Acheteur : {} · date limite de remise des offres : {}",
        info.buyer,
        info.deadline.format("%d/%m/%Y")
    );
    for (l, lot) in consultation.lots.iter().enumerate() {
        let allocation = &results.allocation.lots[l];
        let kind = match lot.award {
            LotAward::Single => "marché".to_owned(),
            LotAward::Holders(n) => format!("accord-cadre, {n} titulaire(s)"),
            LotAward::MinTotal(x) => format!("accord-cadre, total minimal {}", points(x)),
        };
        let _ = writeln!(
            out,
            "\nLot {} — {} ({kind} ; valeur estimée {}) : {}",
            lot.number,
            lot.title,
            amount(lot.estimated_value, currency),
            words::render(
                words::LOT_STATUSES,
                allocation.status.as_str(),
                &words::Params::new(),
                Lang::Fr
            ),
        );
        let header: Vec<String> = ["Rang", "Offre", "Total", "Issue"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let mut rows = Vec::new();
        for (o, offer) in lot.evaluation.offers.iter().enumerate() {
            let result = lot_offer_result(consultation, results, l, o);
            let outcome = bid_outcome(consultation, results, l, o);
            let mut outcome_text = words::render(
                words::BID_OUTCOMES,
                outcome.as_str(),
                &words::Params::new(),
                Lang::Fr,
            );
            if outcome == BidOutcome::Holder
                && let Some(h) = allocation.holders.iter().find(|h| h.offer == offer.id)
            {
                outcome_text = format!("{outcome_text} (rang {})", h.holder_rank);
            }
            rows.push(vec![
                result
                    .and_then(|r| r.rank)
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
                format!("{} ({})", offer.label(), offer.id),
                result.and_then(|r| r.total).map(points).unwrap_or_default(),
                outcome_text,
            ]);
        }
        rows.sort_by_key(|r| r[0].parse::<u32>().unwrap_or(u32::MAX));
        let _ = write!(out, "{}", table(&header, &rows));
    }
    let _ = writeln!(out, "\nAttribution des lots :");
    for step in &results.allocation.trace {
        let _ = writeln!(out, "  - {}", step.sentence(Lang::Fr));
    }
    if !results.settled() {
        let _ = writeln!(
            out,
            "\nAttribution provisoire : un lot au moins attend son classement ou une décision de l’acheteur."
        );
    }
    out
}
