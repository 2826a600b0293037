//! The two halves of the crash harness (`scripts/crash-harness.sh`):
//!
//! - `crash_child edit DB`: imports a 10 × 60 × 5 evaluation into DB if it is not there, then
//!   applies score edits through `jauge-api` without end, printing `ack N VALUE` on stdout (and
//!   flushing) as soon as edit N is acknowledged, as the screen would show "saved";
//! - `crash_child check DB ACKS`: after the child was killed (or on a snapshot of its files),
//!   checks that every acknowledged edit is in DB (the last value acknowledged for each cell, or
//!   a later one the kill interrupted after it reached the disk), that `PRAGMA integrity_check`
//!   says ok and that the journal verifies. Exits 0 when all hold, 1 otherwise.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;
use jauge_api::domain::synthetic::synthetic_evaluation;
use jauge_api::domain::{Answer, Evaluation, Score};
use jauge_api::store::Change;

const REFERENCE_SIZE: (usize, usize, usize) = (10, 60, 5);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let outcome = match args.get(1).map(String::as_str) {
        Some("edit") if args.len() == 3 => edit(Path::new(&args[2])),
        Some("check") if args.len() == 4 => check(Path::new(&args[2]), Path::new(&args[3])),
        _ => Err("usage: crash_child edit DB | crash_child check DB ACKS".into()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn evaluation() -> Evaluation {
    let (offers, leaves, evaluators) = REFERENCE_SIZE;
    synthetic_evaluation(offers, leaves, evaluators)
}

/// The score edit number `n`: cell `n` modulo the grid, value `n` modulo the scale's 11 steps,
/// so the check can tell which edit a stored value comes from.
fn edit_number(scores: &[Score], n: u64) -> Score {
    let index = (n as usize).wrapping_mul(7919) % scores.len();
    Score {
        answer: Answer::Value((n % 11) as f64 * 0.5),
        justification: Some(format!("edit {n}")),
        ..scores[index].clone()
    }
}

fn edit(db: &Path) -> Result<(), String> {
    let evaluation = evaluation();
    let reference = evaluation.tender.reference.clone();
    let mut store = jauge_api::open_store(db).map_err(|e| e.to_string())?;
    if jauge_api::load_evaluation(&store, &reference).is_err() {
        jauge_api::create_evaluation(&mut store, &evaluation, Utc::now(), "harness")
            .map_err(|e| e.to_string())?;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for n in 1.. {
        let score = edit_number(&evaluation.scores, n);
        jauge_api::apply_change(
            &mut store,
            &reference,
            &Change::SetScore(score),
            Utc::now(),
            "harness",
        )
        .map_err(|e| e.to_string())?;
        // Acknowledged: what the screen would now show as saved.
        writeln!(out, "ack {n}")
            .and_then(|()| out.flush())
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn check(db: &Path, acks: &Path) -> Result<(), String> {
    let evaluation = evaluation();
    let acknowledged: Vec<u64> = std::fs::read_to_string(acks)
        .map_err(|e| e.to_string())?
        .lines()
        .filter_map(|line| line.strip_prefix("ack ")?.trim().parse().ok())
        .collect();
    let raw = integrity_check(db)?;
    let store = jauge_api::open_store(db).map_err(|e| e.to_string())?;
    let reference = &evaluation.tender.reference;
    let stored = match jauge_api::load_evaluation(&store, reference) {
        Ok(stored) => stored,
        // Killed while importing: nothing was acknowledged, and nothing may be half there.
        Err(e) if acknowledged.is_empty() && e.code() == jauge_api::ErrorCode::NotFound => {
            println!("ok: killed before the import committed, {raw}");
            return Ok(());
        }
        Err(e) => return Err(e.to_string()),
    };
    let verdict = jauge_api::verify_journal(&store, reference).map_err(|e| e.to_string())?;
    if !verdict.is_intact() {
        return Err(format!("journal broken: {verdict:?}"));
    }
    // The last acknowledged edit of each cell must be there, or a later edit of that cell
    // (one that reached the disk just before the kill, unacknowledged).
    let last = acknowledged.iter().max().copied().unwrap_or(0);
    let mut expected: HashMap<(String, String, String), u64> = HashMap::new();
    for &n in &acknowledged {
        let score = edit_number(&evaluation.scores, n);
        expected.insert((score.offer, score.criterion, score.evaluator), n);
    }
    for ((offer, criterion, evaluator), n) in &expected {
        let found = stored
            .scores
            .iter()
            .find(|s| &s.offer == offer && &s.criterion == criterion && &s.evaluator == evaluator)
            .and_then(|s| {
                s.justification
                    .as_deref()?
                    .strip_prefix("edit ")?
                    .parse::<u64>()
                    .ok()
            });
        match found {
            Some(m) if m == *n || m > last => {}
            other => {
                return Err(format!(
                    "acknowledged edit {n} lost: the cell holds edit {other:?}"
                ));
            }
        }
    }
    println!(
        "ok: {} edits acknowledged, journal of {} entries intact, {raw}",
        acknowledged.len(),
        verdict.entries
    );
    Ok(())
}

/// `PRAGMA integrity_check` through a plain connection, before Jauge opens the file.
fn integrity_check(db: &Path) -> Result<String, String> {
    let conn = rusqlite::Connection::open(db).map_err(|e| e.to_string())?;
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|e| e.to_string())?;
    if verdict == "ok" {
        Ok("integrity_check ok".into())
    } else {
        Err(format!("integrity_check: {verdict}"))
    }
}
