//! The UI's test fixtures (`ui/tests/fixtures/*.json`) are the shell's real answers: each is what
//! a command returns for the demo, computed here through `jauge_api` and the wire types, so the
//! Vitest suites check the screens against the shapes Rust sends and not against a copy written
//! by hand. `ui_fixtures_are_fresh` fails when a committed file differs; the ignored
//! `export_bindings` (dto/bindings.rs) rewrites them with the bindings.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use jauge_api::Store;
use jauge_api::domain::{Answer, Consensus, Evaluation, Evaluator, Offer, Score};
use jauge_api::store::Change;
use serde::Serialize;

use super::{
    CatalogEntryDto, CellView, EvaluationView, LetterPreviewDto, MergeReportDto, PriceSheetView,
    PriceSimulationView, RoundsView,
};

const DEMO: &str = include_str!("../../../assets/demo/cloud-de-confiance.json");
/// A negotiated procedure in two rounds, the final one changing the winner, with two exchanges.
const NEGOTIATED: &str = include_str!("../../../tests/fixtures/negotiated.json");
const ACTOR: &str = "fixtures";
/// What the criteria editor's test searches the catalogs for.
const CATALOG_QUERY: &str = "extra-européen";
/// The rationale the consensus test types.
const RATIONALE: &str =
    "La commission retient 3 : export IaaS démontré, outillage PaaS seulement annoncé.";

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/tests/fixtures")
}

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_790_000_000, 0).expect("a valid instant")
}

fn json(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("fixture as JSON");
    text.push('\n');
    text
}

/// The demo with one committee decision and three of e1's scores taken out, so that a
/// divergence is open and e1's grid is not complete.
fn progress(demo: &Evaluation) -> Evaluation {
    let mut progress = demo.clone();
    progress
        .consensus
        .retain(|c| !(c.offer == "o1" && c.criterion == "rev.plan"));
    progress.scores.retain(|s| {
        !(s.evaluator == "e1"
            && s.offer == "o5"
            && ["rev.terms", "env", "req.notify"].contains(&s.criterion.as_str()))
    });
    progress
}

/// A store holding `evaluation`, as the app would after importing it.
fn store_with(evaluation: &Evaluation) -> Store {
    let mut db = Store::open_in_memory().expect("in-memory store");
    let text = jauge_api::domain::evaluation_to_string(evaluation);
    jauge_api::import_evaluation(&mut db, &text, false, at(), ACTOR).expect("import");
    db
}

/// The answer of an edit of one cell, as `commands::apply_cell` builds it.
fn cell_after(evaluation: &Evaluation, change: &Change, offer: &str, criterion: &str) -> CellView {
    let mut db = store_with(evaluation);
    let reference = &evaluation.tender.reference;
    let answer = jauge_api::change_cell(&mut db, reference, change, at(), ACTOR).expect("edit");
    assert_eq!(
        (answer.0.offer.as_str(), answer.0.criterion.as_str()),
        (offer, criterion)
    );
    CellView::from(answer)
}

/// A new user's tender: the HDS template, one evaluator, three offers that evidence no
/// certification (so the automatic HDS check eliminates every one), and 4 of the 30 scores.
fn hds_beginner() -> EvaluationView {
    let mut db = Store::open_in_memory().expect("in-memory store");
    let new = jauge_api::NewEvaluation {
        template: "health-hds".into(),
        reference: "HDS-2026-01".into(),
        title: "Hébergement de données de santé".into(),
        buyer: "Centre hospitalier (fictif)".into(),
    };
    let today = at().date_naive();
    let (created, _) =
        jauge_api::create_evaluation_from_template(&mut db, &new, today, at(), ACTOR)
            .expect("from the template");
    let reference = created.tender.reference.clone();
    let mut changes = vec![Change::UpsertEvaluator(Evaluator {
        id: "e1".into(),
        name: "Camille Martin".into(),
        role: None,
    })];
    for (id, bidder, price) in [
        ("o1", "Alpha", 90_000.0),
        ("o2", "Beta", 120_000.0),
        ("o3", "Gamma", 100_000.0),
    ] {
        changes.push(Change::UpsertOffer(Offer {
            id: id.into(),
            bidder: bidder.into(),
            name: None,
            price: Some(price),
            irregular: None,
            certifications: None,
        }));
    }
    for (criterion, value) in [
        ("tech.archi", 4.0),
        ("tech.sec", 3.0),
        ("tech.backup", 4.0),
        ("tech.support", 2.0),
    ] {
        changes.push(Change::SetScore(Score {
            offer: "o1".into(),
            criterion: criterion.into(),
            evaluator: "e1".into(),
            answer: Answer::Value(value),
            justification: None,
            at: None,
        }));
    }
    let mut last = None;
    for change in &changes {
        last = Some(
            jauge_api::change_evaluation(&mut db, &reference, change, at(), ACTOR).expect("edit"),
        );
    }
    EvaluationView::from(last.expect("edits were made"))
}

