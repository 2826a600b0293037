//! `jauge catalog list|show` and `jauge new`.

use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;

use crate::{Failure, input};

#[derive(Subcommand)]
pub enum CatalogCommand {
    /// List the catalogs, or the entries of one scheme (`secnumcloud`, `gaia-x@24.11`…).
    List { scheme: Option<String> },
    /// Show one entry: `secnumcloud@3.2:19.6.b`, or `secnumcloud:19.6.b` for the latest version.
    Show { id: String },
    /// Find entries by words, ignoring case and accents.
    Search { words: Vec<String> },
}

pub fn run(command: CatalogCommand) -> Result<ExitCode, Failure> {
    match command {
        CatalogCommand::List { scheme: None } => {
            for catalog in jauge_api::list_catalogs()? {
                println!(
                    "{:<14} {:<12} {:>3} entrées  {}",
                    catalog.scheme,
                    catalog.version,
                    catalog.entries.len(),
                    catalog.title_fr
                );
            }
        }
        CatalogCommand::List {
            scheme: Some(scheme),
        } => {
            for entry in input(jauge_api::list_catalog_entries(&scheme))? {
                println!("{:<28} {}", entry.reference(), entry.text_fr);
            }
        }
        CatalogCommand::Show { id } => {
            let entry = input(jauge_api::show_catalog_entry(&id))?;
            println!("{}", entry.reference());
            println!("  {}", entry.text_fr);
            println!("  ({})", entry.text_en);
            println!("  catégorie : {}", entry.category.label_fr());
            println!("  preuve attendue : {}", entry.evidence.label_fr());
            for (level, evidence) in &entry.levels {
                let evidence = evidence
                    .evidence()
                    .map_or("non applicable", |e| e.label_fr());
                println!("  niveau {level} : {evidence}");
            }
            for parameter in &entry.parameters {
                use jauge_api::domain::catalog::ParameterValue;
                let value = match &parameter.value {
                    ParameterValue::Flag(true) => "oui".to_owned(),
                    ParameterValue::Flag(false) => "non".to_owned(),
                    ParameterValue::Number(n) => n.to_string(),
                    ParameterValue::Text(t) => t.clone(),
                };
                let unit = parameter.unit.as_deref().unwrap_or("");
                println!("  paramètre {} : {value} {unit}", parameter.name);
            }
            if !entry.related.is_empty() {
                println!("  voir aussi : {}", entry.related.join(", "));
            }
            if let Some(note) = &entry.note {
                println!("  note : {note}");
            }
            println!(
                "  source : {} · fiabilité : {}",
                entry.source,
                entry.confidence.label_fr()
            );
        }
        CatalogCommand::Search { words } => {
            for entry in jauge_api::search_catalog(&words.join(" "))? {
                println!("{:<28} {}", entry.reference(), entry.text_fr);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn new_from_template(
    template: Option<&str>,
    output: Option<&Path>,
    list: bool,
) -> Result<ExitCode, Failure> {
    if list {
        for info in jauge_api::list_templates() {
            println!("{:<18} {}", info.name, info.description_fr);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(template), Some(output)) = (template, output) else {
        return Err(Failure::Input(jauge_api::Error::NotFound(
            "--template and --output are required".into(),
        )));
    };
    let today = chrono::Local::now().date_naive();
    let evaluation = input(jauge_api::create_from_template(template, today))?;
    let text = jauge_api::domain::evaluation_to_string(&evaluation);
    jauge_api::write_file_atomically(output, text.as_bytes())?;
    eprintln!(
        "{} écrit à partir du modèle « {template} » : complétez la consultation, les évaluateurs et les offres.",
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}
