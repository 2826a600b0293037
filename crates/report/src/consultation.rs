//! The report of a whole consultation: a first part on the award of the lots (each lot's status
//! and holders, and every step of the award across lots, as the domain worded them), then each
//! lot's report in lot order, each as the report of one lot of the consultation (its award
//! section included). The consultation file is attached, so that anyone can recompute.

use chrono::{DateTime, Utc};
use jauge_domain::lots::{Consultation, ConsultationResults, consultation_to_json};
use jauge_domain::words::{self, Params};
use printpdf::PdfDocument;

use crate::page::{ACCENT, AMBER_FILL, CONTENT_WIDTH, Canvas, GREY, MARGIN_X, RED, Style};
use crate::sections::{self, numbered};
use crate::text::Face;
use crate::{Lang, Metadata, ReportInput, Result, attachment, bind, seeded_id, text};

const LABEL_WIDTH: f32 = 170.0;

/// Everything the report of a consultation is made from.
#[derive(Debug, Clone)]
pub struct ConsultationReportInput<'a> {
    pub consultation: &'a Consultation,
    /// The engine's results of every lot and the award across lots.
    pub results: &'a ConsultationResults,
    /// Each lot's report, in the consultation's lot order, with its `lot_award`.
    pub lots: Vec<ReportInput<'a>>,
    pub lang: Lang,
    pub generated_at: DateTime<Utc>,
    pub software_version: &'a str,
}

/// Renders the consultation's report as PDF bytes, the consultation file
/// (`jauge/consultation@1`, as [`consultation_to_json`] writes it) attached.
pub fn render_consultation_report(input: &ConsultationReportInput) -> Result<Vec<u8>> {
    let document = consultation_to_json(input.consultation).to_string();
    let hash = jauge_domain::sha256_hex(document.as_bytes());
    let packed = attachment::pack_evaluation(&document)?;
    let doc = lay_out(input, &hash)?;
    let description = match input.lang {
        Lang::Fr => {
            "Fichier de consultation (jauge/consultation@1) à partir duquel ce rapport est \
             calculé ; son SHA-256 est l’empreinte imprimée dans la première partie"
        }
        Lang::En => {
            "Consultation file (jauge/consultation@1) this report is computed from; its SHA-256 \
             is the fingerprint printed in the first part"
        }
    };
    let info = attachment::AttachmentInfo {
        description,
        modified: input.generated_at,
        fingerprint: seeded_id(&format!(
            "{hash}|{:?}|{}|{}",
            input.lang,
            input.generated_at.to_rfc3339(),
            input.software_version
        )),
    };
    attachment::finish_document(doc, packed, &info)
}

fn lay_out(input: &ConsultationReportInput, hash: &str) -> Result<lopdf::Document> {
    let t = input.lang.text();
    let info = &input.consultation.info;
    let mut doc = PdfDocument::new(&format!("{} — {}", t.title, info.reference));
    let fonts = text::Fonts::load(&mut doc)?;
    let mut canvas = Canvas::new(&fonts);
    let settled = input.results.settled();
    cover(&mut canvas, input, settled, hash);
    award(&mut canvas, input);
    for (lot, lot_input) in input.consultation.lots.iter().zip(&input.lots) {
        canvas.new_page();
        let page = canvas.page_number();
        canvas
            .bookmarks
            .push((format!("{} {} – {}", t.lot, lot.number, lot.title), page));
        let lot_hash = jauge_domain::canonical_hash(lot_input.evaluation);
        let ctx = sections::Ctx::new(lot_input, lot_hash);
        sections::render_all(&mut canvas, &ctx);
    }
    let bookmarks = std::mem::take(&mut canvas.bookmarks);
    let draft = (!settled).then_some(t.draft);
    let running_title = format!("{} — {} — {}", t.title, info.reference, info.title);
    let pages = canvas.finish(&running_title, t.page, draft);
    let metadata = Metadata {
        generated_at: input.generated_at,
        author: &info.buyer,
        subject: &info.title,
        reference: &info.reference,
        hash: Some(hash),
        software_version: input.software_version,
    };
    bind(doc, pages, &bookmarks, &metadata)
}

