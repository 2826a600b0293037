//! The tender row: tender data (§2), settings (§3) and when sealed prices were opened.

use jauge_domain::{AbnormallyLowMethod, Consolidation, Evaluation, Procedure, Settings, Tender};
use rusqlite::{Connection, OptionalExtension, params};

use super::{corrupt, date_text, parse_date, parse_optional_date};
use crate::{Error, Result, TenderId};

/// The tender's row id for `reference`, if stored.
pub(crate) fn find_tender_id(conn: &Connection, reference: &str) -> Result<Option<TenderId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM tenders WHERE reference = ?1")?
        .query_row([reference], |row| row.get(0))
        .optional()?
        .map(TenderId))
}

/// The tender's row id for `reference`, or [`Error::NotFound`] naming it.
pub(crate) fn get_tender_id(conn: &Connection, reference: &str) -> Result<TenderId> {
    find_tender_id(conn, reference)?.ok_or_else(|| Error::NotFound {
        what: "tender",
        key: reference.to_owned(),
    })
}

fn settings_columns(
    settings: &Settings,
) -> (Option<&'static str>, Option<&'static str>, Option<f64>) {
    let consolidation = settings.consolidation.map(Consolidation::as_str);
    let method = settings.abnormally_low.map(AbnormallyLowMethod::name);
    let percent = match settings.abnormally_low {
        Some(AbnormallyLowMethod::PercentBelowMean { percent }) => percent,
        _ => None,
    };
    (consolidation, method, percent)
}

/// Inserts the tender row (tender data and settings) and returns its id. `key`: the key a lot of
/// a consultation is filed under (its evaluation's reference is then kept apart); `None` for an
/// evaluation filed under its own reference.
pub(crate) fn insert_tender(
    conn: &Connection,
    evaluation: &Evaluation,
    key: Option<&str>,
) -> Result<TenderId> {
    let t = &evaluation.tender;
    let (consolidation, method, percent) = settings_columns(&evaluation.settings);
    conn.prepare_cached(
        "INSERT INTO tenders (reference, title, buyer, lot, procedure, launch_date, deadline, \
         currency, consolidation, divergence_threshold, abnormally_low, abnormally_low_percent, \
         sealed_prices, declarations_required, signed_returns_required, evaluation_reference) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        key.unwrap_or(&t.reference),
        t.title,
        t.buyer,
        t.lot,
        t.procedure.map(Procedure::as_str),
        t.launch_date.map(date_text),
        date_text(t.deadline),
        t.currency,
        consolidation,
        evaluation.settings.divergence_threshold,
        method,
        percent,
        evaluation.settings.sealed_prices,
        evaluation.settings.declarations_required,
        evaluation.settings.signed_returns_required,
        key.map(|_| &t.reference),
    ])?;
    Ok(TenderId(conn.last_insert_rowid()))
}

/// Overwrites the tender data (§2), reference included: for a lot of a consultation, filed under
/// a key of its own, the reference its evaluation carries (the key stays).
pub(crate) fn update_tender(conn: &Connection, id: TenderId, t: &Tender) -> Result<()> {
    conn.prepare_cached(
        "UPDATE tenders SET \
         reference = CASE WHEN evaluation_reference IS NULL THEN ?2 ELSE reference END, \
         evaluation_reference = CASE WHEN evaluation_reference IS NULL THEN NULL ELSE ?2 END, \
         title = ?3, buyer = ?4, lot = ?5, procedure = ?6, \
         launch_date = ?7, deadline = ?8, currency = ?9 WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        t.reference,
        t.title,
        t.buyer,
        t.lot,
        t.procedure.map(Procedure::as_str),
        t.launch_date.map(date_text),
        date_text(t.deadline),
        t.currency,
    ])?;
    Ok(())
}

/// Overwrites the settings (§3).
pub(crate) fn update_settings(conn: &Connection, id: TenderId, settings: &Settings) -> Result<()> {
    let (consolidation, method, percent) = settings_columns(settings);
    conn.prepare_cached(
        "UPDATE tenders SET consolidation = ?2, divergence_threshold = ?3, abnormally_low = ?4, \
         abnormally_low_percent = ?5, sealed_prices = ?6, declarations_required = ?7, \
         signed_returns_required = ?8 WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        consolidation,
        settings.divergence_threshold,
        method,
        percent,
        settings.sealed_prices,
        settings.declarations_required,
        settings.signed_returns_required,
    ])?;
    Ok(())
}

/// Records when the sealed prices were opened (`None`: not opened).
pub(crate) fn set_prices_opened_at(
    conn: &Connection,
    id: TenderId,
    at: Option<&str>,
) -> Result<()> {
    conn.prepare_cached("UPDATE tenders SET prices_opened_at = ?2 WHERE id = ?1")?
        .execute(params![id.0, at])?;
    Ok(())
}

/// The tender data, the settings and when sealed prices were opened.
pub(crate) fn get_tender(
    conn: &Connection,
    id: TenderId,
) -> Result<(Tender, Settings, Option<String>)> {
    type Row = (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<f64>,
        Option<String>,
        Option<f64>,
        Option<bool>,
        Option<bool>,
        Option<String>,
        Option<bool>,
    );
    let row: Row = conn
        .prepare_cached(
            "SELECT coalesce(evaluation_reference, reference), title, buyer, lot, procedure, \
             launch_date, deadline, currency, \
             consolidation, divergence_threshold, abnormally_low, abnormally_low_percent, \
             sealed_prices, declarations_required, prices_opened_at, signed_returns_required \
             FROM tenders WHERE id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
                r.get(12)?,
                r.get(13)?,
                r.get(14)?,
                r.get(15)?,
            ))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "tender",
            key: format!("#{}", id.0),
        })?;
    let (
        reference,
        title,
        buyer,
        lot,
        procedure,
        launch_date,
        deadline,
        currency,
        consolidation,
        divergence_threshold,
        method,
        percent,
        sealed_prices,
        declarations_required,
        prices_opened_at,
        signed_returns_required,
    ) = row;
    let procedure = procedure
        .map(|name| Procedure::from_name(&name).ok_or_else(|| corrupt("procedure", &name)))
        .transpose()?;
    let tender = Tender {
        reference,
        title,
        buyer,
        lot,
        procedure,
        launch_date: parse_optional_date(launch_date)?,
        deadline: parse_date(&deadline)?,
        currency,
    };
    let consolidation = consolidation
        .map(|name| match name.as_str() {
            "mean" => Ok(Consolidation::Mean),
            "median" => Ok(Consolidation::Median),
            _ => Err(corrupt("consolidation", &name)),
        })
        .transpose()?;
    let abnormally_low = method
        .map(|name| match name.as_str() {
            "none" => Ok(AbnormallyLowMethod::None),
            "mean_minus_sigma" => Ok(AbnormallyLowMethod::MeanMinusSigma),
            "percent_below_mean" => Ok(AbnormallyLowMethod::PercentBelowMean { percent }),
            "trimmed_mean" => Ok(AbnormallyLowMethod::TrimmedMean),
            _ => Err(corrupt("abnormally-low method", &name)),
        })
        .transpose()?;
    let settings = Settings {
        consolidation,
        divergence_threshold,
        abnormally_low,
        sealed_prices,
        declarations_required,
        signed_returns_required,
    };
    Ok((tender, settings, prices_opened_at))
}