/// What merging e1's return file into the progress evaluation answers: e1 scored o5 on `env`
/// on their laptop (new) and gave o1 `tech.archi` another value than the buyer holds
/// (a conflict).
fn progress_merge(progress: &Evaluation) -> MergeReportDto {
    let reference = progress.tender.reference.clone();
    let mut buyer = store_with(progress);
    let package =
        jauge_api::domain::package::make_package(progress, "e1", None, at()).expect("e1's package");
    let mut laptop = store_with(&package.evaluation);
    let mut give = |offer: &str, criterion: &str, value: f64, justification: &str| {
        let change = Change::SetScore(Score {
            offer: offer.into(),
            criterion: criterion.into(),
            evaluator: "e1".into(),
            answer: Answer::Value(value),
            justification: Some(justification.into()),
            at: None,
        });
        jauge_api::change_evaluation(&mut laptop, &reference, &change, at(), ACTOR).expect("score");
    };
    give(
        "o5",
        "env",
        3.0,
        "Bilan carbone publié, sans trajectoire chiffrée.",
    );
    give("o1", "tech.archi", 2.0, "Revu : une seule région.");
    let scored = jauge_api::load_evaluation(&laptop, &reference).expect("scored");
    let file = jauge_api::domain::package::make_return(&package, &scored, at());
    let path =
        std::env::temp_dir().join(format!("jauge-fixture-retour-{}.json", std::process::id()));
    std::fs::write(&path, jauge_api::domain::package::return_to_string(&file))
        .expect("return file");
    let merged = jauge_api::merge_return_file(
        &mut buyer,
        &reference,
        &path,
        jauge_api::ReturnImport::default(),
        at(),
        ACTOR,
    );
    let _ = std::fs::remove_file(&path);
    let mut dto = MergeReportDto::from(merged.expect("merge"));
    // The temporary file's name varies from run to run; the screen shows whatever it is.
    dto.file_name = "retour-e1.json".into();
    dto
}

/// The view after `changes`, applied in order to a store holding `evaluation`.
fn view_after(evaluation: &Evaluation, changes: &[Change]) -> EvaluationView {
    let mut db = store_with(evaluation);
    let reference = &evaluation.tender.reference;
    let mut last = jauge_api::evaluate_stored(&db, reference).expect("open");
    for change in changes {
        last = jauge_api::change_evaluation(&mut db, reference, change, at(), ACTOR).expect("edit");
    }
    EvaluationView::from(last)
}

/// The progress evaluation with sealed prices, not yet opened.
fn sealed(progress: &Evaluation) -> Evaluation {
    let mut sealed = progress.clone();
    sealed.settings.sealed_prices = Some(true);
    sealed.settings.declarations_required = Some(true);
    sealed
}

