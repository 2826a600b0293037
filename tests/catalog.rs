//! Tests for the catalog area: the bundled catalogs, templates and the demo evaluation work
//! together as a buyer would use them, from the files on disk through the engine.
//!
//! The demo (`assets/demo/cloud-de-confiance.json`) is a ministry's "cloud de confiance" tender
//! with five offers, each showing one outcome the report must explain: a winner, a runner-up, an
//! offer eliminated because its SecNumCloud qualification is only at milestone J0, an offer
//! eliminated because a non-EU group controls its bidder, and an abnormally low offer that stays
//! ranked but is flagged.

use jauge_domain::catalog::Catalogs;
use jauge_domain::template::{build_template, template_names};
use jauge_domain::{
    Answer, EliminationReason, Evaluation, LeafOutcome, OfferStatus, Results, ValueSource,
    evaluate, parse_evaluation,
};

use crate::support::repo_file;

fn load_demo() -> (Evaluation, Results) {
    let path = repo_file("assets/demo/cloud-de-confiance.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the demo file {} is readable: {e}", path.display()));
    let evaluation = parse_evaluation(&text).unwrap_or_else(|e| panic!("the demo is valid:\n{e}"));
    let catalogs =
        Catalogs::bundled().unwrap_or_else(|e| panic!("the bundled catalogs parse: {e}"));
    let results = evaluate(&evaluation, &catalogs);
    (evaluation, results)
}

fn close(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|a| (a - expected).abs() < 1e-3)
}

#[test]
fn the_demo_has_a_winner_and_no_warning() {
    let (_, results) = load_demo();
    assert!(results.complete, "no offer is incomplete");
    assert_eq!(results.winner.as_deref(), Some("o3"), "Eurostrata wins");
    assert!(results.missing.is_empty(), "every leaf is scored");
    assert!(results.undecided.is_empty(), "no requirement is undecided");
    assert!(
        results.warnings.is_empty(),
        "no unknown_ref and an environmental criterion: {:?}",
        results.warnings
    );
}

#[test]
fn the_demo_ranks_the_three_eligible_offers() {
    let (_, results) = load_demo();
    let ranking: Vec<(&str, Option<u32>)> = results
        .ranking()
        .iter()
        .map(|o| (o.id.as_str(), o.rank))
        .collect();
    assert_eq!(
        ranking,
        [("o3", Some(1)), ("o1", Some(2)), ("o5", Some(3))],
        "Gaia-X L3 first, the SecNumCloud incumbent second, the cheap regional offer third"
    );
    let total = |id: &str| results.offer(id).and_then(|o| o.total);
    assert!(close(total("o3"), 74.5556), "o3 total {:?}", total("o3"));
    assert!(close(total("o1"), 66.5176), "o1 total {:?}", total("o1"));
    assert!(close(total("o5"), 64.3333), "o5 total {:?}", total("o5"));
}

/// Each elimination of an offer as (reason, criterion).
fn elimination_reasons(
    offer: &jauge_domain::OfferResult,
) -> Vec<(EliminationReason, Option<&str>)> {
    offer
        .eliminated_because
        .iter()
        .map(|e| (e.reason, e.criterion.as_deref()))
        .collect()
}

#[test]
fn the_offer_at_milestone_j0_is_eliminated_by_the_secnumcloud_check() {
    let (_, results) = load_demo();
    let altiplano = results.offer("o2").expect("o2");
    assert_eq!(altiplano.status, OfferStatus::Eliminated);
    let reasons = elimination_reasons(altiplano);
    assert_eq!(
        reasons,
        [(EliminationReason::RequirementNotMet, Some("req.snc"))],
        "only the qualification is missing: an in-progress qualification is not one"
    );
}

