//! A request to one bidder as a letter: a *demande de précisions* (clarify the offer without
//! changing it), a *demande de régularisation* of an irregular offer (R2152-2), an invitation
//! to negotiate at a round, or a request to justify a price that looks abnormally low
//! (R2152-3). One PDF per request, French or English, drawn with the letters'
//! canvas and fonts; bytes out, no file IO, the date passed in.
//!
//! What it prints: the buyer, the bidder, the day the request is sent, the tender's reference
//! (and lot), the request's number and round, why the bidder is asked (for a regularisation the
//! reason the buyer recorded for the offer being irregular), the question, the criteria it bears
//! on, the deadline for the answer and what the answer may not do. Never another bidder's name
//! or anything about another offer, and no score.

use chrono::{DateTime, Utc};
use jauge_domain::{Evaluation, Exchange, ExchangeKind, Procedure};
use printpdf::PdfDocument;

use super::wording::{RequestTexts, request_texts, texts};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::page::{CONTENT_WIDTH, Canvas, MARGIN_X, Style};
use crate::text;

/// Everything one request letter is drawn from.
#[derive(Debug, Clone)]
pub struct RequestInput<'a> {
    pub evaluation: &'a Evaluation,
    /// The request, as recorded in `evaluation.exchanges`.
    pub exchange: &'a Exchange,
    pub lang: Lang,
    /// The PDF's creation date (the letter itself is dated on the day the request is sent).
    pub generated_at: DateTime<Utc>,
    pub software_version: &'a str,
}

/// The request's subject line.
fn subject(input: &RequestInput, t: &RequestTexts) -> String {
    let template = match input.exchange.kind {
        ExchangeKind::Clarification => t.subject_clarification,
        ExchangeKind::Regularisation => t.subject_regularisation,
        ExchangeKind::Negotiation => t.subject_negotiation,
        ExchangeKind::AbnormallyLow => t.subject_abnormally_low,
    };
    template.replace("{title}", &input.evaluation.tender.title)
}

/// Renders one request letter as PDF bytes. Refused for an exchange whose offer is not in the
/// evaluation (the caller looks the exchange up in the evaluation it passes).
pub fn render_request(input: &RequestInput) -> Result<Vec<u8>> {
    let lang = input.lang;
    let t = request_texts(lang);
    let tender = &input.evaluation.tender;
    let exchange = input.exchange;
    let offer = input
        .evaluation
        .offers
        .iter()
        .find(|o| o.id == exchange.offer)
        .ok_or_else(|| Error::Pdf(format!("no offer {} in the evaluation", exchange.offer)))?;

    let mut doc = PdfDocument::new(&subject(input, t));
    let fonts = text::Fonts::load(&mut doc)?;
    let mut canvas = Canvas::new(&fonts);
    draw(&mut canvas, input, offer, t);

    let running_title = format!("{} — {}", tender.buyer, tender.reference);
    let pages = canvas.finish(&running_title, texts(lang).page, None);
    let identifier = format!("{}/{}", tender.reference, exchange.id);
    let seed = format!(
        "{}|request|{}|{lang:?}|{}|{}",
        tender.reference,
        exchange.id,
        input.generated_at.to_rfc3339(),
        input.software_version
    );
    super::finish_letter(
        doc,
        pages,
        tender,
        identifier,
        &seed,
        input.generated_at,
        input.software_version,
    )
}

