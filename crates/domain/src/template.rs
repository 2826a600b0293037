//! Starter evaluations: a criteria tree a buyer can adapt instead of starting from a blank page.
//!
//! Writing weighted criteria that hold up in court is the hard part of a tender; a template gives
//! a tree whose weights already follow the spec's rules, whose references point at existing
//! catalog entries, and which carries the environmental criterion French law requires for
//! consultations launched from 21 August 2026. The trees are evaluation files without offers
//! (`assets/templates/*.json`), compiled in and read with the same parser as any file, so a
//! template can never be something a user could not have written by hand.

use chrono::{Days, NaiveDate};

use crate::error::{Error, Result};
use crate::model::Evaluation;
use crate::read::{Invalid, ProblemCode, parse_evaluation, validate_evaluation};
use crate::words::Params;

/// What the buyer must fill in before publishing.
pub const PLACEHOLDER: &str = "À compléter";

/// Days between the launch of the consultation and the placeholder deadline.
const DEFAULT_RESPONSE_DAYS: u64 = 30;

/// A starter evaluation and what it is for, in French and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateInfo {
    /// The stable name files and the CLI use (`jauge new --template NAME`).
    pub name: &'static str,
    /// A few words for the template picker.
    pub title_fr: &'static str,
    pub title_en: &'static str,
    /// One line saying what the template is for, shown under the picker.
    pub description_fr: &'static str,
    pub description_en: &'static str,
}

const TEMPLATES: [TemplateInfo; 3] = [
    TemplateInfo {
        name: "cloud-sensitive",
        title_fr: "Cloud de confiance — données sensibles (SecNumCloud)",
        title_en: "Trusted cloud — sensitive data (SecNumCloud)",
        description_fr: "Hébergement cloud de données de l'État d'une sensibilité particulière : \
                         qualification SecNumCloud exigée, localisation et immunité au droit \
                         extra-européen vérifiées.",
        description_en: "Cloud hosting of government data of particular sensitivity: SecNumCloud \
                         qualification required, location and immunity from non-European law \
                         checked.",
    },
    TemplateInfo {
        name: "gaia-x-label-2",
        title_fr: "Service cloud labellisé Gaia-X (niveau 2)",
        title_en: "Gaia-X labelled cloud service (level 2)",
        description_fr: "Service cloud labellisé Gaia-X de niveau 2 au moins : protection des \
                         données, transparence contractuelle et portabilité.",
        description_en: "Cloud service with a Gaia-X label of level 2 or above: data protection, \
                         contractual transparency and portability.",
    },
    TemplateInfo {
        name: "health-hds",
        title_fr: "Hébergement de données de santé (HDS)",
        title_en: "Health data hosting (HDS)",
        description_fr: "Hébergement de données de santé : certification HDS exigée et \
                         hébergement dans l'EEE.",
        description_en: "Hosting of health data: HDS certification required and hosting within \
                         the EEA.",
    },
];

const NAMES: [&str; 3] = [TEMPLATES[0].name, TEMPLATES[1].name, TEMPLATES[2].name];

fn template_text(name: &str) -> Option<&'static str> {
    match name {
        "cloud-sensitive" => Some(include_str!(
            "../../../assets/templates/cloud-sensitive.json"
        )),
        "gaia-x-label-2" => Some(include_str!(
            "../../../assets/templates/gaia-x-label-2.json"
        )),
        "health-hds" => Some(include_str!("../../../assets/templates/health-hds.json")),
        _ => None,
    }
}

/// The names of the bundled templates, in the order the app lists them.
pub fn template_names() -> &'static [&'static str] {
    &NAMES
}

/// Every bundled template with its one-line description.
pub fn list_templates() -> &'static [TemplateInfo] {
    &TEMPLATES
}

