//! Reading, evaluating and writing evaluation files.

use std::path::Path;
use std::sync::OnceLock;

use jauge_domain::catalog::Catalogs;
use jauge_domain::words::Params;
use jauge_domain::{Evaluation, Invalid, MAX_EVALUATION_BYTES, ProblemCode, Results};

use crate::{Error, Result};

/// The catalogs bundled with this build, parsed once.
pub fn bundled_catalogs() -> Result<&'static Catalogs> {
    static CATALOGS: OnceLock<std::result::Result<Catalogs, String>> = OnceLock::new();
    CATALOGS
        .get_or_init(|| Catalogs::bundled().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|message| Error::Internal(message.clone()))
}

/// Reads an evaluation file as UTF-8 text; a file that is not text, or larger than
/// [`MAX_EVALUATION_BYTES`], is invalid input, not an IO failure. The size is checked before
/// reading, so a huge file never reaches memory.
pub fn read_text_file(path: &Path) -> Result<String> {
    let bytes = read_capped(path, MAX_EVALUATION_BYTES)?;
    String::from_utf8(bytes).map_err(|e| {
        Error::Invalid(Invalid::one(
            path.display().to_string(),
            ProblemCode::NotUtf8,
            Params::new().with("offset", e.utf8_error().valid_up_to().to_string()),
        ))
    })
}

/// Reads a file a user chose, refusing one larger than `limit` bytes as invalid input
/// (`too_large`) without ever holding more than `limit + 1` bytes of it: every file a user opens
/// is read through here or through [`read_text_file`].
pub fn read_capped(path: &Path, limit: usize) -> Result<Vec<u8>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    // One byte more than the limit tells "too large" apart from "exactly at the limit".
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() > limit {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(Error::Invalid(jauge_domain::read::too_large(
            path.display().to_string(),
            usize::try_from(size).unwrap_or(usize::MAX),
            limit,
        )));
    }
    Ok(bytes)
}

/// Parses and validates an evaluation from its JSON text.
pub fn read_evaluation(text: &str) -> Result<Evaluation> {
    Ok(jauge_domain::parse_evaluation(text)?)
}

/// Reads, parses and validates an evaluation file.
pub fn open_evaluation_file(path: &Path) -> Result<Evaluation> {
    read_evaluation(&read_text_file(path)?)
}

/// Computes the results of an evaluation with the bundled catalogs: with rounds, those of the
/// latest round, which decides.
pub fn evaluate_evaluation(evaluation: &Evaluation) -> Result<Results> {
    Ok(jauge_domain::rounds::deciding_results(
        evaluation,
        bundled_catalogs()?,
    ))
}

/// The results on the bidders' price figures as they wrote them, every material error of the
/// price schedule left uncorrected: the ranking before corrections.
pub fn evaluate_as_submitted(evaluation: &Evaluation) -> Result<Results> {
    Ok(jauge_domain::evaluate_on(
        &jauge_domain::rounds::deciding_view(evaluation),
        bundled_catalogs()?,
        jauge_domain::PriceBasis::AsSubmitted,
    ))
}

/// Writes `contents` to `path` through a temporary file in the same folder and a rename, so that
/// a failure half-way never leaves a truncated file where the user expects a complete one. The
/// file is synced before the rename and the folder after it, so that once this returns, the
/// file survives a power cut; on a failure (a full disk, say) the temporary file is removed.
pub fn write_file_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let temporary = folder.join(format!(".{file_name}.{}.partial", std::process::id()));
    let written =
        write_and_sync(&temporary, contents).and_then(|()| std::fs::rename(&temporary, path));
    if let Err(error) = written {
        // The temporary may not exist (the failure was creating it): nothing to report then.
        let _ = std::fs::remove_file(&temporary);
        return Err(Error::io(path, error));
    }
    sync_folder(&folder).map_err(|e| Error::io(&folder, e))
}

fn write_and_sync(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Makes a rename in `folder` durable. On Unix the folder's entry list is synced like a file;
/// Windows cannot open a folder for that, and NTFS journals the rename itself.
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// One price formula tried on the evaluation, for the formula simulator.
#[derive(Debug, Clone)]
pub struct PriceSimulation {
    pub formula: jauge_domain::PriceFormula,
    pub results: Results,
}

/// The results the evaluation would have under each price formula of the spec, so the buyer can
/// see, before publishing the tender rules, how much the choice of formula matters (the DAJ
/// advises simulating before choosing). Empty when the tree has no price criterion.
///
/// Each variant is scored by the engine as the evaluation itself is: with a price schedule, on
/// the totals computed from the unit prices (corrections accepted counting, discrepancies left
/// open leaving the offer undecided), never on a plain `price`; every price criterion of the
/// tree (a schedule may feed several, build and run…) is given the formula tried.
pub fn simulate_price_formulas(evaluation: &Evaluation) -> Result<Vec<PriceSimulation>> {
    use jauge_domain::{CriterionBody, PriceFormula};
    let Some(price) = evaluation.price_leaf() else {
        return Ok(Vec::new());
    };
    let n = match &price.body {
        CriterionBody::Price {
            formula: PriceFormula::NTimes { n },
        } => *n,
        _ => 2.0,
    };
    let formulas = [
        PriceFormula::Proportional,
        PriceFormula::Linear,
        PriceFormula::RelativeGap,
        PriceFormula::NTimes { n },
    ];
    formulas
        .into_iter()
        .map(|formula| {
            let mut variant = evaluation.clone();
            set_price_formula(&mut variant.criteria, formula);
            Ok(PriceSimulation {
                formula,
                results: evaluate_evaluation(&variant)?,
            })
        })
        .collect()
}

/// Gives every price criterion of the tree `formula`.
fn set_price_formula(nodes: &mut [jauge_domain::Criterion], formula: jauge_domain::PriceFormula) {
    use jauge_domain::CriterionBody;
    for node in nodes {
        match &mut node.body {
            CriterionBody::Price { formula: f } => *f = formula,
            CriterionBody::Group { children } => set_price_formula(children, formula),
            _ => {}
        }
    }
}

/// Parses and validates a consultation (`jauge/consultation@1`) from its JSON text; a plain
/// evaluation file reads as a consultation of one lot.
pub fn read_consultation(text: &str) -> Result<jauge_domain::Consultation> {
    Ok(jauge_domain::parse_consultation_or_evaluation(text)?)
}

/// Reads, parses and validates a consultation file.
pub fn open_consultation_file(path: &Path) -> Result<jauge_domain::Consultation> {
    read_consultation(&read_text_file(path)?)
}

/// Scores every lot of a consultation and awards the lots across it (cap, frameworks).
pub fn evaluate_consultation(
    consultation: &jauge_domain::Consultation,
) -> Result<jauge_domain::ConsultationResults> {
    Ok(jauge_domain::evaluate_consultation(
        consultation,
        bundled_catalogs()?,
    ))
}

/// True when the text is a consultation document rather than an evaluation file.
pub fn is_consultation(text: &str) -> bool {
    jauge_domain::read::document_format(text).as_deref()
        == Some(jauge_domain::lots::CONSULTATION_FORMAT)
}