fn draw(canvas: &mut Canvas, input: &RequestInput, offer: &jauge_domain::Offer, t: &RequestTexts) {
    let lang = input.lang;
    let letter = texts(lang);
    let exchange = input.exchange;
    let evaluation = input.evaluation;
    let tender = &evaluation.tender;

    canvas.paragraph(&tender.buyer, Style::BOLD.sized(10.5));
    let mut addressee = offer.bidder.clone();
    if let Some(name) = offer.name.as_ref().filter(|n| *n != &offer.bidder) {
        addressee = format!("{addressee}\n{name}");
    }
    canvas.space(8.0);
    let right = MARGIN_X + CONTENT_WIDTH * 0.55;
    canvas.paragraph_at(
        right,
        CONTENT_WIDTH * 0.45,
        &lang.label(letter.addressee),
        Style::SMALL_GREY,
    );
    canvas.paragraph_at(right, CONTENT_WIDTH * 0.45, &addressee, Style::BOLD);
    canvas.space(8.0);
    let dated = letter.dated.replace("{date}", &lang.date(exchange.sent));
    canvas.paragraph_at(right, CONTENT_WIDTH * 0.45, &dated, Style::BODY);
    canvas.space(12.0);

    let round = exchange.round.as_deref().and_then(|id| {
        evaluation
            .rounds()
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.label.as_str())
    });
    let labels = [
        letter.subject,
        letter.reference,
        letter.lot,
        t.number,
        t.round,
    ];
    let label_width = canvas.label_column(&labels, 90.0, 170.0);
    canvas.field(&lang.label(letter.subject), &subject(input, t), label_width);
    canvas.field(
        &lang.label(letter.reference),
        &tender.reference,
        label_width,
    );
    if let Some(lot) = &tender.lot {
        canvas.field(&lang.label(letter.lot), lot, label_width);
    }
    canvas.field(&lang.label(t.number), &exchange.id, label_width);
    if let Some(round) = round {
        canvas.field(&lang.label(t.round), round, label_width);
    }
    canvas.space(12.0);
    canvas.paragraph(letter.salutation, Style::BODY);

    match exchange.kind {
        ExchangeKind::Clarification => {
            let basis = match tender.procedure {
                Some(Procedure::Open) => t.basis_open,
                Some(Procedure::Restricted) => t.basis_restricted,
                _ => "",
            };
            canvas.paragraph(
                &t.clarification_intro.replace("{basis}", basis),
                Style::BODY,
            );
        }
        ExchangeKind::Regularisation => {
            if let Some(reason) = &offer.irregular {
                canvas.paragraph(
                    &t.regularisation_reason.replace("{reason}", reason.trim()),
                    Style::BODY,
                );
            }
            canvas.paragraph(t.regularisation_intro, Style::BODY);
        }
        ExchangeKind::Negotiation => {
            let intro = match round {
                Some(round) => t.negotiation_intro_round.replace("{round}", round),
                None => t.negotiation_intro.to_owned(),
            };
            canvas.paragraph(&intro, Style::BODY);
        }
        ExchangeKind::AbnormallyLow => canvas.paragraph(t.abnormally_low_intro, Style::BODY),
    }

    canvas.subheading(t.question_heading);
    canvas.paragraph(exchange.question.trim(), Style::BODY);
    if !exchange.criteria.is_empty() {
        let titles: Vec<String> = exchange
            .criteria
            .iter()
            .map(|id| {
                evaluation
                    .criterion(id)
                    .map_or_else(|| id.clone(), |c| c.title.clone())
            })
            .collect();
        canvas.paragraph(
            &format!("{} {}", lang.label(t.criteria), titles.join(" ; ")),
            Style::BODY,
        );
    }

    canvas.subheading(t.answer_heading);
    match exchange.deadline {
        Some(deadline) => canvas.paragraph(
            &t.deadline.replace("{date}", &lang.date(deadline)),
            Style::BODY,
        ),
        None => canvas.paragraph(t.no_deadline, Style::BODY),
    }
    let limit = match exchange.kind {
        ExchangeKind::Clarification => t.clarification_limit,
        ExchangeKind::Regularisation => t.regularisation_limit,
        ExchangeKind::Negotiation => t.negotiation_limit,
        ExchangeKind::AbnormallyLow => t.abnormally_low_limit,
    };
    canvas.paragraph(limit, Style::BODY);
    canvas.paragraph(&t.quote.replace("{id}", &exchange.id), Style::BODY);

    canvas.space(8.0);
    canvas.paragraph(letter.closing, Style::BODY);
    canvas.space(10.0);
    canvas.ensure(40.0);
    canvas.paragraph_at(
        right,
        CONTENT_WIDTH * 0.45,
        letter.signatory,
        Style::SMALL_GREY,
    );
    canvas.paragraph_at(right, CONTENT_WIDTH * 0.45, &tender.buyer, Style::BODY);
}
