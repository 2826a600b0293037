//! What the committee must be able to justify: eliminations, abnormally low offers and the
//! follow-up the law requires, divergences between evaluators, and how robust the weights are.

use jauge_domain::prices::compared_price;
use jauge_domain::{AbnormallyLowMethod, OfferStatus};

use super::{Ctx, numbered};
use crate::chart::{Interval, intervals};
use crate::i18n::Lang;
use crate::page::{AMBER_FILL, Align, CONTENT_WIDTH, Canvas, RED, Style};
use crate::table::{Cell, Column, Row, TableStyle, draw_table};

pub(super) fn render_eliminated(canvas: &mut Canvas, ctx: &Ctx, number: usize) {
    let t = ctx.t;
    canvas.heading(&numbered(number, t.eliminated), true);
    canvas.paragraph(t.eliminated_intro, Style::BODY);
    let eliminated: Vec<_> = ctx
        .results
        .offers
        .iter()
        .filter(|o| o.status == OfferStatus::Eliminated)
        .collect();
    if eliminated.is_empty() {
        canvas.paragraph(t.no_eliminated, Style::BOLD);
        return;
    }
    let columns = [
        Column::new(t.offer, 160.0, Align::Left),
        Column::new(t.reasons, CONTENT_WIDTH - 160.0, Align::Left),
    ];
    let rows: Vec<Row> = eliminated
        .iter()
        .map(|offer| {
            let reasons: Vec<String> = offer
                .eliminated_because
                .iter()
                .map(|e| {
                    let mut line = ctx.reason(e.reason).to_string();
                    if let Some(c) = &e.criterion {
                        line = format!("{line} ({c})");
                    }
                    format!(
                        "• {}\n{}",
                        ctx.lang.label(&line),
                        ctx.elimination_wording(e)
                    )
                })
                .collect();
            Row::new(vec![
                Cell::new(ctx.offer_label(&offer.id)).bold(),
                Cell::new(reasons.join("\n")),
            ])
        })
        .collect();
    draw_table(canvas, &columns, &rows, TableStyle::BODY);
}

pub(super) fn render_abnormally_low(canvas: &mut Canvas, ctx: &Ctx, number: usize) {
    let t = ctx.t;
    let lang = ctx.lang;
    canvas.heading(&numbered(number, t.abnormally_low), false);
    let admitted = ctx
        .results
        .offers
        .iter()
        .filter(|o| o.status != OfferStatus::Eliminated)
        .count();
    let method = ctx.eval.settings.abnormally_low();
    if method == AbnormallyLowMethod::None {
        canvas.paragraph(t.al_disabled, Style::BODY);
        return;
    }
    if ctx.eval.price_leaf().is_none() || admitted < 3 {
        canvas.paragraph(t.al_not_applicable, Style::BODY);
        return;
    }
    let flagged: Vec<_> = ctx
        .results
        .offers
        .iter()
        .filter(|o| o.abnormally_low)
        .collect();
    if flagged.is_empty() {
        canvas.paragraph(t.al_none_flagged, Style::BODY);
        return;
    }
    canvas.paragraph(t.al_flagged_intro, Style::BODY);
    let columns = [
        Column::new(t.offer, 220.0, Align::Left),
        Column::new(t.price, 120.0, Align::Right),
        Column::new(t.status, CONTENT_WIDTH - 340.0, Align::Left),
    ];
    let rows: Vec<Row> = flagged
        .iter()
        .map(|o| {
            let price = ctx
                .offer(&o.id)
                .and_then(|offer| compared_price(ctx.eval, offer))
                .map(|p| lang.money(p, ctx.currency()))
                .unwrap_or_default();
            Row::filled(
                vec![
                    Cell::new(ctx.offer_label(&o.id)).bold(),
                    Cell::new(price),
                    Cell::new(format!("{} — {}", t.al_flag, ctx.status(o.status))).color(RED),
                ],
                AMBER_FILL,
            )
        })
        .collect();
    draw_table(canvas, &columns, &rows, TableStyle::BODY);
    canvas.paragraph(t.al_follow_up, Style::BODY);
}

