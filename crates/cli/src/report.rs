//! `jauge report`, `jauge sign`, `jauge verify` and `jauge extract` (spec §10).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Utc;
use jauge_api::{Error, Lang, SignatureRequest};
use serde_json::json;

use crate::{DbArg, Failure, input};

#[derive(clap::Args)]
pub struct ReportArgs {
    /// The evaluation file to report on (or use --reference for a stored evaluation).
    #[arg(required_unless_present = "reference", conflicts_with = "reference")]
    file: Option<PathBuf>,
    /// The reference of a stored evaluation: the report then carries its journal digest.
    #[arg(long)]
    reference: Option<String>,
    #[arg(short, long)]
    output: PathBuf,
    /// fr (default) or en.
    #[arg(long, default_value = "fr")]
    lang: String,
    #[command(flatten)]
    db: DbArg,
}

#[derive(clap::Args)]
pub struct SignArgs {
    input: PathBuf,
    #[arg(short, long)]
    output: PathBuf,
    /// The signer's PKCS#12 file (.p12 or .pfx) holding the key and its certificate chain.
    #[arg(long)]
    p12: PathBuf,
    /// A file whose first line is the password (else JAUGE_P12_PASSWORD).
    #[arg(long)]
    password_file: Option<PathBuf>,
    /// Why the document is signed, e.g. "Approbation du rapport d'analyse des offres".
    #[arg(long)]
    reason: Option<String>,
    /// Where it is signed, e.g. "Paris".
    #[arg(long)]
    location: Option<String>,
    /// Draw a visible signature block on the last page.
    #[arg(long)]
    visible: bool,
}

fn lang(code: &str) -> Result<Lang, Failure> {
    match code {
        "fr" => Ok(Lang::Fr),
        "en" => Ok(Lang::En),
        other => Err(Failure::Input(Error::NotFound(format!(
            "--lang {other}: the report exists in fr and en"
        )))),
    }
}

pub fn report(args: &ReportArgs) -> Result<ExitCode, Failure> {
    let lang = lang(&args.lang)?;
    let pdf = match (&args.file, &args.reference) {
        (Some(file), _) => {
            let evaluation = input(jauge_api::open_evaluation_file(file))?;
            jauge_api::render_report(&evaluation, lang, Utc::now())?
        }
        (None, Some(reference)) => {
            let store = args.db.open()?;
            jauge_api::render_stored_report(&store, reference, lang, Utc::now())?
        }
        (None, None) => {
            return Err(Failure::Input(Error::NotFound(
                "give an evaluation FILE or --reference REF".into(),
            )));
        }
    };
    jauge_api::write_file_atomically(&args.output, &pdf)?;
    Ok(ExitCode::SUCCESS)
}

fn password(file: Option<&Path>) -> Result<String, Failure> {
    if let Some(file) = file {
        let text = input(jauge_api::read_text_file(file))?;
        return Ok(text.lines().next().unwrap_or_default().to_owned());
    }
    std::env::var("JAUGE_P12_PASSWORD").map_err(|_| {
        Failure::Input(Error::NotFound(
            "no password for the certificate file: give --password-file or set JAUGE_P12_PASSWORD"
                .into(),
        ))
    })
}

pub fn sign(args: &SignArgs) -> Result<ExitCode, Failure> {
    let password = password(args.password_file.as_deref())?;
    let request = SignatureRequest {
        reason: args.reason.clone(),
        location: args.location.clone(),
        visible: args.visible,
        at: Utc::now(),
    };
    let reports =
        jauge_api::sign_report_file(&args.input, &args.output, &args.p12, &password, &request)?;
    if let Some(last) = reports.last() {
        let count = match reports.len() {
            1 => "1 signature".to_string(),
            n => format!("{n} signatures"),
        };
        println!(
            "Signé par {} — {count} dans {}",
            last.signer_common_name.as_deref().unwrap_or("?"),
            args.output.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn verify(file: &Path, json_output: bool) -> Result<ExitCode, Failure> {
    let reports = input(jauge_api::verify_report_file(file))?;
    let ok = jauge_api::is_fully_signed(&reports);
    if json_output {
        let signatures: Vec<_> = reports
            .iter()
            .map(|r| {
                json!({
                    "field": r.field_name,
                    "signer": r.signer_common_name,
                    "subject": r.signer_subject,
                    "signing_time": r.signing_time.map(|t| t.to_rfc3339()),
                    "sub_filter": r.sub_filter,
                    "intact": r.intact,
                    "covers_whole_file": r.covers_whole_file,
                    "problem": r.problem,
                })
            })
            .collect();
        println!(
            "{}",
            json!({"file": file.display().to_string(), "valid": ok, "signatures": signatures})
        );
    } else if reports.is_empty() {
        println!("{} : aucune signature.", file.display());
    } else {
        for (i, r) in reports.iter().enumerate() {
            println!(
                "Signature {} ({}) : {}",
                i + 1,
                r.field_name,
                if r.intact { "intacte" } else { "ALTÉRÉE" }
            );
            println!(
                "  signataire : {}",
                r.signer_common_name.as_deref().unwrap_or("inconnu")
            );
            if let Some(at) = r.signing_time {
                println!("  date : {}", at.format("%d/%m/%Y %H:%M:%S UTC"));
            }
            println!(
                "  couvre tout le fichier : {}",
                if r.covers_whole_file {
                    "oui"
                } else {
                    "non (modifié ou signé ensuite)"
                }
            );
            if let Some(problem) = &r.problem {
                println!("  problème : {problem}");
            }
        }
        println!(
            "{}",
            if ok {
                "Document intègre : toutes les signatures sont valides et la dernière couvre tout le fichier."
            } else {
                "Document NON intègre ou signé partiellement."
            }
        );
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn extract(file: &Path, output: &Path) -> Result<ExitCode, Failure> {
    let (text, _) = input(jauge_api::extract_evaluation_file(file))?;
    jauge_api::write_file_atomically(output, text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
