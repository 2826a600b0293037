//! `jauge evaluate FILE [--json]`.

use std::path::Path;
use std::process::ExitCode;

use jauge_api::domain::prices::compared_price;
use jauge_api::domain::{OfferStatus, results_to_json};

use crate::display::{amount, points, table};
use crate::{Failure, input};

pub fn run(file: &Path, json: bool) -> Result<ExitCode, Failure> {
    let text = input(jauge_api::read_text_file(file))?;
    if jauge_api::is_consultation(&text) {
        return crate::consultation::run(&text, json);
    }
    let evaluation = input(jauge_api::read_evaluation(&text))?;
    let results = jauge_api::evaluate_evaluation(&evaluation)?;
    if json {
        let text = serde_json::to_string_pretty(&results_to_json(&results))
            .map_err(|e| Failure::Other(jauge_api::Error::Internal(e.to_string())))?;
        println!("{text}");
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", ranking_text(&evaluation, &results));
    Ok(ExitCode::SUCCESS)
}

/// The readable French summary: ranking table, then whatever needs the buyer's attention.
fn ranking_text(
    evaluation: &jauge_api::domain::Evaluation,
    results: &jauge_api::domain::Results,
) -> String {
    use std::fmt::Write;
    let tender = &evaluation.tender;
    let currency = tender.currency_code();
    let offer_label = |id: &str| {
        evaluation
            .offers
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_owned(), |o| format!("{} ({id})", o.label()))
    };
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", tender.reference, tender.title);
    let _ = writeln!(
        out,
        "Acheteur : {} · date limite de remise des offres : {}",
        tender.buyer,
        tender.deadline.format("%d/%m/%Y")
    );
    let _ = writeln!(out);

    let mut header = vec!["Rang".to_owned(), "Offre".to_owned(), "Total".to_owned()];
    // Weight-0 groups hold only requirements: they earn no points, so no column.
    let scored_nodes: Vec<_> = evaluation
        .criteria
        .iter()
        .filter(|c| c.weight > 0.0)
        .collect();
    header.extend(scored_nodes.iter().map(|c| c.title.clone()));
    header.push("Prix".to_owned());
    let mut rows = Vec::new();
    for offer in results.ranking() {
        let mut row = vec![
            offer.rank.map(|r| r.to_string()).unwrap_or_default(),
            offer_label(&offer.id),
            offer.total.map(points).unwrap_or_default(),
        ];
        row.extend(
            scored_nodes
                .iter()
                .map(|c| offer.group(&c.id).map(points).unwrap_or_default()),
        );
        let price = evaluation
            .offers
            .iter()
            .find(|o| o.id == offer.id)
            .and_then(|o| compared_price(evaluation, o));
        row.push(price.map(|p| amount(p, currency)).unwrap_or_default());
        rows.push(row);
    }
    if rows.is_empty() {
        let _ = writeln!(out, "Aucune offre classée.");
    } else {
        let _ = write!(out, "{}", table(&header, &rows));
    }
    let _ = writeln!(out);

    match &results.winner {
        Some(winner) => {
            let _ = writeln!(out, "Offre la mieux classée : {}", offer_label(winner));
        }
        None if !results.complete => {
            let _ = writeln!(
                out,
                "Pas encore d'attributaire : l'évaluation est incomplète."
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Pas d'attributaire : aucune offre classée seule en tête."
            );
        }
    }

    let eliminated: Vec<_> = results
        .offers
        .iter()
        .filter(|o| o.status == OfferStatus::Eliminated)
        .collect();
    if !eliminated.is_empty() {
        let _ = writeln!(out, "\nOffres éliminées :");
        for offer in eliminated {
            for reason in &offer.eliminated_because {
                let _ = writeln!(out, "  - {} : {}", offer_label(&offer.id), reason.detail);
            }
        }
    }
    let incomplete: Vec<_> = results
        .offers
        .iter()
        .filter(|o| o.status == OfferStatus::Incomplete)
        .collect();
    if !incomplete.is_empty() {
        let _ = writeln!(out, "\nOffres incomplètes :");
        for offer in incomplete {
            let open: Vec<&str> = results
                .missing
                .iter()
                .chain(&results.undecided)
                .filter(|c| c.offer == offer.id)
                .map(|c| c.criterion.as_str())
                .collect();
            let _ = writeln!(
                out,
                "  - {} : à compléter sur {}",
                offer_label(&offer.id),
                open.join(", ")
            );
        }
    }
    let low: Vec<_> = results.offers.iter().filter(|o| o.abnormally_low).collect();
    if !low.is_empty() {
        let _ = writeln!(
            out,
            "\nOffres susceptibles d'être anormalement basses (demander des justifications, art. R2152-3) :"
        );
        for offer in low {
            let _ = writeln!(out, "  - {}", offer_label(&offer.id));
        }
    }
    if !results.divergences.is_empty() {
        let _ = writeln!(out, "\nDivergences entre évaluateurs :");
        for d in &results.divergences {
            let _ = writeln!(
                out,
                "  - {} / {} : écart {} % de l'échelle{}",
                offer_label(&d.offer),
                d.criterion,
                points(d.spread * 100.0),
                if d.resolved {
                    " — tranchée par la commission"
                } else {
                    " — à trancher"
                }
            );
        }
    }
    if !results.sensitivity.is_empty() {
        let _ = writeln!(
            out,
            "\nSensibilité des pondérations (le classement en tête tient tant que) :"
        );
        for s in &results.sensitivity {
            let _ = writeln!(
                out,
                "  - {} : pondération {} entre {} et {}",
                s.criterion,
                points(s.weight),
                points(s.from),
                points(s.to)
            );
        }
    }
    rounds_text(&mut out, evaluation, &offer_label);
    if !results.warnings.is_empty() {
        let _ = writeln!(out, "\nAvertissements :");
        for w in &results.warnings {
            let _ = writeln!(out, "  - [{}] {}", w.code.as_str(), w.message);
        }
    }
    out
}

