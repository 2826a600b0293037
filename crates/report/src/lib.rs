//! The "rapport d'analyse des offres": renders an evaluation and its results as a PDF a buyer can
//! sign and archive, and reads back the evaluation file embedded in such a report.
//!
//! Invariants: rendering is pure — bytes in memory out, no file, network or clock access (the
//! report's date is passed in and is also the PDF's metadata date), fonts are compiled in. The
//! report never recomputes a score: it prints the engine's [`jauge_domain::Results`], and embeds
//! the canonical evaluation JSON as the attachment `evaluation.json` so anyone can recompute
//! them. Figures are computed unrounded and displayed with two decimals. This crate must not
//! depend on Tauri, the store or the signing crate: the signer works on the bytes we return.

mod assemble;
mod attachment;
mod chart;
mod consultation;
mod error;
mod i18n;
mod letters;
mod page;
mod sections;
mod table;
mod text;

use chrono::{DateTime, Datelike, Timelike, Utc};
use jauge_domain::{Evaluation, Results};
use printpdf::{PdfDocument, PdfPage, Pt, Rect};

pub use attachment::{ATTACHMENT_NAME, extract_evaluation};
pub use consultation::{ConsultationReportInput, render_consultation_report};
pub use error::{Error, Result};
pub use i18n::Lang;
pub use letters::{
    ConsultationLetterInput, LetterInput, RequestInput, draft_advantages,
    render_consultation_letter, render_letter, render_request,
};

/// The store's journal at the time of the report: how many entries, and the hash of the last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalDigest {
    pub entries: u64,
    pub head_hash: String,
    /// Packages sent to evaluators and scoring files received, as the journal records them.
    pub committee_files: Vec<jauge_domain::package::CommitteeFile>,
}

/// A lot's award within its consultation (`jauge_domain::lots`), for the report of one lot.
#[derive(Debug, Clone, PartialEq)]
pub struct LotAwardReport {
    pub status: jauge_domain::lots::LotStatus,
    /// Each offer retained: the bidder's company, its rank in the lot's ranking and its rank
    /// among the holders, best first.
    pub holders: Vec<(String, u32, u32)>,
    /// The steps of the award across lots that concern this lot, and those of the whole
    /// consultation (the cap and the rule), in order.
    pub steps: Vec<jauge_domain::lots::Step>,
}

/// Everything a report is made from.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    pub evaluation: &'a Evaluation,
    /// The engine's results for `evaluation` (the report does not recompute them).
    pub results: &'a Results,
    /// With a price schedule, the engine's results on the bidders' figures as written
    /// (`jauge_domain::evaluate_on` with `PriceBasis::AsSubmitted`), for the ranking before
    /// corrections; `None` leaves that table out.
    pub results_as_submitted: Option<&'a Results>,
    /// With rounds of offers, every round's results (`jauge_domain::rounds::evaluate_rounds`),
    /// for the section per round; empty leaves it out.
    pub rounds: &'a [jauge_domain::rounds::RoundResults],
    pub lang: Lang,
    /// The report's date, printed on the cover and used as the PDF creation date.
    pub generated_at: DateTime<Utc>,
    pub software_version: &'a str,
    /// Present when the report comes from the store.
    pub journal: Option<JournalDigest>,
    /// Present when the evaluation is one lot of a consultation: the section on its award.
    pub lot_award: Option<LotAwardReport>,
}

/// Renders the report as PDF bytes, with the evaluation attached as `evaluation.json`.
pub fn render_report(input: &ReportInput) -> Result<Vec<u8>> {
    let canonical = jauge_domain::evaluation_to_canonical_string(input.evaluation);
    let hash = jauge_domain::sha256_hex(canonical.as_bytes());
    // Deflating the attachment (20 MB for 30 offers × 400 criteria) runs beside the layout.
    std::thread::scope(|scope| {
        let packing = scope.spawn(|| attachment::pack_evaluation(&canonical));
        let doc = lay_out(input, &hash)?;
        let packed = packing
            .join()
            .unwrap_or_else(|_| Err(Error::Pdf("compression thread panicked".into())))?;
        let description = match input.lang {
            Lang::Fr => {
                "Fichier d’évaluation (jauge/evaluation@1) à partir duquel ce rapport est calculé ; \
                 son SHA-256 est l’empreinte imprimée dans le rapport"
            }
            Lang::En => {
                "Evaluation file (jauge/evaluation@1) this report is computed from; its SHA-256 is \
                 the fingerprint printed in the report"
            }
        };
        let info = attachment::AttachmentInfo {
            description,
            modified: input.generated_at,
            fingerprint: document_id(&hash, input),
        };
        attachment::finish_document(doc, packed, &info)
    })
}

