//! The `jauge` command line: a thin host over `jauge-api`, like the desktop shell. Each command
//! parses its arguments, calls the API and prints; exit statuses follow spec §10 (0 done, 1 other
//! failure, 2 invalid or unreadable input). Nothing is written to an output file when the input
//! is invalid.

mod catalog;
mod consultation;
mod display;
mod evaluate;
mod letters;
mod package;
mod prices;
mod report;
mod sheets;
mod stored;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use jauge_api::{Error, ErrorCode};

/// Reading a large evaluation and writing its report make millions of short-lived allocations;
/// glibc's allocator spent about a third of the report's time on them, mimalloc a fraction.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "jauge",
    version,
    about = "Évaluer les offres cloud d'une consultation publique et produire un rapport signé",
    after_help = "Statuts de sortie : 0 terminé, 1 autre échec, 2 entrée invalide ou illisible."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the local database is; the default is in the platform's data folder.
#[derive(clap::Args, Clone)]
pub struct DbArg {
    /// The SQLite database file (default: the platform's data folder, jauge/jauge.sqlite3).
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
}

impl DbArg {
    /// Opens the database and tells, on stderr, what the user should know about it (a folder
    /// that refused WAL mode, say); the command goes on regardless.
    pub fn open(&self) -> Result<jauge_api::Store, Failure> {
        let store = jauge_api::open_store(&self.path()?)?;
        for warning in store.warnings() {
            eprintln!("attention : {}", warning_text(warning));
        }
        Ok(store)
    }

    /// The database path: `--db`, else `JAUGE_DB`, else the platform's data folder.
    pub fn path(&self) -> Result<PathBuf, Failure> {
        if let Some(path) = &self.db {
            return Ok(path.clone());
        }
        if let Some(path) = std::env::var_os("JAUGE_DB") {
            return Ok(PathBuf::from(path));
        }
        dirs::data_dir()
            .map(|d| d.join("jauge").join("jauge.sqlite3"))
            .ok_or_else(|| {
                Failure::Other(Error::NotFound(
                    "no data folder on this system: pass --db PATH".into(),
                ))
            })
    }
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate an evaluation or consultation file and print the ranking, or each lot's ranking
    /// and the award across lots (or the results document with --json).
    Evaluate {
        file: PathBuf,
        /// Print the results document (spec §9) instead of the ranking table.
        #[arg(long)]
        json: bool,
    },
    /// Browse the bundled criteria catalogs (SecNumCloud, Gaia-X, HDS…).
    #[command(subcommand)]
    Catalog(catalog::CatalogCommand),
    /// Write a new evaluation file from a starter template.
    New {
        /// cloud-sensitive, gaia-x-label-2 or health-hds (see `jauge new --list`).
        #[arg(long, required_unless_present = "list")]
        template: Option<String>,
        /// The evaluation file to write.
        #[arg(short, long, required_unless_present = "list")]
        output: Option<PathBuf>,
        /// List the templates.
        #[arg(long)]
        list: bool,
    },
    /// Store an evaluation file in the local database (refused if invalid or already stored).
    Import {
        file: PathBuf,
        /// Replace a stored evaluation with the same reference (its journal is kept).
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// Write a stored evaluation back to an evaluation file.
    Export {
        reference: String,
        #[arg(short, long)]
        output: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
    /// List the stored evaluations.
    List {
        #[command(flatten)]
        db: DbArg,
    },
    /// The journal of changes of a stored evaluation.
    #[command(subcommand)]
    Journal(stored::JournalCommand),
    /// Write the evaluation report (PDF) of an evaluation file or of a stored evaluation.
    Report(report::ReportArgs),
    /// Add a PAdES signature to a report; earlier signatures stay valid.
    Sign(report::SignArgs),
    /// List every signature of a PDF with its verdict and the changes made after it (exit 0
    /// only when every signature is intact and nothing but signatures was added after any).
    Verify(report::VerifyArgs),
    /// Write the award letter and one rejection letter per other offer (PDF) to a folder,
    /// optionally each signed; refused until every offer is scored and one is first.
    Letters(letters::LettersArgs),
    /// Write one request to a bidder (clarification, regularisation, negotiation) recorded in
    /// the evaluation's exchanges as a PDF letter, optionally signed.
    RequestLetter(letters::RequestLetterArgs),
    /// Write back the evaluation (or, from a consultation's report, the consultation) embedded
    /// in a report.
    Extract {
        file: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Spreadsheets: the evaluation as a workbook, blank scoring grids, and filled grids or
    /// lists of bids read back.
    #[command(subcommand)]
    Xlsx(sheets::XlsxCommand),
    /// The committee on several laptops: evaluator packages out, return files back.
    #[command(subcommand)]
    Package(package::PackageCommand),
    /// The price schedule (BPU/DQE): a bidder's unit prices and totals, corrections of
    /// material errors accepted or withdrawn, each one journaled edit.
    #[command(subcommand)]
    Prices(prices::PricesCommand),
}

/// The French words for a store warning.
fn warning_text(warning: &jauge_api::store::StoreWarning) -> String {
    match warning {
        jauge_api::store::StoreWarning::WalRefused { mode } => format!(
            "le dossier de la base refuse le journal d'écriture anticipée de SQLite (mode {mode}) : \
             les modifications restent enregistrées de façon sûre, mais ce dossier (un partage \
             réseau ?) peut mal verrouiller les fichiers ; gardez la base sur un disque local"
        ),
        jauge_api::store::StoreWarning::ReadOnly => {
            "la base est ouverte en lecture seule : consultation et export seulement".to_owned()
        }
    }
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
            ErrorCode::Invalid | ErrorCode::NotFound | ErrorCode::WrongPassword => {
                Failure::Input(error)
            }
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
        Command::Catalog(command) => catalog::run(command),
        Command::New {
            template,
            output,
            list,
        } => catalog::new_from_template(template.as_deref(), output.as_deref(), list),
        Command::Import { file, replace, db } => stored::import(&file, replace, &db),
        Command::Export {
            reference,
            output,
            db,
        } => stored::export(&reference, &output, &db),
        Command::List { db } => stored::list(&db),
        Command::Journal(command) => stored::journal(command),
        Command::Report(args) => report::report(&args),
        Command::Sign(args) => report::sign(&args),
        Command::Verify(args) => report::verify(&args),
        Command::Extract { file, output } => report::extract(&file, &output),
        Command::Letters(args) => letters::letters(&args),
        Command::RequestLetter(args) => letters::request_letter(&args),
        Command::Xlsx(command) => sheets::run(command),
        Command::Package(command) => package::run(command),
        Command::Prices(command) => prices::run(command),
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
            if let Some(more) = invalid.omitted_line(jauge_api::domain::words::Lang::En) {
                eprintln!("error: {more}");
            }
        }
        other => eprintln!("error: {other}"),
    }
}
