//! The last page: fingerprints, journal, software and how to recompute.

use jauge_domain::package::FileDirection;

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
    committee_files(canvas, ctx);
    canvas.space(6.0);
    canvas.paragraph(t.attachment_note, Style::BODY);
    canvas.paragraph(t.recompute, Style::BODY);
    canvas.paragraph(t.archiving, Style::BODY);
}

/// Packages sent and scoring files received, from the journal: which file brought which scores.
fn committee_files(canvas: &mut Canvas, ctx: &Ctx) {
    let t = ctx.t;
    let Some(journal) = ctx.journal else { return };
    if journal.committee_files.is_empty() {
        return;
    }
    canvas.subheading(t.committee_files);
    canvas.paragraph(t.committee_files_intro, Style::BODY);
    // One entry per file, its SHA-256 on a line of its own so that it reads (and copies) whole.
    for file in &journal.committee_files {
        let direction = match file.direction {
            FileDirection::Sent => t.file_sent,
            FileDirection::Received => t.file_received,
        };
        let who: Vec<String> = file
            .evaluators
            .iter()
            .map(|e| ctx.evaluator_label(e))
            .collect();
        let contents = match file.direction {
            FileDirection::Sent => who.join(", "),
            FileDirection::Received => {
                ctx.lang
                    .file_contents(&who.join(", "), file.scores, file.declarations)
            }
        };
        let at = chrono::DateTime::parse_from_rfc3339(&file.at).map_or_else(
            |_| file.at.clone(),
            |at| ctx.lang.date_time(at.with_timezone(&chrono::Utc)),
        );
        let signed = file
            .signed_by
            .as_deref()
            .map(|subject| format!(" — {}", t.file_signed_by.replace("{subject}", subject)))
            .unwrap_or_default();
        let unchanged = if file.outcome.as_deref() == Some("nothing_changed") {
            format!(" — {}", t.file_nothing_changed)
        } else {
            String::new()
        };
        canvas.paragraph(
            &format!(
                "{at} — {direction} — {} — {contents}{signed}{unchanged}",
                file.name
            ),
            Style::BODY,
        );
        canvas.paragraph(
            &format!("SHA-256 {}", file.sha256),
            Style::BODY.with_color(GREY),
        );
        if let Some(certificate) = &file.certificate_sha256 {
            canvas.paragraph(
                &format!("{} {certificate}", t.file_certificate),
                Style::BODY.with_color(GREY),
            );
        }
        // What the buyer was told about the signature at import (a certificate changed, not
        // valid on the date of the return, in another name, a return unsigned after signed ones).
        for (code, params) in &file.flags {
            canvas.paragraph(
                &jauge_domain::words::render_named(
                    jauge_domain::words::RETURN_FLAGS,
                    code,
                    params,
                    ctx.lang.words(),
                ),
                Style::BODY,
            );
        }
        canvas.space(2.0);
    }
}
