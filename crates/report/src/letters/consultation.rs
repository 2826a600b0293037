//! The letter to one bidder of a consultation with lots: for each lot it bid on, whether its
//! offer is retained (awarded, or holder of the framework agreement with its rank, every holder
//! named) or not and why — ranked below the offers retained, set aside by the cap on lots with
//! the lots it keeps, or eliminated with the reasons — in the sentences of
//! [`jauge_domain::lots::lot_notices`], then the standstill date (R2182-1) and the remedies.
//!
//! Like every letter it names no other bidder's figures and no price, and embeds no file.

use chrono::{DateTime, Utc};
use jauge_domain::letters::Notification;
use jauge_domain::lots::{BidOutcome, Consultation, ConsultationResults, LotNotice, lot_notices};
use jauge_domain::standstill::{NotificationChannel, earliest_signature_date};
use printpdf::PdfDocument;

use super::wording::texts;
use crate::error::Result;
use crate::i18n::Lang;
use crate::page::{CONTENT_WIDTH, Canvas, MARGIN_X, Style};
use crate::sections::Ctx;
use crate::{Metadata, ReportInput, bind, text};

/// Everything the letter to one bidder of a consultation is drawn from.
#[derive(Debug, Clone)]
pub struct ConsultationLetterInput<'a> {
    pub consultation: &'a Consultation,
    /// The engine's results of every lot and the award across lots.
    pub results: &'a ConsultationResults,
    /// The addressee: a bidder's id.
    pub bidder: &'a str,
    pub notification: Notification,
    pub lang: Lang,
    /// The PDF's creation date (the letter itself is dated on the notification day).
    pub generated_at: DateTime<Utc>,
    pub software_version: &'a str,
}

/// True when the offer is retained on its lot.
fn retained(notice: &LotNotice) -> bool {
    matches!(notice.outcome, BidOutcome::Awarded | BidOutcome::Holder)
}

/// Renders the letter to one bidder as PDF bytes; `None` when the bidder bid on no lot.
pub fn render_consultation_letter(input: &ConsultationLetterInput) -> Result<Option<Vec<u8>>> {
    let notices = lot_notices(input.consultation, input.results, input.bidder);
    if notices.is_empty() {
        return Ok(None);
    }
    let lang = input.lang;
    let t = texts(lang);
    let info = &input.consultation.info;
    let company = input
        .consultation
        .bidder(input.bidder)
        .map_or_else(|| input.bidder.to_owned(), |b| b.company.clone());
    let subject = t.subject_consultation.replace("{title}", &info.title);

    let mut doc = PdfDocument::new(&subject);
    let fonts = text::Fonts::load(&mut doc)?;
    let mut canvas = Canvas::new(&fonts);

    // Sender, then addressee on the right, then date and channel, as every letter.
    canvas.paragraph(&info.buyer, Style::BOLD.sized(10.5));
    canvas.space(8.0);
    let right = MARGIN_X + CONTENT_WIDTH * 0.55;
    let narrow = CONTENT_WIDTH * 0.45;
    canvas.paragraph_at(right, narrow, &lang.label(t.addressee), Style::SMALL_GREY);
    canvas.paragraph_at(right, narrow, &company, Style::BOLD);
    canvas.space(8.0);
    let channel = match input.notification.channel {
        NotificationChannel::Electronic => t.sent_electronic,
        NotificationChannel::Other => t.sent_other,
    };
    let dated = t
        .dated
        .replace("{date}", &lang.date(input.notification.date));
    canvas.paragraph_at(right, narrow, &dated, Style::BODY);
    canvas.paragraph_at(right, narrow, channel, Style::SMALL_GREY);
    canvas.space(12.0);
    let label_width = canvas.label_column(&[t.subject, t.reference], 90.0, 170.0);
    canvas.field(&lang.label(t.subject), &subject, label_width);
    canvas.field(&lang.label(t.reference), &info.reference, label_width);
    canvas.space(12.0);
    canvas.paragraph(t.salutation, Style::BODY);
    canvas.paragraph(t.consultation_intro, Style::BODY);

    let words = lang.words();
    for notice in &notices {
        let lot = &input.consultation.lots[notice.lot];
        // The sentence names the lot itself (« Lot 3 – Kubernetes managé : … »).
        canvas.space(4.0);
        canvas.paragraph(&notice.sentence.sentence(words), Style::BODY);
        if notice.eliminations.is_empty() {
            continue;
        }
        // The reasons, worded as the report words them for this lot.
        let report_input = ReportInput {
            evaluation: &lot.evaluation,
            results: &input.results.lots[notice.lot],
            results_as_submitted: None,
            rounds: &[],
            lang,
            generated_at: input.generated_at,
            software_version: input.software_version,
            journal: None,
            lot_award: None,
        };
        let ctx = Ctx::new(&report_input, String::new());
        for elimination in &notice.eliminations {
            let mut line = ctx.reason(elimination.reason).to_string();
            if let Some(criterion) = &elimination.criterion {
                line = format!("{line} — {}", ctx.criterion_title(criterion));
            }
            let detail = ctx.elimination_wording(elimination);
            if !detail.is_empty() {
                line = format!("{} {detail}", lang.label(&line));
            }
            canvas.paragraph_at(
                MARGIN_X + 10.0,
                CONTENT_WIDTH - 10.0,
                &format!("• {line}"),
                Style::BODY,
            );
        }
    }

    let signature_from =
        earliest_signature_date(input.notification.date, input.notification.channel);
    let date = signature_from.map(|d| lang.date(d)).unwrap_or_default();
    if notices.iter().any(retained) {
        canvas.space(6.0);
        canvas.paragraph(
            &t.consultation_awarded_standstill.replace("{date}", &date),
            Style::BODY,
        );
    }
    if !notices.iter().all(retained) {
        canvas.subheading(t.standstill_heading);
        let channel = match input.notification.channel {
            NotificationChannel::Electronic => t.channel_electronic,
            NotificationChannel::Other => t.channel_other,
        };
        canvas.paragraph(
            &t.standstill
                .replace(
                    "{days}",
                    &input.notification.channel.standstill_days().to_string(),
                )
                .replace("{channel}", channel)
                .replace("{date}", &date),
            Style::BODY,
        );
        canvas.subheading(t.remedies_heading);
        canvas.paragraph(t.remedies, Style::BODY);
    }
    canvas.space(8.0);
    canvas.paragraph(t.closing, Style::BODY);
    canvas.space(10.0);
    canvas.ensure(40.0);
    canvas.paragraph_at(right, narrow, t.signatory, Style::SMALL_GREY);
    canvas.paragraph_at(right, narrow, &info.buyer, Style::BODY);

    let running_title = format!("{} — {}", info.buyer, info.reference);
    let pages = canvas.finish(&running_title, t.page, None);
    let identifier = format!("{}/{}", info.reference, input.bidder);
    let metadata = Metadata {
        generated_at: input.generated_at,
        author: &info.buyer,
        subject: &info.title,
        reference: &identifier,
        hash: None,
        software_version: input.software_version,
    };
    let document = bind(doc, pages, &[], &metadata)?;
    let seed = format!(
        "{identifier}|{lang:?}|{}|{}",
        input.generated_at.to_rfc3339(),
        input.software_version
    );
    Ok(Some(crate::attachment::finish_plain_document(
        document,
        crate::seeded_id(&seed),
    )?))
}
