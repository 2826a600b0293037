//! How offers were scored: the published criteria and weights, scales and their meaning, the
//! price formula written out, consolidation, thresholds, rounding, and the committee.

use jauge_domain::scheme::scheme_label;
use jauge_domain::{AbnormallyLowMethod, Consolidation, CriterionBody, PriceFormula};

use super::{Ctx, numbered};
use crate::i18n::Lang;
use crate::page::{Align, CONTENT_WIDTH, Canvas, GREEN, Style};
use crate::table::{Cell, Column, Row, TableStyle, draw_table};

pub(super) fn render(canvas: &mut Canvas, ctx: &Ctx, number: usize) {
    let t = ctx.t;
    let lang = ctx.lang;
    canvas.heading(&numbered(number, t.method), true);

    canvas.subheading(t.criteria_tree);
    let columns = [
        Column::new(t.criterion, 200.0, Align::Left),
        Column::new(t.kind, 58.0, Align::Left),
        Column::new(t.weighting, 58.0, Align::Right),
        Column::new(t.scale_or_rule, CONTENT_WIDTH - 316.0, Align::Left),
    ];
    let rows: Vec<Row> = ctx
        .nodes
        .iter()
        .map(|(node, depth)| {
            let mut about = vec![node.id.clone()];
            if !node.refs().is_empty() {
                about.push(format!("{} {}", lang.label(t.refs), node.refs().join(", ")));
            }
            if node.is_environmental() {
                about.push(t.environmental.to_string());
            }
            let title = format!("{}\n{}", node.title, about.join(" · "));
            let indent = *depth as f32 * 9.0;
            let mut title_cell = Cell::new(title).indent(indent);
            if node.is_environmental() {
                title_cell = title_cell.color(GREEN);
            }
            let (kind, rule) = match &node.body {
                CriterionBody::Group { .. } => (t.kind_group, String::new()),
                CriterionBody::Scored { .. } => (t.kind_scored, scale_text(ctx, node)),
                CriterionBody::Price { formula } => {
                    (t.kind_price, price_formula(lang, *formula, node.weight))
                }
                CriterionBody::Requirement { auto } => (
                    t.kind_requirement,
                    match auto {
                        None => t.requirement_manual.to_string(),
                        Some(check) => {
                            let mut parts = vec![scheme_label(&check.scheme).to_string()];
                            if let Some(level) = check.min_level {
                                let named = lang.scheme_level(&check.scheme, level);
                                let number = lang.compact(level);
                                parts.push(if named == number {
                                    format!("{} {number}", t.min_level)
                                } else {
                                    format!("{} {number} ({named})", t.min_level)
                                });
                            }
                            let status: Vec<&str> = check
                                .accepted_status()
                                .iter()
                                .map(|s| lang.certification_status(*s))
                                .collect();
                            parts.push(status.join(" / "));
                            parts.push(t.valid_on_deadline.to_string());
                            format!("{}\n{}", lang.label(t.requirement_auto), parts.join(", "))
                        }
                    },
                ),
            };
            let cells = vec![
                if node.is_leaf() {
                    title_cell
                } else {
                    title_cell.bold()
                },
                Cell::new(kind),
                Cell::new(ctx.weight_text(node)).bold(),
                Cell::new(rule),
            ];
            if node.is_leaf() {
                Row::new(cells)
            } else {
                Row::group(cells)
            }
        })
        .collect();
    draw_table(canvas, &columns, &rows, TableStyle::SMALL);

    canvas.subheading(t.rules);
    let settings = &ctx.eval.settings;
    let mut fields: Vec<(&str, String)> = Vec::new();
    fields.push((t.scored_points, t.points_formula.to_string()));
    if let Some(price) = ctx.eval.price_leaf()
        && let CriterionBody::Price { formula } = price.body
    {
        fields.push((
            t.price_formula,
            format!(
                "{}\n{}",
                price_formula(lang, formula, price.weight),
                t.price_set
            ),
        ));
    }
    let consolidation = match settings.consolidation() {
        Consolidation::Mean => t.consolidation_mean,
        Consolidation::Median => t.consolidation_median,
    };
    fields.push((
        t.consolidation,
        format!("{consolidation} ; {}", t.consensus_first),
    ));
    fields.push((
        t.divergence_threshold,
        lang.percent(settings.divergence_threshold()),
    ));
    let al = match settings.abnormally_low() {
        AbnormallyLowMethod::None => t.al_none.to_string(),
        AbnormallyLowMethod::MeanMinusSigma => t.al_mean_minus_sigma.to_string(),
        AbnormallyLowMethod::PercentBelowMean { percent } => t.al_percent_below_mean.replace(
            "{p}",
            &lang.percent(percent.unwrap_or(jauge_domain::DEFAULT_PERCENT_BELOW_MEAN) / 100.0),
        ),
        AbnormallyLowMethod::TrimmedMean => t.al_trimmed_mean.to_string(),
    };
    fields.push((t.abnormally_low_method, format!("{al} ({})", t.al_minimum)));
    if settings.sealed_prices() {
        let opening = match &ctx.eval.prices_opened_at {
            Some(at) => t.prices_opened_on.replace("{at}", &timestamp(lang, at)),
            None => t.prices_still_sealed.to_string(),
        };
        fields.push((t.sealed_prices, opening));
    }
    fields.push((t.ranking_rule, ranking_rule(lang).to_string()));
    fields.push((t.rounding, t.rounding_text.to_string()));
    let labels: Vec<String> = fields.iter().map(|(l, _)| lang.label(l)).collect();
    let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let label_width = canvas.label_column(&label_refs, 120.0, 200.0);
    for (label, (_, value)) in labels.iter().zip(fields) {
        canvas.field(label, &value, label_width);
        canvas.space(3.0);
    }

    canvas.subheading(t.evaluators);
    if ctx.eval.evaluators.is_empty() {
        canvas.paragraph(t.no_evaluator, Style::BODY);
        return;
    }
    let columns = [
        Column::new(t.initials, 60.0, Align::Left),
        Column::new(t.name, 200.0, Align::Left),
        Column::new(t.role, CONTENT_WIDTH - 260.0, Align::Left),
    ];
    let rows: Vec<Row> = ctx
        .eval
        .evaluators
        .iter()
        .map(|e| {
            let label = if ctx.uses_initials() {
                ctx.evaluator_label(&e.id)
            } else {
                e.id.clone()
            };
            Row::new(vec![
                Cell::new(label),
                Cell::new(e.name.clone()),
                Cell::new(e.role.clone().unwrap_or_default()),
            ])
        })
        .collect();
    draw_table(canvas, &columns, &rows, TableStyle::BODY);
    declarations(canvas, ctx);
}

