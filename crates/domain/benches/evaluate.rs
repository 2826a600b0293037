//! `evaluate`, parsing and the canonical hash on the size the targets are stated for: 30 offers ×
//! 400 criteria × 9 evaluators.

use criterion::{Criterion, criterion_group, criterion_main};
use jauge_domain::catalog::Catalogs;
use jauge_domain::synthetic::{synthetic_evaluation, synthetic_schedule_evaluation};
use jauge_domain::{canonical_hash, evaluate, evaluation_to_string, parse_evaluation};

fn bench(c: &mut Criterion) {
    let evaluation = synthetic_evaluation(30, 400, 9);
    let catalogs = Catalogs::bundled().unwrap_or_default();
    c.bench_function("evaluate 30 offers x 400 criteria x 9 evaluators", |b| {
        b.iter(|| evaluate(std::hint::black_box(&evaluation), &catalogs))
    });
    let text = evaluation_to_string(&evaluation);
    c.bench_function("parse and validate the same file", |b| {
        b.iter(|| parse_evaluation(std::hint::black_box(&text)))
    });
    c.bench_function("canonical text and SHA-256 of the same evaluation", |b| {
        b.iter(|| canonical_hash(std::hint::black_box(&evaluation)))
    });
    let priced = synthetic_schedule_evaluation(2_000, 12);
    c.bench_function("evaluate a 2,000-line price schedule x 12 offers", |b| {
        b.iter(|| evaluate(std::hint::black_box(&priced), &catalogs))
    });
    let priced_text = evaluation_to_string(&priced);
    c.bench_function("parse and validate the same priced file", |b| {
        b.iter(|| parse_evaluation(std::hint::black_box(&priced_text)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