/// Lays the pages out and hands printpdf's document over as lopdf's, streams uncompressed.
fn lay_out(input: &ReportInput, hash: &str) -> Result<lopdf::Document> {
    let t = input.lang.text();
    let tender = &input.evaluation.tender;

    let mut doc = PdfDocument::new(&format!("{} — {}", t.title, tender.reference));
    let fonts = text::Fonts::load(&mut doc)?;
    let mut canvas = page::Canvas::new(&fonts);
    let ctx = sections::Ctx::new(input, hash.to_owned());
    sections::render_all(&mut canvas, &ctx);

    let bookmarks = std::mem::take(&mut canvas.bookmarks);
    let draft = ctx.is_draft().then_some(t.draft);
    let running_title = format!("{} — {} — {}", t.title, tender.reference, tender.title);
    let pages = canvas.finish(&running_title, t.page, draft);
    let metadata = Metadata {
        generated_at: input.generated_at,
        author: &tender.buyer,
        subject: &tender.title,
        reference: &tender.reference,
        hash: Some(hash),
        software_version: input.software_version,
    };
    bind(doc, pages, &bookmarks, &metadata)
}

/// What the PDF's document information says.
pub(crate) struct Metadata<'a> {
    pub generated_at: DateTime<Utc>,
    pub author: &'a str,
    pub subject: &'a str,
    pub reference: &'a str,
    /// SHA-256 of the attached file, if any.
    pub hash: Option<&'a str>,
    pub software_version: &'a str,
}

/// Puts the laid-out pages into `doc`, with its metadata and outline, as lopdf's document.
pub(crate) fn bind(
    mut doc: PdfDocument,
    pages: Vec<Vec<printpdf::Op>>,
    bookmarks: &[(String, usize)],
    metadata: &Metadata,
) -> Result<lopdf::Document> {
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
    let when = pdf_date(metadata.generated_at);
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    info.author = metadata.author.to_owned();
    info.subject = metadata.subject.to_owned();
    info.creator = format!("Jauge {}", metadata.software_version);
    info.producer = format!("Jauge {} (printpdf, lopdf)", metadata.software_version);
    info.keywords = std::iter::once(metadata.reference.to_owned())
        .chain(metadata.hash.map(|hash| format!("sha256:{hash}")))
        .collect();
    info.identifier = metadata.reference.to_owned();

    assemble::assemble(doc, pages, bookmarks)
}

fn pdf_date(at: DateTime<Utc>) -> printpdf::OffsetDateTime {
    // chrono gives values in range, so the narrowing casts cannot truncate.
    printpdf::OffsetDateTime::new_in_offset(
        printpdf::Date {
            year: at.year(),
            month: at.month() as u8,
            day: at.day() as u8,
        },
        printpdf::Time {
            hour: at.hour() as u8,
            minute: at.minute() as u8,
            second: at.second() as u8,
            millisecond: 0,
        },
        printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    )
}

/// A stable PDF `/ID`: the evaluation's hash mixed with what else makes this file unique.
fn document_id(hash: &str, input: &ReportInput) -> [u8; 16] {
    seeded_id(&format!(
        "{hash}|{:?}|{}|{}",
        input.lang,
        input.generated_at.to_rfc3339(),
        input.software_version
    ))
}

