//! An evaluation as rows: writing its parts into the tables and reading them back.
//!
//! Every function takes a plain connection (a transaction derefs to one), so the callers in
//! `tender`, `change` and `journal` decide the transaction. Reading must give back exactly what
//! was written, `Option`s and list order included: the journal hashes what these functions read.

use std::collections::HashMap;

use chrono::NaiveDate;
use jauge_domain::{
    AbnormallyLowMethod, Answer, AutoCheck, Certification, CertificationStatus, Consensus,
    Consolidation, Criterion, CriterionBody, Evaluation, Evaluator, Level, Offer, PriceFormula,
    Procedure, Scale, Score, Settings, Tender,
};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{Error, Result, TenderId};

const DATE_FORMAT: &str = "%Y-%m-%d";

fn date_text(day: NaiveDate) -> String {
    day.format(DATE_FORMAT).to_string()
}

fn parse_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, DATE_FORMAT)
        .map_err(|_| Error::Corrupt(format!("{text:?} is not a date")))
}

fn parse_optional_date(text: Option<String>) -> Result<Option<NaiveDate>> {
    text.as_deref().map(parse_date).transpose()
}

fn corrupt(what: &str, value: &str) -> Error {
    Error::Corrupt(format!("unknown {what} {value:?}"))
}

/// A list index as stored in a `position` column. Lists never come near `i64::MAX` items; the
/// saturation only spares us a panic path.
fn sql_position(index: usize) -> i64 {
    i64::try_from(index).unwrap_or(i64::MAX)
}

fn answer_columns(answer: Answer) -> (Option<f64>, Option<bool>) {
    match answer {
        Answer::Value(value) => (Some(value), None),
        Answer::Met(met) => (None, Some(met)),
    }
}

fn answer_from_columns(value: Option<f64>, met: Option<bool>) -> Result<Answer> {
    match (value, met) {
        (Some(value), None) => Ok(Answer::Value(value)),
        (None, Some(met)) => Ok(Answer::Met(met)),
        _ => Err(Error::Corrupt(
            "an answer has both or neither of value and met".into(),
        )),
    }
}

// ---- tenders ------------------------------------------------------------------------------

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

/// Inserts the tender row (tender data and settings) and returns its id.
pub(crate) fn insert_tender(conn: &Connection, evaluation: &Evaluation) -> Result<TenderId> {
    let t = &evaluation.tender;
    let (consolidation, method, percent) = settings_columns(&evaluation.settings);
    conn.prepare_cached(
        "INSERT INTO tenders (reference, title, buyer, lot, procedure, launch_date, deadline, \
         currency, consolidation, divergence_threshold, abnormally_low, abnormally_low_percent) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        t.reference,
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
    ])?;
    Ok(TenderId(conn.last_insert_rowid()))
}

/// Overwrites the tender data (§2), reference included.
pub(crate) fn update_tender(conn: &Connection, id: TenderId, t: &Tender) -> Result<()> {
    conn.prepare_cached(
        "UPDATE tenders SET reference = ?2, title = ?3, buyer = ?4, lot = ?5, procedure = ?6, \
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
         abnormally_low_percent = ?5 WHERE id = ?1",
    )?
    .execute(params![
        id.0,
        consolidation,
        settings.divergence_threshold,
        method,
        percent
    ])?;
    Ok(())
}

fn get_tender(conn: &Connection, id: TenderId) -> Result<(Tender, Settings)> {
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
    );
    let row: Row = conn
        .prepare_cached(
            "SELECT reference, title, buyer, lot, procedure, launch_date, deadline, currency, \
             consolidation, divergence_threshold, abnormally_low, abnormally_low_percent \
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
    };
    Ok((tender, settings))
}

// ---- whole evaluations --------------------------------------------------------------------

/// Inserts everything below the tender row: criteria, evaluators, offers, scores, consensus.
pub(crate) fn insert_contents(
    conn: &Connection,
    id: TenderId,
    evaluation: &Evaluation,
) -> Result<()> {
    insert_criteria(conn, id, &evaluation.criteria, None)?;
    for (position, evaluator) in evaluation.evaluators.iter().enumerate() {
        insert_evaluator(conn, id, evaluator, position)?;
    }
    for (position, offer) in evaluation.offers.iter().enumerate() {
        insert_offer(conn, id, offer, position)?;
    }
    for (position, score) in evaluation.scores.iter().enumerate() {
        insert_score(conn, id, score, position)?;
    }
    for (position, consensus) in evaluation.consensus.iter().enumerate() {
        insert_consensus(conn, id, consensus, position)?;
    }
    Ok(())
}

