//! `jauge xlsx`: the evaluation as a workbook, blank scoring grids and price schedules, and the
//! workbooks a buyer brings back (a filled grid, the list of bids received, a bidder's filled
//! price schedule).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::Subcommand;
use jauge_api::{Error, Lang, WorkbookImport};

use crate::report::lang;
use crate::stored::actor;
use crate::{DbArg, Failure, input};

#[derive(Subcommand)]
pub enum XlsxCommand {
    /// Write the evaluation and its results as a workbook (summary, matrix, one sheet per
    /// evaluator, the committee's decisions), from an evaluation FILE or a stored evaluation;
    /// for a consultation of several lots, the award of the lots then each lot's summary and
    /// matrix.
    Export {
        /// The evaluation file (or use --reference for a stored evaluation).
        #[arg(required_unless_present = "reference", conflicts_with = "reference")]
        file: Option<PathBuf>,
        #[arg(long)]
        reference: Option<String>,
        #[arg(short, long)]
        output: PathBuf,
        /// fr (default) or en.
        #[arg(long, default_value = "fr")]
        lang: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Write the blank scoring grid of one evaluator of a stored evaluation.
    Grid {
        reference: String,
        /// The evaluator's id (as in the evaluation file).
        #[arg(long)]
        evaluator: String,
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long, default_value = "fr")]
        lang: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Import a filled scoring grid: every wrong cell is named and nothing is written, or all
    /// its scores are saved with one journal entry naming the file.
    ImportScores {
        reference: String,
        grid: PathBuf,
        /// The evaluator the grid was made for.
        #[arg(long)]
        evaluator: String,
        /// The language of the problems reported: fr (default) or en.
        #[arg(long, default_value = "fr")]
        lang: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Write the blank price schedule (BPU/DQE) of a stored evaluation: its lines and
    /// estimated quantities, with empty unit-price and amount columns for a bidder to fill.
    Schedule {
        reference: String,
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long, default_value = "fr")]
        lang: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Import one bidder's filled price schedule as the prices of one offer (replacing what it
    /// had): every wrong cell is named and nothing is written, or the prices are saved with one
    /// journal entry.
    ImportSchedule {
        reference: String,
        workbook: PathBuf,
        /// The offer the schedule is from.
        #[arg(long)]
        offer: String,
        #[arg(long, default_value = "fr")]
        lang: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Import the list of bids received (columns Identifiant, Soumissionnaire, Offre, Prix,
    /// Irrégularité): offers updated or added, with one journal entry naming the file.
    ImportOffers {
        reference: String,
        workbook: PathBuf,
        #[arg(long, default_value = "fr")]
        lang: String,
        #[command(flatten)]
        db: DbArg,
    },
}

pub fn run(command: XlsxCommand) -> Result<ExitCode, Failure> {
    let today = Utc::now().date_naive();
    match command {
        XlsxCommand::Export {
            file,
            reference,
            output,
            lang: code,
            db,
        } => {
            let lang = lang(&code)?;
            let bytes = match (file, reference) {
                (Some(file), _) => {
                    let text = input(jauge_api::read_text_file(&file))?;
                    if jauge_api::is_consultation(&text) {
                        let consultation = input(jauge_api::read_consultation(&text))?;
                        jauge_api::render_consultation_workbook(&consultation, lang, today)?
                    } else {
                        let evaluation = input(jauge_api::read_evaluation(&text))?;
                        jauge_api::render_workbook(&evaluation, lang, today)?
                    }
                }
                (None, Some(reference)) => {
                    let store = jauge_api::open_store(&db.path()?)?;
                    // A consultation of several lots: the award, then each lot's sheets.
                    if jauge_api::is_stored_consultation(&store, &reference)? {
                        jauge_api::render_stored_consultation_workbook(
                            &store, &reference, lang, today,
                        )?
                    } else {
                        jauge_api::render_stored_workbook(&store, &reference, lang, today)?
                    }
                }
                (None, None) => {
                    return Err(Failure::Input(Error::NotFound(
                        "give an evaluation FILE or --reference REF".into(),
                    )));
                }
            };
            jauge_api::write_file_atomically(&output, &bytes)?;
        }
        XlsxCommand::Grid {
            reference,
            evaluator,
            output,
            lang: code,
            db,
        } => {
            let lang = lang(&code)?;
            let store = jauge_api::open_store(&db.path()?)?;
            let bytes = jauge_api::render_score_grid(&store, &reference, &evaluator, lang)?;
            jauge_api::write_file_atomically(&output, &bytes)?;
        }
        XlsxCommand::ImportScores {
            reference,
            grid,
            evaluator,
            lang: code,
            db,
        } => {
            let lang = lang(&code)?;
            let file = input(jauge_api::read_workbook_file(&grid))?;
            let mut store = jauge_api::open_store(&db.path()?)?;
            let done = match jauge_api::import_score_grid(
                &mut store,
                &reference,
                &evaluator,
                &file,
                Utc::now(),
                &actor(),
            ) {
                Ok(done) => done,
                Err(error) => return refused(error, lang),
            };
            report(&done, "notes importées");
        }
        XlsxCommand::Schedule {
            reference,
            output,
            lang: code,
            db,
        } => {
            let lang = lang(&code)?;
            let store = jauge_api::open_store(&db.path()?)?;
            let bytes = jauge_api::render_schedule_workbook(&store, &reference, lang)?;
            jauge_api::write_file_atomically(&output, &bytes)?;
        }
        XlsxCommand::ImportSchedule {
            reference,
            workbook,
            offer,
            lang: code,
            db,
        } => {
            let lang = lang(&code)?;
            let file = input(jauge_api::read_workbook_file(&workbook))?;
            let mut store = jauge_api::open_store(&db.path()?)?;
            if let Err(error) = jauge_api::import_schedule_workbook(
                &mut store,
                &reference,
                &offer,
                &file,
                Utc::now(),
                &actor(),
            ) {
                return refused(error, lang);
            }
            let evaluation = jauge_api::load_evaluation(&store, &reference)?;
            let priced = evaluation
                .price_schedule
                .as_ref()
                .and_then(|s| s.offers.iter().find(|o| o.offer == offer))
                .map_or(0, |o| o.prices.len());
            println!(
                "{priced} prix unitaires importés pour l’offre {offer} depuis {}, une entrée au journal.",
                file.name
            );
        }
        XlsxCommand::ImportOffers {
            reference,
            workbook,
            lang: code,
            db,
        } => {
            let lang = lang(&code)?;
            let file = input(jauge_api::read_workbook_file(&workbook))?;
            let mut store = jauge_api::open_store(&db.path()?)?;
            let done = match jauge_api::import_offers_workbook(
                &mut store,
                &reference,
                &file,
                Utc::now(),
                &actor(),
            ) {
                Ok(done) => done,
                Err(error) => return refused(error, lang),
            };
            report(&done, "offres importées");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A refused workbook: its wrong cells printed in the language of `--lang` (the vocabulary's
/// words, as the app shows them), exit 2; any other failure as every command reports it.
fn refused(error: Error, lang: Lang) -> Result<ExitCode, Failure> {
    let Error::Invalid(invalid) = &error else {
        return Err(error.into());
    };
    for problem in &invalid.problems {
        let message = problem.message_in(lang.words());
        match problem.path.as_str() {
            "" => eprintln!("error: {message}"),
            path => eprintln!("error: {path}: {message}"),
        }
    }
    if let Some(more) = invalid.omitted_line(lang.words()) {
        eprintln!("error: {more}");
    }
    Ok(ExitCode::from(2))
}

fn report(done: &WorkbookImport, what: &str) {
    println!(
        "{} {what} de {} (SHA-256 {}), une entrée au journal.",
        done.count, done.file.name, done.file.sha256
    );
}
