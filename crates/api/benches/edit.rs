//! One edit through `jauge-api`, as the grid makes it: a score set, saved with its journal entry
//! in a real SQLite file, and the new results. Sizes: the demo, 10 offers × 60 criteria × 5
//! evaluators, and 30 × 400 × 9. Criterion reports means; `examples/edit_timing.rs` prints the
//! p99 the targets are stated in.

use std::hint::black_box;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use jauge_api::domain::synthetic::synthetic_evaluation;
use jauge_api::domain::{Answer, CriterionBody, Evaluation};
use jauge_api::store::Change;

/// Edits of existing scores spread over the grid, each moving a value to the other end of its
/// scale or flipping a requirement, so that every edit really changes the state.
fn score_edits(evaluation: &Evaluation, count: usize) -> Vec<Change> {
    let mut scores = evaluation.scores.clone();
    let stride = (scores.len() / count.max(1)).max(1) | 1;
    (0..count)
        .map(|i| {
            let index = (i * stride) % scores.len();
            let score = &mut scores[index];
            let body = evaluation.criterion(&score.criterion).map(|c| &c.body);
            score.answer = match (score.answer, body) {
                (Answer::Value(v), Some(CriterionBody::Scored { scale, .. })) => {
                    Answer::Value(if v == scale.min { scale.max } else { scale.min })
                }
                (Answer::Met(met), _) => Answer::Met(!met),
                (other, _) => other,
            };
            Change::SetScore(score.clone())
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let demo =
        jauge_api::read_evaluation(include_str!("../../../assets/demo/cloud-de-confiance.json"))
            .unwrap_or_else(|e| panic!("demo: {e}"));
    let cases = [
        ("demo", demo, 100),
        (
            "10 offers x 60 criteria x 5 evaluators",
            synthetic_evaluation(10, 60, 5),
            60,
        ),
        (
            "30 offers x 400 criteria x 9 evaluators",
            synthetic_evaluation(30, 400, 9),
            20,
        ),
    ];
    for (name, evaluation, samples) in cases {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut store = jauge_api::open_store(&dir.path().join("jauge.sqlite3"))
            .unwrap_or_else(|e| panic!("{e}"));
        jauge_api::create_evaluation(&mut store, &evaluation, Utc::now(), "bench")
            .unwrap_or_else(|e| panic!("{e}"));
        let reference = evaluation.tender.reference.clone();
        let changes = score_edits(&evaluation, 1000);
        // The first edit reads the evaluation into memory; the grid's are the later ones.
        jauge_api::apply_change(&mut store, &reference, &changes[0], Utc::now(), "bench")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut next = 1;
        let mut group = c.benchmark_group("edit a score, save it with its journal entry, evaluate");
        group.sample_size(samples);
        group.bench_function(name, |b| {
            b.iter(|| {
                let change = &changes[next % changes.len()];
                next += 1;
                black_box(
                    jauge_api::apply_change(&mut store, &reference, change, Utc::now(), "bench")
                        .unwrap_or_else(|e| panic!("{e}")),
                )
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
