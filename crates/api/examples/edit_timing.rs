//! Times single edits through `jauge-api` (edit → saved with its journal entry → new results) on
//! a real SQLite file, and prints the mean, median, p99 and maximum, which criterion's report
//! does not give: `cargo run --release -p jauge-api --example edit_timing -- [EDITS]`.

use std::time::{Duration, Instant};

use chrono::Utc;
use jauge_api::domain::{Answer, CriterionBody, Evaluation, Score};
use jauge_api::store::Change;

fn main() {
    let edits: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let demo =
        jauge_api::read_evaluation(include_str!("../../../assets/demo/cloud-de-confiance.json"))
            .unwrap_or_else(|e| panic!("demo: {e}"));
    let cases = [
        ("demo", demo, edits),
        (
            "10 x 60 x 5",
            jauge_api::domain::synthetic::synthetic_evaluation(10, 60, 5),
            edits,
        ),
        (
            "30 x 400 x 9",
            jauge_api::domain::synthetic::synthetic_evaluation(30, 400, 9),
            edits / 4,
        ),
    ];
    for (name, evaluation, edits) in cases {
        let dir = tempfile_dir(name);
        let mut db =
            jauge_api::open_store(&dir.join("jauge.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
        jauge_api::create_evaluation(&mut db, &evaluation, Utc::now(), "bench")
            .unwrap_or_else(|e| panic!("{e}"));
        let reference = evaluation.tender.reference.clone();
        let changes = score_edits(&evaluation, edits + 1);
        let mut times = Vec::with_capacity(edits);
        for (i, change) in changes.iter().enumerate() {
            let start = Instant::now();
            jauge_api::apply_change(&mut db, &reference, change, Utc::now(), "bench")
                .unwrap_or_else(|e| panic!("{e}"));
            // The first edit opens the evaluation; the others are what the buyer feels.
            if i > 0 {
                times.push(start.elapsed());
            }
        }
        report(name, &mut times);
        drop(db);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

fn tempfile_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "jauge-edit-timing-{}-{}",
        std::process::id(),
        name.replace(' ', "")
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// `count` edits of existing scores, spread over the grid, each moving a value to the other end
/// of its scale (or flipping a requirement), so that every edit really changes the state.
pub fn score_edits(evaluation: &Evaluation, count: usize) -> Vec<Change> {
    let mut scores: Vec<Score> = evaluation.scores.clone();
    let stride = (scores.len() / count.max(1)).max(1) | 1;
    (0..count)
        .map(|i| {
            let index = (i * stride) % scores.len();
            let score = &mut scores[index];
            score.answer = match (
                score.answer,
                evaluation.criterion(&score.criterion).map(|c| &c.body),
            ) {
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

fn report(name: &str, times: &mut [Duration]) {
    times.sort();
    let n = times.len().max(1);
    let mean = times.iter().sum::<Duration>() / n as u32;
    let at = |q: f64| {
        times[((n as f64 * q).ceil() as usize)
            .saturating_sub(1)
            .min(n - 1)]
    };
    println!(
        "{name:>14}: {n} edits, mean {:.2} ms, median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms(mean),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(times[n - 1])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
