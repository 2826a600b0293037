//! The decision in one page: winner or why there is none, ranking, what is missing.

use super::{Ctx, numbered};
use crate::chart::{StackedBar, stacked_totals};
use crate::page::{ACCENT, Align, CONTENT_WIDTH, Canvas, GREEN, HEADER_FILL, MARGIN_X, RED, Style};
use crate::table::{Cell, Column, Row, TableStyle, draw_table};
use jauge_domain::OfferStatus;

pub(super) fn render(canvas: &mut Canvas, ctx: &Ctx, number: usize) {
    let t = ctx.t;
    let lang = ctx.lang;
    canvas.heading(&numbered(number, t.summary), true);

    winner_box(canvas, ctx);

    canvas.subheading(t.ranking);
    let ranking = ctx.results.ranking();
    if ranking.is_empty() {
        canvas.paragraph(t.no_winner_none_ranked, Style::BODY);
    } else {
        let groups = &ctx.weighted_top;
        let rank_w = 38.0;
        let total_w = 52.0;
        let group_w = if groups.is_empty() {
            0.0
        } else {
            ((CONTENT_WIDTH - rank_w - total_w - 150.0) / groups.len() as f32).min(90.0)
        };
        let bidder_w = CONTENT_WIDTH - rank_w - total_w - group_w * groups.len() as f32;
        let mut columns = vec![
            Column::new(t.rank, rank_w, Align::Left),
            Column::new(t.bidder, bidder_w, Align::Left),
        ];
        // Narrow columns take the criterion ids, explained under the table; wider ones a
        // short title (the chart legend below gives the full ones).
        let fits = |title: &str| {
            title.split(' ').all(|word| {
                canvas
                    .fonts
                    .width(crate::text::Face::Bold, TableStyle::BODY.size, word)
                    <= group_w - 8.0
            })
        };
        let by_id = !groups.iter().all(|g| fits(short_title(&g.title)));
        for group in groups {
            let name = if by_id {
                group.id.as_str()
            } else {
                short_title(&group.title)
            };
            columns.push(
                Column::new(
                    format!("{name} ({})", ctx.weight_text(group)),
                    group_w,
                    Align::Right,
                )
                .header_lines(3),
            );
        }
        columns.push(Column::new(t.total, total_w, Align::Right));
        let rows: Vec<Row> = ranking
            .iter()
            .map(|offer| {
                let mut cells = vec![
                    Cell::new(offer.rank.map(|r| lang.ordinal(r)).unwrap_or_default()),
                    Cell::new(ctx.offer_label(&offer.id)),
                ];
                for group in groups {
                    cells.push(Cell::new(
                        ctx.group_points(offer, &group.id)
                            .map(|v| lang.points(v))
                            .unwrap_or_default(),
                    ));
                }
                cells.push(
                    Cell::new(offer.total.map(|v| lang.points(v)).unwrap_or_default()).bold(),
                );
                let winner = ctx.results.winner.as_deref() == Some(offer.id.as_str());
                if winner {
                    Row::filled(cells, HEADER_FILL)
                } else {
                    Row::new(cells)
                }
            })
            .collect();
        draw_table(canvas, &columns, &rows, TableStyle::BODY);
        if by_id {
            let key: Vec<String> = groups
                .iter()
                .map(|g| format!("{} = {}", g.id, g.title))
                .collect();
            canvas.paragraph(&key.join(" · "), Style::SMALL_GREY);
        }
    }

    not_ranked(canvas, ctx);
    missing(canvas, ctx);
    warnings(canvas, ctx);

    let bars: Vec<StackedBar> = ranking
        .iter()
        .map(|offer| StackedBar {
            label: format!(
                "{} {}",
                offer.rank.map(|r| lang.ordinal(r)).unwrap_or_default(),
                ctx.bidder(&offer.id)
            ),
            segments: ctx
                .weighted_top
                .iter()
                .map(|g| ctx.group_points(offer, &g.id).unwrap_or(0.0))
                .collect(),
            total_text: offer.total.map(|v| lang.points(v)).unwrap_or_default(),
        })
        .collect();
    let series: Vec<String> = ctx
        .weighted_top
        .iter()
        .map(|g| format!("{} ({})", g.title, ctx.weight_text(g)))
        .collect();
    stacked_totals(canvas, t.chart_totals, &series, &bars);
}

/// A title without its parenthetical explanation: "Prix (montant TTC…)" → "Prix".
fn short_title(title: &str) -> &str {
    match title.find(" (") {
        Some(cut) if cut > 0 => &title[..cut],
        _ => title,
    }
}