#[test]
fn the_offer_controlled_from_outside_the_eu_fails_section_19_6() {
    let (_, results) = load_demo();
    let bravia = results.offer("o4").expect("o4");
    assert_eq!(bravia.status, OfferStatus::Eliminated);
    let reasons = elimination_reasons(bravia);
    assert_eq!(
        reasons,
        [(EliminationReason::RequirementNotMet, Some("req.immunity"))],
        "its qualification predates the takeover, so only the evaluators' 19.6 check fails"
    );
    let snc = bravia.leaf("req.snc").map(|l| &l.outcome);
    assert!(
        matches!(
            snc,
            Some(LeafOutcome::Requirement {
                met: Some(true),
                ..
            })
        ),
        "the automatic SecNumCloud check still passes: {snc:?}"
    );
    assert!(!bravia.abnormally_low, "offers outside S are never flagged");
}

#[test]
fn the_abnormally_low_offer_is_flagged_but_stays_ranked() {
    let (_, results) = load_demo();
    let cumulus = results.offer("o5").expect("o5");
    assert_eq!(cumulus.status, OfferStatus::Ranked);
    assert!(cumulus.abnormally_low, "1.3 M€ is below mean − σ of S");
    let flagged: Vec<&str> = results
        .offers
        .iter()
        .filter(|o| o.abnormally_low)
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(flagged, ["o5"]);
    let price_points = cumulus.leaf("price").and_then(|l| l.outcome.points());
    assert!(
        close(price_points, 35.0),
        "the eliminated, cheaper Bravia offer does not set Pmin: {price_points:?}"
    );
}

#[test]
fn the_demo_divergences_are_resolved_by_consensus() {
    let (evaluation, results) = load_demo();
    let divergences: Vec<(&str, &str, bool)> = results
        .divergences
        .iter()
        .map(|d| (d.offer.as_str(), d.criterion.as_str(), d.resolved))
        .collect();
    assert_eq!(
        divergences,
        [("o1", "rev.plan", true), ("o5", "tech.archi", true)]
    );
    for divergence in &results.divergences {
        assert!(divergence.spread >= 0.3 - 1e-9);
    }
    let source = results
        .offer("o1")
        .and_then(|o| o.leaf("rev.plan"))
        .map(|l| &l.outcome);
    assert!(
        matches!(
            source,
            Some(LeafOutcome::Scored {
                value: Some(v),
                source: ValueSource::Consensus,
                ..
            }) if (*v - 3.0).abs() < 1e-9
        ),
        "the consensus value is used: {source:?}"
    );
    assert!(
        evaluation
            .consensus
            .iter()
            .all(|c| c.justification.len() > 40),
        "each consensus explains itself"
    );
}

#[test]
fn every_demo_score_is_justified_by_one_of_three_evaluators() {
    let (evaluation, _) = load_demo();
    assert_eq!(evaluation.evaluators.len(), 3);
    assert_eq!(evaluation.offers.len(), 5);
    for score in &evaluation.scores {
        assert!(
            score
                .justification
                .as_deref()
                .is_some_and(|j| !j.trim().is_empty()),
            "{}/{}/{} is justified",
            score.offer,
            score.criterion,
            score.evaluator
        );
    }
    let refused: Vec<(&str, &str)> = evaluation
        .scores
        .iter()
        .filter(|s| s.answer == Answer::Met(false))
        .map(|s| (s.offer.as_str(), s.criterion.as_str()))
        .collect();
    assert_eq!(refused, [("o4", "req.immunity"), ("o4", "req.immunity")]);
}

#[test]
fn the_demo_uses_the_cloud_sensitive_template_tree() {
    let (evaluation, _) = load_demo();
    let launch = evaluation
        .tender
        .launch_date
        .expect("the demo has a launch date");
    let template = build_template("cloud-sensitive", launch).expect("template builds");
    assert_eq!(
        evaluation.criteria, template.criteria,
        "the demo shows what the template gives"
    );
    assert!(
        launch >= chrono::NaiveDate::from_ymd_opt(2026, 8, 21).expect("a date"),
        "launched after the environmental criterion became mandatory"
    );
}

#[test]
fn every_template_evaluates_without_warnings() {
    let catalogs = Catalogs::bundled().expect("catalogs");
    let launch = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).expect("a date");
    for name in template_names() {
        let evaluation = build_template(name, launch).expect("template builds");
        let results = evaluate(&evaluation, &catalogs);
        assert!(
            results.warnings.is_empty(),
            "{name}: {:?}",
            results.warnings
        );
    }
}