/// Deletes everything below the tender row, keeping the row and its journal.
pub(crate) fn delete_contents(conn: &Connection, id: TenderId) -> Result<()> {
    // Children first, so no deferred key is left dangling even for a moment.
    for table in [
        "scores",
        "consensus",
        "certifications",
        "offers",
        "evaluators",
        "levels",
    ] {
        conn.execute(&format!("DELETE FROM {table} WHERE tender_id = ?1"), [id.0])?;
    }
    delete_criteria(conn, id)
}

/// The evaluation stored under `id`, as it was imported and changed.
pub(crate) fn get_evaluation(conn: &Connection, id: TenderId) -> Result<Evaluation> {
    let (tender, settings) = get_tender(conn, id)?;
    Ok(Evaluation {
        tender,
        settings,
        criteria: list_criteria(conn, id)?,
        evaluators: list_evaluators(conn, id)?,
        offers: list_offers(conn, id)?,
        scores: list_scores(conn, id)?,
        consensus: list_consensus(conn, id)?,
    })
}

// ---- criteria -----------------------------------------------------------------------------

/// Inserts `nodes` as the children of `parent` (top level when `None`), depth first so that a
/// parent row always exists before its children.
pub(crate) fn insert_criteria(
    conn: &Connection,
    id: TenderId,
    nodes: &[Criterion],
    parent: Option<&str>,
) -> Result<()> {
    for (position, node) in nodes.iter().enumerate() {
        insert_criterion(conn, id, node, parent, position)?;
    }
    Ok(())
}

