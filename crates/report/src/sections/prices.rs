//! « Vérification des prix et erreurs matérielles »: with a price schedule, the totals computed
//! per price criterion, every discrepancy between what a bidder wrote and its unit prices with
//! the buyer's decision, and what the corrections changed in the ranking. The totals and
//! discrepancies are the domain's (`jauge_domain::prices`); the ranks are the engine's, on the
//! figures as written and after corrections, handed in by the caller.

use jauge_domain::prices::{ScheduleIndex, price_leaf_ids, to_f64};
use jauge_domain::{CorrectionRoute, OfferResult, PriceSchedule};

use super::{Ctx, numbered};
use crate::page::{AMBER_FILL, Align, CONTENT_WIDTH, Canvas, Style};
use crate::table::{Cell, Column, Row, TableStyle, draw_table};

pub(super) fn render(canvas: &mut Canvas, ctx: &Ctx, schedule: &PriceSchedule, number: usize) {
    let t = ctx.t;
    let lang = ctx.lang;
    let money = |amount: f64| lang.money(amount, ctx.currency());
    canvas.heading(&numbered(number, t.prices_check), true);
    canvas.paragraph(t.prices_check_intro, Style::BODY);

    let leaves = price_leaf_ids(ctx.eval);
    let index = ScheduleIndex::new(schedule, &leaves);
    let pricings: Vec<_> = ctx
        .eval
        .offers
        .iter()
        .map(|offer| (offer, index.pricing(&offer.id)))
        .collect();

    // The totals of each offer, criterion by criterion.
    canvas.paragraph(t.prices_totals, Style::BOLD);
    let leaf_width = ((CONTENT_WIDTH - 150.0) / (leaves.len() + 1) as f32).max(60.0);
    let mut columns = vec![Column::new(t.offer, 150.0, Align::Left)];
    columns.extend(
        leaves
            .iter()
            .map(|id| Column::new(ctx.criterion_title(id), leaf_width, Align::Right)),
    );
    columns.push(Column::new(t.grand_total, leaf_width, Align::Right));
    let rows: Vec<Row> = pricings
        .iter()
        .map(|(offer, pricing)| {
            let mut cells = vec![Cell::new(ctx.offer_label(&offer.id)).bold()];
            for (_, total) in &pricing.totals {
                cells.push(Cell::new(
                    total
                        .map(|t| money(to_f64(t)))
                        .unwrap_or_else(|| t.missing.into()),
                ));
            }
            cells.push(Cell::new(
                pricing
                    .grand_total
                    .map(|t| money(to_f64(t)))
                    .unwrap_or_else(|| t.missing.into()),
            ));
            Row::new(cells)
        })
        .collect();
    draw_table(canvas, &columns, &rows, TableStyle::BODY);
    for (offer, pricing) in &pricings {
        if !pricing.unpriced.is_empty() {
            canvas.paragraph(
                &format!(
                    "{} — {}{}",
                    ctx.offer_label(&offer.id),
                    lang.label(t.unpriced),
                    pricing.unpriced.join(", ")
                ),
                Style::BODY,
            );
        }
    }

    // Every discrepancy, with the buyer's decision.
    canvas.paragraph(t.discrepancies, Style::BOLD);
    let mut rows = Vec::new();
    for (offer, pricing) in &pricings {
        for d in &pricing.discrepancies {
            let line = match &d.line {
                Some(id) => schedule
                    .lines
                    .iter()
                    .find(|l| &l.id == id)
                    .map_or_else(|| id.clone(), |l| format!("{} ({id})", l.label)),
                None => t.grand_total_line.to_owned(),
            };
            let share = pricing
                .grand_total
                .map(to_f64)
                .filter(|total| *total > 0.0)
                .map(|total| lang.percent(to_f64(d.effect()) / total))
                .unwrap_or_default();
            let correction = schedule
                .corrections
                .iter()
                .find(|c| c.offer == offer.id && c.line == d.line);
            let decision = match correction {
                Some(c) => {
                    let route = match c.route {
                        Some(CorrectionRoute::TenderRules) => t.route_tender_rules,
                        Some(CorrectionRoute::BidderConfirmed) => t.route_bidder_confirmed,
                        Some(CorrectionRoute::Regularisation) => t.route_regularisation,
                        None => "",
                    };
                    match route {
                        "" => format!("{} {} — {}", t.corrected_on, c.at, c.note),
                        route => format!("{} {}, {route} — {}", t.corrected_on, c.at, c.note),
                    }
                }
                None => t.awaiting_decision.to_owned(),
            };
            let row = Row::new(vec![
                Cell::new(ctx.offer_label(&offer.id)).bold(),
                Cell::new(line),
                Cell::new(money(to_f64(d.submitted))),
                Cell::new(money(to_f64(d.expected))),
                Cell::new(money(to_f64(d.effect()))),
                Cell::new(share),
                Cell::new(decision),
            ]);
            rows.push(if correction.is_some() {
                row
            } else {
                Row::filled(row.cells, AMBER_FILL)
            });
        }
    }
    if rows.is_empty() {
        canvas.paragraph(t.no_discrepancy, Style::BODY);
    } else {
        let columns = [
            Column::new(t.offer, 80.0, Align::Left),
            Column::new(t.line, 70.0, Align::Left),
            Column::new(t.written, 62.0, Align::Right),
            Column::new(t.computed, 62.0, Align::Right),
            Column::new(t.difference, 62.0, Align::Right),
            Column::new(t.share_of_total, 40.0, Align::Right),
            Column::new(t.decision, CONTENT_WIDTH - 376.0, Align::Left),
        ];
        draw_table(canvas, &columns, &rows, TableStyle::BODY);
    }

    // What the corrections changed in the ranking.
    let Some(as_submitted) = ctx.results_as_submitted else {
        return;
    };
    canvas.paragraph(t.rank_effect, Style::BOLD);
    let rank = |result: Option<&OfferResult>| {
        result
            .and_then(|r| r.rank)
            .map_or_else(|| t.not_ranked_short.to_owned(), |r| lang.ordinal(r))
    };
    let rows: Vec<Row> = ctx
        .eval
        .offers
        .iter()
        .map(|offer| {
            let before = rank(as_submitted.offer(&offer.id));
            let after = rank(ctx.offer_result(&offer.id));
            let row = Row::new(vec![
                Cell::new(ctx.offer_label(&offer.id)).bold(),
                Cell::new(before.clone()),
                Cell::new(after.clone()),
            ]);
            if before == after {
                row
            } else {
                Row::filled(row.cells, AMBER_FILL)
            }
        })
        .collect();
    let columns = [
        Column::new(t.offer, 200.0, Align::Left),
        Column::new(
            t.rank_as_submitted,
            (CONTENT_WIDTH - 200.0) / 2.0,
            Align::Right,
        ),
        Column::new(
            t.rank_corrected,
            (CONTENT_WIDTH - 200.0) / 2.0,
            Align::Right,
        ),
    ];
    draw_table(canvas, &columns, &rows, TableStyle::BODY);
}