/// Sixteen bytes from `seed`, for a PDF `/ID`.
pub(crate) fn seeded_id(seed: &str) -> [u8; 16] {
    let mut id = [0u8; 16];
    // Two FNV-1a passes with different offsets fill the 16 bytes; collisions only matter
    // between reports of the same evaluation, which differ in the seed anyway.
    for (half, offset) in [0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142]
        .iter()
        .enumerate()
    {
        let mut h = *offset;
        for byte in seed.bytes() {
            h ^= u64::from(byte);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        id[half * 8..half * 8 + 8].copy_from_slice(&h.to_be_bytes());
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use jauge_domain::catalog::Catalogs;

    /// A small evaluation with what tends to break renderers: accents, quotes, a long
    /// justification, a consensus, an eliminated and an incomplete offer.
    const SAMPLE: &str = r#"{
      "format": "jauge/evaluation@1",
      "tender": {"reference": "T-1", "title": "Hébergement « cloud » de l’État", "buyer": "Préfecture",
                 "deadline": "2026-10-15", "procedure": "adapted"},
      "criteria": [
        {"id": "price", "title": "Prix", "weight": 60, "kind": "price", "formula": {"name": "linear"}},
        {"id": "q", "title": "Qualité œuvrée", "weight": 40, "kind": "scored", "scale": {"min": 0, "max": 4},
         "levels": [{"value": 0, "label": "Absent"}, {"value": 4, "label": "Excellent"}]}
      ],
      "evaluators": [{"id": "e1", "name": "Zoé Ærø"}, {"id": "e2", "name": "Ève Noël"}],
      "offers": [
        {"id": "a", "bidder": "Société A", "price": 1234.5},
        {"id": "b", "bidder": "Société B", "price": 999},
        {"id": "c", "bidder": "Société C", "price": 800, "irregular": {"reason": "Offre hors délai"}},
        {"id": "d", "bidder": "Société D", "price": 1500}
      ],
      "scores": [
        {"offer": "a", "criterion": "q", "evaluator": "e1", "value": 4, "justification": "Très complet ; « réversibilité » documentée, plan de migration détaillé sur douze mois avec jalons, pénalités et engagements de service."},
        {"offer": "a", "criterion": "q", "evaluator": "e2", "value": 1},
        {"offer": "b", "criterion": "q", "evaluator": "e1", "value": 2}
      ],
      "consensus": [{"offer": "a", "criterion": "q", "value": 3, "justification": "Arbitrage de la commission."}]
    }"#;

    fn render(lang: Lang) -> (Evaluation, Vec<u8>) {
        let evaluation = match jauge_domain::parse_evaluation(SAMPLE) {
            Ok(e) => e,
            Err(invalid) => panic!("{invalid}"),
        };
        let catalogs = match Catalogs::bundled() {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        let results = jauge_domain::evaluate(&evaluation, &catalogs);
        let input = ReportInput {
            evaluation: &evaluation,
            results: &results,
            results_as_submitted: None,
            rounds: &[],
            lang,
            generated_at: DateTime::from_timestamp(1_793_000_000, 0).unwrap_or_default(),
            software_version: "test",
            journal: None,
            lot_award: None,
        };
        match render_report(&input) {
            Ok(bytes) => (evaluation, bytes),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn the_embedded_evaluation_round_trips() {
        for lang in [Lang::Fr, Lang::En] {
            let (evaluation, pdf) = render(lang);
            assert!(pdf.starts_with(b"%PDF-1.7"));
            let text = match extract_evaluation(&pdf) {
                Ok(t) => t,
                Err(e) => panic!("{e}"),
            };
            assert_eq!(
                text,
                jauge_domain::evaluation_to_canonical_string(&evaluation)
            );
            assert_eq!(
                jauge_domain::sha256_hex(text.as_bytes()),
                jauge_domain::canonical_hash(&evaluation)
            );
            assert_eq!(jauge_domain::parse_evaluation(&text).ok(), Some(evaluation));
        }
    }

    #[test]
    fn rendering_is_deterministic() {
        assert!(render(Lang::Fr).1 == render(Lang::Fr).1);
    }

    #[test]
    fn extraction_errors_are_told_apart() {
        assert!(matches!(
            extract_evaluation(b"hello"),
            Err(Error::NotPdf(_))
        ));
        assert!(matches!(
            extract_evaluation(b"%PDF-1.7\ngarbage"),
            Err(Error::NotPdf(_))
        ));
        let mut doc = PdfDocument::new("bare");
        doc.with_pages(vec![PdfPage::new(
            printpdf::Mm(210.0),
            printpdf::Mm(297.0),
            vec![],
        )]);
        let bare = doc.save(&printpdf::PdfSaveOptions::default(), &mut Vec::new());
        assert!(matches!(
            extract_evaluation(&bare),
            Err(Error::NoEmbeddedEvaluation)
        ));
    }
}
