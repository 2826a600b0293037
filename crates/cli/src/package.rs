//! `jauge package`: the committee on several laptops. The buyer exports one package per
//! evaluator; the evaluator opens it in their own database, scores, and writes a return file;
//! the buyer imports each return file.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{SecondsFormat, Utc};
use clap::Subcommand;
use jauge_api::domain::{Answer, Declaration, Score};
use jauge_api::store::Change;
use jauge_api::{KeyFile, PackageRequest};

use crate::stored::actor;
use crate::{DbArg, Failure, input};

#[derive(Subcommand)]
pub enum PackageCommand {
    /// (Buyer) Write the package of one evaluator of a stored evaluation: the tender, the
    /// criteria, the offers, that evaluator's assigned criteria and what they already scored.
    Export {
        reference: String,
        /// The evaluator's id.
        #[arg(long)]
        evaluator: String,
        #[arg(short, long)]
        output: PathBuf,
        /// The criteria assigned to them, comma-separated (default: every criterion scored by
        /// an evaluator).
        #[arg(long, value_delimiter = ',')]
        criteria: Option<Vec<String>>,
        #[command(flatten)]
        db: DbArg,
    },
    /// (Evaluator) Store the evaluation of a package in this computer's database, to score it.
    Open {
        package: PathBuf,
        /// Replace the stored evaluation of that tender (a newer package from the buyer).
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// (Evaluator) Write the return file of a package: your declarations and your scores, as
    /// stored here, on the criteria assigned to you; signed with your certificate if --p12.
    Return {
        package: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// Your certificate (PKCS#12) to sign the return file with.
        #[arg(long)]
        p12: Option<PathBuf>,
        /// A file whose first line is the password (else JAUGE_P12_PASSWORD).
        #[arg(long)]
        password_file: Option<PathBuf>,
        #[command(flatten)]
        db: DbArg,
    },
    /// (Buyer) Import an evaluator's return file. Scores the database already holds with
    /// another value are listed and kept, unless --take-theirs.
    Import {
        reference: String,
        file: PathBuf,
        /// Replace the conflicting scores with the file's (the buyer's decision, journaled).
        #[arg(long)]
        take_theirs: bool,
        /// Confirm that the certificate signing this return is the member's, though their
        /// earlier signed return used another one (journaled).
        #[arg(long)]
        accept_new_certificate: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// (Evaluator) Declare your interests towards every offer: no conflict of interest, except
    /// with the offers given to --conflict, which you will not score (your scores on them are
    /// removed).
    Declare {
        reference: String,
        /// Your evaluator id.
        #[arg(long)]
        evaluator: String,
        /// Offers you have a conflict of interest with, comma-separated.
        #[arg(long, value_delimiter = ',')]
        conflict: Vec<String>,
        /// What you declare about the conflict (its nature).
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        db: DbArg,
    },
    /// (Buyer) Open the sealed prices: from now on they count and packages carry them.
    OpenPrices {
        reference: String,
        #[command(flatten)]
        db: DbArg,
    },
}

fn answer(score: &Score) -> String {
    match score.answer {
        Answer::Value(v) => {
            jauge_api::domain::words::decimal(jauge_api::domain::words::Lang::Fr, v, 2)
        }
        Answer::Met(true) => "satisfaite".into(),
        Answer::Met(false) => "non satisfaite".into(),
    }
}

/// A declaration in a line of the import's summary.
fn declared(declaration: &Declaration) -> &'static str {
    if declaration.conflict {
        "conflit d’intérêts"
    } else {
        "pas de conflit"
    }
}

pub fn run(command: PackageCommand) -> Result<ExitCode, Failure> {
    match command {
        PackageCommand::Export {
            reference,
            evaluator,
            output,
            criteria,
            db,
        } => {
            let mut store = db.open()?;
            let request = PackageRequest {
                evaluator,
                criteria,
            };
            let written = jauge_api::export_package_file(
                &mut store,
                &reference,
                &request,
                Utc::now(),
                &actor(),
                &output,
            )?;
            println!(
                "Paquet de {} écrit : {} (SHA-256 {}).",
                request.evaluator,
                written.path.display(),
                written.sha256
            );
        }
        PackageCommand::Open {
            package,
            replace,
            db,
        } => {
            let mut store = db.open()?;
            let opened =
                jauge_api::open_package_file(&mut store, &package, replace, Utc::now(), &actor())?;
            println!(
                "Consultation {} ouverte pour {} : {} critère(s) à noter.",
                jauge_api::workspace_key(&opened.evaluation),
                opened.evaluator,
                opened.criteria.len(),
            );
        }
        PackageCommand::Return {
            package,
            output,
            p12,
            password_file,
            db,
        } => {
            let store = db.open()?;
            let password = match &p12 {
                Some(_) => Some(crate::report::password(password_file.as_deref())?),
                None => None,
            };
            let key = p12
                .as_deref()
                .zip(password.as_deref())
                .map(|(p12, password)| KeyFile { p12, password });
            let reference =
                jauge_api::workspace_key(&jauge_api::read_package_file(&package)?.evaluation);
            let written =
                jauge_api::write_return_file(&store, &reference, Utc::now(), &output, key)?;
            println!(
                "Retour écrit{} : {} (SHA-256 {}).",
                if key.is_some() { " et signé" } else { "" },
                written.path.display(),
                written.sha256
            );
        }
        PackageCommand::Import {
            reference,
            file,
            take_theirs,
            accept_new_certificate,
            db,
        } => {
            input(jauge_api::read_text_file(&file))?;
            let mut store = db.open()?;
            let options = jauge_api::ReturnImport {
                take_theirs,
                accept_new_certificate,
            };
            let merged = jauge_api::import_return_file_with(
                &mut store,
                &reference,
                &file,
                options,
                Utc::now(),
                &actor(),
            )?;
            if let Some(signer) = &merged.file.signer {
                println!(
                    "Signé par {} (certificat SHA-256 {}) : signature vérifiée{}.",
                    jauge_api::escape_control_characters(&signer.subject),
                    signer.certificate_sha256,
                    match merged.valid_at_signing {
                        Some(true) => ", certificat valide à la date du retour",
                        Some(false) => ", certificat NON valide à la date du retour",
                        None => ", validité du certificat illisible",
                    }
                );
            }
            for (code, params) in &merged.flags {
                let words = jauge_api::domain::words::RETURN_FLAGS;
                let lang = jauge_api::domain::words::Lang::Fr;
                println!(
                    "attention : {}",
                    jauge_api::escape_control_characters(&jauge_api::domain::words::render(
                        words, code, params, lang
                    ))
                );
            }
            let escape = jauge_api::escape_control_characters;
            println!(
                "Retour de {} ({}, SHA-256 {}) : {} note(s) enregistrée(s), {} déjà identique(s){}.",
                merged.evaluator,
                escape(&merged.file.name),
                merged.file.sha256,
                merged.written,
                merged.unchanged,
                if merged.changed {
                    ", une entrée au journal"
                } else {
                    ", rien de modifié ; sa réception est inscrite au journal"
                }
            );
            if merged.declarations > 0 {
                println!(
                    "{} déclaration(s) d’intérêts enregistrée(s).",
                    merged.declarations
                );
            }
            for removed in &merged.removed {
                println!(
                    "note retirée (conflit d’intérêts déclaré) : {} / {} : {}",
                    removed.offer,
                    removed.criterion,
                    answer(removed)
                );
            }
            for restored in &merged.restored {
                println!(
                    "note rétablie (conflit d’intérêts retiré) : {} / {} : {}",
                    restored.offer,
                    restored.criterion,
                    answer(restored)
                );
            }
            for stale in &merged.stale_declarations {
                println!(
                    "déclaration ignorée, plus ancienne que celle de la base : offre {} : le fichier dit {} ({}), la base garde {} ({})",
                    stale.theirs.offer,
                    declared(&stale.theirs),
                    escape(&stale.theirs.at),
                    declared(&stale.held),
                    stale.held.at
                );
            }
            for conflict in &merged.conflicts {
                if conflict.justification_only() {
                    println!(
                        "à trancher : {} / {} : même note {}, justification différente : la base « {} », le fichier « {} »",
                        conflict.ours.offer,
                        conflict.ours.criterion,
                        answer(&conflict.ours),
                        escape(conflict.ours.justification.as_deref().unwrap_or("")),
                        escape(conflict.theirs.justification.as_deref().unwrap_or(""))
                    );
                } else {
                    println!(
                        "à trancher : {} / {} : la base a {}, le fichier {}",
                        conflict.ours.offer,
                        conflict.ours.criterion,
                        answer(&conflict.ours),
                        answer(&conflict.theirs)
                    );
                }
            }
        }
        PackageCommand::Declare {
            reference,
            evaluator,
            conflict,
            note,
            db,
        } => {
            let mut store = db.open()?;
            let evaluation = jauge_api::load_evaluation(&store, &reference)?;
            let at = Utc::now();
            let stamp = at.to_rfc3339_opts(SecondsFormat::Secs, true);
            let declarations: Vec<Declaration> = evaluation
                .offers
                .iter()
                .map(|offer| {
                    let conflict = conflict.contains(&offer.id);
                    Declaration {
                        evaluator: evaluator.clone(),
                        offer: offer.id.clone(),
                        conflict,
                        at: stamp.clone(),
                        note: note.clone().filter(|_| conflict),
                    }
                })
                .collect();
            for id in &conflict {
                if !evaluation.offers.iter().any(|o| &o.id == id) {
                    return Err(
                        jauge_api::Error::from(jauge_api::domain::Error::UnknownItem {
                            what: "offer",
                            key: id.clone(),
                        })
                        .into(),
                    );
                }
            }
            let count = declarations.len();
            let change = Change::Declare(declarations);
            jauge_api::apply_change(&mut store, &reference, &change, at, &actor())?;
            println!(
                "{count} déclaration(s) d’intérêts enregistrée(s) pour {evaluator}, dont {} conflit(s).",
                conflict.len()
            );
        }
        PackageCommand::OpenPrices { reference, db } => {
            let mut store = db.open()?;
            let at = Utc::now();
            let change = Change::OpenPrices {
                at: at.to_rfc3339_opts(SecondsFormat::Secs, true),
            };
            jauge_api::apply_change(&mut store, &reference, &change, at, &actor())?;
            println!("Prix ouverts pour {reference}.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