/// An RFC 3339 time as the report prints times (UTC), or as written when it does not read.
fn timestamp(lang: Lang, at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_owned(),
        |t| lang.date_time(t.with_timezone(&chrono::Utc)),
    )
}

/// The evaluators' declarations of interests, per evaluator then offer (file order).
fn declarations(canvas: &mut Canvas, ctx: &Ctx) {
    let t = ctx.t;
    let eval = ctx.eval;
    if eval.declarations.is_empty() && !eval.settings.declarations_required() {
        return;
    }
    canvas.subheading(t.declarations);
    canvas.paragraph(t.declarations_rule, Style::BODY);
    if eval.declarations.is_empty() {
        canvas.paragraph(t.no_declaration, Style::BODY);
        return;
    }
    let who = if ctx.uses_initials() {
        t.initials
    } else {
        t.name
    };
    let columns = [
        Column::new(who, 75.0, Align::Left),
        Column::new(t.offer, 105.0, Align::Left),
        Column::new(t.declaration, 135.0, Align::Left),
        Column::new(t.declared_at, 80.0, Align::Left),
        Column::new(t.note, CONTENT_WIDTH - 395.0, Align::Left),
    ];
    let mut rows = Vec::new();
    for evaluator in &eval.evaluators {
        for offer in &eval.offers {
            let Some(d) = eval.declaration(&evaluator.id, &offer.id) else {
                continue;
            };
            let verdict = if d.conflict {
                Cell::new(t.declaration_conflict).bold()
            } else {
                Cell::new(t.declaration_none)
            };
            rows.push(Row::new(vec![
                Cell::new(ctx.evaluator_label(&evaluator.id)),
                Cell::new(offer.label().to_owned()),
                verdict,
                Cell::new(timestamp(ctx.lang, &d.at)),
                Cell::new(d.note.clone().unwrap_or_default()),
            ]));
        }
    }
    draw_table(canvas, &columns, &rows, TableStyle::SMALL);
}

