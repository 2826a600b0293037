//! Letters to bidders once the ranking is settled: the award letter and one rejection letter per
//! other offer (CCP R2181-1 to R2181-4, standstill R2182-1), each its own PDF, French or English.
//!
//! The facts come from [`jauge_domain::letters`] (computed once from the evaluation and its
//! results); this module words and lays them out with the report's canvas, tables and fonts, and
//! words eliminations with the report's own sentences so that a letter and the signed report say
//! the same thing. Bytes out, no file IO, the date passed in.
//!
//! What a rejection letter prints, and what it never prints: its addressee's status, rank,
//! points per criterion and total beside the awardee's, the reasons of an elimination with what
//! the committee wrote about the addressee's own offer, the awardee's name and total, the
//! characteristics and relative advantages of the winning offer (drafted by [`draft_advantages`]
//! from the committee's justifications for the awardee, replaced by the buyer's text when given),
//! the standstill date and the remedies. Never another rejected bidder's name, figures or
//! justifications, and no price at all (points on the price criterion only). Unlike the report,
//! a letter embeds no `evaluation.json`: that file holds every bidder's scores.

mod consultation;
mod request;
mod wording;

pub use consultation::{ConsultationLetterInput, render_consultation_letter};
pub use request::{RequestInput, render_request};

use chrono::{DateTime, Utc};
use jauge_domain::letters::{Decision, Letter, PointsRow};
use jauge_domain::standstill::NotificationChannel;
use jauge_domain::{Evaluation, Results};
use printpdf::{PdfDocument, PdfPage, Pt, Rect};

use crate::error::Result;
use crate::i18n::Lang;
use crate::page::{self, Align, CONTENT_WIDTH, Canvas, MARGIN_X, Style};
use crate::sections::Ctx;
use crate::table::{Cell, Column, Row, TableStyle, draw_table};
use crate::{ReportInput, text};

use wording::{LetterTexts, texts};

/// Everything one letter is drawn from.
#[derive(Debug, Clone)]
pub struct LetterInput<'a> {
    pub evaluation: &'a Evaluation,
    /// The engine's results for `evaluation`, from which `letter` was computed.
    pub results: &'a Results,
    pub letter: &'a Letter,
    pub lang: Lang,
    /// The characteristics and relative advantages of the winning offer as the buyer wants them
    /// printed; `None` prints [`draft_advantages`]. An empty text leaves the section out.
    pub advantages: Option<&'a str>,
    /// The PDF's creation date (the letter itself is dated on the notification day).
    pub generated_at: DateTime<Utc>,
    pub software_version: &'a str,
}

/// The most points an offer can earn: the sum of the top-level weights.
fn max_points(evaluation: &Evaluation) -> f64 {
    evaluation.criteria.iter().map(|c| c.weight).sum()
}

/// The draft of "characteristics and relative advantages of the winning offer" for a ranked
/// bidder: one line per criterion where the awardee earned more points, with the committee's
/// justification for the awardee (the evaluators' when the committee recorded none). Empty for
/// the awardee and for an eliminated offer: R2181-4 gives this to bidders whose offer was
/// admissible, and an eliminated offer has no points to compare.
pub fn draft_advantages(letter: &Letter, lang: Lang) -> String {
    let Decision::Ranked { advantages, .. } = &letter.decision else {
        return String::new();
    };
    let t = texts(lang);
    let mut out = String::from(t.advantages_draft_intro);
    for advantage in advantages {
        let points = t
            .advantage_points
            .replace("{awardee}", &lang.points(advantage.awardee_points))
            .replace("{own}", &lang.points(advantage.own_points));
        let mut line = format!("\n• {} ({points})", advantage.title);
        let said: Vec<&str> = if advantage.is_price {
            vec![t.advantage_price]
        } else {
            advantage
                .justifications
                .iter()
                .map(String::as_str)
                .collect()
        };
        if !said.is_empty() {
            line = format!(
                "{}{}",
                lang.label(&line),
                format_args!(" {}", said.join(" "))
            );
        } else {
            line.push('.');
        }
        out.push_str(&line);
    }
    out
}

