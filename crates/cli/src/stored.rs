//! Commands on the local database: import, export, list, journal.

use std::path::Path;
use std::process::ExitCode;

use chrono::Utc;
use clap::Subcommand;

use crate::{DbArg, Failure, input};

#[derive(Subcommand)]
pub enum JournalCommand {
    /// Recompute the hash chain and compare it with the stored data (exit 1 when broken).
    Verify {
        reference: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Print the history of changes.
    Show {
        reference: String,
        #[command(flatten)]
        db: DbArg,
    },
}

/// The name journal entries are signed with: the operating-system user.
pub(crate) fn actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "jauge".into())
}

pub fn import(file: &Path, replace: bool, db: &DbArg) -> Result<ExitCode, Failure> {
    // Read and validate before opening the database: invalid input must not even create it.
    let text = input(jauge_api::read_text_file(file))?;
    if jauge_api::is_consultation(&text) {
        if replace {
            return Err(Failure::Input(jauge_api::Error::NotFound(
                "--replace applies to an evaluation file, not to a consultation".into(),
            )));
        }
        input(jauge_api::read_consultation(&text))?;
        let mut store = db.open()?;
        let consultation = jauge_api::import_consultation(&mut store, &text, Utc::now(), &actor())?;
        println!(
            "{} importée : {} lots, {} soumissionnaires.",
            consultation.info.reference,
            consultation.lots.len(),
            consultation.bidders.len()
        );
        for lot in &consultation.lots {
            println!(
                "  lot {} – {} : {}",
                lot.number,
                lot.title,
                jauge_api::store::lot_key(&consultation.info.reference, &lot.id)
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    input(jauge_api::read_evaluation(&text))?;
    let mut store = db.open()?;
    let evaluation =
        jauge_api::import_evaluation(&mut store, &text, replace, Utc::now(), &actor())?;
    println!(
        "{} importée : {} offres, {} évaluateurs, {} notes.",
        evaluation.tender.reference,
        evaluation.offers.len(),
        evaluation.evaluators.len(),
        evaluation.scores.len()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn export(reference: &str, output: &Path, db: &DbArg) -> Result<ExitCode, Failure> {
    let store = db.open()?;
    let text = jauge_api::export_evaluation(&store, reference)?;
    jauge_api::write_file_atomically(output, text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub fn list(db: &DbArg) -> Result<ExitCode, Failure> {
    let store = db.open()?;
    let tenders = jauge_api::list_evaluations(&store)?;
    if tenders.is_empty() {
        println!("Aucune évaluation enregistrée.");
    }
    for t in tenders {
        println!(
            "{:<20} {:<50} date limite {}  {} offres, {} notes",
            t.reference,
            t.title,
            t.deadline.format("%d/%m/%Y"),
            t.offers,
            t.scores
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn journal(command: JournalCommand) -> Result<ExitCode, Failure> {
    match command {
        JournalCommand::Verify { reference, db } => {
            let store = db.open()?;
            let verdict = jauge_api::verify_journal(&store, &reference)?;
            match &verdict.broken {
                None => {
                    println!(
                        "Journal intègre : {} entrées, empreinte de tête {}",
                        verdict.entries,
                        verdict.head_hash.as_deref().unwrap_or("-")
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Some(broken) => {
                    use jauge_api::store::BreakReason;
                    let seq = broken.seq;
                    let why = match broken.reason {
                        BreakReason::HashMismatch => {
                            format!(
                                "l'entrée n° {seq} ne correspond plus à son empreinte : elle a été modifiée"
                            )
                        }
                        BreakReason::PrevHashMismatch => {
                            format!(
                                "l'entrée n° {seq} ne suit plus l'entrée précédente : la chaîne a été altérée"
                            )
                        }
                        BreakReason::MissingEntry => format!("l'entrée n° {seq} a disparu"),
                        BreakReason::StateEditedAfter => format!(
                            "les données ont été modifiées hors de Jauge après l'entrée n° {seq}"
                        ),
                    };
                    println!("Journal altéré : {why}");
                    Ok(ExitCode::from(1))
                }
            }
        }
        JournalCommand::Show { reference, db } => {
            let store = db.open()?;
            for entry in jauge_api::list_journal(&store, &reference)? {
                println!(
                    "{:>5}  {}  {:<18} {:<12} {}",
                    entry.seq,
                    entry.at.format("%d/%m/%Y %H:%M:%S"),
                    entry.action,
                    entry.actor,
                    &entry.hash[..16.min(entry.hash.len())]
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