/// With rounds of offers: each round's best offer and the offers set aside, what changed from
/// one round to the next, the remarks on the rounds, and the exchanges with bidders.
fn rounds_text(
    out: &mut String,
    evaluation: &jauge_api::domain::Evaluation,
    offer_label: &dyn Fn(&str) -> String,
) {
    use std::fmt::Write;

    use jauge_api::domain::rounds::{compare_rounds, evaluate_rounds, notes};
    use jauge_api::domain::words::{Lang, Params, ROUNDS, render};

    let name = |code: &str| render(ROUNDS, code, &Params::new(), Lang::Fr);
    let Ok(catalogs) = jauge_api::bundled_catalogs() else {
        return;
    };
    let rounds = evaluate_rounds(evaluation, catalogs);
    if !rounds.is_empty() {
        let _ = writeln!(out, "\nTours (le dernier décide) :");
    }
    for (i, round) in rounds.iter().enumerate() {
        let best = round
            .results
            .winner
            .as_deref()
            .map_or_else(|| "aucune".to_owned(), offer_label);
        let _ = writeln!(
            out,
            "  - {} ({}) : en tête {best}",
            round.label,
            name(round.kind.as_str())
        );
        for elimination in &round.eliminated {
            let _ = writeln!(
                out,
                "      écartée à l'issue du tour : {} — {}",
                offer_label(&elimination.offer),
                elimination.reason
            );
        }
        let Some(next) = rounds.get(i + 1) else {
            continue;
        };
        let comparison = compare_rounds(round, next);
        let _ = writeln!(
            out,
            "      vers « {} » : {}",
            next.label,
            if comparison.winner_changed() {
                "l'offre la mieux classée change"
            } else {
                "l'offre la mieux classée reste la même"
            }
        );
        let rank = |r: Option<u32>| r.map_or_else(|| "–".to_owned(), |r| r.to_string());
        let value = |v: Option<f64>| v.map(points).unwrap_or_else(|| "–".to_owned());
        for offer in comparison.offers.iter().filter(|o| !o.left) {
            let changed: Vec<String> = offer
                .criteria
                .iter()
                .filter(|c| c.value_before != c.value_after)
                .map(|c| {
                    format!(
                        "{} {} → {}",
                        c.criterion,
                        value(c.value_before),
                        value(c.value_after)
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "      {} : rang {} → {}{}",
                offer_label(&offer.offer),
                rank(offer.rank_before),
                rank(offer.rank_after),
                if changed.is_empty() {
                    String::new()
                } else {
                    format!(" ; {}", changed.join(", "))
                }
            );
        }
    }
    for note in notes(evaluation) {
        let _ = writeln!(
            out,
            "  ! {}",
            render(ROUNDS, note.code, &note.params, Lang::Fr)
        );
    }
    if !evaluation.exchanges.is_empty() {
        let unanswered = evaluation
            .exchanges
            .iter()
            .filter(|x| x.received.is_none())
            .count();
        let _ = writeln!(
            out,
            "\nÉchanges avec les soumissionnaires : {} (dont {unanswered} sans réponse)",
            evaluation.exchanges.len()
        );
        for x in &evaluation.exchanges {
            let _ = writeln!(
                out,
                "  - {} · {} · {} : {}",
                x.id,
                offer_label(&x.offer),
                name(x.kind.as_str()),
                x.answer.as_deref().unwrap_or("sans réponse")
            );
        }
    }
}
