//! Offers × criteria: every consolidated value beside the points it earns, group subtotals,
//! totals and ranks. Offers come in slices of a few columns so the figures stay legible.

use jauge_domain::{CriterionBody, OfferStatus};

use super::{Ctx, numbered};
use crate::page::{Align, CONTENT_WIDTH, Canvas, RED, Style};
use crate::table::{Cell, Column, Row, TableStyle, draw_table};

const CRITERION_WIDTH: f32 = 150.0;
const MIN_OFFER_WIDTH: f32 = 84.0;
const MAX_OFFER_WIDTH: f32 = 115.0;

pub(super) fn render(canvas: &mut Canvas, ctx: &Ctx, number: usize) {
    let t = ctx.t;
    let lang = ctx.lang;
    canvas.heading(&numbered(number, t.matrix), true);
    canvas.paragraph(t.matrix_intro, Style::SMALL);

    let offers = &ctx.results.offers;
    if offers.is_empty() {
        return;
    }
    let per_slice = (((CONTENT_WIDTH - CRITERION_WIDTH) / MIN_OFFER_WIDTH).floor() as usize).max(1);
    for (slice_index, slice) in offers.chunks(per_slice).enumerate() {
        if slice_index > 0 {
            canvas.new_page();
        }
        let offer_width =
            ((CONTENT_WIDTH - CRITERION_WIDTH) / slice.len() as f32).min(MAX_OFFER_WIDTH);
        let mut columns = vec![Column::new(t.criterion, CRITERION_WIDTH, Align::Left)];
        for offer in slice {
            columns.push(Column::new(
                ctx.bidder(&offer.id),
                offer_width,
                Align::Right,
            ));
        }

        let mut rows = Vec::with_capacity(ctx.nodes.len() + 2);
        let mut leaf = 0usize;
        for (node, depth) in &ctx.nodes {
            let indent = *depth as f32 * 7.0;
            let title = format!("{} ({})", node.title, ctx.weight_text(node));
            if !node.is_leaf() {
                let mut cells = vec![Cell::new(title).bold().indent(indent)];
                for offer in slice {
                    cells.push(
                        Cell::new(
                            ctx.group_points(offer, &node.id)
                                .filter(|_| node.weight > 0.0)
                                .map(|v| lang.points(v))
                                .unwrap_or_default(),
                        )
                        .bold(),
                    );
                }
                rows.push(Row::group(cells));
                continue;
            }
            let mut cells = vec![Cell::new(title).indent(indent)];
            for offer in slice {
                let cell = match ctx.leaf_result(offer, leaf) {
                    Some(result) => {
                        let (value, color) = ctx.outcome_text(&offer.id, result);
                        if matches!(node.body, CriterionBody::Requirement { .. }) {
                            let cell = Cell::new(value);
                            match color {
                                Some(c) => cell.color(c),
                                None => cell,
                            }
                        } else {
                            let points = result
                                .outcome
                                .points()
                                .map(|p| lang.points(p))
                                .unwrap_or_else(|| "—".into());
                            let cell = Cell::new(points).note(value);
                            match color {
                                Some(c) => cell.color(c),
                                None => cell,
                            }
                        }
                    }
                    None => Cell::new("—"),
                };
                cells.push(cell);
            }
            rows.push(Row::new(cells));
            leaf += 1;
        }

        let mut totals = vec![Cell::new(t.total).bold()];
        let mut ranks = vec![Cell::new(t.rank).bold()];
        for offer in slice {
            totals.push(
                Cell::new(
                    offer
                        .total
                        .map(|v| lang.points(v))
                        .unwrap_or_else(|| "—".into()),
                )
                .bold(),
            );
            ranks.push(match (offer.status, offer.rank) {
                (OfferStatus::Ranked, Some(rank)) => Cell::new(lang.ordinal(rank)).bold(),
                (status, _) => Cell::new(ctx.status(status)).color(RED),
            });
        }
        rows.push(Row::group(totals));
        rows.push(Row::group(ranks));
        draw_table(canvas, &columns, &rows, TableStyle::SMALL);
    }
}
