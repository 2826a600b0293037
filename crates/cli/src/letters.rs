//! `jauge letters`: the award letter and one rejection letter per other offer, written to a
//! folder, optionally each signed with the same certificate and one password.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use jauge_api::{
    Error, LetterNotification, LettersRequest, LettersSigning, NotificationChannel,
    SignatureRequest,
};

use crate::report::{lang, password};
use crate::{DbArg, Failure, input};

#[derive(clap::Args)]
pub struct LettersArgs {
    /// The evaluation or consultation file (or use --reference for a stored one). A
    /// consultation gets one letter per bidder, telling it the outcome on each lot it bid on.
    #[arg(required_unless_present = "reference", conflicts_with = "reference")]
    file: Option<PathBuf>,
    /// The reference of a stored evaluation.
    #[arg(long)]
    reference: Option<String>,
    /// The folder the letters are written to (created if needed).
    #[arg(short, long, value_name = "FOLDER")]
    output: PathBuf,
    /// The day the letters are sent, YYYY-MM-DD: the standstill runs from it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    notified: String,
    /// How they are sent: electronic (11-day standstill) or post (16 days).
    #[arg(long, value_name = "electronic|post")]
    channel: String,
    /// fr (default) or en.
    #[arg(long, default_value = "fr")]
    lang: String,
    /// The buyer's text for the advantages of the winning offer in one letter, in place of the
    /// draft: OFFER=FILE.txt (repeatable).
    #[arg(long, value_name = "OFFER=FILE")]
    advantages: Vec<String>,
    /// Sign every letter with this PKCS#12 file (.p12 or .pfx).
    #[arg(long)]
    p12: Option<PathBuf>,
    /// A file whose first line is the password (else JAUGE_P12_PASSWORD); asked once for all.
    #[arg(long, requires = "p12")]
    password_file: Option<PathBuf>,
    /// Why the letters are signed.
    #[arg(long, requires = "p12")]
    reason: Option<String>,
    /// Where they are signed, e.g. "Paris".
    #[arg(long, requires = "p12")]
    location: Option<String>,
    /// Draw a visible signature block on the last page of each letter.
    #[arg(long, requires = "p12")]
    visible: bool,
    #[command(flatten)]
    db: DbArg,
}

fn bad(message: String) -> Failure {
    // An argument the buyer mistyped: its English sentence is the whole problem.
    Failure::Input(Error::Invalid(jauge_api::domain::Invalid::one(
        String::new(),
        jauge_api::domain::ProblemCode::Unreadable,
        jauge_api::domain::words::Params::new().with("detail", message),
    )))
}