fn insert_criterion(
    conn: &Connection,
    id: TenderId,
    node: &Criterion,
    parent: Option<&str>,
    position: usize,
) -> Result<()> {
    let refs = node
        .refs
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(json_error)?;
    let mut scale = None;
    let mut has_levels = false;
    let mut threshold = None;
    let mut formula = None;
    let mut formula_n = None;
    let mut auto_check = None;
    match &node.body {
        CriterionBody::Group { .. } => {}
        CriterionBody::Scored {
            scale: s,
            levels,
            threshold: t,
        } => {
            scale = Some(*s);
            has_levels = levels.is_some();
            threshold = *t;
        }
        CriterionBody::Price { formula: f } => {
            formula = Some(f.name());
            if let PriceFormula::NTimes { n } = f {
                formula_n = Some(*n);
            }
        }
        CriterionBody::Requirement { auto } => auto_check = auto.as_ref(),
    }
    let auto_status = auto_check
        .and_then(|a| a.status.as_ref())
        .map(|list| serde_json::to_string(&list.iter().map(|s| s.as_str()).collect::<Vec<_>>()))
        .transpose()
        .map_err(json_error)?;
    conn.prepare_cached(
        "INSERT INTO criteria (tender_id, id, parent_id, position, title, weight, kind, \
         environmental, refs, scale_min, scale_max, scale_step, has_levels, threshold, formula, \
         formula_n, auto_scheme, auto_min_level, auto_status) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?
    .execute(params![
        id.0,
        node.id,
        parent,
        sql_position(position),
        node.title,
        node.weight,
        node.body.kind_name(),
        node.environmental,
        refs,
        scale.map(|s| s.min),
        scale.map(|s| s.max),
        scale.and_then(|s| s.step),
        has_levels,
        threshold,
        formula,
        formula_n,
        auto_check.map(|a| a.scheme.as_str()),
        auto_check.and_then(|a| a.min_level),
        auto_status,
    ])?;
    match &node.body {
        CriterionBody::Group { children } => insert_criteria(conn, id, children, Some(&node.id))?,
        CriterionBody::Scored {
            levels: Some(levels),
            ..
        } => {
            let mut insert = conn.prepare_cached(
                "INSERT INTO levels (tender_id, criterion_id, position, value, label) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (position, level) in levels.iter().enumerate() {
                insert.execute(params![
                    id.0,
                    node.id,
                    sql_position(position),
                    level.value,
                    level.label
                ])?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Deletes the whole criteria tree (levels go with their criterion).
pub(crate) fn delete_criteria(conn: &Connection, id: TenderId) -> Result<()> {
    conn.prepare_cached("DELETE FROM criteria WHERE tender_id = ?1")?
        .execute([id.0])?;
    Ok(())
}

fn json_error(error: serde_json::Error) -> Error {
    Error::Corrupt(format!("JSON column: {error}"))
}

struct CriterionRow {
    id: String,
    parent: Option<String>,
    title: String,
    weight: f64,
    kind: Option<String>,
    environmental: Option<bool>,
    refs: Option<String>,
    scale_min: Option<f64>,
    scale_max: Option<f64>,
    scale_step: Option<f64>,
    has_levels: bool,
    threshold: Option<f64>,
    formula: Option<String>,
    formula_n: Option<f64>,
    auto_scheme: Option<String>,
    auto_min_level: Option<f64>,
    auto_status: Option<String>,
}

fn list_criteria(conn: &Connection, id: TenderId) -> Result<Vec<Criterion>> {
    let mut levels = list_levels(conn, id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, parent_id, title, weight, kind, environmental, refs, scale_min, scale_max, \
         scale_step, has_levels, threshold, formula, formula_n, auto_scheme, auto_min_level, \
         auto_status FROM criteria WHERE tender_id = ?1 ORDER BY position, rowid",
    )?;
    let rows = stmt
        .query_map([id.0], |r| {
            Ok(CriterionRow {
                id: r.get(0)?,
                parent: r.get(1)?,
                title: r.get(2)?,
                weight: r.get(3)?,
                kind: r.get(4)?,
                environmental: r.get(5)?,
                refs: r.get(6)?,
                scale_min: r.get(7)?,
                scale_max: r.get(8)?,
                scale_step: r.get(9)?,
                has_levels: r.get(10)?,
                threshold: r.get(11)?,
                formula: r.get(12)?,
                formula_n: r.get(13)?,
                auto_scheme: r.get(14)?,
                auto_min_level: r.get(15)?,
                auto_status: r.get(16)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Siblings come out in position order; the tree is rebuilt from the parent links.
    let mut by_parent: HashMap<Option<String>, Vec<Criterion>> = HashMap::new();
    for row in rows {
        let parent = row.parent.clone();
        let node = criterion_from_row(row, &mut levels)?;
        by_parent.entry(parent).or_default().push(node);
    }
    Ok(assemble_children(None, &mut by_parent))
}

fn assemble_children(
    parent: Option<String>,
    by_parent: &mut HashMap<Option<String>, Vec<Criterion>>,
) -> Vec<Criterion> {
    let mut nodes = by_parent.remove(&parent).unwrap_or_default();
    for node in &mut nodes {
        let id = node.id.clone();
        if let CriterionBody::Group { children } = &mut node.body {
            *children = assemble_children(Some(id), by_parent);
        }
    }
    nodes
}

fn criterion_from_row(
    row: CriterionRow,
    levels: &mut HashMap<String, Vec<Level>>,
) -> Result<Criterion> {
    let body = match row.kind.as_deref() {
        None => CriterionBody::Group {
            children: Vec::new(),
        },
        Some("scored") => {
            let (Some(min), Some(max)) = (row.scale_min, row.scale_max) else {
                return Err(Error::Corrupt(format!("criterion {} has no scale", row.id)));
            };
            CriterionBody::Scored {
                scale: Scale {
                    min,
                    max,
                    step: row.scale_step,
                },
                levels: row
                    .has_levels
                    .then(|| levels.remove(&row.id).unwrap_or_default()),
                threshold: row.threshold,
            }
        }
        Some("price") => {
            let formula = match (row.formula.as_deref(), row.formula_n) {
                (Some("proportional"), _) => PriceFormula::Proportional,
                (Some("linear"), _) => PriceFormula::Linear,
                (Some("relative_gap"), _) => PriceFormula::RelativeGap,
                (Some("n_times"), Some(n)) => PriceFormula::NTimes { n },
                (name, _) => return Err(corrupt("price formula", name.unwrap_or("(none)"))),
            };
            CriterionBody::Price { formula }
        }
        Some("requirement") => {
            let status = row
                .auto_status
                .as_deref()
                .map(|text| {
                    let names: Vec<String> = serde_json::from_str(text).map_err(json_error)?;
                    names
                        .iter()
                        .map(|name| {
                            CertificationStatus::from_name(name)
                                .ok_or_else(|| corrupt("certification status", name))
                        })
                        .collect::<Result<Vec<_>>>()
                })
                .transpose()?;
            CriterionBody::Requirement {
                auto: row.auto_scheme.map(|scheme| AutoCheck {
                    scheme,
                    min_level: row.auto_min_level,
                    status,
                }),
            }
        }
        Some(other) => return Err(corrupt("criterion kind", other)),
    };
    let refs = row
        .refs
        .as_deref()
        .map(serde_json::from_str::<Vec<String>>)
        .transpose()
        .map_err(json_error)?;
    Ok(Criterion {
        id: row.id,
        title: row.title,
        weight: row.weight,
        environmental: row.environmental,
        refs,
        body,
    })
}

fn list_levels(conn: &Connection, id: TenderId) -> Result<HashMap<String, Vec<Level>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT criterion_id, value, label FROM levels WHERE tender_id = ?1 \
         ORDER BY criterion_id, position",
    )?;
    let mut out: HashMap<String, Vec<Level>> = HashMap::new();
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Level {
                value: r.get(1)?,
                label: r.get(2)?,
            },
        ))
    })?;
    for row in rows {
        let (criterion, level) = row?;
        out.entry(criterion).or_default().push(level);
    }
    Ok(out)
}

// ---- evaluators ---------------------------------------------------------------------------

/// Inserts an evaluator at `position`.
pub(crate) fn insert_evaluator(
    conn: &Connection,
    id: TenderId,
    evaluator: &Evaluator,
    position: usize,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO evaluators (tender_id, id, position, name, role) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id.0,
        evaluator.id,
        sql_position(position),
        evaluator.name,
        evaluator.role
    ])?;
    Ok(())
}

fn list_evaluators(conn: &Connection, id: TenderId) -> Result<Vec<Evaluator>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, role FROM evaluators WHERE tender_id = ?1 ORDER BY position, rowid",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok(Evaluator {
            id: r.get(0)?,
            name: r.get(1)?,
            role: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- offers -------------------------------------------------------------------------------

/// Inserts an offer at `position`, with its certifications.
pub(crate) fn insert_offer(
    conn: &Connection,
    id: TenderId,
    offer: &Offer,
    position: usize,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO offers (tender_id, id, position, bidder, name, price, irregular, \
         has_certifications) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id.0,
        offer.id,
        sql_position(position),
        offer.bidder,
        offer.name,
        offer.price,
        offer.irregular,
        offer.certifications.is_some(),
    ])?;
    insert_certifications(conn, id, offer)
}

