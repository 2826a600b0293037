//! A consultation of 8 lots × 12 offers × 60 criteria × 5 evaluators through `jauge-api`, on a
//! real SQLite file, beside the same figures for one such lot on its own (an evaluation of
//! 12 × 60 × 5): a score typed in one lot's grid (saved with its journal entry, the lot scored
//! again), the consultation opened (every lot scored on its deciding round and the award across
//! lots), and the report — the consultation's whole report against one evaluation's.

mod common;

use std::hint::black_box;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use jauge_api::Lang;
use jauge_api::domain::lots::consultation_to_json;
use jauge_api::domain::synthetic::{synthetic_consultation, synthetic_evaluation};
use jauge_api::store::lot_key;

use common::score_edits;

fn bench(c: &mut Criterion) {
    let (offers, leaves, evaluators) = (12, 60, 5);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store =
        jauge_api::open_store(&dir.path().join("jauge.sqlite3")).unwrap_or_else(|e| panic!("{e}"));

    // One lot on its own.
    let single = synthetic_evaluation(offers, leaves, evaluators);
    jauge_api::create_evaluation(&mut store, &single, Utc::now(), "bench")
        .unwrap_or_else(|e| panic!("{e}"));
    let single_reference = single.tender.reference.clone();
    let single_edits = score_edits(&single, 1000);

    // Eight such lots in one consultation.
    let consultation = synthetic_consultation(8, offers, leaves, evaluators);
    let reference = consultation.info.reference.clone();
    let text = consultation_to_json(&consultation).to_string();
    jauge_api::import_consultation(&mut store, &text, Utc::now(), "bench")
        .unwrap_or_else(|e| panic!("{e}"));
    let lot = lot_key(&reference, &consultation.lots[3].id);
    let lot_edits = score_edits(&consultation.lots[3].evaluation, 1000);

    // The first edit of each reads its evaluation into memory; the grid's are the later ones.
    for (key, edits) in [(&single_reference, &single_edits), (&lot, &lot_edits)] {
        jauge_api::apply_change(&mut store, key, &edits[0], Utc::now(), "bench")
            .unwrap_or_else(|e| panic!("{e}"));
    }

    let mut group = c.benchmark_group("edit a score, save it with its journal entry, evaluate");
    group.sample_size(60);
    for (name, key, edits) in [
        (
            "one lot on its own (12 x 60 x 5)",
            &single_reference,
            &single_edits,
        ),
        ("lot 4 of 8 (12 x 60 x 5 each)", &lot, &lot_edits),
    ] {
        let mut next = 1;
        group.bench_function(name, |b| {
            b.iter(|| {
                let change = &edits[next % edits.len()];
                next += 1;
                black_box(
                    jauge_api::apply_change(&mut store, key, change, Utc::now(), "bench")
                        .unwrap_or_else(|e| panic!("{e}")),
                )
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("open: every lot scored, the award across lots");
    group.sample_size(20);
    group.bench_function("8 lots x 12 offers x 60 criteria x 5 evaluators", |b| {
        b.iter(|| {
            black_box(
                jauge_api::open_consultation(&store, &reference).unwrap_or_else(|e| panic!("{e}")),
            )
        })
    });
    group.finish();

    let mut group = c.benchmark_group("render the report (journals verified)");
    group.sample_size(10);
    group.bench_function("one lot on its own (12 x 60 x 5)", |b| {
        b.iter(|| {
            black_box(
                jauge_api::render_stored_report(&store, &single_reference, Lang::Fr, Utc::now())
                    .unwrap_or_else(|e| panic!("{e}")),
            )
        })
    });
    group.bench_function("the consultation of 8 lots", |b| {
        b.iter(|| {
            black_box(
                jauge_api::render_stored_consultation_report(
                    &store,
                    &reference,
                    Lang::Fr,
                    Utc::now(),
                )
                .unwrap_or_else(|e| panic!("{e}")),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
