//! One edit through `jauge-api`, as the grid makes it: a score set, saved with its journal entry
//! in a real SQLite file, and the new results. Sizes: the demo, 10 offers × 60 criteria × 5
//! evaluators, and 30 × 400 × 9. Criterion reports means; `examples/edit_timing.rs` prints the
//! p99 the targets are stated in. Then one unit price of a price schedule of 2,000 lines × 12
//! offers, typed in as the price screen does, saved with its journal entry, and the offers
//! scored again (the target: 50 ms); and a score edited beside that schedule.

mod common;

use std::hint::black_box;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use jauge_api::domain::prices::{line_amount, to_cents, to_f64};
use jauge_api::domain::synthetic::{synthetic_evaluation, synthetic_schedule_evaluation};
use jauge_api::domain::{Evaluation, LinePrice};

use common::score_edits;

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

/// Unit-price edits spread over the schedule's lines and offers, each moving a price between two
/// values with the line total the bidder would write for it, so that every edit changes the
/// state and leaves no discrepancy.
fn unit_price_edits(evaluation: &Evaluation, count: usize) -> Vec<(String, LinePrice)> {
    let Some(schedule) = &evaluation.price_schedule else {
        return Vec::new();
    };
    (0..count)
        .map(|i| {
            let returned = &schedule.offers[i % schedule.offers.len()];
            let price = &returned.prices[(i * 7919) % returned.prices.len()];
            let line = schedule.lines.iter().find(|l| l.id == price.line);
            let quantity = line.map_or(1.0, |l| l.quantity);
            // Whole tenths of a cent, so that the price is the decimal written (adding 0.5 in
            // binary floating point would leave 17 digits, which the schedule refuses).
            let mills = (price.unit_price * 1000.0).round();
            let unit_price = if i % 2 == 0 {
                (mills + 500.0) / 1000.0
            } else {
                mills / 1000.0
            };
            let written = line_amount(quantity, unit_price).map(|a| to_f64(to_cents(a)));
            (
                returned.offer.clone(),
                LinePrice {
                    line: price.line.clone(),
                    unit_price,
                    submitted_total: written,
                },
            )
        })
        .collect()
}

fn bench_schedule(c: &mut Criterion) {
    let evaluation = synthetic_schedule_evaluation(2000, 12);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store =
        jauge_api::open_store(&dir.path().join("jauge.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    jauge_api::create_evaluation(&mut store, &evaluation, Utc::now(), "bench")
        .unwrap_or_else(|e| panic!("{e}"));
    let reference = evaluation.tender.reference.clone();
    let edits = unit_price_edits(&evaluation, 1000);
    let mut next = 0;
    let mut edit = |store: &mut jauge_api::Store| {
        let (offer, price) = &edits[next % edits.len()];
        next += 1;
        jauge_api::set_line_price(store, &reference, offer, price.clone(), Utc::now(), "bench")
            .unwrap_or_else(|e| panic!("{e}"))
    };
    // The first edit reads the evaluation into memory; the screen's are the later ones.
    edit(&mut store);
    let mut group =
        c.benchmark_group("edit a unit price, save it with its journal entry, evaluate");
    group.sample_size(30);
    group.bench_function("2000 lines x 12 offers", |b| {
        b.iter(|| black_box(edit(&mut store)))
    });
    group.finish();

    // The price screen's own path (the Tauri command `set_unit_price`): the price typed as
    // French text, read by the workbooks' number reader, saved, then the screen's answer — the
    // evaluation, its results and every offer's computed schedule (24,000 line amounts).
    let typed: Vec<(String, String, String)> = edits
        .iter()
        .map(|(offer, price)| {
            // « 4,5070 », not « 4,507 »: three decimals after one to three digits read as
            // thousands too, which the number reader refuses as ambiguous.
            let text = price.unit_price.to_string();
            let text = if text.contains('.') {
                format!("{}0", text.replace('.', ","))
            } else {
                text
            };
            (offer.clone(), price.line.clone(), text)
        })
        .collect();
    let mut next = 0;
    let mut group = c.benchmark_group(
        "type a unit price on the price screen, save it, evaluate, compute every offer's sheet",
    );
    group.sample_size(30);
    // Before: the edit, then the screen read back as a fresh opening does (evaluated again).
    group.bench_function("2000 lines x 12 offers, sheet evaluated again", |b| {
        b.iter(|| {
            let (offer, line, text) = &typed[next % typed.len()];
            next += 1;
            jauge_api::set_unit_price_text(
                &mut store,
                &reference,
                offer,
                line,
                text,
                Utc::now(),
                "bench",
            )
            .unwrap_or_else(|e| panic!("{e}"));
            black_box(
                jauge_api::stored_price_sheet(&store, &reference).unwrap_or_else(|e| panic!("{e}")),
            )
        })
    });
    group.bench_function("2000 lines x 12 offers", |b| {
        b.iter(|| {
            let (offer, line, text) = &typed[next % typed.len()];
            next += 1;
            black_box(
                jauge_api::set_unit_price_sheet(
                    &mut store,
                    &reference,
                    offer,
                    line,
                    text,
                    Utc::now(),
                    "bench",
                )
                .unwrap_or_else(|e| panic!("{e}")),
            )
        })
    });
    group.finish();

    // A score typed in the grid of the same evaluation: its check has nothing to do with the
    // 24,000 prices, which it must not validate again.
    let changes = score_edits(&evaluation, 1000);
    let mut next = 0;
    let mut group = c.benchmark_group("edit a score beside a price schedule, save it, evaluate");
    group.sample_size(30);
    group.bench_function("2000 lines x 12 offers", |b| {
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

criterion_group!(benches, bench, bench_schedule);
criterion_main!(benches);