/// Renders one letter as PDF bytes.
pub fn render_letter(input: &LetterInput) -> Result<Vec<u8>> {
    let lang = input.lang;
    let t = texts(lang);
    let letter = input.letter;
    let tender = &input.evaluation.tender;

    let mut doc = PdfDocument::new(&subject(input, t));
    let fonts = text::Fonts::load(&mut doc)?;
    let mut canvas = Canvas::new(&fonts);
    let report_input = ReportInput {
        evaluation: input.evaluation,
        results: input.results,
        results_as_submitted: None,
        rounds: &[],
        lang,
        generated_at: input.generated_at,
        software_version: input.software_version,
        journal: None,
        lot_award: None,
    };
    let ctx = Ctx::new(&report_input, String::new());
    draw(&mut canvas, &ctx, input, t);

    let running_title = format!("{} — {}", tender.buyer, tender.reference);
    let pages = canvas.finish(&running_title, t.page, None);
    let identifier = format!("{}/{}", tender.reference, letter.offer);
    let seed = format!(
        "{}|{}|{lang:?}|{}|{}",
        tender.reference,
        letter.offer,
        input.generated_at.to_rfc3339(),
        input.software_version
    );
    finish_letter(
        doc,
        pages,
        tender,
        identifier,
        &seed,
        input.generated_at,
        input.software_version,
    )
}

/// The pages of a letter as a PDF: page boxes, the document's metadata (buyer as author, the
/// tender's title and reference, `identifier`), no attachment, and a document id derived from
/// `seed` so that the same letter renders to the same bytes.
pub(crate) fn finish_letter(
    mut doc: PdfDocument,
    pages: Vec<Vec<printpdf::Op>>,
    tender: &jauge_domain::Tender,
    identifier: String,
    seed: &str,
    generated_at: DateTime<Utc>,
    software_version: &str,
) -> Result<Vec<u8>> {
    let media = Rect::from_wh(Pt(page::PAGE_WIDTH), Pt(page::PAGE_HEIGHT));
    let pages: Vec<PdfPage> = pages
        .into_iter()
        .map(|ops| PdfPage {
            media_box: media.clone(),
            trim_box: media.clone(),
            crop_box: media.clone(),
            ops,
        })
        .collect();

    let info = &mut doc.metadata.info;
    let when = crate::pdf_date(generated_at);
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    info.author = tender.buyer.clone();
    info.subject = tender.title.clone();
    info.creator = format!("Jauge {software_version}");
    info.producer = format!("Jauge {software_version} (printpdf, lopdf)");
    info.keywords = vec![tender.reference.clone()];
    info.identifier = identifier;

    let document = crate::assemble::assemble(doc, pages, &[])?;
    let digest = jauge_domain::sha256_hex(seed.as_bytes());
    let mut id = [0u8; 16];
    for (slot, byte) in id.iter_mut().zip(digest.bytes()) {
        *slot = byte;
    }
    crate::attachment::finish_plain_document(document, id)
}

fn subject(input: &LetterInput, t: &LetterTexts) -> String {
    let template = match input.letter.decision {
        Decision::Awarded { .. } => t.subject_awarded,
        _ => t.subject_rejected,
    };
    template.replace("{title}", &input.evaluation.tender.title)
}

fn awardee_label(letter: &Letter) -> String {
    match &letter.awardee.offer_name {
        Some(name) if name != &letter.awardee.bidder => {
            format!("{} ({name})", letter.awardee.bidder)
        }
        _ => letter.awardee.bidder.clone(),
    }
}

