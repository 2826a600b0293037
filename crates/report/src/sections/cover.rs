//! Page 1: what was evaluated, by whom, when, and how to check this document.

use super::Ctx;
use crate::page::{ACCENT, AMBER_FILL, CONTENT_WIDTH, Canvas, GREY, LIGHT, MARGIN_X, RED, Style};
use crate::text::Face;

pub(super) fn render(canvas: &mut Canvas, ctx: &Ctx) {
    let t = ctx.t;
    let lang = ctx.lang;
    let tender = &ctx.eval.tender;

    canvas.y = 110.0;
    canvas.paragraph(&tender.buyer, Style::BOLD.with_color(GREY).sized(11.0));
    canvas.space(6.0);
    let title = Style {
        face: Face::Bold,
        size: 24.0,
        color: ACCENT,
    };
    canvas.paragraph(t.title, title);
    canvas.paragraph(&tender.title, Style::BODY.sized(14.0));
    canvas.space(8.0);

    if ctx.is_draft() {
        let top = canvas.y;
        canvas.fill_rect(MARGIN_X, top, CONTENT_WIDTH, 26.0, AMBER_FILL);
        canvas.text(
            MARGIN_X + 10.0,
            top + 17.5,
            &format!("{} — {}", t.draft, t.draft_status),
            Style::BOLD.with_color(RED).sized(11.0),
        );
        canvas.y = top + 34.0;
    }
    canvas.space(10.0);

    let mut fields: Vec<(&str, String)> = vec![
        (t.reference, tender.reference.clone()),
        (t.subject, tender.title.clone()),
        (t.buyer, tender.buyer.clone()),
    ];
    if let Some(lot) = &tender.lot {
        fields.push((t.lot, lot.clone()));
    }
    if let Some(procedure) = tender.procedure {
        fields.push((t.procedure, ctx.procedure(procedure).to_string()));
    }
    if let Some(launch) = tender.launch_date {
        fields.push((t.launch_date, lang.date(launch)));
    }
    fields.push((t.deadline, lang.date(tender.deadline)));
    fields.push((t.report_date, lang.date_time(ctx.generated_at)));
    let status = if ctx.is_draft() {
        t.draft_status
    } else {
        t.final_status
    };
    fields.push((t.status, status.to_string()));
    fields.push((t.offers_received, ctx.eval.offers.len().to_string()));
    let committee: Vec<String> = ctx
        .eval
        .evaluators
        .iter()
        .map(|e| match &e.role {
            Some(role) => format!("{} ({role})", e.name),
            None => e.name.clone(),
        })
        .collect();
    if !committee.is_empty() {
        fields.push((t.committee, committee.join(", ")));
    }
    let labels: Vec<String> = fields.iter().map(|(l, _)| lang.label(l)).collect();
    let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let label_width = canvas.label_column(&label_refs, 120.0, 210.0);
    for (label, (_, value)) in labels.iter().zip(&fields) {
        canvas.field(label, value, label_width);
        canvas.space(3.0);
    }

    integrity_box(canvas, ctx);
}

/// The fingerprint block: what a reader needs to verify this document independently.
fn integrity_box(canvas: &mut Canvas, ctx: &Ctx) {
    let t = ctx.t;
    let lang = ctx.lang;
    canvas.space(18.0);
    canvas.ensure(120.0);
    let top = canvas.y;
    canvas.line(MARGIN_X, top, MARGIN_X + CONTENT_WIDTH, top, LIGHT, 0.8);
    canvas.space(4.0);
    canvas.paragraph(t.integrity, Style::BOLD.with_color(ACCENT));
    canvas.paragraph(t.attachment_note, Style::SMALL);
    let mono = Style::SMALL;
    canvas.paragraph(&lang.label(t.canonical_hash), Style::SMALL_BOLD);
    canvas.paragraph(&ctx.hash, mono);
    canvas.paragraph(
        &format!("{} {}", lang.label(t.software), ctx.software_version),
        Style::SMALL,
    );
    let journal = match ctx.journal {
        Some(j) => format!(
            "{} {} {}, {} {}",
            lang.label(t.journal),
            j.entries,
            t.journal_entries,
            t.journal_head,
            j.head_hash
        ),
        None => format!("{} {}", lang.label(t.journal), t.no_journal),
    };
    canvas.paragraph(&journal, Style::SMALL);
}
