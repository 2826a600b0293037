//! The last page: fingerprints, journal, software and how to recompute.

use super::{Ctx, numbered};
use crate::page::{Canvas, GREY, Style};

const LABEL_WIDTH: f32 = 200.0;

pub(super) fn render(canvas: &mut Canvas, ctx: &Ctx, number: usize) {
    let t = ctx.t;
    let lang = ctx.lang;
    canvas.heading(&numbered(number, t.traceability), false);
    let journal = match ctx.journal {
        Some(j) => format!(
            "{} {}\n{} {}",
            j.entries,
            t.journal_entries,
            lang.label(t.journal_head),
            j.head_hash
        ),
        None => t.no_journal.to_string(),
    };
    canvas.paragraph(&lang.label(t.canonical_hash), Style::BOLD.with_color(GREY));
    canvas.paragraph(&ctx.hash, Style::BODY);
    canvas.space(4.0);
    let fields = [
        (t.journal, journal),
        (t.software, ctx.software_version.to_string()),
        (t.generated_at, lang.date_time(ctx.generated_at)),
    ];
    for (label, value) in fields {
        canvas.field(&lang.label(label), &value, LABEL_WIDTH);
        canvas.space(3.0);
    }
    canvas.space(6.0);
    canvas.paragraph(t.attachment_note, Style::BODY);
    canvas.paragraph(t.recompute, Style::BODY);
    canvas.paragraph(t.archiving, Style::BODY);
}