pub(super) fn render_divergences(canvas: &mut Canvas, ctx: &Ctx, number: usize) {
    let t = ctx.t;
    let lang = ctx.lang;
    canvas.heading(&numbered(number, t.divergences), true);
    canvas.paragraph(
        &format!(
            "{} {} {}.",
            t.divergences_intro,
            lang.label(t.divergence_threshold),
            lang.percent(ctx.eval.settings.divergence_threshold())
        ),
        Style::BODY,
    );
    if ctx.results.divergences.is_empty() {
        canvas.paragraph(t.no_divergence, Style::BOLD);
        return;
    }
    let columns = [
        Column::new(t.offer, 100.0, Align::Left),
        Column::new(t.criterion, 120.0, Align::Left),
        Column::new(t.individual_scores, 100.0, Align::Left),
        Column::new(t.spread, 42.0, Align::Right),
        Column::new(t.resolution, CONTENT_WIDTH - 362.0, Align::Left),
    ];
    let rows: Vec<Row> = ctx
        .results
        .divergences
        .iter()
        .map(|d| {
            let scores: Vec<String> = ctx
                .scores(&d.offer, &d.criterion)
                .iter()
                .map(|s| {
                    format!(
                        "{} {}",
                        lang.label(&ctx.evaluator_label(&s.evaluator)),
                        ctx.answer(s.answer)
                    )
                })
                .collect();
            let resolution = match ctx.consensus(&d.offer, &d.criterion) {
                Some(c) if d.resolved => format!(
                    "{} {}\n{}",
                    lang.label(t.resolved_by),
                    ctx.answer(c.answer),
                    c.justification
                ),
                _ => t.unresolved.to_string(),
            };
            let cells = vec![
                Cell::new(ctx.bidder(&d.offer)),
                Cell::new(ctx.criterion_title(&d.criterion)),
                Cell::new(scores.join(" · ")),
                Cell::new(lang.percent(d.spread)).bold(),
                if d.resolved {
                    Cell::new(resolution)
                } else {
                    Cell::new(resolution).color(RED)
                },
            ];
            if d.resolved {
                Row::new(cells)
            } else {
                Row::filled(cells, AMBER_FILL)
            }
        })
        .collect();
    draw_table(canvas, &columns, &rows, TableStyle::SMALL);
}

pub(super) fn render_sensitivity(canvas: &mut Canvas, ctx: &Ctx, number: usize) {
    let t = ctx.t;
    let lang = ctx.lang;
    canvas.heading(&numbered(number, t.sensitivity), false);
    canvas.paragraph(t.sensitivity_intro, Style::BODY);
    let sensitivity = &ctx.results.sensitivity;
    if sensitivity.is_empty() {
        canvas.paragraph(t.sensitivity_none, Style::BODY);
        return;
    }
    let interval_text = |from: f64, to: f64| match lang {
        Lang::Fr => format!("[{} ; {}]", lang.points(from), lang.points(to)),
        Lang::En => format!("[{}, {}]", lang.points(from), lang.points(to)),
    };
    let columns = [
        Column::new(t.criterion, 220.0, Align::Left),
        Column::new(t.current_weight, 110.0, Align::Right),
        Column::new(t.interval, CONTENT_WIDTH - 330.0, Align::Right),
    ];
    let rows: Vec<Row> = sensitivity
        .iter()
        .map(|s| {
            Row::new(vec![
                Cell::new(ctx.criterion_title(&s.criterion)),
                Cell::new(lang.compact(s.weight)),
                Cell::new(interval_text(s.from, s.to)).bold(),
            ])
        })
        .collect();
    draw_table(canvas, &columns, &rows, TableStyle::BODY);
    let chart: Vec<Interval> = sensitivity
        .iter()
        .map(|s| Interval {
            label: ctx.criterion_title(&s.criterion),
            from: s.from,
            to: s.to,
            current: s.weight,
            text: interval_text(s.from, s.to),
            series: ctx
                .weighted_top
                .iter()
                .position(|c| c.id == s.criterion)
                .unwrap_or(0),
        })
        .collect();
    intervals(canvas, t.chart_sensitivity, &chart);
}
