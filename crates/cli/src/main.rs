//! The `jauge` command line: a thin host over `jauge-api`, like the desktop shell. Each command
//! parses its arguments, calls the API and prints; exit statuses follow spec §10 (0 done, 1 other
//! failure, 2 invalid or unreadable input). Nothing is written to an output file when the input
//! is invalid.

mod display;
mod evaluate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use jauge_api::{Error, ErrorCode};

#[derive(Parser)]
#[command(
    name = "jauge",
    version,
    about = "Évaluer les offres cloud d'une consultation publique et produire un rapport signé"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate an evaluation file and print the ranking (or the results document with --json).
    Evaluate {
        file: PathBuf,
        /// Print the results document (spec §9) instead of the ranking table.
        #[arg(long)]
        json: bool,
    },
}

/// How a command ended, mapped to the exit statuses of spec §10.
pub enum Failure {
    /// Invalid or unreadable input: exit 2.
    Input(Error),
    /// Anything else: exit 1.
    Other(Error),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        match error.code() {
            ErrorCode::Invalid | ErrorCode::NotFound => Failure::Input(error),
            _ => Failure::Other(error),
        }
    }
}

/// Reading the user's input file: failing to read it is an input problem (exit 2).
pub fn input<T>(result: jauge_api::Result<T>) -> Result<T, Failure> {
    result.map_err(Failure::Input)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Evaluate { file, json } => evaluate::run(&file, json),
    };
    match outcome {
        Ok(code) => code,
        Err(Failure::Input(error)) => {
            print_error(&error);
            ExitCode::from(2)
        }
        Err(Failure::Other(error)) => {
            print_error(&error);
            ExitCode::from(1)
        }
    }
}

fn print_error(error: &Error) {
    match error {
        Error::Invalid(invalid) => {
            for problem in &invalid.problems {
                eprintln!("error: {problem}");
            }
        }
        other => eprintln!("error: {other}"),
    }
}