/// Inserts the certifications of `offer` (whose row exists and has none yet).
pub(crate) fn insert_certifications(conn: &Connection, id: TenderId, offer: &Offer) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO certifications (tender_id, offer_id, position, scheme, level, status, \
         valid_from, valid_until, reference) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (position, c) in offer.certifications().iter().enumerate() {
        insert.execute(params![
            id.0,
            offer.id,
            sql_position(position),
            c.scheme,
            c.level,
            c.status.as_str(),
            c.valid_from.map(date_text),
            c.valid_until.map(date_text),
            c.reference,
        ])?;
    }
    Ok(())
}

fn list_offers(conn: &Connection, id: TenderId) -> Result<Vec<Offer>> {
    let mut certifications = list_certifications(conn, id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, bidder, name, price, irregular, has_certifications FROM offers \
         WHERE tender_id = ?1 ORDER BY position, rowid",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            Offer {
                id: r.get(0)?,
                bidder: r.get(1)?,
                name: r.get(2)?,
                price: r.get(3)?,
                irregular: r.get(4)?,
                certifications: None,
            },
            r.get::<_, bool>(5)?,
        ))
    })?;
    let mut offers = Vec::new();
    for row in rows {
        let (mut offer, has_certifications) = row?;
        if has_certifications {
            offer.certifications = Some(certifications.remove(&offer.id).unwrap_or_default());
        }
        offers.push(offer);
    }
    Ok(offers)
}

fn list_certifications(
    conn: &Connection,
    id: TenderId,
) -> Result<HashMap<String, Vec<Certification>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT offer_id, scheme, level, status, valid_from, valid_until, reference \
         FROM certifications WHERE tender_id = ?1 ORDER BY offer_id, position",
    )?;
    let rows = stmt
        .query_map([id.0], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<f64>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out: HashMap<String, Vec<Certification>> = HashMap::new();
    for (offer, scheme, level, status, valid_from, valid_until, reference) in rows {
        let status = CertificationStatus::from_name(&status)
            .ok_or_else(|| corrupt("certification status", &status))?;
        out.entry(offer).or_default().push(Certification {
            scheme,
            level,
            status,
            valid_from: parse_optional_date(valid_from)?,
            valid_until: parse_optional_date(valid_until)?,
            reference,
        });
    }
    Ok(out)
}

