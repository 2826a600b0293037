//! Developer tool: `cargo run -p jauge-report --example render -- IN.json OUT.pdf [fr|en]`
//! renders a report for looking at its pages; `IN.json` may be `synthetic` for the benchmark's
//! 30 offers × 400 criteria × 9 evaluators.

use std::time::Instant;

use jauge_domain::catalog::Catalogs;
use jauge_report::{JournalDigest, Lang, ReportInput, render_report};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
        return Err("usage: render IN.json OUT.pdf [fr|en]".into());
    };
    let lang = match args.get(3).map(String::as_str) {
        Some("en") => Lang::En,
        _ => Lang::Fr,
    };
    let evaluation = if input == "synthetic" {
        jauge_domain::synthetic::synthetic_evaluation(30, 400, 9)
    } else {
        jauge_domain::parse_evaluation(&std::fs::read_to_string(input)?)?
    };
    let results = jauge_domain::evaluate(&evaluation, &Catalogs::bundled()?);
    let report = ReportInput {
        evaluation: &evaluation,
        results: &results,
        results_as_submitted: None,
        rounds: &[],
        lang,
        generated_at: chrono::DateTime::parse_from_rfc3339("2026-11-02T09:05:00Z")?.to_utc(),
        software_version: env!("CARGO_PKG_VERSION"),
        journal: Some(JournalDigest {
            entries: 42,
            head_hash: "ab".repeat(32),
            committee_files: Vec::new(),
        }),
        lot_award: None,
    };
    let start = Instant::now();
    let bytes = render_report(&report)?;
    eprintln!("rendered {} bytes in {:?}", bytes.len(), start.elapsed());
    std::fs::write(output, bytes)?;
    Ok(())
}
