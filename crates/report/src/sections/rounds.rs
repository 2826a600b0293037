//! « Tours de négociation et échanges avec les soumissionnaires »: for a negotiated procedure,
//! each round's ranking and the offers set aside at it, what changed between two rounds per
//! offer and criterion with its effect on the ranking, and the table of every request put to a
//! bidder with its answer. The results are the engine's, one per round, handed in by the caller;
//! the comparison is the domain's (`jauge_domain::rounds::compare_rounds`).

use jauge_domain::rounds::{RoundResults, compare_rounds};
use jauge_domain::words::{ROUNDS, render};

use super::{Ctx, numbered};
use crate::page::{AMBER_FILL, Align, CONTENT_WIDTH, Canvas, Style};
use crate::table::{Cell, Column, Row, TableStyle, draw_table};

/// The name of a round kind or an exchange kind, from the domain's vocabulary.
fn kind_name(ctx: &Ctx, code: &str) -> String {
    render(
        ROUNDS,
        code,
        &jauge_domain::words::Params::new(),
        ctx.lang.words(),
    )
}

pub(super) fn render_section(canvas: &mut Canvas, ctx: &Ctx, number: usize) {
    let t = ctx.t;
    canvas.heading(&numbered(number, t.rounds_title), true);
    if !ctx.rounds.is_empty() {
        canvas.paragraph(t.rounds_intro, Style::BODY);
    }
    for (i, round) in ctx.rounds.iter().enumerate() {
        render_round(canvas, ctx, round);
        if let Some(next) = ctx.rounds.get(i + 1) {
            render_changes(canvas, ctx, round, next);
        }
    }
    render_exchanges(canvas, ctx);
}

fn render_round(canvas: &mut Canvas, ctx: &Ctx, round: &RoundResults) {
    let t = ctx.t;
    let lang = ctx.lang;
    let mut title = format!("{} ({})", round.label, kind_name(ctx, round.kind.as_str()));
    if let Some(found) = ctx.eval.rounds().iter().find(|r| r.id == round.round) {
        if let Some(invited) = found.invited {
            title.push_str(&format!(" — {} {}", t.invited_on, lang.date(invited)));
        }
        if let Some(deadline) = found.deadline {
            title.push_str(&format!(", {} {}", t.offers_due, lang.date(deadline)));
        }
    }
    canvas.paragraph(&title, Style::BOLD);
    let rows: Vec<Row> = round
        .results
        .offers
        .iter()
        .map(|offer| {
            Row::new(vec![
                Cell::new(ctx.offer_label(&offer.id)).bold(),
                Cell::new(
                    offer
                        .rank
                        .map_or_else(|| t.not_ranked_short.to_owned(), |r| lang.ordinal(r)),
                ),
                Cell::new(offer.total.map(|p| lang.points(p)).unwrap_or_default()),
            ])
        })
        .collect();
    let columns = [
        Column::new(t.offer, 240.0, Align::Left),
        Column::new(t.rank, 100.0, Align::Right),
        Column::new(t.total, CONTENT_WIDTH - 340.0, Align::Right),
    ];
    draw_table(canvas, &columns, &rows, TableStyle::BODY);
    for elimination in &round.eliminated {
        canvas.paragraph(
            &format!(
                "{} — {} {}",
                ctx.offer_label(&elimination.offer),
                lang.label(t.set_aside),
                elimination.reason
            ),
            Style::BODY,
        );
    }
}

