//! Times the workbook and the grid of a synthetic evaluation, and reading a filled-in-nothing
//! grid back: `cargo run --release -p jauge-sheets --example measure -- OFFERS LEAVES EVALUATORS`.

use std::time::Instant;

use jauge_domain::catalog::Catalogs;
use jauge_domain::synthetic::synthetic_evaluation;
use jauge_sheets::{Lang, WorkbookInput, read_score_grid, results_workbook, score_grid};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse())
        .collect::<Result<_, _>>()?;
    let (offers, leaves, evaluators) = match args[..] {
        [o, l, e] => (o, l, e),
        _ => (50, 200, 5),
    };
    let evaluation = synthetic_evaluation(offers, leaves, evaluators);
    let results = jauge_domain::evaluate(&evaluation, &Catalogs::bundled()?);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 10, 30).ok_or("date")?;
    let start = Instant::now();
    let workbook = results_workbook(&WorkbookInput {
        evaluation: &evaluation,
        results: &results,
        lang: Lang::Fr,
        today,
    })?;
    println!(
        "workbook: {} scores, {} bytes in {:?}",
        evaluation.scores.len(),
        workbook.len(),
        start.elapsed()
    );
    let evaluator = &evaluation.evaluators[0].id;
    let start = Instant::now();
    let grid = score_grid(&evaluation, evaluator, Lang::Fr)?;
    println!("grid: {} bytes in {:?}", grid.len(), start.elapsed());
    let start = Instant::now();
    let read = read_score_grid(&grid, &evaluation, evaluator, "2026-10-30T00:00:00Z");
    println!(
        "blank grid read back in {:?}: {}",
        start.elapsed(),
        read.map_or_else(|e| e.to_string(), |s| format!("{} scores", s.len()))
    );
    Ok(())
}