/// Page 1: the consultation, whether its award is settled, and the fingerprint of the file.
fn cover(canvas: &mut Canvas, input: &ConsultationReportInput, settled: bool, hash: &str) {
    let t = input.lang.text();
    let info = &input.consultation.info;
    canvas.y = 110.0;
    canvas.paragraph(&info.buyer, Style::BOLD.with_color(GREY).sized(11.0));
    canvas.space(6.0);
    let title = Style {
        face: Face::Bold,
        size: 24.0,
        color: ACCENT,
    };
    canvas.paragraph(t.title, title);
    canvas.paragraph(&info.title, Style::BODY.sized(14.0));
    canvas.space(8.0);
    if !settled {
        let top = canvas.y;
        canvas.fill_rect(MARGIN_X, top, CONTENT_WIDTH, 26.0, AMBER_FILL);
        canvas.text(
            MARGIN_X + 10.0,
            top + 17.5,
            &format!("{} — {}", t.draft, t.consultation_draft_status),
            Style::BOLD.with_color(RED).sized(11.0),
        );
        canvas.y = top + 34.0;
    }
    canvas.space(10.0);
    let lang = input.lang;
    let status = if settled {
        t.consultation_final_status
    } else {
        t.consultation_draft_status
    };
    let mut fields: Vec<(&str, String)> = vec![
        (t.reference, info.reference.clone()),
        (t.subject, info.title.clone()),
        (t.buyer, info.buyer.clone()),
    ];
    if let Some(launch) = info.launch_date {
        fields.push((t.launch_date, lang.date(launch)));
    }
    fields.push((t.deadline, lang.date(info.deadline)));
    fields.push((t.report_date, lang.date_time(input.generated_at)));
    fields.push((t.status, status.to_owned()));
    fields.push((
        t.consultation_lots,
        input.consultation.lots.len().to_string(),
    ));
    fields.push((t.consultation_fingerprint, hash.to_owned()));
    for (label, value) in fields {
        canvas.field(&lang.label(label), &value, LABEL_WIDTH);
    }
}

/// Section 1: each lot's status and holders, then every step of the award across lots.
fn award(canvas: &mut Canvas, input: &ConsultationReportInput) {
    let t = input.lang.text();
    let lang = input.lang.words();
    let consultation = input.consultation;
    canvas.heading(&numbered(1, t.consultation_award), true);
    canvas.paragraph(t.consultation_award_intro, Style::BODY);
    canvas.space(4.0);
    for (lot, allocation) in consultation.lots.iter().zip(&input.results.allocation.lots) {
        canvas.subheading(&format!("{} {} – {}", t.lot, lot.number, lot.title));
        let status = words::render(
            words::LOT_STATUSES,
            allocation.status.as_str(),
            &Params::new(),
            lang,
        );
        canvas.field(&input.lang.label(t.lot_status), &status, LABEL_WIDTH);
        let label = input.lang.label(t.lot_holders);
        if allocation.holders.is_empty() {
            canvas.field(&label, "—", LABEL_WIDTH);
        }
        for (i, holder) in allocation.holders.iter().enumerate() {
            let company = consultation
                .bidders
                .get(holder.bidder)
                .map_or_else(|| holder.offer.clone(), |b| b.company.clone());
            let line = format!(
                "{}. {company} ({} {})",
                holder.holder_rank,
                t.rank.to_lowercase(),
                holder.rank
            );
            canvas.field(if i == 0 { &label } else { "" }, &line, LABEL_WIDTH);
        }
    }
    canvas.space(6.0);
    canvas.subheading(t.award_steps);
    for step in &input.results.allocation.trace {
        canvas.paragraph(&format!("– {}", step.sentence(lang)), Style::BODY);
    }
}
