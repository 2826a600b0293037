//! `jauge report`, `jauge sign`, `jauge verify` and `jauge extract` (spec §10).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Utc;
use jauge_api::{Error, Lang, SignatureReport, SignatureRequest, Verdict};
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
    /// With a consultation file: the id of the lot to report on (without it, one report for the
    /// whole consultation: the award of the lots, then each lot).
    #[arg(long)]
    lot: Option<String>,
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

#[derive(clap::Args)]
pub struct VerifyArgs {
    file: PathBuf,
    /// Print the verdicts as JSON (per signature: verdict, modifications, certificate).
    #[arg(long)]
    json: bool,
    /// Write the version signature N signed (1 = the first applied) as its own PDF, instead of
    /// verifying: what that signer saw, whatever was appended after.
    #[arg(long, value_name = "N", requires = "output")]
    save_revision: Option<usize>,
    /// Where --save-revision writes.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub(crate) fn lang(code: &str) -> Result<Lang, Failure> {
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
            let text = input(jauge_api::read_text_file(file))?;
            match (&args.lot, jauge_api::is_consultation(&text)) {
                (Some(lot), true) => {
                    let consultation = input(jauge_api::read_consultation(&text))?;
                    jauge_api::render_lot_report(&consultation, lot, lang, Utc::now())?
                }
                (None, true) => {
                    let consultation = input(jauge_api::read_consultation(&text))?;
                    jauge_api::render_consultation_report(&consultation, lang, Utc::now())?
                }
                (Some(_), false) => {
                    return Err(Failure::Input(Error::NotFound(
                        "--lot applies to a consultation file only".into(),
                    )));
                }
                (None, false) => {
                    let evaluation = input(jauge_api::read_evaluation(&text))?;
                    jauge_api::render_report(&evaluation, lang, Utc::now())?
                }
            }
        }
        (None, Some(reference)) => {
            let store = args.db.open()?;
            // A consultation of several lots is reported whole; an evaluation as before.
            if jauge_api::is_stored_consultation(&store, reference)? {
                jauge_api::render_stored_consultation_report(&store, reference, lang, Utc::now())?
            } else {
                jauge_api::render_stored_report(&store, reference, lang, Utc::now())?
            }
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

pub(crate) fn password(file: Option<&Path>) -> Result<String, Failure> {
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
        if let Some(certificate) = &last.certificate {
            println!(
                "  empreinte SHA-256 du certificat : {}",
                certificate.sha256_fingerprint
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn yes_no(value: Option<bool>, unknown: &str) -> String {
    match value {
        Some(true) => "oui".to_owned(),
        Some(false) => "non".to_owned(),
        None => unknown.to_owned(),
    }
}

fn certificate_json(r: &SignatureReport) -> serde_json::Value {
    let Some(c) = &r.certificate else {
        return serde_json::Value::Null;
    };
    json!({
        "sha256_fingerprint": c.sha256_fingerprint,
        "subject": c.subject,
        "common_name": c.common_name,
        "issuer": c.issuer,
        "serial_number": c.serial_number,
        "not_before": c.not_before.map(|t| t.to_rfc3339()),
        "not_after": c.not_after.map(|t| t.to_rfc3339()),
        "signed_within_validity": r.signed_within_validity(),
        "non_repudiation": c.non_repudiation,
        "qualified": {
            "qc_compliance": c.qualified.compliance,
            "qc_sscd": c.qualified.secure_device,
            "qc_types": c.qualified.types,
        },
    })
}

fn signature_json(r: &SignatureReport) -> serde_json::Value {
    let modifications: Vec<_> = r
        .modifications
        .iter()
        .map(|m| json!({"code": m.code(), "fr": m.french(), "en": m.english()}))
        .collect();
    let remarks: Vec<_> = r
        .remarks
        .iter()
        .map(|m| json!({"code": m.code(), "fr": m.french(), "en": m.english()}))
        .collect();
    json!({
        "field": r.field_name,
        "signer": r.signer_common_name,
        "subject": r.signer_subject,
        "signing_time": r.signing_time.map(|t| t.to_rfc3339()),
        "sub_filter": r.sub_filter,
        "intact": r.intact,
        "covers_whole_file": r.covers_whole_file,
        "verdict": r.verdict.code(),
        "verdict_fr": r.verdict.french(),
        "verdict_en": r.verdict.english(),
        "modifications": modifications,
        "remarks": remarks,
        "document_timestamp": r.document_timestamp.as_ref().map(|stamp| json!({
            "time": stamp.time.to_rfc3339(),
            "authority": stamp.authority,
        })),
        "signed_bytes": r.signed_length,
        "certificate": certificate_json(r),
        "problem": r.problem.as_ref().map(|p| json!({"code": p.code(), "fr": p.french(), "en": p.english()})),
    })
}

fn print_signature(number: usize, r: &SignatureReport) {
    println!(
        "Signature {number} ({}) : {}",
        r.field_name,
        r.verdict.french()
    );
    println!(
        "  signataire : {}",
        r.signer_common_name.as_deref().unwrap_or("inconnu")
    );
    match &r.document_timestamp {
        Some(stamp) => println!(
            "  horodatage du document : {} UTC par {}",
            stamp.time.format("%d/%m/%Y %H:%M:%S"),
            stamp
                .authority
                .as_deref()
                .unwrap_or("une autorité sans nom")
        ),
        None => {
            if let Some(at) = r.signing_time {
                println!("  date : {}", at.format("%d/%m/%Y %H:%M:%S UTC"));
            }
        }
    }
    if let Some(c) = &r.certificate {
        println!("  certificat : {}", c.subject);
        println!("  émis par : {}", c.issuer);
        println!("  empreinte SHA-256 : {}", c.sha256_fingerprint);
        if let (Some(from), Some(until)) = (c.not_before, c.not_after) {
            println!(
                "  valide du {} au {} ; signature datée dans cette période : {}",
                from.format("%d/%m/%Y"),
                until.format("%d/%m/%Y"),
                yes_no(r.signed_within_validity(), "date inconnue")
            );
        }
        println!(
            "  usage non-répudiation : {}",
            yes_no(
                c.non_repudiation,
                "non précisé (aucune restriction d'usage)"
            )
        );
        let qualified = if c.qualified.compliance {
            let mut details = vec!["QcCompliance".to_owned()];
            if c.qualified.secure_device {
                details.push("QcSSCD".to_owned());
            }
            details.extend(c.qualified.types.iter().cloned());
            format!("oui ({})", details.join(", "))
        } else {
            "non déclaré".to_owned()
        };
        println!("  certificat qualifié (déclaré par le certificat) : {qualified}");
    }
    println!(
        "  couvre tout le fichier : {}",
        if r.covers_whole_file {
            "oui"
        } else {
            "non (signé ou modifié ensuite)"
        }
    );
    if !r.modifications.is_empty() {
        println!("  modifications après cette signature :");
        for m in &r.modifications {
            println!("    - {}", m.french());
        }
    }
    if !r.remarks.is_empty() {
        println!("  remarques (sans effet sur l'intégrité) :");
        for remark in &r.remarks {
            println!("    - {}", remark.french());
        }
    }
    if let Some(problem) = &r.problem {
        println!("  problème : {}", problem.french());
    }
}

fn document_verdict(reports: &[SignatureReport]) -> String {
    if jauge_api::is_fully_signed(reports) {
        return "Document intègre : toutes les signatures sont intactes et seules des signatures \
                ont été ajoutées après chacune."
            .to_owned();
    }
    if let Some((number, r)) = reports
        .iter()
        .enumerate()
        .find(|(_, r)| r.verdict == Verdict::Broken)
    {
        return format!(
            "Document NON intègre : la signature {} ({}) est altérée.",
            number + 1,
            r.field_name
        );
    }
    if let Some((number, r)) = reports
        .iter()
        .enumerate()
        .find(|(_, r)| r.verdict == Verdict::Unverifiable)
    {
        return format!(
            "Intégrité non établie : la signature {} ({}) utilise un algorithme que Jauge ne \
             vérifie pas.",
            number + 1,
            r.field_name
        );
    }
    match reports
        .iter()
        .enumerate()
        .find(|(_, r)| r.verdict == Verdict::ModifiedAfter)
    {
        Some((number, r)) => format!(
            "Document NON intègre : modifié après la signature {} ({}).",
            number + 1,
            r.field_name
        ),
        None => match reports
            .iter()
            .enumerate()
            .find(|(_, r)| r.verdict == Verdict::ModifiedWithinPermissions)
        {
            Some((number, r)) => format!(
                "Document modifié après la signature {} ({}), dans les limites permises par la \
                 certification : voir la liste des modifications.",
                number + 1,
                r.field_name
            ),
            None => "Document NON intègre.".to_owned(),
        },
    }
}

pub fn verify(args: &VerifyArgs) -> Result<ExitCode, Failure> {
    let file = args.file.as_path();
    if let Some(number) = args.save_revision {
        let output = args.output.as_deref().ok_or_else(|| {
            Failure::Input(Error::NotFound(
                "--save-revision needs --output FILE".into(),
            ))
        })?;
        let index = number.checked_sub(1).ok_or_else(|| {
            Failure::Input(Error::NotFound(
                "--save-revision counts signatures from 1".into(),
            ))
        })?;
        let report = input(jauge_api::save_signed_revision(file, index, output))?;
        println!(
            "Version signée par {} ({}) écrite dans {}",
            report.signer_common_name.as_deref().unwrap_or("?"),
            report.field_name,
            output.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let reports = input(jauge_api::verify_report_file(file))?;
    let ok = jauge_api::is_fully_signed(&reports);
    if args.json {
        let signatures: Vec<_> = reports.iter().map(signature_json).collect();
        println!(
            "{}",
            json!({"file": file.display().to_string(), "valid": ok, "signatures": signatures})
        );
    } else if reports.is_empty() {
        println!("{} : aucune signature.", file.display());
    } else {
        for (i, r) in reports.iter().enumerate() {
            print_signature(i + 1, r);
        }
        println!("{}", document_verdict(&reports));
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn extract(file: &Path, output: &Path) -> Result<ExitCode, Failure> {
    let extracted = input(jauge_api::extract_report_file(file))?;
    jauge_api::write_file_atomically(output, extracted.text.as_bytes())?;
    match &extracted.covered_by {
        Some(report) => {
            let number = extracted
                .signatures
                .iter()
                .position(|r| r.field_name == report.field_name)
                .map_or(0, |i| i + 1);
            println!(
                "Évaluation extraite de la version signée par {} (signature {number}, {}).",
                report.signer_common_name.as_deref().unwrap_or("?"),
                report.field_name
            );
            if let Some(modified) = extracted.signatures.iter().find(|r| {
                matches!(
                    r.verdict,
                    Verdict::ModifiedAfter | Verdict::ModifiedWithinPermissions
                )
            }) {
                eprintln!(
                    "attention : le document a été modifié après la signature {} ({}) ; \
                     l'évaluation, elle, n'a pas changé.",
                    modified.field_name,
                    modified
                        .modifications
                        .iter()
                        .map(|m| m.french())
                        .collect::<Vec<_>>()
                        .join(" ; ")
                );
            }
        }
        None => println!("Rapport non signé : évaluation extraite du fichier tel quel."),
    }
    Ok(ExitCode::SUCCESS)
}
