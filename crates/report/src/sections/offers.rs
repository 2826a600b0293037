//! One part per offer: status, price, certifications checked on the deadline, and for every
//! criterion the retained value, its points, and each evaluator's score and justification.

use jauge_domain::prices::compared_price;
use jauge_domain::scheme::scheme_label;
use jauge_domain::{Certification, CriterionBody, OfferResult, OfferStatus};

use super::{Ctx, numbered};
use crate::page::{AMBER_FILL, Align, CONTENT_WIDTH, Canvas, GREEN, RED, Style};
use crate::table::{Cell, Column, Row, TableStyle, draw_table};

const LABEL_WIDTH: f32 = 150.0;

pub(super) fn render(canvas: &mut Canvas, ctx: &Ctx, number: usize) {
    let t = ctx.t;
    canvas.heading(&numbered(number, t.details), true);
    for (index, offer) in ctx.results.offers.iter().enumerate() {
        if index > 0 {
            canvas.new_page();
        }
        render_offer(canvas, ctx, offer, number, index + 1);
    }
}

fn render_offer(canvas: &mut Canvas, ctx: &Ctx, result: &OfferResult, number: usize, sub: usize) {
    let t = ctx.t;
    let lang = ctx.lang;
    let title = format!(
        "{number}.{sub}. {} ({} {})",
        ctx.offer_label(&result.id),
        t.offer.to_lowercase(),
        result.id
    );
    canvas.subheading(&title);
    let page = canvas.page_number();
    canvas.bookmarks.push((title.clone(), page));

    let status = match (result.status, result.rank, result.total) {
        (OfferStatus::Ranked, Some(rank), Some(total)) => format!(
            "{} — {} {rank} — {} {} / 100",
            ctx.status(result.status),
            t.rank.to_lowercase(),
            t.total,
            lang.points(total)
        ),
        (status, _, _) => ctx.status(status).to_string(),
    };
    canvas.field(&lang.label(t.status), &status, LABEL_WIDTH);
    if let Some(offer) = ctx.offer(&result.id) {
        if let Some(price) = compared_price(ctx.eval, offer) {
            let mut text = lang.money(price, ctx.currency());
            if result.abnormally_low {
                text = format!(
                    "{text} — {} : {}",
                    t.al_flag,
                    t.abnormally_low.to_lowercase()
                );
            }
            canvas.field(&lang.label(t.price), &text, LABEL_WIDTH);
        }
        if let Some(reason) = &offer.irregular {
            canvas.field(&lang.label(t.irregular_note), reason, LABEL_WIDTH);
        }
        for e in &result.eliminated_because {
            let what = match &e.criterion {
                Some(c) => format!("{} — {}", ctx.reason(e.reason), ctx.criterion_title(c)),
                None => ctx.reason(e.reason).to_string(),
            };
            canvas.field(&lang.label(t.status_eliminated), &what, LABEL_WIDTH);
        }
        canvas.space(4.0);
        certifications(canvas, ctx, offer.certifications());
    }
    criteria(canvas, ctx, result);
}

fn certifications(canvas: &mut Canvas, ctx: &Ctx, certifications: &[Certification]) {
    let t = ctx.t;
    let lang = ctx.lang;
    let deadline = ctx.eval.tender.deadline;
    canvas.ensure(40.0);
    canvas.paragraph(t.certifications, Style::BOLD);
    if certifications.is_empty() {
        canvas.paragraph(t.no_certification, Style::SMALL);
        return;
    }
    let columns = [
        Column::new(t.scheme, 80.0, Align::Left),
        Column::new(t.level, 70.0, Align::Left),
        Column::new(t.status, 60.0, Align::Left),
        Column::new(t.validity, 125.0, Align::Left),
        Column::new(t.valid_at_deadline, 70.0, Align::Left),
        Column::new(t.reference, CONTENT_WIDTH - 405.0, Align::Left),
    ];
    let rows: Vec<Row> = certifications
        .iter()
        .map(|c| {
            let validity = match (c.valid_from, c.valid_until) {
                (Some(from), Some(until)) => {
                    format!(
                        "{} {} {} {}",
                        t.from,
                        lang.date(from),
                        t.until,
                        lang.date(until)
                    )
                }
                (Some(from), None) => format!("{} {}", t.from, lang.date(from)),
                (None, Some(until)) => format!("{} {}", t.until, lang.date(until)),
                (None, None) => "—".into(),
            };
            let valid = c.is_in_force_on(deadline);
            Row::new(vec![
                Cell::new(scheme_label(&c.scheme)),
                Cell::new(
                    c.level
                        .map(|l| lang.scheme_level(&c.scheme, l))
                        .unwrap_or_default(),
                ),
                Cell::new(lang.certification_status(c.status)),
                Cell::new(validity),
                Cell::new(if valid { t.yes } else { t.no })
                    .bold()
                    .color(if valid { GREEN } else { RED }),
                Cell::new(c.reference.clone().unwrap_or_default()),
            ])
        })
        .collect();
    draw_table(canvas, &columns, &rows, TableStyle::SMALL);
}

