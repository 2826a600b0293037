//! User actions that chain a few of the steps above (read a file then import it, apply an edit
//! then reload the evaluation…), so that a host whose commands must stay one call — the desktop
//! shell — does not orchestrate anything itself.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use jauge_domain::{Change, Consensus, Evaluation, Results, Score};
use jauge_store::SourceFile;
use sha2::{Digest, Sha256};

use crate::{
    Error, Lang, MergeReport, OfferSheet, PriceSimulation, Result, ReturnImport, Store,
    WorkbookImport, apply_change, create_evaluation, create_from_template, evaluate_evaluation,
    evaluate_stored, export_evaluation, import_evaluation, import_offers_workbook,
    import_return_file_with, import_schedule_workbook, import_score_grid, read_text_file,
    read_workbook_file, render_schedule_workbook, render_score_grid, render_stored_report,
    render_stored_workbook, simulate_price_formulas, stored_price_sheet, write_file_atomically,
};

/// Applies one edit like [`apply_change`] and returns the evaluation as saved with its new
/// results, for screens that redraw from the saved state after every edit.
pub fn change_evaluation(
    store: &mut Store,
    reference: &str,
    change: &Change,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<(Evaluation, Results)> {
    let results = apply_change(store, reference, change, at, actor)?;
    // The copy in memory is the saved state; a rename files it under the new reference.
    let renamed = match change {
        Change::UpdateTender(tender) => tender.reference.as_str(),
        _ => reference,
    };
    let evaluation = store.current_evaluation(renamed)?.into_owned();
    Ok((evaluation, results))
}

/// One (offer, criterion) cell as saved: every evaluator's score on it, in file order, and the
/// committee's decision.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedCell {
    pub offer: String,
    pub criterion: String,
    pub scores: Vec<Score>,
    pub consensus: Option<Consensus>,
}

impl SavedCell {
    /// The cell (`offer`, `criterion`) of `evaluation`.
    pub fn of(evaluation: &Evaluation, offer: &str, criterion: &str) -> SavedCell {
        let here = |o: &str, c: &str| o == offer && c == criterion;
        SavedCell {
            offer: offer.to_owned(),
            criterion: criterion.to_owned(),
            scores: evaluation
                .scores
                .iter()
                .filter(|s| here(&s.offer, &s.criterion))
                .cloned()
                .collect(),
            consensus: evaluation
                .consensus
                .iter()
                .find(|c| here(&c.offer, &c.criterion))
                .cloned(),
        }
    }
}