fn ranking_rule(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => {
            "par total décroissant ; des offres à égalité (à 10⁻⁹ près) partagent le même rang (1, 1, 3) ; l’offre retenue est la seule classée première lorsqu’aucune offre n’est incomplète"
        }
        Lang::En => {
            "by decreasing total; offers tied (within 10⁻⁹) share a rank (1, 1, 3); the selected offer is the only one ranked first when no offer is incomplete"
        }
    }
}

/// The scale, its elimination threshold and the meaning of each anchored level.
fn scale_text(ctx: &Ctx, node: &jauge_domain::Criterion) -> String {
    let t = ctx.t;
    let lang = ctx.lang;
    let CriterionBody::Scored {
        scale,
        levels,
        threshold,
    } = &node.body
    else {
        return String::new();
    };
    let range = match lang {
        Lang::Fr => format!(
            "{} de {} à {}",
            t.scale,
            lang.compact(scale.min),
            lang.compact(scale.max)
        ),
        Lang::En => format!(
            "{} {} to {}",
            t.scale,
            lang.compact(scale.min),
            lang.compact(scale.max)
        ),
    };
    let mut lines = vec![match scale.step {
        Some(step) => format!("{range}, {} {}", t.step, lang.compact(step)),
        None => range,
    }];
    if let Some(threshold) = threshold {
        lines.push(format!(
            "{} {}",
            lang.label(t.threshold),
            lang.compact(*threshold)
        ));
    }
    for level in levels.iter().flatten() {
        lines.push(format!(
            "{} {}",
            lang.label(&lang.compact(level.value)),
            level.label
        ));
    }
    lines.join("\n")
}

/// The price formula with the weight written in, e.g. `Note = 40 × Pmin / P`.
pub(super) fn price_formula(lang: Lang, formula: PriceFormula, weight: f64) -> String {
    let w = lang.compact(weight);
    let (score, sep) = match lang {
        Lang::Fr => ("Note", " ;"),
        Lang::En => ("Score", ","),
    };
    match formula {
        PriceFormula::Proportional => format!("{score} = {w} × Pmin / P"),
        PriceFormula::Linear => match lang {
            Lang::Fr => {
                format!("{score} = {w} × (Pmax − P) / (Pmax − Pmin), ou {w} si Pmax = Pmin")
            }
            Lang::En => {
                format!("{score} = {w} × (Pmax − P) / (Pmax − Pmin), or {w} when Pmax = Pmin")
            }
        },
        PriceFormula::RelativeGap => format!("{score} = {w} × max(0{sep} 1 − (P − Pmin) / Pmin)"),
        PriceFormula::NTimes { n } => {
            let n_text = lang.compact(n);
            let n_minus_1 = lang.compact(n - 1.0);
            format!("{score} = {w} × max(0{sep} ({n_text} × Pmin − P) / ({n_minus_1} × Pmin))")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn price_formulas_are_written_out_with_the_weight() {
        assert_eq!(
            price_formula(Lang::Fr, PriceFormula::Proportional, 40.0),
            "Note = 40 × Pmin / P"
        );
        assert_eq!(
            price_formula(Lang::En, PriceFormula::Proportional, 40.0),
            "Score = 40 × Pmin / P"
        );
        assert_eq!(
            price_formula(Lang::Fr, PriceFormula::NTimes { n: 2.5 }, 30.0),
            "Note = 30 × max(0 ; (2,5 × Pmin − P) / (1,5 × Pmin))"
        );
        assert!(
            price_formula(Lang::En, PriceFormula::Linear, 35.5)
                .starts_with("Score = 35.5 × (Pmax − P)")
        );
    }
}