/// What the committee screen lists after e1's package was written and their return file
/// (declarations included) merged, with the files' real names and SHA-256.
fn committee_files(progress: &Evaluation) -> Vec<jauge_api::domain::package::CommitteeFile> {
    let reference = progress.tender.reference.clone();
    let mut buyer = store_with(progress);
    let folder = std::env::temp_dir().join(format!("jauge-fixture-files-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temporary folder");
    let package_path = folder.join("paquet-e1.json");
    let request = jauge_api::PackageRequest {
        evaluator: "e1".into(),
        criteria: None,
    };
    jauge_api::export_package_file(&mut buyer, &reference, &request, at(), ACTOR, &package_path)
        .expect("package");
    let mut laptop = Store::open_in_memory().expect("the member's store");
    jauge_api::open_package_file(&mut laptop, &package_path, false, at(), ACTOR)
        .expect("the member opens the package");
    let declarations = progress
        .offers
        .iter()
        .map(|o| jauge_api::domain::Declaration {
            evaluator: "e1".into(),
            offer: o.id.clone(),
            conflict: false,
            at: "2026-09-21T08:00:00Z".into(),
            note: None,
        })
        .collect();
    jauge_api::change_evaluation(
        &mut laptop,
        &reference,
        &Change::Declare(declarations),
        at(),
        ACTOR,
    )
    .expect("declarations");
    let return_path = folder.join("retour-e1.json");
    jauge_api::write_return_file(&laptop, &reference, at(), &return_path, None).expect("return");
    jauge_api::merge_return_file(
        &mut buyer,
        &reference,
        &return_path,
        jauge_api::ReturnImport::default(),
        at(),
        ACTOR,
    )
    .expect("merge");
    let _ = std::fs::remove_dir_all(&folder);
    jauge_api::committee_files(&buyer, &reference).expect("files")
}

/// An evaluator's workspace as opened on their laptop: e2's package of the sealed progress
/// evaluation, with two criteria assigned. The package facts and the workspace's view.
fn workspace(
    progress: &Evaluation,
) -> (
    jauge_api::domain::package::EvaluatorWorkspace,
    EvaluationView,
) {
    let sealed = sealed(progress);
    let reference = sealed.tender.reference.clone();
    let mut buyer = store_with(&sealed);
    let folder =
        std::env::temp_dir().join(format!("jauge-fixture-workspace-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temporary folder");
    let path = folder.join("paquet-e2.json");
    let request = jauge_api::PackageRequest {
        evaluator: "e2".into(),
        criteria: Some(vec!["tech.archi".into(), "env".into()]),
    };
    jauge_api::export_package_file(&mut buyer, &reference, &request, at(), ACTOR, &path)
        .expect("package");
    let mut laptop = Store::open_in_memory().expect("the member's store");
    jauge_api::open_package_file(&mut laptop, &path, false, at(), ACTOR).expect("opened");
    let _ = std::fs::remove_dir_all(&folder);
    let workspace = jauge_api::evaluator_workspace(&laptop, &reference)
        .expect("read")
        .expect("a workspace");
    let view = EvaluationView::from(jauge_api::evaluate_stored(&laptop, &reference).expect("open"));
    (workspace, view)
}

/// The price schedule's worked example (tests/fixtures/price-schedule.json) without the buyer's
/// corrections: `price_sheet` as the price screen opens it, and what `accept_correction`
/// answers once o2's vCPU line is corrected.
fn schedule_sheets() -> (PriceSheetView, PriceSheetView) {
    let text = include_str!("../../../tests/fixtures/price-schedule.json");
    let mut evaluation = jauge_api::read_evaluation(text).expect("the schedule fixture is valid");
    if let Some(schedule) = evaluation.price_schedule.as_mut() {
        schedule.corrections.clear();
    }
    let mut db = store_with(&evaluation);
    let reference = evaluation.tender.reference.clone();
    let opened = jauge_api::stored_price_sheet(&db, &reference).expect("sheet");
    jauge_api::accept_correction(
        &mut db,
        &reference,
        "o2",
        Some("vcpu"),
        jauge_api::domain::CorrectionRoute::TenderRules,
        "Erreur de multiplication ; le prix unitaire prévaut (RC art. 7.2).",
        at(),
        ACTOR,
    )
    .expect("accepted");
    let accepted = jauge_api::stored_price_sheet(&db, &reference).expect("sheet");
    (opened.into(), accepted.into())
}

/// What `set_unit_price` answers on the price screen of [`schedule_sheets`] when the buyer types
/// « 0,011 » as o1's storage price (o1 wrote 1 800,00 for the line: now a discrepancy).
fn schedule_unit_price() -> PriceSheetView {
    let text = include_str!("../../../tests/fixtures/price-schedule.json");
    let mut evaluation = jauge_api::read_evaluation(text).expect("the schedule fixture is valid");
    if let Some(schedule) = evaluation.price_schedule.as_mut() {
        schedule.corrections.clear();
    }
    let mut db = store_with(&evaluation);
    let reference = evaluation.tender.reference.clone();
    jauge_api::set_unit_price_text(&mut db, &reference, "o1", "storage", "0,011", at(), ACTOR)
        .expect("typed");
    jauge_api::stored_price_sheet(&db, &reference)
        .expect("sheet")
        .into()
}

/// Every fixture file with its content.
fn generate() -> Vec<(&'static str, String)> {
    let demo = jauge_api::read_evaluation(DEMO).expect("the demo is valid");
    let progress = progress(&demo);
    let view = |evaluation: &Evaluation| {
        let db = store_with(evaluation);
        EvaluationView::from(
            jauge_api::evaluate_stored(&db, &evaluation.tender.reference).expect("open"),
        )
    };
    let simulations: Vec<PriceSimulationView> = jauge_api::simulate_price_formulas(&demo)
        .expect("simulations")
        .into_iter()
        .map(Into::into)
        .collect();
    let score = Change::SetScore(Score {
        offer: "o5".into(),
        criterion: "env".into(),
        evaluator: "e1".into(),
        answer: Answer::Value(4.0),
        justification: None,
        at: None,
    });
    let decision = Change::SetConsensus(Consensus {
        offer: "o1".into(),
        criterion: "rev.plan".into(),
        answer: Answer::Value(3.0),
        justification: RATIONALE.into(),
    });
    let catalog: Vec<CatalogEntryDto> = jauge_api::search_catalog(CATALOG_QUERY)
        .expect("search")
        .into_iter()
        .map(Into::into)
        .collect();
    let notification = jauge_api::LetterNotification {
        date: at().date_naive(),
        channel: jauge_api::NotificationChannel::Electronic,
    };
    let letters: Vec<LetterPreviewDto> =
        jauge_api::prepare_letters(&demo, notification, jauge_api::Lang::Fr)
            .expect("the demo has a winner")
            .into_iter()
            .map(Into::into)
            .collect();
    let negotiated = jauge_api::read_evaluation(NEGOTIATED).expect("the fixture is valid");
    let rounds = RoundsView::from(
        jauge_api::rounds_overview(&store_with(&negotiated), &negotiated.tender.reference)
            .expect("rounds"),
    );
    vec![
        ("demo-view.json", json(&view(&demo))),
        ("negotiated-view.json", json(&view(&negotiated))),
        ("negotiated-rounds.json", json(&rounds)),
        ("demo-letters.json", json(&letters)),
        (
            "progress-committee.json",
            json(&jauge_api::domain::package::committee_progress(&progress)),
        ),
        ("progress-merge.json", json(&progress_merge(&progress))),
        ("progress-view.json", json(&view(&progress))),
        ("sealed-view.json", json(&view(&sealed(&progress)))),
        (
            "sealed-opened-view.json",
            json(&view_after(
                &sealed(&progress),
                &[Change::OpenPrices {
                    at: "2026-09-22T10:00:00Z".into(),
                }],
            )),
        ),
        (
            "declared-view.json",
            json(&view_after(
                &progress,
                &[Change::Declare(vec![jauge_api::domain::Declaration {
                    evaluator: "e1".into(),
                    offer: "o2".into(),
                    conflict: true,
                    at: "2026-09-21T08:00:00Z".into(),
                    note: Some("Ancien salarié du soumissionnaire".into()),
                }])],
            )),
        ),
        ("committee-files.json", json(&committee_files(&progress))),
        ("workspace.json", json(&workspace(&progress).0)),
        ("workspace-view.json", json(&workspace(&progress).1)),
        (
            "progress-set-score-o5-env.json",
            json(&cell_after(&progress, &score, "o5", "env")),
        ),
        (
            "progress-set-consensus-o1-rev.plan.json",
            json(&cell_after(&progress, &decision, "o1", "rev.plan")),
        ),
        ("demo-simulations.json", json(&simulations)),
        ("hds-beginner-view.json", json(&hds_beginner())),
        ("catalog-search.json", json(&catalog)),
        ("schedule-sheet.json", json(&schedule_sheets().0)),
        ("schedule-accepted.json", json(&schedule_sheets().1)),
        ("schedule-unit-price.json", json(&schedule_unit_price())),
    ]
}

/// Rewrites every fixture file (called by `export_bindings`).
pub(super) fn export() {
    for (name, text) in generate() {
        std::fs::write(dir().join(name), text).expect("write a UI fixture");
    }
}

#[test]
fn ui_fixtures_are_fresh() {
    for (name, text) in generate() {
        let committed = std::fs::read_to_string(dir().join(name)).unwrap_or_default();
        assert!(
            committed == text,
            "ui/tests/fixtures/{name} is stale (or missing): run \
             `cargo test -p jauge-desktop -- --ignored export_bindings` and commit the result"
        );
    }
}