/// Applies a score or decision edit like [`apply_change`] and returns the edited cell as saved
/// with the new results: what a grid needs after a keystroke, without copying the evaluation.
pub fn change_cell(
    store: &mut Store,
    reference: &str,
    change: &Change,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<(SavedCell, Results)> {
    let Some((offer, criterion)) = change.cell() else {
        return Err(Error::Internal(
            "change_cell takes a score or decision edit".into(),
        ));
    };
    let results = apply_change(store, reference, change, at, actor)?;
    let cell = SavedCell::of(&*store.current_evaluation(reference)?, offer, criterion);
    Ok((cell, results))
}

/// What the buyer names when starting an evaluation from a template.
#[derive(Debug, Clone)]
pub struct NewEvaluation {
    pub template: String,
    pub reference: String,
    pub title: String,
    pub buyer: String,
}

/// Builds an evaluation from a template (launched `today`), names it as the buyer asked, then
/// validates and stores it; returns it with its results.
pub fn create_evaluation_from_template(
    store: &mut Store,
    new: &NewEvaluation,
    today: NaiveDate,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<(Evaluation, Results)> {
    let mut evaluation = create_from_template(&new.template, today)?;
    evaluation.tender.reference = new.reference.clone();
    evaluation.tender.title = new.title.clone();
    evaluation.tender.buyer = new.buyer.clone();
    create_evaluation(store, &evaluation, at, actor)?;
    let results = evaluate_evaluation(&evaluation)?;
    Ok((evaluation, results))
}

/// Reads an evaluation file and imports it like [`import_evaluation`].
pub fn import_evaluation_file(
    store: &mut Store,
    path: &Path,
    replace: bool,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Evaluation> {
    import_evaluation(store, &read_text_file(path)?, replace, at, actor)
}

/// What an imported file held: an evaluation, or a consultation with its lots.
#[derive(Debug, Clone)]
pub enum Imported {
    Evaluation(Box<Evaluation>),
    Consultation(Box<jauge_domain::Consultation>),
}

impl Imported {
    /// The reference it is stored under (a consultation's lots each under their own key).
    pub fn reference(&self) -> &str {
        match self {
            Imported::Evaluation(evaluation) => &evaluation.tender.reference,
            Imported::Consultation(consultation) => &consultation.info.reference,
        }
    }
}

/// Reads an evaluation file or a consultation file and stores it: an evaluation like
/// [`import_evaluation`], a consultation like [`crate::import_consultation`]. `replace` applies
/// to an evaluation only: a stored consultation is deleted first, so that no lot is replaced
/// under another lot's journal.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    replace: bool,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<Imported> {
    let text = read_text_file(path)?;
    if !crate::is_consultation(&text) {
        return Ok(Imported::Evaluation(Box::new(import_evaluation(
            store, &text, replace, at, actor,
        )?)));
    }
    if replace {
        return Err(Error::Conflict(
            "a consultation file does not replace a stored one: delete the stored consultation, \
             then import the file"
                .into(),
        ));
    }
    Ok(Imported::Consultation(Box::new(
        crate::import_consultation(store, &text, at, actor)?,
    )))
}

/// Writes the stored evaluation to an evaluation file (atomically).
pub fn export_evaluation_file(store: &Store, reference: &str, path: &Path) -> Result<()> {
    write_file_atomically(path, export_evaluation(store, reference)?.as_bytes())
}

/// [`simulate_price_formulas`] on a stored evaluation.
pub fn simulate_stored_price_formulas(
    store: &Store,
    reference: &str,
) -> Result<Vec<PriceSimulation>> {
    simulate_price_formulas(&store.db().load_evaluation(reference)?)
}

/// A file written to disk (report, workbook, grid), with what the buyer needs to cite it.
#[derive(Debug, Clone)]
pub struct ExportedFile {
    pub path: PathBuf,
    pub bytes: u64,
    /// Lowercase hex SHA-256 of the file, to quote next to the report.
    pub sha256: String,
}

/// Renders the report of a stored evaluation like [`render_stored_report`] and writes it to
/// `path` (atomically).
pub fn export_report_file(
    store: &Store,
    reference: &str,
    lang: Lang,
    at: DateTime<Utc>,
    path: &Path,
) -> Result<ExportedFile> {
    let pdf = render_stored_report(store, reference, lang, at)?;
    write_exported(path, &pdf)
}

/// Writes the workbook of a stored consultation
/// ([`crate::render_stored_consultation_workbook`]: the award of the lots, then each lot's
/// sheets) to `path`.
pub fn export_consultation_workbook_file(
    store: &Store,
    reference: &str,
    lang: Lang,
    today: NaiveDate,
    path: &Path,
) -> Result<ExportedFile> {
    let bytes = crate::render_stored_consultation_workbook(store, reference, lang, today)?;
    write_exported(path, &bytes)
}

/// Writes the report of a stored consultation ([`crate::render_stored_consultation_report`]:
/// the award of the lots, then each lot's report) to `path`; refused when a journal is broken.
pub fn export_consultation_report_file(
    store: &Store,
    reference: &str,
    lang: Lang,
    at: DateTime<Utc>,
    path: &Path,
) -> Result<ExportedFile> {
    let pdf = crate::render_stored_consultation_report(store, reference, lang, at)?;
    write_exported(path, &pdf)
}

pub(crate) fn write_exported(path: &Path, bytes: &[u8]) -> Result<ExportedFile> {
    write_file_atomically(path, bytes)?;
    Ok(ExportedFile {
        path: path.to_path_buf(),
        bytes: bytes.len() as u64,
        sha256: hex::encode(Sha256::digest(bytes)),
    })
}

/// Writes the workbook of a stored evaluation ([`render_stored_workbook`]) to `path`.
pub fn export_workbook_file(
    store: &Store,
    reference: &str,
    lang: Lang,
    today: NaiveDate,
    path: &Path,
) -> Result<ExportedFile> {
    write_exported(
        path,
        &render_stored_workbook(store, reference, lang, today)?,
    )
}

/// Writes the blank scoring grid of `evaluator` ([`render_score_grid`]) to `path`.
pub fn export_score_grid_file(
    store: &Store,
    reference: &str,
    evaluator: &str,
    lang: Lang,
    path: &Path,
) -> Result<ExportedFile> {
    write_exported(path, &render_score_grid(store, reference, evaluator, lang)?)
}

/// A workbook import as the screen shows it: what was written, then the evaluation as saved.
#[derive(Debug, Clone)]
pub struct ImportedWorkbook {
    pub import: WorkbookImport,
    pub evaluation: Evaluation,
    pub results: Results,
}

fn imported(store: &Store, reference: &str, import: WorkbookImport) -> Result<ImportedWorkbook> {
    let (evaluation, results) = evaluate_stored(store, reference)?;
    Ok(ImportedWorkbook {
        import,
        evaluation,
        results,
    })
}

/// Reads a filled scoring grid from `path` and imports it ([`import_score_grid`]).
pub fn import_score_grid_file(
    store: &mut Store,
    reference: &str,
    evaluator: &str,
    path: &Path,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<ImportedWorkbook> {
    let file = read_workbook_file(path)?;
    let import = import_score_grid(store, reference, evaluator, &file, at, actor)?;
    imported(store, reference, import)
}

/// Reads the list of bids received from `path` and imports it ([`import_offers_workbook`]).
pub fn import_offers_workbook_file(
    store: &mut Store,
    reference: &str,
    path: &Path,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<ImportedWorkbook> {
    let file = read_workbook_file(path)?;
    let import = import_offers_workbook(store, reference, &file, at, actor)?;
    imported(store, reference, import)
}

/// Writes the blank price schedule (BPU/DQE) of a stored tender ([`render_schedule_workbook`])
/// to `path`: the workbook the buyer gives every bidder to fill.
pub fn export_schedule_workbook_file(
    store: &Store,
    reference: &str,
    lang: Lang,
    path: &Path,
) -> Result<ExportedFile> {
    write_exported(path, &render_schedule_workbook(store, reference, lang)?)
}

/// A bidder's filled price schedule imported, as the price screen shows it: the file as
/// journaled, how many lines the bidder priced, how many of its figures its unit prices
/// contradict, then the evaluation as saved with its results and every offer's computed
/// schedule.
#[derive(Debug, Clone)]
pub struct ImportedSchedule {
    pub file: SourceFile,
    /// The lines the workbook priced for the offer (its prices replace the offer's).
    pub lines: usize,
    /// The offer's discrepancies now: line totals or grand total written that its unit prices
    /// contradict (those the buyer already corrected included).
    pub discrepancies: usize,
    pub evaluation: Evaluation,
    pub results: Results,
    pub sheet: Vec<OfferSheet>,
}

/// Reads a bidder's filled price schedule from `path` and imports it as `offer`'s prices
/// ([`import_schedule_workbook`]: refused whole with every wrong cell named by sheet and cell,
/// or saved as one journal entry naming the file and its SHA-256).
pub fn import_schedule_workbook_file(
    store: &mut Store,
    reference: &str,
    offer: &str,
    path: &Path,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<ImportedSchedule> {
    let file = read_workbook_file(path)?;
    import_schedule_workbook(store, reference, offer, &file, at, actor)?;
    let (evaluation, results, sheet) = stored_price_sheet(store, reference)?;
    let lines = evaluation
        .price_schedule
        .as_ref()
        .and_then(|s| s.offers.iter().find(|o| o.offer == offer))
        .map_or(0, |o| o.prices.len());
    let discrepancies = sheet
        .iter()
        .find(|s| s.offer == offer)
        .map_or(0, |s| s.discrepancies.len());
    Ok(ImportedSchedule {
        file: file.source(),
        lines,
        discrepancies,
        evaluation,
        results,
        sheet,
    })
}

/// A return file merged, as the committee screen shows it: what the merge did, then the
/// evaluation as saved.
#[derive(Debug, Clone)]
pub struct MergedReturn {
    pub report: MergeReport,
    pub evaluation: Evaluation,
    pub results: Results,
}

/// Merges a return file like [`import_return_file_with`] (the buyer's choices in `options`:
/// take the file's scores on conflicting cells, confirm a new certificate) and answers the
/// evaluation as saved.
pub fn merge_return_file(
    store: &mut Store,
    reference: &str,
    path: &Path,
    options: ReturnImport,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<MergedReturn> {
    let report = import_return_file_with(store, reference, path, options, at, actor)?;
    let (evaluation, results) = evaluate_stored(store, reference)?;
    Ok(MergedReturn {
        report,
        evaluation,
        results,
    })
}

/// A file's name without its folder, as journals and screens name the file a user brought.
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