pub fn letters(args: &LettersArgs) -> Result<ExitCode, Failure> {
    let lang = lang(&args.lang)?;
    let date = NaiveDate::parse_from_str(&args.notified, "%Y-%m-%d").map_err(|e| {
        bad(format!(
            "--notified {}: not a date YYYY-MM-DD ({e})",
            args.notified
        ))
    })?;
    let channel = NotificationChannel::from_name(&args.channel)
        .ok_or_else(|| bad(format!("--channel {}: electronic or post", args.channel)))?;
    let mut advantages = BTreeMap::new();
    for entry in &args.advantages {
        let Some((offer, file)) = entry.split_once('=') else {
            return Err(bad(format!("--advantages {entry}: expected OFFER=FILE")));
        };
        let text = input(jauge_api::read_text_file(file.as_ref()))?;
        advantages.insert(offer.to_owned(), text);
    }
    let now = Utc::now();
    let request = LettersRequest {
        notification: LetterNotification { date, channel },
        lang,
        advantages,
        at: now,
    };
    let password = match &args.p12 {
        Some(_) => Some(password(args.password_file.as_deref())?),
        None => None,
    };
    let signing = match (&args.p12, &password) {
        (Some(p12), Some(password)) => Some(LettersSigning {
            p12,
            password,
            request: SignatureRequest {
                reason: args.reason.clone(),
                location: args.location.clone(),
                visible: args.visible,
                at: now,
            },
        }),
        _ => None,
    };
    let written = match (&args.file, &args.reference) {
        (Some(file), _) => {
            let text = input(jauge_api::read_text_file(file))?;
            if jauge_api::is_consultation(&text) {
                // One letter per bidder, lot by lot.
                let consultation = input(jauge_api::read_consultation(&text))?;
                jauge_api::write_consultation_letters(
                    &consultation,
                    &request,
                    &args.output,
                    signing.as_ref(),
                )?
            } else {
                let evaluation = input(jauge_api::read_evaluation(&text))?;
                jauge_api::write_letters(&evaluation, &request, &args.output, signing.as_ref())?
            }
        }
        (None, Some(reference)) => {
            let store = jauge_api::open_store(&args.db.path()?)?;
            if jauge_api::is_stored_consultation(&store, reference)? {
                jauge_api::write_stored_consultation_letters(
                    &store,
                    reference,
                    &request,
                    &args.output,
                    signing.as_ref(),
                )?
            } else {
                jauge_api::write_stored_letters(
                    &store,
                    reference,
                    &request,
                    &args.output,
                    signing.as_ref(),
                )?
            }
        }
        (None, None) => {
            return Err(Failure::Input(Error::NotFound(
                "give an evaluation FILE or --reference REF".into(),
            )));
        }
    };
    let signature_from = jauge_api::earliest_signature_date(date, channel);
    for letter in &written {
        let signed = if letter.signatures.is_empty() {
            ""
        } else {
            " (signée)"
        };
        println!("{}{signed}", letter.path.display());
    }
    if let Some(day) = signature_from {
        println!(
            "{} lettres ; signature du marché possible à compter du {}.",
            written.len(),
            day.format("%d/%m/%Y")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `jauge request-letter`: one request to a bidder (clarification, regularisation, negotiation)
/// as a PDF letter, optionally signed.
#[derive(clap::Args)]
pub struct RequestLetterArgs {
    /// The evaluation file (or use --reference for a stored evaluation).
    #[arg(required_unless_present = "reference", conflicts_with = "reference")]
    file: Option<PathBuf>,
    /// The reference of a stored evaluation.
    #[arg(long)]
    reference: Option<String>,
    /// The id of the request among the evaluation's exchanges.
    #[arg(long, value_name = "ID")]
    exchange: String,
    /// The PDF to write.
    #[arg(short, long, value_name = "FILE.pdf")]
    output: PathBuf,
    /// fr (default) or en.
    #[arg(long, default_value = "fr")]
    lang: String,
    /// Sign the letter with this PKCS#12 file (.p12 or .pfx).
    #[arg(long)]
    p12: Option<PathBuf>,
    /// A file whose first line is the password (else JAUGE_P12_PASSWORD).
    #[arg(long, requires = "p12")]
    password_file: Option<PathBuf>,
    /// Why the letter is signed.
    #[arg(long, requires = "p12")]
    reason: Option<String>,
    /// Where it is signed, e.g. "Paris".
    #[arg(long, requires = "p12")]
    location: Option<String>,
    /// Draw a visible signature block on the last page.
    #[arg(long, requires = "p12")]
    visible: bool,
    #[command(flatten)]
    db: DbArg,
}

pub fn request_letter(args: &RequestLetterArgs) -> Result<ExitCode, Failure> {
    let lang = lang(&args.lang)?;
    let now = Utc::now();
    let password = match &args.p12 {
        Some(_) => Some(password(args.password_file.as_deref())?),
        None => None,
    };
    let signing = match (&args.p12, &password) {
        (Some(p12), Some(password)) => Some(LettersSigning {
            p12,
            password,
            request: SignatureRequest {
                reason: args.reason.clone(),
                location: args.location.clone(),
                visible: args.visible,
                at: now,
            },
        }),
        _ => None,
    };
    let written = match (&args.file, &args.reference) {
        (Some(file), _) => {
            let evaluation = input(jauge_api::open_evaluation_file(file))?;
            jauge_api::write_request_letter(
                &evaluation,
                &args.exchange,
                lang,
                now,
                &args.output,
                signing.as_ref(),
            )?
        }
        (None, Some(reference)) => {
            let store = jauge_api::open_store(&args.db.path()?)?;
            jauge_api::write_stored_request_letter(
                &store,
                reference,
                &args.exchange,
                lang,
                now,
                &args.output,
                signing.as_ref(),
            )?
        }
        (None, None) => {
            return Err(Failure::Input(Error::NotFound(
                "give an evaluation FILE or --reference REF".into(),
            )));
        }
    };
    let signed = if written.signatures.is_empty() {
        ""
    } else {
        " (signée)"
    };
    println!("{}{signed}", written.path.display());
    Ok(ExitCode::SUCCESS)
}