fn render_changes(canvas: &mut Canvas, ctx: &Ctx, before: &RoundResults, after: &RoundResults) {
    let t = ctx.t;
    let lang = ctx.lang;
    let comparison = compare_rounds(before, after);
    canvas.paragraph(
        &format!(
            "{} « {} » → « {} »",
            t.round_changes, before.label, after.label
        ),
        Style::BOLD,
    );
    let winner = |id: &Option<String>| {
        id.as_deref()
            .map_or_else(|| "—".to_owned(), |id| ctx.offer_label(id))
    };
    let sentence = if comparison.winner_changed() {
        format!(
            "{} {} → {}.",
            t.winner_changed,
            winner(&comparison.winner_before),
            winner(&comparison.winner_after)
        )
    } else {
        format!("{} {}.", t.winner_kept, winner(&comparison.winner_after))
    };
    canvas.paragraph(&sentence, Style::BODY);
    let value = |v: Option<f64>| v.map(|v| lang.compact(v)).unwrap_or_default();
    let points = |v: Option<f64>| v.map(|v| lang.points(v)).unwrap_or_default();
    let rank =
        |r: Option<u32>| r.map_or_else(|| t.not_ranked_short.to_owned(), |r| lang.ordinal(r));
    let mut rows = Vec::new();
    for offer in &comparison.offers {
        let label = ctx.offer_label(&offer.offer);
        if offer.left {
            rows.push(Row::new(vec![
                Cell::new(label).bold(),
                Cell::new(t.left_round),
                Cell::new(rank(offer.rank_before)),
                Cell::new("—"),
                Cell::new(points(offer.total_before)),
                Cell::new("—"),
            ]));
            continue;
        }
        let ranking = Row::new(vec![
            Cell::new(label.clone()).bold(),
            Cell::new(t.rank),
            Cell::new(rank(offer.rank_before)),
            Cell::new(rank(offer.rank_after)),
            Cell::new(points(offer.total_before)),
            Cell::new(points(offer.total_after)),
        ]);
        rows.push(if offer.rank_before == offer.rank_after {
            ranking
        } else {
            Row::filled(ranking.cells, AMBER_FILL)
        });
        for change in &offer.criteria {
            rows.push(Row::new(vec![
                Cell::new(""),
                Cell::new(ctx.criterion_title(&change.criterion)),
                Cell::new(value(change.value_before)),
                Cell::new(value(change.value_after)),
                Cell::new(points(change.points_before)),
                Cell::new(points(change.points_after)),
            ]));
        }
    }
    let narrow = (CONTENT_WIDTH - 270.0) / 4.0;
    let columns = [
        Column::new(t.offer, 120.0, Align::Left),
        Column::new(t.criterion, 150.0, Align::Left),
        Column::new(t.before, narrow, Align::Right),
        Column::new(t.after, narrow, Align::Right),
        Column::new(format!("{} ({})", t.total, t.before), narrow, Align::Right),
        Column::new(format!("{} ({})", t.total, t.after), narrow, Align::Right),
    ];
    draw_table(canvas, &columns, &rows, TableStyle::BODY);
}

fn render_exchanges(canvas: &mut Canvas, ctx: &Ctx) {
    let t = ctx.t;
    let lang = ctx.lang;
    canvas.paragraph(t.exchanges_title, Style::BOLD);
    if ctx.eval.exchanges.is_empty() {
        canvas.paragraph(t.no_exchange, Style::BODY);
        return;
    }
    let round_label = |id: &str| {
        ctx.eval
            .rounds()
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| id.to_owned(), |r| r.label.clone())
    };
    let rows: Vec<Row> = ctx
        .eval
        .exchanges
        .iter()
        .map(|x| {
            let mut kind = kind_name(ctx, x.kind.as_str());
            if let Some(round) = &x.round {
                kind.push_str(&format!(" — {}", round_label(round)));
            }
            let mut question = x.question.clone();
            if !x.criteria.is_empty() {
                let titles: Vec<String> =
                    x.criteria.iter().map(|c| ctx.criterion_title(c)).collect();
                question.push_str(&format!(" ({})", titles.join(", ")));
            }
            let mut dates = format!("{} {}", t.sent, lang.date(x.sent));
            if let Some(deadline) = x.deadline {
                dates.push_str(&format!(", {} {}", t.due, lang.date(deadline)));
            }
            if let Some(received) = x.received {
                dates.push_str(&format!(", {} {}", t.received, lang.date(received)));
            }
            let mut answer = x.answer.clone().unwrap_or_else(|| t.no_answer.to_owned());
            if let Some(digest) = &x.file_sha256 {
                answer.push_str(&format!(" — {} {digest}", lang.label(t.file_sha256)));
            }
            if !x.cited_by.is_empty() {
                let cited: Vec<String> = x
                    .cited_by
                    .iter()
                    .map(|c| {
                        let who = c.evaluator.as_deref().map_or_else(
                            || kind_name(ctx, "committee"),
                            |e| ctx.evaluator_label(e),
                        );
                        format!("{} ({who})", ctx.criterion_title(&c.criterion))
                    })
                    .collect();
                answer.push_str(&format!(
                    " — {} {}",
                    lang.label(t.cited_by),
                    cited.join(", ")
                ));
            }
            Row::new(vec![
                Cell::new(ctx.offer_label(&x.offer)).bold(),
                Cell::new(kind),
                Cell::new(question),
                Cell::new(dates),
                Cell::new(answer),
            ])
        })
        .collect();
    let columns = [
        Column::new(t.offer, 80.0, Align::Left),
        Column::new(t.kind, 80.0, Align::Left),
        Column::new(t.question, 120.0, Align::Left),
        Column::new(t.dates, 90.0, Align::Left),
        Column::new(t.answer, CONTENT_WIDTH - 370.0, Align::Left),
    ];
    draw_table(canvas, &columns, &rows, TableStyle::BODY);
}
