//! The lot's award within its consultation: its status, who holds it with which rank, and the
//! steps of the award across lots (the cap and the rule applied), as the domain worded them.

use jauge_domain::words::{self, Params};

use super::{Ctx, numbered};
use crate::LotAwardReport;
use crate::page::{Canvas, Style};

const LABEL_WIDTH: f32 = 160.0;

pub(super) fn render(canvas: &mut Canvas, ctx: &Ctx, award: &LotAwardReport, number: usize) {
    let t = ctx.t;
    let lang = ctx.lang.words();
    canvas.heading(&numbered(number, t.lot_award), false);
    canvas.paragraph(t.lot_award_intro, Style::BODY);
    canvas.space(4.0);
    let status = words::render(
        words::LOT_STATUSES,
        award.status.as_str(),
        &Params::new(),
        lang,
    );
    canvas.field(&ctx.lang.label(t.lot_status), &status, LABEL_WIDTH);
    canvas.space(3.0);
    let holders: Vec<String> = award
        .holders
        .iter()
        .map(|(company, rank, holder_rank)| {
            format!(
                "{holder_rank}. {company} ({} {rank})",
                t.rank.to_lowercase()
            )
        })
        .collect();
    let label = ctx.lang.label(t.lot_holders);
    if holders.is_empty() {
        canvas.field(&label, "—", LABEL_WIDTH);
    }
    for (i, holder) in holders.iter().enumerate() {
        canvas.field(if i == 0 { &label } else { "" }, holder, LABEL_WIDTH);
    }
    canvas.space(6.0);
    canvas.subheading(t.award_steps);
    for step in &award.steps {
        canvas.paragraph(&format!("– {}", step.sentence(lang)), Style::BODY);
    }
}