fn winner_box(canvas: &mut Canvas, ctx: &Ctx) {
    let t = ctx.t;
    let lang = ctx.lang;
    let (line1, line2, color) = match ctx
        .results
        .winner
        .as_deref()
        .and_then(|id| ctx.offer_result(id))
    {
        Some(winner) => (
            lang.label(t.winner_is),
            format!(
                "{} — {} {} / 100",
                ctx.offer_label(&winner.id),
                t.total,
                winner.total.map(|v| lang.points(v)).unwrap_or_default()
            ),
            GREEN,
        ),
        None => {
            let ranked = ctx.results.ranking();
            let reason = if !ctx.results.complete {
                t.no_winner_incomplete
            } else if ranked.iter().filter(|o| o.rank == Some(1)).count() > 1 {
                t.no_winner_tie
            } else {
                t.no_winner_none_ranked
            };
            (reason.to_string(), String::new(), RED)
        }
    };
    let style = Style::BOLD.sized(11.0);
    let lines1 = canvas
        .fonts
        .wrap(style.face, style.size, &line1, CONTENT_WIDTH - 24.0);
    let lines2 = canvas
        .fonts
        .wrap(style.face, 13.0, &line2, CONTENT_WIDTH - 24.0);
    let lines2: Vec<String> = lines2.into_iter().filter(|l| !l.is_empty()).collect();
    let height = 12.0 + lines1.len() as f32 * 14.0 + lines2.len() as f32 * 17.0;
    canvas.ensure(height + 10.0);
    let top = canvas.y;
    canvas.fill_rect(MARGIN_X, top, 4.0, height, color);
    canvas.fill_rect(
        MARGIN_X + 4.0,
        top,
        CONTENT_WIDTH - 4.0,
        height,
        HEADER_FILL,
    );
    let mut y = top + 6.0;
    for line in &lines1 {
        y += 14.0;
        canvas.text(MARGIN_X + 14.0, y - 3.0, line, style.with_color(ACCENT));
    }
    for line in &lines2 {
        y += 17.0;
        canvas.text(MARGIN_X + 14.0, y - 4.0, line, Style::BOLD.sized(13.0));
    }
    canvas.y = top + height + 8.0;
}

fn not_ranked(canvas: &mut Canvas, ctx: &Ctx) {
    let t = ctx.t;
    let offers: Vec<_> = ctx
        .results
        .offers
        .iter()
        .filter(|o| o.status != OfferStatus::Ranked)
        .collect();
    if offers.is_empty() {
        return;
    }
    canvas.subheading(t.not_ranked);
    let missing_counts = {
        let mut counts = std::collections::HashMap::new();
        for cell in ctx.results.missing.iter().chain(&ctx.results.undecided) {
            *counts.entry(cell.offer.as_str()).or_insert(0usize) += 1;
        }
        counts
    };
    let columns = [
        Column::new(t.bidder, 170.0, Align::Left),
        Column::new(t.status, 70.0, Align::Left),
        Column::new(t.reasons, CONTENT_WIDTH - 240.0, Align::Left),
    ];
    let rows: Vec<Row> = offers
        .iter()
        .map(|offer| {
            let detail = match offer.status {
                OfferStatus::Eliminated => offer
                    .eliminated_because
                    .iter()
                    .map(|e| match &e.criterion {
                        Some(c) => format!(
                            "{} {}",
                            ctx.lang.label(ctx.reason(e.reason)),
                            ctx.criterion_title(c)
                        ),
                        None => ctx.reason(e.reason).to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
                _ => format!(
                    "{} {}",
                    ctx.lang.label(t.missing_title),
                    missing_counts.get(offer.id.as_str()).copied().unwrap_or(0)
                ),
            };
            Row::new(vec![
                Cell::new(ctx.offer_label(&offer.id)),
                Cell::new(ctx.status(offer.status)).color(RED),
                Cell::new(detail),
            ])
        })
        .collect();
    draw_table(canvas, &columns, &rows, TableStyle::BODY);
}

fn missing(canvas: &mut Canvas, ctx: &Ctx) {
    let t = ctx.t;
    let results = ctx.results;
    if results.missing.is_empty() && results.undecided.is_empty() {
        return;
    }
    canvas.subheading(t.missing_title);
    let columns = [
        Column::new(t.offer, 170.0, Align::Left),
        Column::new(t.criterion, CONTENT_WIDTH - 330.0, Align::Left),
        Column::new(t.status, 160.0, Align::Left),
    ];
    let rows: Vec<Row> = results
        .missing
        .iter()
        .map(|c| (c, t.missing_value))
        .chain(results.undecided.iter().map(|c| (c, t.undecided_value)))
        .map(|(cell, what)| {
            Row::new(vec![
                Cell::new(ctx.bidder(&cell.offer)),
                Cell::new(ctx.criterion_title(&cell.criterion)),
                Cell::new(what),
            ])
        })
        .collect();
    draw_table(canvas, &columns, &rows, TableStyle::SMALL);
}

fn warnings(canvas: &mut Canvas, ctx: &Ctx) {
    let t = ctx.t;
    if ctx.results.warnings.is_empty() {
        return;
    }
    canvas.subheading(t.warnings);
    for warning in &ctx.results.warnings {
        let text = warning.wording(ctx.lang.words());
        canvas.paragraph(&format!("• {text}"), Style::BODY);
    }
}