/// A new evaluation from a template: placeholders for the reference and title, launched `today`
/// with a deadline 30 days later, no offers yet.
pub fn build_template(name: &str, today: NaiveDate) -> Result<Evaluation> {
    let text = template_text(name).ok_or_else(|| Error::NotFound {
        what: "template",
        name: name.to_owned(),
    })?;
    let packaging = |invalid: Invalid| Error::BundledData {
        name: format!("template {name}"),
        message: invalid.to_string(),
    };
    let mut evaluation = parse_evaluation(text).map_err(packaging)?;
    let deadline = today
        .checked_add_days(Days::new(DEFAULT_RESPONSE_DAYS))
        .ok_or_else(|| {
            Invalid::one(
                "tender.deadline",
                ProblemCode::OutOfCalendar,
                Params::new()
                    .with("today", today.to_string())
                    .with("days", DEFAULT_RESPONSE_DAYS.to_string()),
            )
        })?;
    let tender = &mut evaluation.tender;
    PLACEHOLDER.clone_into(&mut tender.reference);
    PLACEHOLDER.clone_into(&mut tender.title);
    tender.launch_date = Some(today);
    tender.deadline = deadline;
    validate_evaluation(&evaluation).map_err(packaging)?;
    Ok(evaluation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalogs;
    use crate::model::CriterionBody;
    use crate::results::WarningCode;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn every_template_builds_and_validates() {
        assert!(template_names().len() >= 3);
        for name in template_names() {
            let evaluation = build_template(name, day("2026-09-14"))
                .unwrap_or_else(|e| panic!("template {name}: {e}"));
            assert!(validate_evaluation(&evaluation).is_ok(), "{name} validates");
            assert_eq!(evaluation.tender.reference, PLACEHOLDER);
            assert_eq!(evaluation.tender.title, PLACEHOLDER);
            assert_eq!(evaluation.tender.launch_date, Some(day("2026-09-14")));
            assert_eq!(evaluation.tender.deadline, day("2026-10-14"));
            assert!(evaluation.offers.is_empty(), "{name} has no offers");
            let info = list_templates().iter().find(|t| t.name == *name);
            assert!(
                info.is_some_and(
                    |t| [t.title_fr, t.title_en, t.description_fr, t.description_en]
                        .iter()
                        .all(|text| !text.trim().is_empty())
                ),
                "{name} has a title and a description in French and English"
            );
        }
    }

    #[test]
    fn every_template_has_a_weighted_environmental_criterion() {
        for name in template_names() {
            let evaluation = build_template(name, day("2026-09-14")).expect("builds");
            let environmental: Vec<_> = evaluation
                .leaves()
                .into_iter()
                .filter(|c| c.is_environmental() && c.weight > 0.0)
                .collect();
            assert_eq!(environmental.len(), 1, "{name} has one environmental leaf");
        }
    }

    #[test]
    fn every_template_cites_existing_catalog_entries() {
        let catalogs = Catalogs::bundled().expect("catalogs");
        for name in template_names() {
            let evaluation = build_template(name, day("2026-09-14")).expect("builds");
            for node in evaluation.nodes() {
                for reference in node.refs() {
                    assert!(
                        catalogs.is_known_ref(reference),
                        "{name}: {} cites unknown {reference}",
                        node.id
                    );
                }
            }
            let results = crate::evaluate(&evaluation, &catalogs);
            assert!(
                !results
                    .warnings
                    .iter()
                    .any(|w| matches!(w.code, WarningCode::UnknownRef { .. })),
                "{name} raises no unknown_ref warning"
            );
            assert!(
                results.warnings.is_empty(),
                "{name} raises no warning: {:?}",
                results.warnings
            );
        }
    }

    #[test]
    fn every_template_has_a_price_formula_and_anchored_scales() {
        for name in template_names() {
            let evaluation = build_template(name, day("2026-09-14")).expect("builds");
            let price = evaluation.price_leaf().map(|c| c.weight);
            assert!(
                price.is_some_and(|w| (30.0..=40.0).contains(&w)),
                "{name} weighs price between 30 and 40"
            );
            for leaf in evaluation.leaves() {
                if let CriterionBody::Scored { levels, .. } = &leaf.body {
                    assert!(
                        levels.as_ref().is_some_and(|l| l.len() == 6),
                        "{name}: {} anchors every value of its scale",
                        leaf.id
                    );
                }
            }
        }
    }

    #[test]
    fn templates_require_the_expected_certification() {
        let auto_scheme = |name: &str| {
            let evaluation = build_template(name, day("2026-09-14")).expect("builds");
            evaluation
                .leaves()
                .into_iter()
                .find_map(|leaf| match &leaf.body {
                    CriterionBody::Requirement { auto: Some(auto) } => Some(auto.clone()),
                    _ => None,
                })
                .map(|auto| (auto.scheme, auto.min_level))
        };
        assert_eq!(
            auto_scheme("cloud-sensitive"),
            Some(("secnumcloud".to_owned(), None))
        );
        assert_eq!(
            auto_scheme("gaia-x-label-2"),
            Some(("gaia-x".to_owned(), Some(2.0)))
        );
        assert_eq!(auto_scheme("health-hds"), Some(("hds".to_owned(), None)));
    }

    #[test]
    fn an_unknown_template_is_not_found() {
        assert!(matches!(
            build_template("nope", day("2026-09-14")),
            Err(Error::NotFound {
                what: "template",
                ..
            })
        ));
    }
}
