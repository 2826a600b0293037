//! `render_report` on the size the target is stated for: 30 offers × 400 criteria × 9
//! evaluators (well over 100 pages), with a justification on one score in ten.

use criterion::{Criterion, criterion_group, criterion_main};
use jauge_domain::catalog::Catalogs;
use jauge_domain::evaluate;
use jauge_domain::synthetic::synthetic_evaluation;
use jauge_report::{JournalDigest, Lang, ReportInput, render_report};

fn bench(c: &mut Criterion) {
    let mut evaluation = synthetic_evaluation(30, 400, 9);
    for (i, score) in evaluation.scores.iter_mut().enumerate() {
        if i % 10 == 0 {
            score.justification = Some(format!(
                "Réponse n° {i} : l’offre décrit précisément l’organisation proposée, les engagements \
                 de niveau de service et les modalités de réversibilité « clés en main »."
            ));
        }
    }
    let results = evaluate(&evaluation, &Catalogs::bundled().unwrap_or_default());
    let generated_at = chrono::DateTime::from_timestamp(1_793_000_000, 0).unwrap_or_default();
    let input = ReportInput {
        evaluation: &evaluation,
        results: &results,
        results_as_submitted: None,
        rounds: &[],
        lang: Lang::Fr,
        generated_at,
        software_version: "bench",
        journal: Some(JournalDigest {
            entries: 10_000,
            head_hash: "0".repeat(64),
            committee_files: Vec::new(),
        }),
        lot_award: None,
    };
    if let Ok(bytes) = render_report(&input) {
        let pages = bytes.windows(10).filter(|w| w == b"/Type/Page").count();
        eprintln!("report: {} bytes, about {pages} pages", bytes.len());
    }
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("render 30 offers x 400 criteria x 9 evaluators", |b| {
        b.iter(|| render_report(std::hint::black_box(&input)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