fn draw(canvas: &mut Canvas, ctx: &Ctx, input: &LetterInput, t: &LetterTexts) {
    let lang = input.lang;
    let letter = input.letter;
    let evaluation = input.evaluation;
    let tender = &evaluation.tender;
    let max = lang.compact(max_points(evaluation));

    // Sender, then addressee on the right, then date and channel.
    canvas.paragraph(&tender.buyer, Style::BOLD.sized(10.5));
    let mut addressee = letter.bidder.clone();
    if let Some(name) = letter.offer_name.as_ref().filter(|n| *n != &letter.bidder) {
        addressee = format!("{addressee}\n{name}");
    }
    canvas.space(8.0);
    let right = MARGIN_X + CONTENT_WIDTH * 0.55;
    canvas.paragraph_at(
        right,
        CONTENT_WIDTH * 0.45,
        &lang.label(t.addressee),
        Style::SMALL_GREY,
    );
    canvas.paragraph_at(right, CONTENT_WIDTH * 0.45, &addressee, Style::BOLD);
    canvas.space(8.0);
    let channel = match letter.notification.channel {
        NotificationChannel::Electronic => t.sent_electronic,
        NotificationChannel::Other => t.sent_other,
    };
    let dated = t
        .dated
        .replace("{date}", &lang.date(letter.notification.date));
    canvas.paragraph_at(right, CONTENT_WIDTH * 0.45, &dated, Style::BODY);
    canvas.paragraph_at(right, CONTENT_WIDTH * 0.45, channel, Style::SMALL_GREY);
    canvas.space(12.0);

    let labels = [t.subject, t.reference, t.lot];
    let label_width = canvas.label_column(&labels, 90.0, 170.0);
    canvas.field(&lang.label(t.subject), &subject(input, t), label_width);
    canvas.field(&lang.label(t.reference), &tender.reference, label_width);
    if let Some(lot) = &tender.lot {
        canvas.field(&lang.label(t.lot), lot, label_width);
    }
    canvas.space(12.0);
    canvas.paragraph(t.salutation, Style::BODY);

    match &letter.decision {
        Decision::Awarded { total, rows } => {
            canvas.paragraph(
                &t.awarded_intro
                    .replace("{total}", &lang.points(*total))
                    .replace("{max}", &max),
                Style::BODY,
            );
            canvas.paragraph(t.awarded_points, Style::BODY);
            points_table(canvas, lang, t, rows, *total, None);
            canvas.paragraph(
                &t.awarded_standstill
                    .replace("{date}", &lang.date(letter.signature_from)),
                Style::BODY,
            );
        }
        Decision::Ranked {
            rank, total, rows, ..
        } => {
            canvas.paragraph(t.rejected_intro, Style::BODY);
            canvas.paragraph(
                &t.ranked_reason
                    .replace("{rank}", &lang.ordinal(*rank))
                    .replace("{total}", &lang.points(*total))
                    .replace("{max}", &max),
                Style::BODY,
            );
            awardee_sentence(canvas, lang, t, letter, &max);
            canvas.paragraph(t.ranked_points, Style::BODY);
            points_table(canvas, lang, t, rows, *total, Some(letter.awardee.total));
        }
        Decision::Eliminated {
            reasons,
            abnormally_low,
        } => {
            canvas.paragraph(t.rejected_intro, Style::BODY);
            canvas.paragraph(t.eliminated_reason, Style::BODY);
            for rejection in reasons {
                let e = &rejection.elimination;
                let mut line = ctx.reason(e.reason).to_string();
                if let Some(title) = &rejection.criterion_title {
                    line = format!("{line} — {title}");
                }
                let detail = ctx.elimination_wording(e);
                if !detail.is_empty() {
                    line = format!("{} {detail}", lang.label(&line));
                }
                canvas.paragraph_at(
                    MARGIN_X + 10.0,
                    CONTENT_WIDTH - 10.0,
                    &format!("• {line}"),
                    Style::BODY,
                );
                for said in &rejection.justifications {
                    canvas.paragraph_at(
                        MARGIN_X + 22.0,
                        CONTENT_WIDTH - 22.0,
                        &format!("{} « {said} »", lang.label(t.assessment)),
                        Style::SMALL,
                    );
                }
            }
            if let Some(al) = abnormally_low {
                canvas.paragraph(
                    &t.abnormally_low
                        .replace("{method}", &wording::method(lang, al.method)),
                    Style::BODY,
                );
            }
            awardee_sentence(canvas, lang, t, letter, &max);
        }
        Decision::SetAside {
            round_label,
            reason,
            ..
        } => {
            canvas.paragraph(t.rejected_intro, Style::BODY);
            canvas.paragraph(
                &t.set_aside_reason
                    .replace("{round}", round_label)
                    .replace("{reason}", reason.trim()),
                Style::BODY,
            );
            awardee_sentence(canvas, lang, t, letter, &max);
        }
    }

    if !matches!(letter.decision, Decision::Awarded { .. }) {
        let drafted;
        let advantages = match input.advantages {
            Some(text) => text,
            None => {
                drafted = draft_advantages(letter, lang);
                &drafted
            }
        };
        if !advantages.trim().is_empty() {
            canvas.subheading(t.advantages_heading);
            canvas.paragraph(advantages.trim(), Style::BODY);
        }
        canvas.subheading(t.standstill_heading);
        let channel = match letter.notification.channel {
            NotificationChannel::Electronic => t.channel_electronic,
            NotificationChannel::Other => t.channel_other,
        };
        canvas.paragraph(
            &t.standstill
                .replace(
                    "{days}",
                    &letter.notification.channel.standstill_days().to_string(),
                )
                .replace("{channel}", channel)
                .replace("{date}", &lang.date(letter.signature_from)),
            Style::BODY,
        );
        canvas.subheading(t.remedies_heading);
        canvas.paragraph(t.remedies, Style::BODY);
    }

    canvas.space(8.0);
    canvas.paragraph(t.closing, Style::BODY);
    canvas.space(10.0);
    canvas.ensure(40.0);
    canvas.paragraph_at(right, CONTENT_WIDTH * 0.45, t.signatory, Style::SMALL_GREY);
    canvas.paragraph_at(right, CONTENT_WIDTH * 0.45, &tender.buyer, Style::BODY);
}

fn awardee_sentence(canvas: &mut Canvas, lang: Lang, t: &LetterTexts, letter: &Letter, max: &str) {
    canvas.paragraph(
        &t.awardee
            .replace("{awardee}", &awardee_label(letter))
            .replace("{total}", &lang.points(letter.awardee.total))
            .replace("{max}", max),
        Style::BODY,
    );
}

