//! Spreadsheets: the evaluation as a workbook, a blank scoring grid per evaluator, and the two
//! workbooks a buyer brings back (a filled grid, the list of bids received).
//!
//! Imports are all or nothing: the workbook is read, every wrong cell is reported by sheet and
//! cell, the result is applied in memory and validated with the same rules as a file, and only
//! then written — in one transaction with one journal entry naming the file and its SHA-256.

use std::path::Path;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use jauge_domain::words::Params;
use jauge_domain::{Change, Evaluation, Invalid, ProblemCode, set_scores, validate_evaluation};
use jauge_sheets::CellProblem;
use jauge_sheets::limits::MAX_WORKBOOK_BYTES;
use jauge_store::SourceFile;
use sha2::{Digest, Sha256};

use crate::{Error, Lang, Result, Store, evaluate_evaluation};

/// A workbook file as read from disk, with the name the journal records.
#[derive(Debug, Clone)]
pub struct WorkbookFile {
    /// The file name without its folder.
    pub name: String,
    pub bytes: Vec<u8>,
}

impl WorkbookFile {
    pub(crate) fn source(&self) -> SourceFile {
        SourceFile::unsigned(self.name.clone(), hex::encode(Sha256::digest(&self.bytes)))
    }
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookImport {
    /// How many scores or offers were set.
    pub count: usize,
    /// The file's name and SHA-256, as journaled.
    pub file: SourceFile,
}

fn sheet_lang(lang: Lang) -> jauge_sheets::Lang {
    match lang {
        Lang::Fr => jauge_sheets::Lang::Fr,
        Lang::En => jauge_sheets::Lang::En,
    }
}

/// A refused workbook as invalid input: each wrong cell on its own line, named by its address.
fn sheet_error(file: &str, error: jauge_sheets::Error) -> Error {
    use jauge_sheets::Error as E;
    match error {
        E::Cells(problems) => Error::Invalid(Invalid::capped(
            problems.iter().map(CellProblem::to_problem).collect(),
        )),
        E::Write(message) => Error::Internal(message),
        E::TooLarge { bytes, limit } => {
            Error::Invalid(jauge_domain::read::too_large(file, bytes, limit))
        }
        E::NotXlsx(detail) => Error::Invalid(Invalid::one(
            file,
            ProblemCode::NotAWorkbook,
            Params::new().with("detail", jauge_sheets::quoted(&detail)),
        )),
        E::TooExpanded { limit, entries } => Error::Invalid(Invalid::one(
            file,
            ProblemCode::WorkbookTooExpanded,
            Params::new()
                .with("limit", limit.to_string())
                .with("entries", entries.to_string()),
        )),
        E::TooManyCells { sheet, limit } => Error::Invalid(Invalid::one(
            file,
            ProblemCode::SheetTooManyCells,
            Params::new()
                .with("sheet", sheet)
                .with("limit", limit.to_string()),
        )),
        E::Protected => Error::Invalid(Invalid::one(
            file,
            ProblemCode::WorkbookProtected,
            Params::new(),
        )),
        E::TextTooLong { part, limit } => Error::Invalid(Invalid::one(
            file,
            ProblemCode::WorkbookTextTooLong,
            Params::new()
                .with("part", jauge_sheets::quoted(&part))
                .with("limit", limit.to_string()),
        )),
        E::TooManyStrings { limit, bytes } => Error::Invalid(Invalid::one(
            file,
            ProblemCode::WorkbookTooManyStrings,
            Params::new()
                .with("limit", limit.to_string())
                .with("bytes", bytes.to_string()),
        )),
        E::TooManyNames { limit } => Error::Invalid(Invalid::one(
            file,
            ProblemCode::WorkbookTooManyNames,
            Params::new().with("limit", limit.to_string()),
        )),
        // Named like any cell (`Offres!D4294967304`) by the tab the buyer sees, or by the XML part when the workbook's map is unreadable.
        E::OutOfSheet { part, sheet, cell } => Error::Invalid(Invalid::one(
            match sheet {
                Some(sheet) => format!(
                    "{}!{}",
                    jauge_sheets::quoted(&sheet),
                    jauge_sheets::quoted(&cell)
                ),
                None => format!("{file} ({})", jauge_sheets::quoted(&part)),
            },
            ProblemCode::CellOutOfSheet,
            Params::new().with("cell", jauge_sheets::quoted(&cell)),
        )),
    }
}

/// Reads a workbook file, refusing one larger than the sheets crate reads before loading it.
pub fn read_workbook_file(path: &Path) -> Result<WorkbookFile> {
    Ok(WorkbookFile {
        name: crate::workflow::file_name(path),
        bytes: crate::read_capped(path, MAX_WORKBOOK_BYTES)?,
    })
}

/// The workbook of an evaluation and its results (summary, matrix, one sheet per evaluator,
/// the committee's decisions, the tender), drawn up `today`.
pub fn render_workbook(evaluation: &Evaluation, lang: Lang, today: NaiveDate) -> Result<Vec<u8>> {
    let results = evaluate_evaluation(evaluation)?;
    jauge_sheets::results_workbook(&jauge_sheets::WorkbookInput {
        evaluation,
        results: &results,
        lang: sheet_lang(lang),
        today,
    })
    .map_err(|e| Error::Internal(e.to_string()))
}

/// The workbook of a consultation of several lots: the award of the lots (each bid's outcome
/// and every step), then each lot's summary and matrix on its deciding round.
pub fn render_consultation_workbook(
    consultation: &jauge_domain::Consultation,
    lang: Lang,
    today: NaiveDate,
) -> Result<Vec<u8>> {
    let results = crate::evaluate_consultation(consultation)?;
    jauge_sheets::consultation_workbook(&jauge_sheets::ConsultationWorkbookInput {
        consultation,
        results: &results,
        lang: sheet_lang(lang),
        today,
    })
    .map_err(|e| Error::Internal(e.to_string()))
}

/// [`render_consultation_workbook`] of a stored consultation.
pub fn render_stored_consultation_workbook(
    store: &Store,
    reference: &str,
    lang: Lang,
    today: NaiveDate,
) -> Result<Vec<u8>> {
    render_consultation_workbook(&store.db().load_consultation(reference)?, lang, today)
}

/// [`render_workbook`] of a stored evaluation.
pub fn render_stored_workbook(
    store: &Store,
    reference: &str,
    lang: Lang,
    today: NaiveDate,
) -> Result<Vec<u8>> {
    render_workbook(&store.db().load_evaluation(reference)?, lang, today)
}

/// The blank scoring grid of `evaluator` for the stored tender `reference`.
pub fn render_score_grid(
    store: &Store,
    reference: &str,
    evaluator: &str,
    lang: Lang,
) -> Result<Vec<u8>> {
    let evaluation = store.db().load_evaluation(reference)?;
    if !evaluation.evaluators.iter().any(|e| e.id == evaluator) {
        return Err(Error::NotFound(format!(
            "evaluator not found: {evaluator} (tender {reference})"
        )));
    }
    jauge_sheets::score_grid(&evaluation, evaluator, sheet_lang(lang))
        .map_err(|e| Error::Internal(e.to_string()))
}

/// Imports the scores of a filled grid for `evaluator`: every wrong cell refused with its
/// address (coded problems, worded by whoever shows them), nothing written then; otherwise the scores are set in one transaction
/// journaled once as `scores.import` naming the file.
pub fn import_score_grid(
    store: &mut Store,
    reference: &str,
    evaluator: &str,
    file: &WorkbookFile,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<WorkbookImport> {
    let mut evaluation = store.db().load_evaluation(reference)?;
    if !evaluation.evaluators.iter().any(|e| e.id == evaluator) {
        return Err(Error::NotFound(format!(
            "evaluator not found: {evaluator} (tender {reference})"
        )));
    }
    let stamp = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let scores = jauge_sheets::read_score_grid(&file.bytes, &evaluation, evaluator, &stamp)
        .map_err(|e| sheet_error(&file.name, e))?;
    crate::package::check_workspace(
        store,
        reference,
        scores.iter().cloned().map(Change::SetScore),
    )?;
    set_scores(&mut evaluation, &scores);
    validate_evaluation(&evaluation)?;
    let source = file.source();
    store
        .write_through(reference)
        .import_scores(reference, &scores, &source, at, actor)?;
    Ok(WorkbookImport {
        count: scores.len(),
        file: source,
    })
}

/// Imports the list of bids received: offers updated in place or added, every wrong cell
/// refused with its address, in one transaction journaled once as `offers.import`.
pub fn import_offers_workbook(
    store: &mut Store,
    reference: &str,
    file: &WorkbookFile,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<WorkbookImport> {
    let mut evaluation = store.db().load_evaluation(reference)?;
    let received =
        jauge_sheets::read_offers(&file.bytes).map_err(|e| sheet_error(&file.name, e))?;
    let offers = received.apply_to(&mut evaluation);
    crate::package::check_workspace(
        store,
        reference,
        offers.iter().cloned().map(Change::UpsertOffer),
    )?;
    // A rule broken by a row of the list is named by the cell it came from.
    validate_evaluation(&evaluation).map_err(|invalid| received.locate(&evaluation, invalid))?;
    let source = file.source();
    store
        .write_through(reference)
        .import_offers(reference, &offers, &source, at, actor)?;
    Ok(WorkbookImport {
        count: offers.len(),
        file: source,
    })
}

/// The blank price schedule (BPU/DQE) of the stored tender `reference`: the workbook every
/// bidder fills with its unit prices.
pub fn render_schedule_workbook(store: &Store, reference: &str, lang: Lang) -> Result<Vec<u8>> {
    let evaluation = store.db().load_evaluation(reference)?;
    if evaluation.price_schedule.is_none() {
        return Err(Error::NotFound(format!(
            "price schedule not found (tender {reference})"
        )));
    }
    jauge_sheets::schedule_workbook(&evaluation, sheet_lang(lang))
        .map_err(|e| Error::Internal(e.to_string()))
}

/// Imports one bidder's filled price schedule as the prices of `offer`, replacing what it had:
/// every wrong cell refused with its address, and a rule of the schedule the figures break
/// (too many digits, a criterion totalling 0…) named by the cell it came from; otherwise saved
/// as one journaled edit (`schedule_offer.set`) whose entry names the file and its SHA-256, as
/// every import's does, and the new results returned.
pub fn import_schedule_workbook(
    store: &mut Store,
    reference: &str,
    offer: &str,
    file: &WorkbookFile,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<jauge_domain::Results> {
    let filled = {
        let evaluation = store.current_evaluation(reference)?;
        if !evaluation.offers.iter().any(|o| o.id == offer) {
            return Err(Error::NotFound(format!(
                "offer not found: {offer} (tender {reference})"
            )));
        }
        jauge_sheets::read_price_schedule(&file.bytes, &evaluation, offer)
            .map_err(|e| sheet_error(&file.name, e))?
    };
    let change = Change::SetScheduleOffer(filled.prices.clone());
    store
        .edit_from(reference, &change, Some(&file.source()), at, actor)
        .map_err(|error| match error {
            Error::Invalid(invalid) => Error::Invalid(filled.locate(invalid)),
            other => other,
        })
}