fn criteria(canvas: &mut Canvas, ctx: &Ctx, result: &OfferResult) {
    let t = ctx.t;
    let lang = ctx.lang;
    let columns = [
        Column::new(t.criterion, 140.0, Align::Left),
        Column::new(t.retained, 100.0, Align::Right),
        Column::new(t.points, 42.0, Align::Right),
        Column::new(t.individual_scores, CONTENT_WIDTH - 282.0, Align::Left),
    ];
    let mut rows = Vec::with_capacity(ctx.nodes.len());
    let mut leaf = 0usize;
    for (node, depth) in &ctx.nodes {
        let indent = *depth as f32 * 7.0;
        let title = format!("{} ({})", node.title, ctx.weight_text(node));
        if !node.is_leaf() {
            let subtotal = ctx
                .group_points(result, &node.id)
                .filter(|_| node.weight > 0.0)
                .map(|v| lang.points(v))
                .unwrap_or_default();
            rows.push(Row::group(vec![
                Cell::new(title).bold().indent(indent),
                Cell::new(""),
                Cell::new(subtotal).bold(),
                Cell::new(""),
            ]));
            continue;
        }
        let Some(leaf_result) = ctx.leaf_result(result, leaf) else {
            leaf += 1;
            continue;
        };
        leaf += 1;
        let (value, color) = ctx.outcome_text(&result.id, leaf_result);
        let mut retained = Cell::new(value).note(ctx.source_text(&leaf_result.outcome));
        if let Some(color) = color {
            retained = retained.color(color);
        }
        let points = if matches!(node.body, CriterionBody::Requirement { .. }) {
            String::new()
        } else {
            leaf_result
                .outcome
                .points()
                .map(|p| lang.points(p))
                .unwrap_or_else(|| "—".into())
        };

        // Evaluators who wrote the same justification (or none) share one line, so a
        // committee pasting a common text does not repeat it nine times.
        let mut lines = Vec::new();
        if let Some(consensus) = ctx.consensus(&result.id, &node.id) {
            lines.push(format!(
                "{} {} — {}",
                lang.label(t.consensus),
                ctx.answer(consensus.answer),
                consensus.justification
            ));
        }
        let mut groups: Vec<(Option<&str>, Vec<String>)> = Vec::new();
        for score in ctx.scores(&result.id, &node.id) {
            let who = format!(
                "{} {}",
                lang.label(&ctx.evaluator_label(&score.evaluator)),
                ctx.answer(score.answer)
            );
            let justification = score.justification.as_deref().filter(|j| !j.is_empty());
            match groups.iter_mut().find(|(j, _)| *j == justification) {
                Some((_, names)) => names.push(who),
                None => groups.push((justification, vec![who])),
            }
        }
        for (justification, names) in groups {
            let names = names.join(" · ");
            lines.push(match justification {
                Some(j) => format!("{names} — {j}"),
                None => names,
            });
        }
        let cells = vec![
            Cell::new(title).indent(indent),
            retained,
            Cell::new(points).bold(),
            Cell::new(lines.join("\n")),
        ];
        let flagged = leaf_result.outcome.points().is_none()
            && result.status == OfferStatus::Incomplete
            && color == Some(RED);
        rows.push(if flagged {
            Row::filled(cells, AMBER_FILL)
        } else {
            Row::new(cells)
        });
    }
    draw_table(canvas, &columns, &rows, TableStyle::SMALL);
}