/// The points table: the addressee's points, and the awardee's beside them in a rejection.
fn points_table(
    canvas: &mut Canvas,
    lang: Lang,
    t: &LetterTexts,
    rows: &[PointsRow],
    own_total: f64,
    awardee_total: Option<f64>,
) {
    let figure = 78.0;
    let figures = if awardee_total.is_some() { 3.0 } else { 2.0 };
    let mut columns = vec![
        Column::new(t.criterion, CONTENT_WIDTH - figures * figure, Align::Left),
        Column::new(t.weight, figure, Align::Right),
    ];
    if awardee_total.is_some() {
        columns.push(Column::new(t.your_offer, figure, Align::Right));
        columns.push(Column::new(t.awarded_offer, figure, Align::Right));
    } else {
        columns.push(Column::new(t.points, figure, Align::Right));
    }
    let show = |value: Option<f64>| value.map(|v| lang.points(v)).unwrap_or_default();
    let mut table: Vec<Row> = rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                Cell::new(row.title.clone()).indent(row.depth as f32 * 10.0),
                Cell::new(lang.compact(row.weight)),
                Cell::new(show(row.own)),
            ];
            if awardee_total.is_some() {
                cells.push(Cell::new(show(row.awardee)));
            }
            if row.is_group {
                Row::group(cells.into_iter().map(Cell::bold).collect())
            } else {
                Row::new(cells)
            }
        })
        .collect();
    let mut total = vec![
        Cell::new(t.total).bold(),
        Cell::new(String::new()),
        Cell::new(lang.points(own_total)).bold(),
    ];
    if let Some(awardee) = awardee_total {
        total.push(Cell::new(lang.points(awardee)).bold());
    }
    table.push(Row::group(total));
    draw_table(canvas, &columns, &table, TableStyle::BODY);
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use jauge_domain::catalog::Catalogs;
    use jauge_domain::letters::{Notification, letters};

    const DEMO: &str = include_str!("../../../../assets/demo/cloud-de-confiance.json");

    fn demo_letters() -> (Evaluation, Results, Vec<Letter>) {
        let evaluation = match jauge_domain::parse_evaluation(DEMO) {
            Ok(e) => e,
            Err(invalid) => panic!("{invalid}"),
        };
        let catalogs = match Catalogs::bundled() {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        let results = jauge_domain::evaluate(&evaluation, &catalogs);
        let notification = Notification {
            date: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default(),
            channel: NotificationChannel::Electronic,
        };
        match letters(&evaluation, &results, notification) {
            Ok(l) => (evaluation, results, l),
            Err(e) => panic!("{e}"),
        }
    }

    fn render(
        evaluation: &Evaluation,
        results: &Results,
        letter: &Letter,
        lang: Lang,
        advantages: Option<&str>,
    ) -> Vec<u8> {
        let input = LetterInput {
            evaluation,
            results,
            letter,
            lang,
            advantages,
            generated_at: DateTime::from_timestamp(1_796_000_000, 0).unwrap_or_default(),
            software_version: "test",
        };
        match render_letter(&input) {
            Ok(bytes) => bytes,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn every_letter_renders_in_both_languages_deterministically_without_attachment() {
        let (evaluation, results, letters) = demo_letters();
        for letter in &letters {
            for lang in [Lang::Fr, Lang::En] {
                let pdf = render(&evaluation, &results, letter, lang, None);
                assert!(pdf.starts_with(b"%PDF-1.7"));
                assert!(pdf == render(&evaluation, &results, letter, lang, None));
                assert!(matches!(
                    crate::extract_evaluation(&pdf),
                    Err(crate::Error::NoEmbeddedEvaluation)
                ));
            }
        }
    }

    #[test]
    fn the_draft_quotes_the_awardees_justifications_only_where_it_scored_higher() {
        let (_, _, letters) = demo_letters();
        let ranked: Vec<&Letter> = letters
            .iter()
            .filter(|l| matches!(l.decision, Decision::Ranked { .. }))
            .collect();
        assert!(!ranked.is_empty());
        for letter in ranked {
            let Decision::Ranked { advantages, .. } = &letter.decision else {
                continue;
            };
            let draft = draft_advantages(letter, Lang::Fr);
            assert_eq!(draft.lines().count(), advantages.len() + 1, "{draft}");
            for advantage in advantages {
                assert!(draft.contains(&advantage.title), "{draft}");
                for said in &advantage.justifications {
                    assert!(draft.contains(said.as_str()), "{draft}");
                }
            }
        }
        assert_eq!(draft_advantages(&letters[0], Lang::En), "");
    }
}