// ---- scores and consensus -----------------------------------------------------------------

/// Inserts a score at `position`.
pub(crate) fn insert_score(
    conn: &Connection,
    id: TenderId,
    score: &Score,
    position: usize,
) -> Result<()> {
    let (value, met) = answer_columns(score.answer);
    conn.prepare_cached(
        "INSERT INTO scores (tender_id, offer_id, criterion_id, evaluator_id, position, value, \
         met, justification, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id.0,
        score.offer,
        score.criterion,
        score.evaluator,
        sql_position(position),
        value,
        met,
        score.justification,
        score.at,
    ])?;
    Ok(())
}

/// Sets a score: updated in place when one exists for its (offer, criterion, evaluator), else
/// added after the others.
pub(crate) fn upsert_score(conn: &Connection, id: TenderId, score: &Score) -> Result<()> {
    let (value, met) = answer_columns(score.answer);
    conn.prepare_cached(
        "INSERT INTO scores (tender_id, offer_id, criterion_id, evaluator_id, position, value, \
         met, justification, at) VALUES (?1, ?2, ?3, ?4, \
         (SELECT coalesce(max(position) + 1, 0) FROM scores WHERE tender_id = ?1), \
         ?5, ?6, ?7, ?8) \
         ON CONFLICT (tender_id, offer_id, criterion_id, evaluator_id) DO UPDATE SET \
         value = excluded.value, met = excluded.met, justification = excluded.justification, \
         at = excluded.at",
    )?
    .execute(params![
        id.0,
        score.offer,
        score.criterion,
        score.evaluator,
        value,
        met,
        score.justification,
        score.at,
    ])?;
    Ok(())
}

fn list_scores(conn: &Connection, id: TenderId) -> Result<Vec<Score>> {
    let mut stmt = conn.prepare_cached(
        "SELECT offer_id, criterion_id, evaluator_id, value, met, justification, at \
         FROM scores WHERE tender_id = ?1 ORDER BY position, rowid",
    )?;
    let rows = stmt
        .query_map([id.0], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<f64>>(3)?,
                r.get::<_, Option<bool>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(
            |(offer, criterion, evaluator, value, met, justification, at)| {
                Ok(Score {
                    offer,
                    criterion,
                    evaluator,
                    answer: answer_from_columns(value, met)?,
                    justification,
                    at,
                })
            },
        )
        .collect()
}

/// Inserts a consensus decision at `position`.
pub(crate) fn insert_consensus(
    conn: &Connection,
    id: TenderId,
    consensus: &Consensus,
    position: usize,
) -> Result<()> {
    let (value, met) = answer_columns(consensus.answer);
    conn.prepare_cached(
        "INSERT INTO consensus (tender_id, offer_id, criterion_id, position, value, met, \
         justification) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id.0,
        consensus.offer,
        consensus.criterion,
        sql_position(position),
        value,
        met,
        consensus.justification,
    ])?;
    Ok(())
}

/// Sets a consensus decision: updated in place when one exists for its (offer, criterion), else
/// added after the others.
pub(crate) fn upsert_consensus(
    conn: &Connection,
    id: TenderId,
    consensus: &Consensus,
) -> Result<()> {
    let (value, met) = answer_columns(consensus.answer);
    conn.prepare_cached(
        "INSERT INTO consensus (tender_id, offer_id, criterion_id, position, value, met, \
         justification) VALUES (?1, ?2, ?3, \
         (SELECT coalesce(max(position) + 1, 0) FROM consensus WHERE tender_id = ?1), \
         ?4, ?5, ?6) \
         ON CONFLICT (tender_id, offer_id, criterion_id) DO UPDATE SET \
         value = excluded.value, met = excluded.met, justification = excluded.justification",
    )?
    .execute(params![
        id.0,
        consensus.offer,
        consensus.criterion,
        value,
        met,
        consensus.justification,
    ])?;
    Ok(())
}

fn list_consensus(conn: &Connection, id: TenderId) -> Result<Vec<Consensus>> {
    let mut stmt = conn.prepare_cached(
        "SELECT offer_id, criterion_id, value, met, justification FROM consensus \
         WHERE tender_id = ?1 ORDER BY position, rowid",
    )?;
    let rows = stmt
        .query_map([id.0], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<f64>>(2)?,
                r.get::<_, Option<bool>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(offer, criterion, value, met, justification)| {
            Ok(Consensus {
                offer,
                criterion,
                answer: answer_from_columns(value, met)?,
                justification,
            })
        })
        .collect()
}
